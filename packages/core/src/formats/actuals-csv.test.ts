import { describe, expect, it } from "vitest";
import { SEED_PLAN } from "../compliance/fixtures/seed-plan.ts";
import { readActualsCsv } from "./actuals-csv.ts";
import { readPlanJson } from "./plan-json.ts";
import { formatProblem } from "./problem.ts";

function problems(text: string): string[] {
  const read = readActualsCsv(text, "avances.csv", SEED_PLAN);
  return read.ok ? [] : read.problems.map(formatProblem);
}

function values(text: string) {
  const read = readActualsCsv(text, "avances.csv", SEED_PLAN);
  if (!read.ok) throw new Error(read.problems.map(formatProblem).join("\n"));
  return read.actuals;
}

describe("lectura del archivo de avances (CSV)", () => {
  it("lee coma y punto decimal", () => {
    expect(
      values("indicator,period,value\n2307,2024,44\n3980,2024-Q1,0\n4200,2025-03,0.05\n"),
    ).toEqual([
      { indicator: "2307", period: "2024", value: 44, line: 2 },
      { indicator: "3980", period: "2024-Q1", value: 0, line: 3 },
      { indicator: "4200", period: "2025-03", value: 0.05, line: 4 },
    ]);
  });

  it("con encabezado separado por ; lee coma decimal, como guarda una hoja de cálculo en español", () => {
    expect(values("indicator;period;value\r\n77;2024;70,72\r\n4267;2024-q2;-0,5\r\n")).toEqual([
      { indicator: "77", period: "2024", value: 70.72, line: 2 },
      { indicator: "4267", period: "2024-Q2", value: -0.5, line: 3 },
    ]);
  });

  it("ignora el BOM y las líneas en blanco, y cuenta las líneas del archivo", () => {
    expect(values("\uFEFFindicator,period,value\n\n2307,2024,44\n   \n,,\n77,2024,70\n")).toEqual([
      { indicator: "2307", period: "2024", value: 44, line: 3 },
      { indicator: "77", period: "2024", value: 70, line: 6 },
    ]);
  });

  it("encuentra las columnas por nombre, en cualquier orden y con columnas de más", () => {
    expect(values('Value,comentario,Indicator,period\n44,"ok, revisado",2307,2024\n')).toEqual([
      { indicator: "2307", period: "2024", value: 44, line: 2 },
    ]);
  });

  it("lee campos entre comillas, con comillas dobladas y saltos de línea dentro", () => {
    const text =
      'indicator;period;value;nota\n"2307";"2024";"44,5";"dijo ""listo""\ny siguió"\n77;2024;70;\n';
    expect(values(text)).toEqual([
      { indicator: "2307", period: "2024", value: 44.5, line: 2 },
      { indicator: "77", period: "2024", value: 70, line: 4 },
    ]);
  });

  it("un valor vacío es no reportado y la fila se ignora, también para mezclas y repetidos", () => {
    expect(values("indicator,period,value\n3980,2024,\n3980,2024-Q1,1\n3980,2024-Q1,\n")).toEqual([
      { indicator: "3980", period: "2024-Q1", value: 1, line: 3 },
    ]);
  });

  it("un archivo con solo el encabezado no tiene avances", () => {
    expect(values("indicator,period,value\n")).toEqual([]);
  });

  it("cada error nombra archivo y línea, todos a la vez", () => {
    const text = [
      "indicator,period,value",
      "9999,2024,1",
      "2307,2024-Q5,1",
      "2307,2028,1",
      "2307,2024,1.234,5",
      "2307,2024,1e3",
      '2307,2025,"1,5"',
      "3980,2024-Q1,1",
      "3980,2024-Q1,2",
      "3980,2024,2",
      "3980,2024-03,2",
      ",2024,1",
      "77,2024,+3",
      "77,2025,.5",
    ].join("\n");
    expect(problems(text)).toEqual([
      'avances.csv: línea 2: indicador desconocido "9999": no está en el plan',
      'avances.csv: línea 3: periodo mal formado "2024-Q5" (se espera AAAA, AAAA-Qn o AAAA-MM)',
      "avances.csv: línea 4: el periodo 2028 está fuera de los años del plan (2024–2027)",
      'avances.csv: línea 5: la fila tiene 4 campos y el encabezado 3 (separador ",")',
      'avances.csv: línea 6: valor mal formado "1e3" (se espera un número con punto decimal, sin separador de miles ni exponente)',
      'avances.csv: línea 7: valor mal formado "1,5" (se espera un número con punto decimal, sin separador de miles ni exponente)',
      "avances.csv: línea 9: el periodo 2024-Q1 del indicador 3980 está repetido (ya en la línea 8)",
      "avances.csv: línea 10: el indicador 3980 mezcla periodos en 2024: 2024 es anual y la línea 8 es trimestral",
      "avances.csv: línea 11: el indicador 3980 mezcla periodos en 2024: 2024-03 es mensual y la línea 8 es trimestral",
      "avances.csv: línea 12: falta el código del indicador",
      'avances.csv: línea 13: valor mal formado "+3" (se espera un número con punto decimal, sin separador de miles ni exponente)',
      'avances.csv: línea 14: valor mal formado ".5" (se espera un número con punto decimal, sin separador de miles ni exponente)',
    ]);
  });

  it("con coma decimal, un punto es un error (podría ser separador de miles)", () => {
    expect(problems("indicator;period;value\n2307;2024;1.234\n2307;2025;1.234,5\n")).toEqual([
      'avances.csv: línea 2: valor mal formado "1.234" (se espera un número con coma decimal, sin separador de miles ni exponente)',
      'avances.csv: línea 3: valor mal formado "1.234,5" (se espera un número con coma decimal, sin separador de miles ni exponente)',
    ]);
  });

  it("faltan columnas en el encabezado", () => {
    expect(problems("indicador,periodo,valor\n2307,2024,44\n")).toEqual([
      'avances.csv: línea 1: falta la columna "indicator" en el encabezado (se espera indicator, period, value)',
      'avances.csv: línea 1: falta la columna "period" en el encabezado (se espera indicator, period, value)',
      'avances.csv: línea 1: falta la columna "value" en el encabezado (se espera indicator, period, value)',
    ]);
    expect(problems("indicator,period,value,value\n")).toEqual([
      'avances.csv: línea 1: la columna "value" aparece dos veces en el encabezado',
    ]);
  });

  it("archivo vacío", () => {
    expect(problems("")).toEqual([
      "avances.csv: línea 1: falta el encabezado (indicator,period,value)",
    ]);
  });

  it("comillas sin cerrar y texto tras las comillas", () => {
    expect(problems('indicator,period,value\n2307,"2024,44\n')).toEqual([
      "avances.csv: línea 2: comillas sin cerrar: el campo entre comillas no termina",
    ]);
    expect(problems('indicator,period,value\n2307,"2024"x,44\n')).toEqual([
      'avances.csv: línea 2: texto después de las comillas de cierre ("x")',
    ]);
  });

  it("sin plan (el plan tenía problemas) revisa todo lo que no depende del plan", () => {
    const read = readActualsCsv(
      "indicator,period,value\n9999,2031,1\n9999,2031-13,x\n",
      "avances.csv",
      null,
    );
    expect(read.ok ? [] : read.problems.map(formatProblem)).toEqual([
      'avances.csv: línea 3: periodo mal formado "2031-13" (se espera AAAA, AAAA-Qn o AAAA-MM)',
      'avances.csv: línea 3: valor mal formado "x" (se espera un número con punto decimal, sin separador de miles ni exponente)',
    ]);
  });

  it("con un plan que tuvo problemas revisa los años y códigos que se pudieron leer", () => {
    const plan = JSON.parse(JSON.stringify(SEED_PLAN));
    plan.objectives[0].indicators[0].weight = -1;
    const read = readPlanJson(JSON.stringify(plan), "plan.json");
    expect(read.ok).toBe(false);
    const outline = read.ok ? null : (read.outline ?? null);
    expect(outline?.years).toEqual([2024, 2025, 2026, 2027]);
    const actuals = readActualsCsv(
      "indicator,period,value\n2307,2024,44\n2307,2029,1\n9999,2024,1\n",
      "avances.csv",
      outline,
    );
    expect(actuals.ok ? [] : actuals.problems.map(formatProblem)).toEqual([
      "avances.csv: línea 3: el periodo 2029 está fuera de los años del plan (2024–2027)",
      'avances.csv: línea 4: indicador desconocido "9999": no está en el plan',
    ]);
  });

  it("sin años válidos en el plan no inventa problemas de años ni de códigos ilegibles", () => {
    const actuals = readActualsCsv("indicator,period,value\n9999,2031,1\n", "avances.csv", {
      years: null,
      indicatorCodes: null,
    });
    expect(actuals.ok).toBe(true);
  });
  it("un archivo sin comillas (leído línea por línea) da los mismos avances y problemas que con un campo entre comillas", () => {
    const rows = [
      "extra,period,indicator,value",
      "x,2024-Q1,2307,10",
      ",,,",
      "  ,  , , ",
      "x,2024-Q1,2307,11",
      "x,2024,2307,5",
      "x,2024,78",
      "x,2024,78,1,2",
      "x,2024, 78 ,1e5",
      "x, 2025-q2 ,4248, 3.5 ",
      ";,2024,77,",
      "x,2024-03,4075,-2",
      "",
    ];
    const plain = `${rows.join("\r\n")}\n`;
    // One quoted field sends the whole file through the RFC 4180 reader.
    const quoted = plain.replace("x,2024-03,4075", 'x,2024-03,"4075"');
    expect(problems(plain)).toEqual([
      "avances.csv: línea 5: el periodo 2024-Q1 del indicador 2307 está repetido (ya en la línea 2)",
      "avances.csv: línea 6: el indicador 2307 mezcla periodos en 2024: 2024 es anual y la línea 2 es trimestral",
      'avances.csv: línea 7: la fila tiene 3 campos y el encabezado 4 (separador ",")',
      'avances.csv: línea 8: la fila tiene 5 campos y el encabezado 4 (separador ",")',
      'avances.csv: línea 9: valor mal formado "1e5" (se espera un número con punto decimal, sin separador de miles ni exponente)',
    ]);
    expect(problems(quoted)).toEqual(problems(plain));
    const fixed = (text: string) =>
      text.replace(
        /x,2024-Q1,2307,11\r\n|x,2024,2307,5\r\n|x,2024,78\r\n|x,2024,78,1,2\r\n|x,2024, 78 ,1e5\r\n/g,
        "",
      );
    expect(values(fixed(plain))).toEqual([
      { indicator: "2307", period: "2024-Q1", value: 10, line: 2 },
      { indicator: "4248", period: "2025-Q2", value: 3.5, line: 5 },
      { indicator: "4075", period: "2024-03", value: -2, line: 7 },
    ]);
    expect(values(fixed(quoted))).toEqual(values(fixed(plain)));
  });
});
