import type { GoalType } from "../plan/plan.ts";
import { cleanText } from "./seed-document.ts";

export type GoalCell = {
  text: string;
  type: GoalType | null;
  code: string | null;
  statement: string;
};

const GOAL_PREFIX =
  /^meta\s+(sectorial|estrat[eé]gica|proyecto|de\s+proyecto)\s*:?\s*(\d+)\s*[.:]?\s*(.*)$/i;

/**
 * "Meta sectorial 2307: Asistir 46 …", "<b>Meta sectorial 2057</b> Consolidar…",
 * "Meta proyecto: 3. Implementar…", "Meta Estratégica 73 Índice…": the
 * document is not consistent about colons, periods and bold tags.
 */
export function parseGoalCell(raw: string): GoalCell {
  const text = cleanText(raw);
  const m = text.match(GOAL_PREFIX);
  if (!m?.[1] || !m[2]) return { text, type: null, code: null, statement: text };
  const word = m[1].toLowerCase();
  const type: GoalType = word.startsWith("sectorial")
    ? "sectorial"
    : word.startsWith("estrat")
      ? "estrategica"
      : "proyecto";
  return { text, type, code: m[2], statement: m[3] ?? "" };
}

/** "<b>3979.</b> Porcentaje del modelo…" → code 3979; rows of metas estratégicas have no code. */
export function parseIndicatorCell(raw: string): { code: string | null; name: string } {
  const text = cleanText(raw);
  const m = text.match(/^(\d+)\.\s+(.*)$/);
  if (m?.[1] && m[2] !== undefined) return { code: m[1], name: m[2].trim() };
  return { code: null, name: text };
}
