/**
 * The text of the meta against its programación: "Participar en 50
 * instrumentos" programmed as 20+17+17+10 = 64 is a data-quality warning the
 * planner must see (meta 2153 of the seed plan), and a project code pasted inside
 * the sentence ("Poner en funcionamiento 14244. Implementación…", meta 2320)
 * is a copy artefact. Moved here from the seed importer, which now words the
 * same findings for its document lines.
 */
import { effectiveTotal } from "../compliance/plan-rules.ts";
import type { Indicator } from "../plan/plan.ts";
import { parseSpanishDecimal } from "../shared/decimal.ts";
import { hasText, issueAt, type Scope } from "./scope.ts";
import { isPercentUnit } from "./unit-checks.ts";
import type { ValidationIssue } from "./validation-issue.ts";
import { formatDistinct, periodOf } from "./wording.ts";

/**
 * "Meta sectorial 2307: Asistir 46 …", "Meta proyecto: 3. Implementar…": the
 * prefix the sector's documents put before the statement (same shape the seed
 * reader's parseGoalCell accepts). Goals without it are all statement.
 */
const GOAL_PREFIX =
  /^meta\s+(?:sectorial|estrat[eé]gica|proyecto|de\s+proyecto)\s*:?\s*(\d+)\s*[.:]?\s*(.*)$/i;

/** A number followed by a period and a capital in the middle of the sentence. */
const PASTED_CODE = /(^|\s)(\d{4,})\.\s+\p{Lu}/u;

/**
 * The number the statement promises, within its first words ("Asistir 46",
 * "Participar en 50", "Fortalecer la capacidad de los 3", "Fortalecer 100 %").
 */
const PROMISED_NUMBER =
  /^\s*\p{L}+(?:\s+\p{L}+){0,3}?\s+(?:en\s+|los\s+|el\s+|la\s+)?(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(%)?/u;

export function goalStatement(goal: string): { code: string | null; statement: string } {
  const text = goal.replace(/\s+/g, " ").trim();
  const match = text.match(GOAL_PREFIX);
  if (match?.[1] === undefined) return { code: null, statement: text };
  return { code: match[1], statement: match[2] ?? "" };
}

export type GoalTextFinding =
  | { kind: "artefact"; fragment: string }
  | { kind: "total-mismatch"; promised: number; percent: boolean; total: number };

/** What the meta's text says against the period total, or null when they agree. */
export function goalTextFinding(
  indicator: Indicator,
  years: readonly number[],
): GoalTextFinding | null {
  if (!hasText(indicator.goal)) return null;
  const { statement } = goalStatement(indicator.goal);
  const artefact = statement.match(PASTED_CODE)?.[2];
  // The text is broken there: its number cannot be trusted, so compare nothing.
  if (artefact !== undefined) return { kind: "artefact", fragment: artefact };
  const promised = statement.match(PROMISED_NUMBER);
  const total = effectiveTotal(indicator, years);
  const parsed = promised?.[1] === undefined ? null : parseSpanishDecimal(promised[1]);
  if (parsed === null || total === null) return null;
  const n = parsed.value;
  const percent = promised?.[2] === "%";
  const close = (a: number, b: number) => Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(b));
  const agrees =
    close(n, total) ||
    // "Consolidar 1 Modelo" measured in % of the model: 1 model = 100 %.
    (isPercentUnit(indicator.unit) && close(n * 100, total)) ||
    // "Fortalecer 100 % del modelo" measured as a fraction of one: 100 % = 1,00.
    (percent && close(n / 100, total));
  return agrees ? null : { kind: "total-mismatch", promised: n, percent, total };
}

/** The meta's code, when it differs from the indicator's ("indicador 4075 (meta 2153)"). */
function goalCodeOf(indicator: Indicator): string | null {
  const code = hasText(indicator.goalCode)
    ? indicator.goalCode.trim()
    : hasText(indicator.goal)
      ? goalStatement(indicator.goal).code
      : null;
  return code === null || code === indicator.code.trim() ? null : code;
}

export function checkGoalText(
  scope: Scope,
  indicator: Indicator,
  years: readonly number[],
): ValidationIssue[] {
  const finding = goalTextFinding(indicator, years);
  if (finding === null) return [];
  const goalCode = goalCodeOf(indicator);
  const named: Scope =
    goalCode === null ? scope : { ...scope, label: `${scope.label} (meta ${goalCode})` };
  const place = { at: ["goal"], field: "goal" } as const;
  if (finding.kind === "artefact") {
    return [
      issueAt(
        named,
        "goal.text-artefact",
        `el texto de la meta contiene «${finding.fragment}.» en medio de la frase, que parece un código pegado por error; revise el texto.`,
        place,
      ),
    ];
  }
  const [promised, total] = formatDistinct(finding.promised, finding.total);
  return [
    issueAt(
      named,
      "goal.total-mismatch",
      `el texto de la meta dice ${promised}${finding.percent ? " %" : ""} pero la programación del ${periodOf(years)} (${indicator.trend}) es ${total}.`,
      place,
    ),
  ];
}
