/**
 * Reader of a plan estratégico sectorial delivered as the seed document
 * (markdown headings, tab-separated tables, `<b>` tags, decimal commas).
 *
 * It never throws: structural problems are `errors` (no plan is produced),
 * data-quality findings are `warnings` (the plan is produced and the planner
 * is told). Every finding carries the 1-based line of the document.
 */
import type { Indicator, Objective, Plan, Trend } from "../plan/plan.ts";
import { PLAN_FORMAT } from "../plan/plan.ts";
import { parseSpanishDecimal } from "../shared/decimal.ts";
import { parseGoalCell, parseIndicatorCell } from "./seed-cells.ts";
import { checkSeedPlan } from "./seed-checks.ts";

export type SeedFinding = { line: number; code: string; message: string };

export type SeedImport = {
  plan: Plan | null;
  errors: SeedFinding[];
  warnings: SeedFinding[];
};

type Line = { n: number; text: string };

type Section = { level: number; title: string; line: number; body: Line[] };

type ObjectiveText = { code: string; text: string; line: number };

/** Row of a "Metas e indicadores" table, kept with its line for the checks. */
export type SeedRow = { line: number; objectiveCode: string; indicator: Indicator };

const TREND_BY_WORD: Record<string, Trend> = {
  suma: "suma",
  creciente: "creciente",
  constante: "constante",
  decreciente: "decreciente",
};

export function importSeedDocument(text: string): SeedImport {
  const errors: SeedFinding[] = [];
  const warnings: SeedFinding[] = [];
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((t, i) => ({ n: i + 1, text: t }));
  const sections = splitSections(lines);

  const title = sections.find((s) => s.level === 1);
  const yearsMatch = title?.title.match(/(\d{4})\s*[-–]\s*(\d{4})/);
  if (!title || !yearsMatch) {
    errors.push({
      line: title?.line ?? 1,
      code: "seed.title",
      message:
        "No se encontró el título del plan con su periodo (p. ej. «# Plan Estratégico Sectorial 2024-2027»): el archivo no parece un plan estratégico sectorial.",
    });
    return { plan: null, errors, warnings };
  }
  const firstYear = Number(yearsMatch[1]);
  const lastYear = Number(yearsMatch[2]);
  if (lastYear < firstYear || lastYear - firstYear > 20) {
    errors.push({
      line: title.line,
      code: "seed.years",
      message: `El periodo del título (${firstYear}-${lastYear}) no es válido.`,
    });
    return { plan: null, errors, warnings };
  }
  const years: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) years.push(y);

  const entity = findEntity(lines);
  const mission = paragraphs(sections.find((s) => /^misi[oó]n$/i.test(s.title)));
  const vision = paragraphs(sections.find((s) => /^visi[oó]n$/i.test(s.title)));

  const objectiveTexts = readObjectiveList(sections);
  if (objectiveTexts.length === 0) {
    errors.push({
      line: 1,
      code: "seed.objectives-missing",
      message:
        "No se encontró la lista de objetivos sectoriales (encabezados «## Objetivo N» con su texto).",
    });
  }
  for (const o of objectiveTexts) {
    if (o.text === "") {
      errors.push({
        line: o.line,
        code: "seed.objective-empty",
        message: `El objetivo ${o.code} no tiene texto.`,
      });
    }
  }

  const rows: SeedRow[] = [];
  const tableSections = sections.filter((s) =>
    /^metas e indicadores objetivo\s+\S+/i.test(s.title),
  );
  if (objectiveTexts.length > 0 && tableSections.length === 0) {
    errors.push({
      line: 1,
      code: "seed.tables-missing",
      message:
        "No se encontró ninguna sección «# Metas e indicadores Objetivo N» con la tabla de metas e indicadores.",
    });
  }
  for (const section of tableSections) {
    const code = section.title.replace(/^metas e indicadores objetivo\s+/i, "").trim();
    const listed = objectiveTexts.find((o) => o.code === code);
    if (!listed) {
      errors.push({
        line: section.line,
        code: "seed.objective-unknown",
        message: `La sección de metas del objetivo ${code} no corresponde a ningún objetivo de la lista de objetivos sectoriales.`,
      });
      continue;
    }
    readTableSection(section, code, years, listed, rows, errors, warnings);
  }
  for (const o of objectiveTexts) {
    if (!rows.some((r) => r.objectiveCode === o.code) && tableSections.length > 0) {
      const hasSection = tableSections.some((s) => s.title.trim().endsWith(` ${o.code}`));
      if (!hasSection) {
        errors.push({
          line: o.line,
          code: "seed.objective-without-table",
          message: `El objetivo ${o.code} no tiene sección «# Metas e indicadores Objetivo ${o.code}».`,
        });
      }
    }
  }

  const seen = new Map<string, number>();
  for (const r of rows) {
    const first = seen.get(r.indicator.code);
    if (first !== undefined) {
      errors.push({
        line: r.line,
        code: "seed.duplicate-code",
        message: `El código de indicador ${r.indicator.code} está repetido (ya aparece en la línea ${first}).`,
      });
    } else seen.set(r.indicator.code, r.line);
  }

  if (errors.length > 0) return { plan: null, errors, warnings };

  const objectives: Objective[] = objectiveTexts.map((o) => ({
    code: o.code,
    name: o.text,
    indicators: rows.filter((r) => r.objectiveCode === o.code).map((r) => r.indicator),
  }));
  const sectorName = entity?.replace(/^sector\s+(de\s+)?/i, "") ?? "";
  const source = lines.find((l) => /^\*\*fuente:?\*\*/i.test(l.text.trim()));
  const plan: Plan = {
    format: PLAN_FORMAT,
    code: planCode(sectorName, firstYear, lastYear),
    name: `${title.title.trim()}${sectorName ? ` - Sector ${sectorName}` : ""}`,
    years,
    objectives,
    ...(entity ? { entity: `Sector ${sectorName}` } : {}),
    ...(mission ? { mission } : {}),
    ...(vision ? { vision } : {}),
    ...(source ? { source: cleanText(source.text.replace(/^\*\*fuente:?\*\*:?/i, "")) } : {}),
  };
  warnings.push(...checkSeedPlan(plan, rows));
  warnings.sort((a, b) => a.line - b.line);
  return { plan, errors, warnings };
}

