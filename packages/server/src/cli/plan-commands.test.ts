import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../audit/audit-repository.ts";
import { runCli } from "../cli.ts";
import { openDatabase } from "../db/open-database.ts";
import { changePlanStatus } from "../plans/plan-lifecycle-service.ts";
import { listPlanVersions } from "../plans/plan-revisions.ts";
import { findPlanIdByCode, getPlan, listPlans } from "../plans/plans-repository.ts";
import { captureIo } from "../testing/capture-io.ts";
import { SEED_PATH } from "../testing/seed-plan.ts";

const CODE = "PES-GP-2024-2027";
const dir = mkdtempSync(join(tmpdir(), "rumbo-plan-cli-"));
const env = { RUMBO_DATA_DIR: join(dir, "data"), DATABASE_URL: "" };
const file = (name: string) => join(dir, name);

async function rumbo(...args: string[]) {
  const io = captureIo();
  const code = await runCli(args, io, env);
  return { code, out: io.out, err: io.err };
}

async function stored() {
  const handle = await openDatabase({ engine: "pglite", dataDir: env.RUMBO_DATA_DIR });
  try {
    const plans = await listPlans(handle.db);
    const copyId = await findPlanIdByCode(handle.db, "PES-COPIA");
    const originalId = await findPlanIdByCode(handle.db, CODE);
    return {
      codes: plans.map((p) => p.code),
      copy: copyId === null ? null : await getPlan(handle.db, copyId),
      original: originalId === null ? null : await getPlan(handle.db, originalId),
    };
  } finally {
    await handle.close();
  }
}

/** The exported workbook with a change made in exceljs, saved as a new file. */
async function editedWorkbook(name: string, edit: (workbook: ExcelJS.Workbook) => void) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(readFileSync(file("plan.xlsx"))).buffer);
  edit(workbook);
  writeFileSync(file(name), new Uint8Array(await workbook.xlsx.writeBuffer()));
  return file(name);
}

function cell(workbook: ExcelJS.Workbook, sheet: string, address: string): ExcelJS.Cell {
  const found = workbook.getWorksheet(sheet);
  if (!found) throw new Error(`no hay hoja ${sheet}`);
  return found.getCell(address);
}

