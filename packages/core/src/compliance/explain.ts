/**
 * A readable Spanish explanation of one cell of a result: the formula, each
 * contribution with its weight share and compliance, and what was left out
 * and why (formats.md §3). Numbers are shown in es-CO rounded to 2 decimals
 * half away from zero; the result itself is never rounded.
 */
import { formatNumber, formatRatioAsPercent } from "../format/numbers.ts";
import { DEFAULT_SEMAFORO, type Indicator, type Plan, type Semaforo } from "../plan/plan.ts";
import { indicatorRowsByCode } from "./dashboard.ts";
import type { CellAt } from "./engine.ts";
import { weightOfPeriod, weightOfYear } from "./plan-rules.ts";
import type {
  CellStatus,
  CellTarget,
  ComplianceOptions,
  ComplianceResult,
  IndicatorPeriodCell,
  IndicatorYearCell,
  RollupPeriodCell,
  RollupYearCell,
  SemaforoColor,
} from "./types.ts";

export type ExplainTarget = CellTarget;

export type ExplainInput = { plan: Plan; result: ComplianceResult; options: ComplianceOptions };

/** One value the calculation used, with the name the explanation gives it. */
export type ExplainedValue = { key: string; label: string; value: number | null };

/** One child that counts in a rollup: its weight, renormalised share and contribution. */
export type ExplainedContribution = {
  code: string;
  name: string;
  /** The weight the plan gives it for this vigencia (percent points). */
  weight: number;
  /** weight / Σ weights evaluated; shares sum to 1. */
  share: number;
  compliance: number;
  /** share × compliance; contributions sum to the cell's compliance. */
  contribution: number;
};

/** One child left out of a rollup, and why. */
export type ExplainedExclusion = {
  code: string;
  name: string;
  status: CellStatus;
  reason: string;
};

/**
 * The explanation of one cell as data (`explainCompliance` serves it) and as
 * the text `rumbo explain` prints (`lines`): both come from this one builder,
 * so the page, the API and the CLI say the same.
 */
export type CellExplanation = {
  level: CellTarget["level"];
  code: string | null;
  name: string;
  /** The objective of an indicator; null otherwise. */
  objective: string | null;
  at: CellAt;
  when: string;
  status: CellStatus;
  statusLabel: string;
  compliance: number | null;
  semaforo: SemaforoColor | null;
  /** Indicator cells: the ratio before the cap; null for rollups. */
  raw: number | null;
  overExecution: boolean;
  /** The rule's formula, in words. */
  formula: string;
  thresholds: Semaforo;
  options: ComplianceOptions;
  /** Indicator cells: baseline, target, actual, total, progress as used. */
  values: ExplainedValue[];
  /** Rollups: Σ of the weights of the children evaluated (the renormalisation divisor). */
  evaluatedWeight: number | null;
  contributions: ExplainedContribution[];
  excluded: ExplainedExclusion[];
  /** Cuatrienio rollups: the weighted progress toward the cuatrienio's goal. */
  progress: number | null;
  /** The explanation as `rumbo explain` prints it, one line each. */
  lines: string[];
};

export function explainCell(input: ExplainInput, target: ExplainTarget, at: CellAt): string {
  return renderExplanation(explainCellData(input, target, at));
}

/** The text of `rumbo explain` for an explanation. */
export function renderExplanation(explanation: CellExplanation): string {
  return `${explanation.lines.join("\n")}\n`;
}

export function explainCellData(
  input: ExplainInput,
  target: ExplainTarget,
  at: CellAt,
): CellExplanation {
  if (at !== "period" && !input.plan.years.includes(at)) {
    throw new RangeError(
      `el año ${at} no es una vigencia del plan (${input.plan.years.join(", ")})`,
    );
  }
  return target.level === "indicator"
    ? explainIndicator(input, target.code, at)
    : explainRollup(input, target.level === "plan" ? null : target.code, at);
}

function whenLabel(plan: Plan, at: CellAt): string {
  if (at !== "period") return `vigencia ${at}`;
  return `cuatrienio ${plan.years[0]}–${plan.years[plan.years.length - 1]}`;
}

function capText(options: ComplianceOptions): string {
  return options.cap === null
    ? "sin tope (--cap none): c = r"
    : `c = mín(r; ${formatRatioAsPercent(options.cap)})`;
}