function splitSections(lines: Line[]): Section[] {
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const line of lines) {
    const h = line.text.match(/^(#{1,6})\s+(.*)$/);
    if (h?.[1] && h[2] !== undefined) {
      current = { level: h[1].length, title: cleanText(h[2]), line: line.n, body: [] };
      sections.push(current);
    } else if (current) current.body.push(line);
  }
  return sections;
}

/** Paragraphs of a section without decoration (`---`, bold percentages, "Fuente:"). */
function paragraphs(section: Section | undefined): string | undefined {
  if (!section) return undefined;
  const text = section.body
    .map((l) => l.text.trim())
    .filter((t) => t !== "" && t !== "---" && !/^\**\d+\s*%\**$/.test(t) && !/^fuente:/i.test(t))
    .map(cleanText)
    .join("\n\n");
  return text === "" ? undefined : text;
}

function findEntity(lines: Line[]): string | undefined {
  for (const l of lines.slice(0, 40)) {
    const m = l.text.trim().match(/^\*\*(sector\s+.+?)\*\*$/i);
    if (m?.[1]) return cleanText(m[1]);
  }
  return undefined;
}

function readObjectiveList(sections: Section[]): ObjectiveText[] {
  const out: ObjectiveText[] = [];
  for (const s of sections) {
    const m = s.title.match(/^objetivo\s+(\d+)$/i);
    if (!m?.[1] || s.level < 2) continue;
    if (out.some((o) => o.code === m[1])) continue;
    out.push({ code: m[1], text: paragraphs(s) ?? "", line: s.line });
  }
  return out;
}

function readTableSection(
  section: Section,
  objectiveCode: string,
  years: number[],
  listed: ObjectiveText,
  rows: SeedRow[],
  errors: SeedFinding[],
  warnings: SeedFinding[],
): void {
  const headerIndex = section.body.findIndex((l) => l.text.includes("\t"));
  if (headerIndex < 0) {
    errors.push({
      line: section.line,
      code: "seed.table-missing",
      message: `La sección de metas del objetivo ${objectiveCode} no tiene tabla (filas separadas por tabulador).`,
    });
    return;
  }
  // The objective's text is repeated above the table; say so when the two differ.
  const repeated = section.body
    .slice(0, headerIndex)
    .map((l) => l.text.trim())
    .filter((t) => t !== "" && !/^\**\d+\s*%\**$/.test(t));
  const repeatedText = cleanText(repeated.join(" "));
  const firstTextLine = section.body.find(
    (l) => repeated[0] !== undefined && l.text.trim() === repeated[0],
  );
  if (repeatedText !== "" && repeatedText !== listed.text) {
    warnings.push({
      line: firstTextLine?.n ?? section.line,
      code: "seed.objective-text-differs",
      message: `El texto del objetivo ${objectiveCode} en su sección de metas difiere del de la lista de objetivos (${describeDifference(listed.text, repeatedText)}); se conserva el de la lista (línea ${listed.line}).`,
    });
  }

  const header = section.body[headerIndex];
  if (!header) return;
  const columns = header.text.split("\t").map((c) => cleanText(c));
  const layout = tableLayout(columns, years);
  if (typeof layout === "string") {
    errors.push({ line: header.n, code: "seed.table-header", message: layout });
    return;
  }
  for (const line of section.body.slice(headerIndex + 1)) {
    if (line.text.trim() === "") {
      continue;
    }
    if (!line.text.includes("\t")) {
      // Notes after a table ("**Fuente:** SEGPLAN…") end it.
      if (rows.some((r) => r.line > header.n)) break;
      continue;
    }
    const cells = line.text.split("\t");
    if (cells.length !== columns.length) {
      errors.push({
        line: line.n,
        code: "seed.row-columns",
        message: `La fila tiene ${cells.length} columnas y el encabezado de la tabla (línea ${header.n}) tiene ${columns.length}.`,
      });
      continue;
    }
    const indicator = readRow(cells, layout, years, line.n, errors, warnings);
    if (indicator) rows.push({ line: line.n, objectiveCode, indicator });
  }
}

type Layout = {
  goal: number;
  indicator: number;
  trend: number;
  weight: number;
  yearColumns: number[];
  total: number;
};

function tableLayout(columns: string[], years: number[]): Layout | string {
  const find = (re: RegExp) => columns.findIndex((c) => re.test(c));
  const goal = find(/^nombre meta/i);
  const indicator = find(/^nombre indicador/i);
  const trend = find(/^tendencia/i);
  const weight = find(/^ponderaci[oó]n/i);
  const total = find(
    new RegExp(`^programaci[oó]n\\s+${years[0]}\\s*[-–]\\s*${years.at(-1)}$`, "i"),
  );
  const yearColumns = years.map((y) => find(new RegExp(`^programaci[oó]n\\s+${y}$`, "i")));
  const missing = [
    goal < 0 ? "«Nombre meta»" : null,
    indicator < 0 ? "«Nombre indicador»" : null,
    trend < 0 ? "«Tendencia»" : null,
    weight < 0 ? "«Ponderación indicador»" : null,
    ...yearColumns.map((c, i) => (c < 0 ? `«Programación ${years[i]}»` : null)),
    total < 0 ? `«Programación ${years[0]}-${years.at(-1)}»` : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    return `Al encabezado de la tabla le faltan las columnas ${missing.join(", ")}.`;
  }
  return { goal, indicator, trend, weight, yearColumns, total };
}

function readRow(
  cells: string[],
  layout: Layout,
  years: number[],
  line: number,
  errors: SeedFinding[],
  warnings: SeedFinding[],
): Indicator | null {
  const cell = (i: number) => cells[i] ?? "";
  const before = errors.length;
  const goal = parseGoalCell(cell(layout.goal));
  const named = parseIndicatorCell(cell(layout.indicator));
  if (named.name === "") {
    errors.push({
      line,
      code: "seed.indicator-name",
      message: "La fila no tiene nombre de indicador.",
    });
  }
  const code = named.code ?? goal.code;
  if (!code) {
    errors.push({
      line,
      code: "seed.indicator-code",
      message:
        "No se encontró el código del indicador ni el de su meta (se espera «Meta sectorial 2307: …» o «<b>3979.</b> Nombre…»).",
    });
  }
  const trendWord = cleanText(cell(layout.trend)).toLowerCase();
  const trend = TREND_BY_WORD[trendWord];
  if (!trend) {
    errors.push({
      line,
      code: "seed.trend",
      message: `Tendencia desconocida «${cleanText(cell(layout.trend))}»: se espera Suma, Creciente, Constante o Decreciente.`,
    });
  }
  const weight = numberCell(cell(layout.weight), "Ponderación indicador", line, errors, warnings);
  const targets: Record<string, number | null> = {};
  let percentCells = 0;
  let plainCells = 0;
  years.forEach((year, i) => {
    const raw = cleanText(cell(layout.yearColumns[i] ?? -1));
    if (raw === "") {
      targets[String(year)] = null;
      return;
    }
    const parsed = numberCell(raw, `Programación ${year}`, line, errors, warnings);
    if (parsed === null) return;
    if (parsed.percent) percentCells++;
    else plainCells++;
    // formats.md §1: 0 is no programado except for decreciente.
    if (parsed.value === 0 && trend !== "decreciente") {
      targets[String(year)] = null;
      warnings.push({
        line,
        code: "seed.zero-target-np",
        message: `Indicador ${code ?? "?"}: la programación ${year} es 0; se lee como no programado (NP), no como meta 0.`,
      });
    } else targets[String(year)] = parsed.value;
  });
  const totalRaw = cleanText(cell(layout.total));
  const totalParsed =
    totalRaw === ""
      ? null
      : numberCell(totalRaw, `Programación ${years[0]}-${years.at(-1)}`, line, errors, warnings);
  if (errors.length > before || !trend || !code || weight === null) return null;
  if (percentCells > 0 && plainCells > 0) {
    warnings.push({
      line,
      code: "seed.mixed-units",
      message: `Indicador ${code}: unas celdas de programación llevan «%» y otras no; todas se leen en la misma unidad (%).`,
    });
  }
  const unit = percentCells > 0 || totalParsed?.percent ? "%" : inferUnit(named.name);
  const total =
    totalParsed === null || (totalParsed.value === 0 && trend !== "decreciente")
      ? null
      : totalParsed.value;
  return {
    code,
    name: named.name,
    goal: goal.text,
    trend,
    unit,
    baseline: null,
    weight: weight.value,
    targets,
    total,
    ...(goal.type ? { goalType: goal.type } : {}),
    ...(goal.code ? { goalCode: goal.code } : {}),
  };
}

function numberCell(
  raw: string,
  column: string,
  line: number,
  errors: SeedFinding[],
  warnings: SeedFinding[],
): { value: number; percent: boolean } | null {
  const text = cleanText(raw);
  const parsed = parseSpanishDecimal(text);
  if (!parsed) {
    errors.push({
      line,
      code: "seed.number",
      message: `Columna «${column}»: «${text}» no es un número (se espera p. ej. 46,00 o 15%).`,
    });
    return null;
  }
  if (parsed.value < 0) {
    errors.push({
      line,
      code: "seed.negative",
      message: `Columna «${column}»: el valor ${text} es negativo.`,
    });
    return null;
  }
  if (parsed.decimalPoint) {
    warnings.push({
      line,
      code: "seed.decimal-point",
      message: `Columna «${column}»: «${text}» usa punto decimal; el documento usa coma decimal. Se leyó ${parsed.value}.`,
    });
  }
  return { value: parsed.value, percent: parsed.percent };
}

/** Unit for counts, indexes and fractions of one product, from the indicator's name. */
function inferUnit(name: string): string {
  if (/^[ií]ndice\b/i.test(name)) return "índice";
  if (/^porcentaje\b/i.test(name)) return "%";
  return "número";
}

function planCode(sector: string, from: number, to: number): string {
  const initials = sector
    .split(/\s+/)
    .filter((w) => w.length > 2)
    .map(
      (w) =>
        w
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, "")[0]
          ?.toUpperCase() ?? "",
    )
    .join("");
  return `PES${initials ? `-${initials}` : ""}-${from}-${to}`;
}

/** Strips markup the document carries (`<b>`, `**`, escapes) and collapses spaces. */
export function cleanText(text: string): string {
  return text
    .replace(/<\/?[a-z][^>]*>/gi, "")
    .replace(/\*\*/g, "")
    .replace(/\\([*_#])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

function describeDifference(a: string, b: string): string {
  const wa = a.split(" ");
  const wb = b.split(" ");
  const i = wa.findIndex((w, k) => w !== wb[k]);
  if (i < 0) return `la sección añade «${wb.slice(wa.length).join(" ")}»`;
  return `«${wa[i]}» en la lista, «${wb[i] ?? ""}» en la sección`;
}
