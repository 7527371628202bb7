import type { Plan } from "@rumbo/core";
import { formatMatrixProblem, planToFlatRows } from "@rumbo/core";
import { describe, expect, it } from "vitest";
import { seedPlan } from "../testing/seed-plan.ts";
import { sampleMatrixPlan } from "./matrix-sample-plan.ts";
import { detectSeparator, readPlanCsv, writePlanCsv } from "./plan-csv.ts";

function roundTrip(plan: Plan): Plan {
  const read = readPlanCsv(Buffer.from(writePlanCsv(plan), "utf8"), "plan.csv");
  if (!read.ok) throw new Error(JSON.stringify(read.problems.slice(0, 5), null, 2));
  return read.plan;
}

function problemsOf(text: string): string[] {
  const read = readPlanCsv(text, "plan.csv");
  if (read.ok) throw new Error("se esperaban problemas");
  return read.problems.map(formatMatrixProblem);
}

/** The seed CSV with one field of one line replaced (line 1 is the header). */
function seedCsvWith(line: number, header: string, value: string): string {
  const lines = writePlanCsv(seedPlan()).split("\r\n");
  const columns = (lines[0] ?? "").replace(/^\uFEFF/, "").split(";");
  const index = columns.indexOf(header);
  if (index === -1) throw new Error(`no hay columna ${header}`);
  const fields = splitSemicolons(lines[line - 1] ?? "");
  fields[index] = value;
  lines[line - 1] = fields.join(";");
  return lines.join("\r\n");
}

function splitSemicolons(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    if (char === ";" && !quoted) {
      fields.push(field);
      field = "";
    } else field += char;
  }
  fields.push(field);
  return fields;
}

describe("matriz de formulación en CSV: exportar e importar da el mismo plan", () => {
  it("el CSV es como lo guarda un Excel en español: BOM, ; y coma decimal, una fila por indicador", () => {
    const csv = writePlanCsv(seedPlan());
    expect(csv.startsWith("\uFEFFCódigo del plan;Nombre del plan;Entidad;Vigencia desde")).toBe(
      true,
    );
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + 18);
    // Indicador 77: 70,72 en 2024, ponderación 50.
    expect(lines[2]).toContain(";Creciente;;índice;;;;;;;70,72;72;73;74;74;;;;;50");
  });

  it("el plan estratégico sectorial 2024-2027 y uno de 5.000 indicadores vuelven idénticos", () => {
    const seed = seedPlan();
    expect(roundTrip(seed)).toEqual(seed);
    const big = sampleMatrixPlan(5000);
    expect(roundTrip(big)).toEqual(big);
  });

  it("un objetivo sin indicadores tiene su propia fila y vuelve", () => {
    const plan = seedPlan();
    plan.objectives.push({ code: "9", name: "Objetivo nuevo sin indicadores", indicators: [] });
    const lines = writePlanCsv(plan).trimEnd().split("\r\n");
    expect(lines.at(-1)).toMatch(/;9;Objetivo nuevo sin indicadores;+$/);
    expect(roundTrip(plan)).toEqual(plan);
  });

  it("un texto =HYPERLINK(…) va con apóstrofo y entre comillas, y vuelve exacto", () => {
    const plan = seedPlan();
    const first = plan.objectives[0]?.indicators[0];
    if (!first) throw new Error("sin indicadores");
    first.name = '=HYPERLINK("http://x")';
    first.unit = "-";
    expect(writePlanCsv(plan)).toContain(`;"'=HYPERLINK(""http://x"")";`);
    expect(roundTrip(plan)).toEqual(plan);
  });

  it("lee también un CSV separado por comas con punto decimal, y uno guardado en Windows-1252", () => {
    const plan = seedPlan();
    const comma = planToFlatRows(plan)
      .map((row) =>
        row
          .map((cell) => {
            if (cell === null) return "";
            if (typeof cell === "number") return String(cell);
            return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
          })
          .join(","),
      )
      .join("\n");
    expect(detectSeparator(comma)).toBe(",");
    const read = readPlanCsv(comma, "plan.csv");
    expect(read.ok && read.plan).toEqual(plan);
    const latin1 = Uint8Array.from(writePlanCsv(plan).replace(/^\uFEFF/, ""), (char) =>
      char.charCodeAt(0) <= 0xff ? char.charCodeAt(0) : 0x3f,
    );
    const fromWindows = readPlanCsv(latin1, "plan.csv");
    expect(fromWindows.ok && fromWindows.plan.objectives[0]?.indicators[1]?.name).toBe(
      "Índice de Desarrollo del Servicio Civil Distrital",
    );
  });
});

describe("matriz de formulación en CSV: problemas con fila y columna", () => {
  it("texto en un número nombra la fila y la columna del CSV", () => {
    expect(problemsOf(seedCsvWith(3, "Programación 2025", "cuarenta"))).toEqual([
      "fila 3, columna «Programación 2025» (AH): «cuarenta» no es un número",
    ]);
  });

  it("un dato del plan que cambia entre filas se informa en la fila que difiere", () => {
    expect(problemsOf(seedCsvWith(5, "Vigencia hasta", "2028"))).toEqual([
      "fila 5, columna «Vigencia hasta» (E): «2028» no coincide con la fila 2 («2027»): los datos del plan se repiten iguales en cada fila (o se dejan vacíos)",
    ]);
  });

  it("unas comillas sin cerrar se informan con la línea", () => {
    const text = `${writePlanCsv(seedPlan()).trimEnd()}\r\nPES;"sin cerrar;2024\r\n`;
    const read = readPlanCsv(text, "plan.csv");
    expect(read.ok ? [] : read.problems.map((p) => p.message)).toEqual([
      "plan.csv no es un CSV válido cerca de la línea 21: unas comillas se abren y no se cierran",
    ]);
  });

  it("una matriz guardada en UTF-16 (con marca LE o BE, o sin marca) da el mismo plan que en UTF-8", () => {
    const plan = { ...sampleMatrixPlan(2), mission: "Misión con tilde" };
    const text = writePlanCsv(plan).replace(/^\uFEFF/, "");
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le);
    be.swap16();
    const variants = [
      Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      le,
    ];
    for (const bytes of variants) {
      const read = readPlanCsv(bytes, "plan.csv");
      expect(read.ok ? read.plan : read.problems).toEqual(plan);
    }
  });
});