function statusText(status: CellStatus): string {
  switch (status) {
    case "verde":
    case "amarillo":
    case "rojo":
      return status;
    case "np":
      return "no programado (NP)";
    case "sin_reporte":
      return "sin reporte";
    case "pendiente":
      return "pendiente";
  }
}

function semaforoText(plan: Plan): string {
  const semaforo = plan.semaforo ?? DEFAULT_SEMAFORO;
  return `rojo < ${formatRatioAsPercent(semaforo.rojo)}, amarillo < ${formatRatioAsPercent(semaforo.amarillo)}, si no verde`;
}

function pendingText(input: ExplainInput, at: CellAt): string {
  return `Pendiente: ${at} es posterior al año de la fecha de corte ${input.result.asOf ?? ""}; no se evalúa (regla 2).`;
}

function findIndicator(plan: Plan, code: string): { indicator: Indicator; objective: string } {
  for (const objective of plan.objectives) {
    const indicator = objective.indicators.find((item) => item.code === code);
    if (indicator !== undefined) return { indicator, objective: objective.code };
  }
  throw new RangeError(`indicador desconocido "${code}"`);
}

/** The ratio of rule 4 written with the indicator's own numbers. */
function formulaText(
  indicator: Indicator,
  actual: number,
  target: number,
  a: string,
  t: string,
): string {
  const b = indicator.baseline ?? 0;
  if (indicator.trend === "decreciente") {
    return `r = (B − ${a}) / (B − ${t}) = (${formatNumber(b)} − ${formatNumber(actual)}) / (${formatNumber(b)} − ${formatNumber(target)})`;
  }
  if (indicator.progress === "from-baseline") {
    return `r = (${a} − B) / (${t} − B) = (${formatNumber(actual)} − ${formatNumber(b)}) / (${formatNumber(target)} − ${formatNumber(b)}) (variante from-baseline)`;
  }
  return `r = ${a} / ${t} = ${formatNumber(actual)} / ${formatNumber(target)}`;
}

function ratioLines(
  input: ExplainInput,
  indicator: Indicator,
  cell: IndicatorYearCell,
  names: { a: string; t: string },
): string[] {
  if (cell.raw === null || cell.actual === null || cell.target === null || cell.compliance === null)
    return [];
  const { a, t } = names;
  const lines = [
    `Razón (regla 4): ${formulaText(indicator, cell.actual, cell.target, a, t)} = ${formatRatioAsPercent(cell.raw)}` +
      (cell.raw === 0 ? " (una razón negativa cuenta 0)" : ""),
    `Cumplimiento (regla 5): ${capText(input.options)} = ${formatRatioAsPercent(cell.compliance)} → semáforo ${cell.semaforo ?? "—"} (${semaforoText(input.plan)})`,
  ];
  if (cell.overExecution) {
    const limit = (input.plan.semaforo ?? DEFAULT_SEMAFORO).sobreejecucion;
    lines.push(
      `Sobre-ejecución: r = ${formatRatioAsPercent(cell.raw)} supera ${formatRatioAsPercent(limit)}; se marca para revisión y el color no cambia (regla 9).`,
    );
  }
  return lines;
}

function missingLine(input: ExplainInput, what: string): string {
  return input.options.missing === "zero"
    ? `Sin reporte: no hay ${what} hasta el corte; cuenta como 0 (--missing zero, regla 5).`
    : `Sin reporte: no hay ${what} hasta el corte; se deja por fuera como un NP (--missing exclude, regla 5).`;
}

function baseExplanation(
  input: ExplainInput,
  at: CellAt,
  fields: Pick<CellExplanation, "level" | "code" | "name" | "objective" | "formula"> & {
    cell: {
      status: CellStatus;
      compliance: number | null;
      semaforo: SemaforoColor | null;
    };
  },
): CellExplanation {
  const { cell, ...rest } = fields;
  return {
    ...rest,
    at,
    when: whenLabel(input.plan, at),
    status: cell.status,
    statusLabel: statusText(cell.status),
    compliance: cell.compliance,
    semaforo: cell.semaforo,
    raw: null,
    overExecution: false,
    thresholds: input.plan.semaforo ?? DEFAULT_SEMAFORO,
    options: input.options,
    values: [],
    evaluatedWeight: null,
    contributions: [],
    excluded: [],
    progress: null,
    lines: [],
  };
}

function ratioRule(indicator: Indicator): string {
  if (indicator.trend === "decreciente") return "r = (B − A) / (B − T)";
  if (indicator.progress === "from-baseline") return "r = (A − B) / (T − B)";
  return "r = A / T";
}

