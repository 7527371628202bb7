import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importSeedDocument } from "./seed-document.ts";

const SEED = fileURLToPath(
  new URL(
    "../../../../seeds/plan-estrategico-sectorial-gestion-publica-2024-2027.txt",
    import.meta.url,
  ),
);
const seedText = readFileSync(SEED, "utf8");

// Every row of the document's tables, as the document writes it.
// [objective, code, goalType, goalCode, trend, unit, weight, 2024, 2025, 2026, 2027, total]
const EXPECTED_ROWS = [
  ["1", "2307", "sectorial", "2307", "constante", "número", 50, 46, 46, 46, 46, 46],
  ["1", "77", "estrategica", "77", "creciente", "índice", 50, 70.72, 72, 73, 74, 74],
  ["2", "3979", "sectorial", "2057", "creciente", "%", 50, 15, 45, 75, 100, 100],
  ["2", "3980", "sectorial", "2058", "suma", "número", 50, 2, 26, 26, 27, 81],
  ["3", "78", "estrategica", "78", "creciente", "índice", 50, null, 92, 93.5, 95, 95],
  ["3", "2320", "sectorial", "2320", "creciente", "%", 50, 10, 40, 70, 100, 100],
  ["4", "4074", "sectorial", "2152", "constante", "número", 50, 1, 1, 1, 1, 1],
  ["4", "4075", "sectorial", "2153", "suma", "número", 50, 20, 17, 17, 10, 64],
  ["5", "73", "estrategica", "73", "creciente", "%", 34, 79, 81, 83, 85, 85],
  ["5", "4263", "sectorial", "2339", "creciente", "número", 33, 0.1, 0.4, 0.75, 1, 1],
  ["5", "4267", "sectorial", "2343", "creciente", "número", 33, 0.5, 1.5, 2.5, 3, 3],
  ["6", "72", "estrategica", "72", "creciente", "índice", 25, 89, 89.5, 90.5, 91.5, 91.5],
  ["6", "4226", "sectorial", "2302", "creciente", "número", 25, 0.1, 0.4, 0.7, 1, 1],
  ["6", "3", "proyecto", "3", "creciente", "número", 25, 0.2, 0.6, 0.8, 1, 1],
  ["6", "4248", "sectorial", "2324", "suma", "número", 25, 1, 2, 2, 1, 6],
  ["6", "80", "estrategica", "80", "creciente", "índice", 0, null, 53.28, null, 59.2, 59.2],
  ["7", "4200", "sectorial", "2276", "suma", "número", 100, 0.25, 0.25, 0.25, 0.25, 1],
  ["8", "4205", "sectorial", "2281", "creciente", "número", 100, 0.1, 0.5, 0.7, 1, 1],
] as const;