describe("rumbo plan list | export | import", () => {
  beforeAll(async () => {
    expect((await rumbo("plan", "list")).out).toBe(
      `No hay planes en PGlite en ${env.RUMBO_DATA_DIR}.\n`,
    );
    expect((await rumbo("plan", "import-seed", SEED_PATH, "--db")).code).toBe(0);
  });

  it("plan list muestra una tabla con id, código, nombre, vigencias, objetivos, indicadores y publicado", async () => {
    expect(await rumbo("plan", "list")).toEqual({
      code: 0,
      out:
        "id  código            nombre                                                        vigencias  objetivos  indicadores  publicado\n" +
        " 1  PES-GP-2024-2027  Plan Estratégico Sectorial 2024-2027 - Sector Gestión Públi…  2024–2027          8           18  no\n",
      err: "",
    });
  });

  it("plan export escribe la matriz en xlsx y csv, y el plan en json", async () => {
    for (const format of ["xlsx", "csv", "json"]) {
      const out = file(`plan.${format}`);
      expect(await rumbo("plan", "export", CODE, "--format", format, "--out", out)).toEqual({
        code: 0,
        out: `${CODE}: exportado a ${out} (${format}; 8 objetivos, 18 indicadores).\n`,
        err: "",
      });
    }
    expect(readFileSync(file("plan.xlsx")).subarray(0, 2).toString()).toBe("PK");
    expect(JSON.parse(readFileSync(file("plan.json"), "utf8"))).not.toHaveProperty("id");
    const missing = await rumbo("plan", "export", "NO-EXISTE", "--out", file("x.json"));
    expect(missing).toEqual({
      code: 2,
      out: "",
      err: `rumbo: no existe un plan con el código NO-EXISTE en PGlite en ${env.RUMBO_DATA_DIR}.\n`,
    });
  });

  it("importar un plan cuyo código ya existe sale con 2 y no sobrescribe nada", async () => {
    const again = await rumbo("plan", "import", file("plan.xlsx"));
    expect(again.code).toBe(2);
    expect(again.err.trimEnd().split("\n").at(-1)).toBe(
      `rumbo: Ya existe un plan con el código ${CODE} (id 1): para actualizarlo desde ${file("plan.xlsx")} use --update (con --dry-run, ve los cambios sin guardar). No se modificó nada.`,
    );
    expect((await stored()).codes).toEqual([CODE]);
  });

  it("un libro con errores sale con 2, lista cada problema con hoja, fila y columna, y no guarda nada", async () => {
    const broken = await editedWorkbook("roto.xlsx", (workbook) => {
      cell(workbook, "Plan", "B2").value = "PES-COPIA";
      cell(workbook, "Indicadores", "Q3").value = "cuarenta";
      cell(workbook, "Indicadores", "G4").value = "Sube";
    });
    expect(await rumbo("plan", "import", broken)).toEqual({
      code: 2,
      out: "",
      err:
        `${broken}: Indicadores, fila 3, columna «Programación 2025» (Q): «cuarenta» no es un número\n` +
        `${broken}: Indicadores, fila 4, columna «Tendencia» (G): «Sube» no es una opción de tendencia (se espera Suma, Creciente, Constante o Decreciente)\n` +
        `rumbo: ${broken} no se importó (2 problemas); no se modificó nada.\n`,
    });
    expect((await stored()).codes).toEqual([CODE]);
  });

  it("un error de las reglas de validación (plan sin objetivos) también rechaza el archivo", async () => {
    const empty = await editedWorkbook("vacio.xlsx", (workbook) => {
      cell(workbook, "Plan", "B2").value = "PES-COPIA";
      // Every row but the header emptied (the reader skips empty rows).
      for (const name of ["Objetivos", "Indicadores"]) {
        workbook.getWorksheet(name)?.eachRow((row, number) => {
          if (number > 1)
            row.eachCell((c) => {
              c.value = null;
            });
        });
      }
    });
    expect(await rumbo("plan", "import", empty, "--dry-run")).toEqual({
      code: 2,
      out: "",
      err:
        `${empty}: Objetivos: El plan no tiene objetivos.\n` +
        `rumbo: ${empty} no se importó (1 problema); no se modificó nada.\n`,
    });
  });

  it("--dry-run valida e informa sin guardar; sin él, el plan se guarda igual al exportado", async () => {
    const copy = await editedWorkbook("copia.xlsx", (workbook) => {
      cell(workbook, "Plan", "B2").value = "PES-COPIA";
    });
    const dry = await rumbo("plan", "import", copy, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toBe(
      `${copy}: plan PES-COPIA válido (8 objetivos, 18 indicadores; 3 advertencias); prueba: no se guardó nada.\n`,
    );
    expect(dry.err.trimEnd().split("\n")).toEqual([
      `${copy}: Objetivos, fila 4: advertencia: Objetivo 3, vigencia 2024: las ponderaciones de los indicadores programados suman 50 %, no 100 %: no está programado el indicador 78 (pondera 50 %); el cumplimiento se renormaliza sobre los programados.`,
      `${copy}: Indicadores, fila 7, columna «Meta (texto)» (F): advertencia: Objetivo 3, indicador 2320: el texto de la meta contiene «14244.» en medio de la frase, que parece un código pegado por error; revise el texto.`,
      `${copy}: Indicadores, fila 9, columna «Meta (texto)» (F): advertencia: Objetivo 4, indicador 4075 (meta 2153): el texto de la meta dice 50 pero la programación del periodo 2024-2027 (suma) es 64.`,
    ]);
    expect((await stored()).codes).toEqual([CODE]);

    const saved = await rumbo("plan", "import", copy);
    expect(saved.code).toBe(0);
    expect(saved.out).toBe(
      `${copy}: plan PES-COPIA importado con id 2 en PGlite en ${env.RUMBO_DATA_DIR} (8 objetivos, 18 indicadores; 3 advertencias).\n`,
    );
    const { codes, copy: imported, original } = await stored();
    expect(codes).toEqual([CODE, "PES-COPIA"]);
    expect({ ...imported, id: 1, code: CODE }).toEqual(original);
  });

  it("el CSV y el JSON exportados se importan igual (con otro código)", async () => {
    const csv = readFileSync(file("plan.csv"), "utf8").replace(
      /^(\uFEFF?)PES-GP-2024-2027;/gm,
      "$1PES-CSV;",
    );
    writeFileSync(file("csv-copia.csv"), csv);
    const json = readFileSync(file("plan.json"), "utf8").replace(
      `"code": "${CODE}"`,
      '"code": "PES-JSON"',
    );
    writeFileSync(file("json-copia.json"), json);
    expect((await rumbo("plan", "import", file("csv-copia.csv"))).code).toBe(0);
    expect((await rumbo("plan", "import", file("json-copia.json"))).code).toBe(0);
    expect((await stored()).codes).toEqual([CODE, "PES-COPIA", "PES-CSV", "PES-JSON"]);
  });

  it("una extensión desconocida o sin archivo da estado 2 con el uso", async () => {
    expect(await rumbo("plan", "import", file("plan.txt"))).toEqual({
      code: 2,
      out: "",
      err: `rumbo: no se reconoce el formato de ${file("plan.txt")}: la extensión debe ser .xlsx, .csv, .json.\n`,
    });
    expect((await rumbo("plan", "import")).err).toBe(
      "rumbo: indique un único archivo a importar.\nUso: rumbo plan import ARCHIVO.xlsx|.csv|.json [--dry-run] [--update [--justification TEXTO --act ACTA [--effective-from AAAA-MM-DD]]]\n",
    );
    expect((await rumbo("help")).out).toContain(
      "rumbo plan export CÓDIGO_PLAN --format xlsx|csv|json",
    );
  });

  it("--update con la matriz editada lista los cambios, la prueba no guarda y en vigencia exige justificación y acta", async () => {
    const edited = await editedWorkbook("editada.xlsx", (workbook) => {
      // Indicadores, row 9: indicator 4075 (meta 2153); column Q: programación 2025.
      cell(workbook, "Indicadores", "Q9").value = 20;
    });
    const unchanged = await rumbo("plan", "import", file("plan.xlsx"), "--update", "--dry-run");
    expect(unchanged.code).toBe(0);
    expect(unchanged.out).toBe(
      `${file("plan.xlsx")}: plan ${CODE} (versión 1, en formulación): sin cambios; no se guardó nada.\n`,
    );

    const dry = await rumbo("plan", "import", edited, "--update", "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toBe(
      "  Indicador 4075: programación 2025: 17 → 20\n" +
        `${edited}: plan ${CODE} (versión 1, en formulación): 1 cambio; se guardaría como edición (8 objetivos, 18 indicadores; 4 advertencias); prueba: no se guardó nada.\n`,
    );
    const handle = await openDatabase({ engine: "pglite", dataDir: env.RUMBO_DATA_DIR });
    await changePlanStatus(handle.db, 1, "vigente", {
      author: { userId: null, actorEmail: null },
      now: new Date(),
    });
    await handle.close();

    const refused = await rumbo("plan", "import", edited, "--update");
    expect(refused.code).toBe(2);
    expect(refused.err.trimEnd().split("\n").at(-1)).toBe(
      `rumbo: el plan está en vigencia y ${edited} cambia metas, totales o ponderaciones: se guarda como reprogramación; indique --justification (al menos 10 caracteres) y --act. No se modificó nada.`,
    );
    const saved = await rumbo(
      "plan",
      "import",
      edited,
      "--update",
      "--justification",
      "Ajuste de la meta 2153 aprobado por el comité",
      "--act",
      "Acta Comité Sectorial 04/2025",
    );
    expect(saved.code).toBe(0);
    expect(saved.out.trimEnd().split("\n").at(-1)).toBe(
      `${edited}: plan ${CODE} (versión 2, en vigencia): 1 cambio guardado como reprogramación, versión 3 (8 objetivos, 18 indicadores; 4 advertencias).`,
    );
    const check = await openDatabase({ engine: "pglite", dataDir: env.RUMBO_DATA_DIR });
    try {
      const versions = await listPlanVersions(check.db, 1);
      expect(versions.at(-1)).toMatchObject({
        version: 3,
        kind: "reprogramacion",
        actReference: "Acta Comité Sectorial 04/2025",
      });
      const indicator = (await getPlan(check.db, 1))?.objectives
        .flatMap((o) => o.indicators)
        .find((i) => i.code === "4075");
      expect(indicator?.targets["2025"]).toBe(20);
      // One audit entry, written with the version; the refused attempt and the dry runs wrote none.
      const changes = (await listAudit(check.db)).filter((e) =>
        ["plan-editado", "plan-reprogramado"].includes(e.action),
      );
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({
        action: "plan-reprogramado",
        resource: "plan 1",
        outcome: "ok",
        details: { code: CODE, file: "editada.xlsx", version: 3 },
      });
      expect(changes[0]?.actorEmail).toMatch(/^cli:/);
    } finally {
      await check.close();
    }
  });
});