function explainIndicator(input: ExplainInput, code: string, at: CellAt): CellExplanation {
  const { indicator, objective } = findIndicator(input.plan, code);
  const row = input.result.indicators.find((item) => item.code === code);
  if (row === undefined) throw new RangeError(`indicador desconocido "${code}"`);
  const cell = at === "period" ? row.period : row.years[String(at)];
  if (cell === undefined) throw new RangeError(`el año ${at} no es una vigencia del plan`);
  const explanation = baseExplanation(input, at, {
    level: "indicator",
    code,
    name: indicator.name,
    objective,
    formula: `${ratioRule(indicator)}; c = ${input.options.cap === null ? "r" : "mín(r; tope)"} (reglas 4–5${at === "period" ? " y 8" : ""})`,
    cell,
  });
  explanation.raw = cell.raw;
  explanation.overExecution = cell.overExecution;
  const unit = indicator.unit === undefined ? "" : ` · unidad ${indicator.unit}`;
  const lines = [
    `Indicador ${code} — ${indicator.name}`,
    `Objetivo ${objective} · ${whenLabel(input.plan, at)} · tendencia ${indicator.trend}${unit}`,
  ];
  const values: ExplainedValue[] = [];
  if (indicator.trend === "decreciente" || indicator.progress === "from-baseline") {
    lines.push(`Línea base (B): ${formatNumber(indicator.baseline ?? null)}`);
    values.push({ key: "baseline", label: "Línea base (B)", value: indicator.baseline ?? null });
  }
  explanation.values = values;
  explanation.lines = lines;
  if (at === "period") {
    lines.push(...explainIndicatorPeriod(input, indicator, row.period, values));
    return explanation;
  }
  const yearCell = row.years[String(at)] as IndicatorYearCell;
  lines.push(`Estado: ${statusText(yearCell.status)}`);
  const actualRule =
    indicator.trend === "suma"
      ? "el reporte anual, o la suma de los trimestres o meses reportados hasta el corte"
      : "el reporte anual, o el valor del último trimestre o mes reportado hasta el corte";
  if (yearCell.status === "np") {
    lines.push(
      `No programado (NP) en ${at}: la meta está vacía, es null o 0 (formats §1, regla 3); no se evalúa ni pesa en el objetivo.`,
    );
    values.push({ key: "target", label: "Meta programada (T)", value: null });
    if (yearCell.actual !== null) {
      lines.push(
        `Se reportó A = ${formatNumber(yearCell.actual)}, que se muestra pero no se califica.`,
      );
      values.push({ key: "actual", label: "Avance (A)", value: yearCell.actual });
    }
    return explanation;
  }
  lines.push(`Meta programada (T): ${formatNumber(yearCell.target)}`);
  values.push({ key: "target", label: "Meta programada (T)", value: yearCell.target });
  if (yearCell.status === "pendiente") {
    lines.push(pendingText(input, at));
    return explanation;
  }
  if (yearCell.status === "sin_reporte") {
    lines.push(missingLine(input, "avance reportado"));
    values.push({ key: "actual", label: "Avance (A)", value: null });
    return explanation;
  }
  lines.push(`Avance (A): ${formatNumber(yearCell.actual)} — ${actualRule} (regla 1)`);
  values.push({ key: "actual", label: "Avance (A)", value: yearCell.actual });
  lines.push(...ratioLines(input, indicator, yearCell, { a: "A", t: "T" }));
  return explanation;
}