describe("importar el plan sectorial de Gestión Pública 2024-2027 tal como se entregó", () => {
  const result = importSeedDocument(seedText);
  const plan = result.plan;

  it("produce el plan sin errores, con sus 4 vigencias, misión y visión", () => {
    expect(result.errors).toEqual([]);
    expect(plan?.code).toBe("PES-GP-2024-2027");
    expect(plan?.name).toBe("Plan Estratégico Sectorial 2024-2027 - Sector Gestión Pública");
    expect(plan?.entity).toBe("Sector Gestión Pública");
    expect(plan?.years).toEqual([2024, 2025, 2026, 2027]);
    expect(plan?.mission).toMatch(
      /^La Secretaría General de la Alcaldía Mayor de Bogotá es la entidad que lidera/,
    );
    expect(plan?.mission).toMatch(/promover un orden institucional eficiente\.$/);
    expect(plan?.vision).toMatch(/^En 2038 la Secretaría General .* generación de valor público$/);
    expect(plan?.source).toMatch(/^SEGPLAN\..*Corte 31 de diciembre de 2024$/);
  });

  it("tiene los 8 objetivos sectoriales con sus textos", () => {
    expect(plan?.objectives.map((o) => o.code)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(plan?.objectives[2]?.name).toBe(
      "Mejorar el uso y aprovechamiento de las tecnologías de la información y las comunicaciones TIC de las entidades distritales que generan valor público y confianza digital.",
    );
    expect(plan?.objectives[7]?.name).toBe(
      "Posicionar la memoria histórica de Bogotá a través de la investigación y la difusión del patrimonio documental, para facilitar el acceso y la consulta por parte de la ciudadanía.",
    );
    expect(plan?.objectives.every((o) => o.weight === undefined)).toBe(true);
  });

  it("lee las 18 filas con los números exactos del documento", () => {
    const rows = plan?.objectives.flatMap((o) =>
      o.indicators.map((i) => [
        o.code,
        i.code,
        i.goalType,
        i.goalCode,
        i.trend,
        i.unit,
        i.weight,
        i.targets["2024"],
        i.targets["2025"],
        i.targets["2026"],
        i.targets["2027"],
        i.total,
      ]),
    );
    expect(rows).toEqual(EXPECTED_ROWS);
  });

  it("conserva los textos de meta e indicador, incluido el artefacto de la meta 2320", () => {
    const all = plan?.objectives.flatMap((o) => o.indicators) ?? [];
    const m2320 = all.find((i) => i.code === "2320");
    expect(m2320?.goal).toBe(
      "Meta sectorial 2320: Poner en funcionamiento 14244. Implementación del Portafolio(s) de servicios TIC para la transformación digital en entidades distritales que mejore su eficiencia y la toma de decisiones",
    );
    const i3979 = all.find((i) => i.code === "3979");
    expect(i3979?.name).toBe(
      "Porcentaje del modelo de integración de servicios institucionales a nivel territorial para las víctimas del conflicto armado en Bogotá",
    );
    expect(all.find((i) => i.code === "3")?.goal).toBe(
      "Meta proyecto: 3. Implementar 1 modelo para la intervención integral y sincronizada de los retos de ciudad",
    );
  });

  it("advierte, con su línea, cada problema de calidad del documento", () => {
    expect(result.warnings.map((w) => [w.line, w.code])).toEqual([
      [120, "seed.objective-text-differs"],
      [143, "seed.zero-target-np"],
      [143, "seed.weights-renormalised"],
      [144, "seed.goal-text-artefact"],
      [154, "seed.goal-total-mismatch"],
      [171, "seed.objective-text-differs"],
      [178, "seed.zero-target-np"],
      [178, "seed.zero-target-np"],
      [178, "seed.zero-weight"],
    ]);
  });

  it("la meta 2153 dice 50 instrumentos pero su programación suma 64", () => {
    const w = result.warnings.find((x) => x.code === "seed.goal-total-mismatch");
    expect(w?.message).toBe(
      "Meta 2153: el texto de la meta dice 50 pero la programación del cuatrienio (suma) es 64.",
    );
  });

  it("la meta 78 programada en 0 en 2024 se lee como NP y el objetivo 3 se renormaliza", () => {
    const messages = result.warnings.filter((w) => w.line === 143).map((w) => w.message);
    expect(messages).toEqual([
      "Indicador 78: la programación 2024 es 0; se lee como no programado (NP), no como meta 0.",
      "Objetivo 3, vigencia 2024: el indicador 78 no está programado; los programados suman 50 % de ponderación y el cumplimiento se renormaliza sobre ellos.",
    ]);
  });
});

describe("documentos mal formados dan errores con número de línea, nunca una excepción", () => {
  const replaceLine = (lineNo: number, text: string) => {
    const lines = seedText.split("\n");
    lines[lineNo - 1] = text;
    return lines.join("\n");
  };

  it("un archivo que no es un plan se rechaza con un mensaje claro", () => {
    const r = importSeedDocument("hola\nesto no es un plan\n");
    expect(r.plan).toBeNull();
    expect(r.errors).toEqual([
      {
        line: 1,
        code: "seed.title",
        message:
          "No se encontró el título del plan con su periodo (p. ej. «# Plan Estratégico Sectorial 2024-2027»): el archivo no parece un plan estratégico sectorial.",
      },
    ]);
  });

  it("un archivo vacío o binario no revienta", () => {
    expect(importSeedDocument("").errors[0]?.code).toBe("seed.title");
    expect(importSeedDocument("\u0000\u0001\u00ff".repeat(100)).plan).toBeNull();
  });

  it("un número ilegible en la programación nombra la línea y la columna", () => {
    const line = seedText.split("\n").findIndex((l) => l.includes("Meta sectorial 2307")) + 1;
    const broken = replaceLine(
      line,
      seedText.split("\n")[line - 1]?.replace("46,00\t46,00\t46,00", "46,00\tcuarenta\t46,00") ??
        "",
    );
    const r = importSeedDocument(broken);
    expect(r.plan).toBeNull();
    expect(r.errors).toEqual([
      {
        line,
        code: "seed.number",
        message:
          "Columna «Programación 2025»: «cuarenta» no es un número (se espera p. ej. 46,00 o 15%).",
      },
    ]);
  });

  it("una tendencia desconocida y una fila con columnas de menos se reportan juntas", () => {
    const lines = seedText.split("\n");
    const l77 = lines.findIndex((l) => l.startsWith("Meta Estratégica 77")) + 1;
    const l4205 = lines.findIndex((l) => l.includes("<b>4205.</b>")) + 1;
    lines[l77 - 1] = (lines[l77 - 1] ?? "").replace("\tCreciente\t", "\tSube\t");
    lines[l4205 - 1] = (lines[l4205 - 1] ?? "").split("\t").slice(0, 5).join("\t");
    const r = importSeedDocument(lines.join("\n"));
    expect(r.plan).toBeNull();
    expect(r.errors).toEqual([
      {
        line: l77,
        code: "seed.trend",
        message:
          "Tendencia desconocida «Sube»: se espera Suma, Creciente, Constante o Decreciente.",
      },
      {
        line: l4205,
        code: "seed.row-columns",
        message: `La fila tiene 5 columnas y el encabezado de la tabla (línea ${l4205 - 1}) tiene 9.`,
      },
    ]);
  });

  it("una tabla sin la columna de tendencia se rechaza nombrando la columna", () => {
    const broken = seedText.replace(
      "Nombre indicador\tTendencia\t",
      "Nombre indicador\tComportamiento\t",
    );
    const r = importSeedDocument(broken);
    expect(r.errors[0]?.message).toBe(
      "Al encabezado de la tabla le faltan las columnas «Tendencia».",
    );
    expect(r.errors[0]?.line).toBe(
      seedText.split("\n").findIndex((l) => l.startsWith("Nombre meta")) + 1,
    );
  });

  it("un código de indicador repetido se rechaza con las dos líneas", () => {
    const broken = seedText.replace("<b>4205.</b>", "<b>4200.</b>");
    const r = importSeedDocument(broken);
    const l4200 = seedText.split("\n").findIndex((l) => l.includes("<b>4200.</b>")) + 1;
    expect(r.errors).toEqual([
      {
        line: l4200 + 9,
        code: "seed.duplicate-code",
        message: `El código de indicador 4200 está repetido (ya aparece en la línea ${l4200}).`,
      },
    ]);
  });

  it("con CRLF y BOM se lee igual", () => {
    const r = importSeedDocument(`\uFEFF${seedText.replace(/\n/g, "\r\n")}`);
    expect(r.errors).toEqual([]);
    expect(r.plan?.objectives.flatMap((o) => o.indicators)).toHaveLength(18);
  });
});