function explainIndicatorPeriod(
  input: ExplainInput,
  indicator: Indicator,
  cell: IndicatorPeriodCell,
  values: ExplainedValue[],
): string[] {
  const suma = indicator.trend === "suma";
  values.push(
    { key: "actual", label: "Avance a la fecha (A*)", value: cell.actual },
    { key: "target", label: "Meta a la fecha (T*)", value: cell.target },
    { key: "total", label: "Total del cuatrienio", value: cell.total },
    { key: "progress", label: "Avance hacia la meta del cuatrienio", value: cell.progress },
  );
  const lines = [
    `Estado del cumplimiento acumulado: ${statusText(cell.status)}`,
    `Avance a la fecha (A*): ${formatNumber(cell.actual)} — ${suma ? "suma de los avances anuales de los años evaluados" : "avance del último año evaluado que tiene reporte"} (regla 8)`,
    `Meta a la fecha (T*): ${formatNumber(cell.target)} — ${suma ? "suma de las metas de los años evaluados programados" : "meta del último año evaluado programado"}; cuenta lo programado, reportado o no (regla 8)`,
  ];
  if (cell.status === "np")
    lines.push("No hay años evaluados programados: el cumplimiento acumulado es NP (regla 8).");
  else if (cell.status === "sin_reporte") lines.push(missingLine(input, "avance a la fecha"));
  else lines.push(...ratioLines(input, indicator, cell, { a: "A*", t: "T*" }));
  if (cell.total === null) {
    lines.push("Total del cuatrienio: NP (nulo o 0); el avance hacia la meta no aplica (regla 8).");
  } else {
    lines.push(`Total del cuatrienio: ${formatNumber(cell.total)}`);
    lines.push(
      cell.actual === null
        ? "Avance hacia la meta del cuatrienio: 0,00% (no hay A*)"
        : `Avance hacia la meta del cuatrienio: A* frente al total, como en las reglas 4–5 = ${formatRatioAsPercent(cell.progress)}`,
    );
  }
  return lines;
}

/** `progress` of a period child: has one, has no A* (counts 0 or is left out), or is null. */
type Child = {
  code: string;
  name: string;
  weightPct: number;
  status: CellStatus;
  progress: "ok" | "no-actual" | "null";
};

function explainRollup(
  input: ExplainInput,
  objectiveCode: string | null,
  at: CellAt,
): CellExplanation {
  const { plan, result } = input;
  let cell: RollupYearCell | undefined;
  let periodCell: RollupPeriodCell | undefined;
  let title: string;
  let children: Child[];
  let childLabel: string;
  let rule: string;
  if (objectiveCode === null) {
    periodCell = result.plan.period;
    cell = at === "period" ? periodCell : result.plan.years[String(at)];
    title = `Plan ${plan.code} — ${plan.name}`;
    childLabel = "objetivos";
    rule = "regla 7";
    children = plan.objectives.map((objective, index) => {
      const row = result.objectives[index];
      const child = at === "period" ? row?.period : row?.years[String(at)];
      const weight = objective.weight;
      return {
        code: objective.code,
        name: objective.name,
        weightPct:
          weight === undefined
            ? 1
            : at === "period"
              ? weightOfPeriod(weight, plan.years)
              : weightOfYear(weight, at),
        status: child?.status ?? "np",
        progress: row?.period.progress === null ? "null" : "ok",
      };
    });
  } else {
    const index = plan.objectives.findIndex((objective) => objective.code === objectiveCode);
    const objective = plan.objectives[index];
    const row = result.objectives[index];
    if (objective === undefined || row === undefined)
      throw new RangeError(`objetivo desconocido "${objectiveCode}"`);
    periodCell = row.period;
    cell = at === "period" ? periodCell : row.years[String(at)];
    title = `Objetivo ${objective.code} — ${objective.name}`;
    childLabel = "indicadores";
    rule = "regla 6";
    const indicatorRows = indicatorRowsByCode(result);
    children = objective.indicators.map((indicator) => {
      const indicatorRow = indicatorRows.get(indicator.code);
      const child = at === "period" ? indicatorRow?.period : indicatorRow?.years[String(at)];
      return {
        code: indicator.code,
        name: indicator.name,
        weightPct:
          at === "period"
            ? weightOfPeriod(indicator.weight, plan.years)
            : weightOfYear(indicator.weight, at),
        status: child?.status ?? "np",
        progress:
          indicatorRow?.period.progress === null
            ? "null"
            : indicatorRow?.period.actual === null
              ? "no-actual"
              : "ok",
      };
    });
  }
  if (cell === undefined) throw new RangeError(`el año ${at} no es una vigencia del plan`);
  const formula = `Σ(peso × cumplimiento) / Σ(peso) sobre los ${childLabel} evaluados; los pesos se renormalizan sobre lo evaluado.`;
  const explanation = baseExplanation(input, at, {
    level: objectiveCode === null ? "plan" : "objective",
    code: objectiveCode,
    name: title.slice(title.indexOf(" — ") + 3),
    objective: null,
    formula: `${formula} (${rule}${at === "period" ? " y regla 8" : ""})`,
    cell,
  });
  const lines = [title, `${whenLabel(plan, at)} · estado: ${statusText(cell.status)}`];
  explanation.lines = lines;
  if (cell.status === "pendiente") {
    lines.push(pendingText(input, at));
    return explanation;
  }
  const weightsNote =
    objectiveCode === null && plan.objectives.every((objective) => objective.weight === undefined)
      ? " El plan no da pesos a los objetivos: todos pesan igual."
      : "";
  lines.push(`Fórmula (${rule}${at === "period" ? " y regla 8" : ""}): ${formula}${weightsNote}`);
  const byCode = new Map(children.map((child) => [child.code, child]));
  if (cell.status === "np") {
    lines.push(
      `NP: ningún ${childLabel === "objetivos" ? "objetivo" : "indicador"} se evaluó, o los pesos evaluados suman 0.`,
    );
  } else {
    const evaluatedWeight = cell.contributions.reduce(
      (sum, item) => sum + (byCode.get(item.code)?.weightPct ?? 0),
      0,
    );
    explanation.evaluatedWeight = evaluatedWeight;
    explanation.contributions = cell.contributions.map((item) => ({
      code: item.code,
      name: byCode.get(item.code)?.name ?? "",
      weight: byCode.get(item.code)?.weightPct ?? 0,
      share: item.weight,
      compliance: item.compliance,
      contribution: item.contribution,
    }));
    lines.push(
      `Cumplimiento: ${formatRatioAsPercent(cell.compliance)} → semáforo ${cell.semaforo ?? "—"} (${semaforoText(plan)})`,
    );
    lines.push(`Contribuciones (participación = peso / ${formatNumber(evaluatedWeight)}):`);
    for (const item of explanation.contributions) {
      const zero = item.share === 0 ? " (peso 0: se muestra, no pondera)" : "";
      lines.push(
        `  - ${item.code} ${shortName(item.name)}: peso ${formatNumber(item.weight)} → participación ${formatRatioAsPercent(item.share)} × cumplimiento ${formatRatioAsPercent(item.compliance)} = ${formatRatioAsPercent(item.contribution)}${zero}`,
      );
    }
    lines.push(`Suma de contribuciones: ${formatRatioAsPercent(cell.compliance)}`);
  }
  const listed = new Set(cell.contributions.map((item) => item.code));
  const excluded =
    cell.status === "np" ? children : children.filter((child) => !listed.has(child.code));
  explanation.excluded = excluded.map((child) => ({
    code: child.code,
    name: child.name,
    status: child.status,
    reason: exclusionReason(child.status),
  }));
  if (excluded.length > 0 && cell.status !== "np") lines.push("Excluidos:");
  for (const child of explanation.excluded)
    lines.push(`  - ${child.code} ${shortName(child.name)}: ${child.reason}`);
  if (at === "period" && periodCell !== undefined) {
    explanation.progress = periodCell.progress;
    lines.push(...progressLines(input, periodCell, children));
  }
  return explanation;
}

/** Objective texts run to 300 characters; a line of the explanation names them briefly. */
function shortName(name: string): string {
  if (name.length <= 72) return name;
  const cut = name.lastIndexOf(" ", 71);
  return `${name.slice(0, cut > 40 ? cut : 71).replace(/[\s,.;:]+$/, "")}…`;
}

function exclusionReason(status: CellStatus): string {
  if (status === "np") return "no programado (NP): no pesa";
  if (status === "pendiente") return "pendiente: posterior a la fecha de corte";
  if (status === "sin_reporte") return "sin reporte, excluido (--missing exclude)";
  return `evaluado (${status}) con peso 0`;
}

function progressLines(input: ExplainInput, cell: RollupPeriodCell, children: Child[]): string[] {
  const lines = [
    `Avance hacia la meta del cuatrienio: ${cell.progress === null ? "no aplica" : formatRatioAsPercent(cell.progress)} — promedio ponderado por los pesos del cuatrienio de los avances que no son nulos (regla 8).`,
  ];
  const noActual = children
    .filter((child) => child.progress === "no-actual")
    .map((child) => child.code);
  if (noActual.length > 0) {
    lines.push(
      input.options.missing === "zero"
        ? `Sin avance a la fecha, cuentan 0: ${noActual.join(", ")} (--missing zero).`
        : `Sin avance a la fecha, se dejan por fuera: ${noActual.join(", ")} (--missing exclude).`,
    );
  }
  const none = children.filter((child) => child.progress === "null").map((child) => child.code);
  if (none.length > 0)
    lines.push(
      `Sin avance calculable (total NP o sin hijos con avance), fuera del promedio: ${none.join(", ")}.`,
    );
  return lines;
}
