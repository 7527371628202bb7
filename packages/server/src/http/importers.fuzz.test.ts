/**
 * Hostile files against every importer, through HTTP on both engines: the
 * import of a new plan and the update of a stored one from its matriz (XLSX,
 * CSV, rumbo.plan/v1 JSON), the bulk load of reports (CSV, XLSX) and the
 * upload of a soporte. Whatever arrives — the seed plan's exported files cut
 * at a random byte or with bytes flipped, CSV with quotes, separators, BOMs
 * and UTF-16, workbooks with formula cells and shared formulas, zip bombs
 * within and beyond the limits, oversized bodies, random bytes — the answer
 * is never a 5xx, a refusal is a Spanish message naming the file (and the
 * row and column when the file has them), and a refused or dry-run file
 * leaves every stored table as it was. Then: exported CSV and XLSX never
 * carry a formula a spreadsheet would run (formats.md, «Cell spellings»),
 * and the heap returns to its level. CI runs a bounded count; `npm run fuzz`
 * the long one.
 */

import { type Plan, readPlanJson } from "@rumbo/core";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/open-database.ts";
import { cortes } from "../db/schema.ts";
import { loadDemoDataIfEmpty } from "../demo-data.ts";
import { writePlanFile } from "../files/plan-files.ts";
import { getPlan, savePlan } from "../plans/plans-repository.ts";
import { createAccount, sessionFor } from "../testing/accounts.ts";
import {
  FORMULA_TEXTS,
  hostileWorkbooks,
  matrizWithFormulas,
  mutatedBytes,
  mutatedCsv,
  REPORTS_CSV,
  reportsWorkbook,
  XLSX_TYPE,
} from "../testing/fuzz-files.ts";
import { heapUsedAfterGc, megabytes } from "../testing/heap.ts";
import { seedPlan } from "../testing/seed-plan.ts";
import { storedSnapshot } from "../testing/stored-snapshot.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import { buildApp } from "./app.ts";

const RUNS = Number(process.env.FUZZ_IMPORT_RUNS ?? process.env.FUZZ_RUNS ?? 120);
const SEED =
  process.env.FUZZ_SEED === "random" ? undefined : Number(process.env.FUZZ_SEED ?? 20261207);
const ENGINES = process.env.FUZZ_ENGINE
  ? TEST_ENGINES.filter((e) => e.name === process.env.FUZZ_ENGINE)
  : TEST_ENGINES;
const HEAP_BOUND_MB = 50;
/** Bogotá, 10 de abril de 2025: the first quarter's corte is open. */
const APRIL_10 = new Date("2025-04-10T15:00:00Z");

const CONTENT_TYPE = { xlsx: XLSX_TYPE, csv: "text/csv", json: "application/json" } as const;

/** Words every Spanish sentence of Rumbo's errors has at least one of. */
const SPANISH =
  /(^|[^\p{L}])(no|el|la|de|del|es|un|una|los|las|se|fila|columna|archivo|libro)([^\p{L}]|$)/iu;
/** What leaks when an exception escapes into a message. */
const INTERNALS =
  /TypeError|ReferenceError|RangeError|SyntaxError|\bundefined\b|\[object |Cannot read|Unexpected token|ENOENT|\bat \S+ \(|node_modules/;

type Target = "plan-nuevo" | "plan-actualizar" | "reportes" | "soporte";
type Upload = {
  target: Target;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  dryRun: boolean;
};

describe.each(ENGINES)("archivos hostiles a cada importador sobre $name", ({ open }) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let adminId: number;
  let editablePlanId: number;
  let reportPlanId: number;
  let corteQ1: number;
  let seed: Plan;
  const files: Record<string, Buffer> = {};

  beforeAll(async () => {
    database = await open();
    const demo = await loadDemoDataIfEmpty(database.db);
    if (!demo.loaded) throw new Error("la base de prueba debía estar vacía");
    reportPlanId = demo.planId;
    const stored = await getPlan(database.db, demo.planId);
    if (!stored) throw new Error("falta el plan de demostración");
    const { id: _id, ...document } = stored;
    seed = document;
    editablePlanId = await savePlan(database.db, { ...seed, code: "FUZZ-MATRIZ" });
    adminId = await createAccount(database.db, "fuzz-archivos@rumbo.test", [
      { role: "administrador", scope: { kind: "global" } },
    ]);
    const [q1] = await database.db
      .insert(cortes)
      .values({
        planId: reportPlanId,
        periodEnd: "2025-03-31",
        opensOn: "2025-04-01",
        dueOn: "2025-04-15",
        closesOn: "2025-04-30",
      })
      .returning({ id: cortes.id });
    corteQ1 = q1?.id ?? 0;
    // The seed plan's own files: a new code for the import, its own for the update.
    const fresh = { ...seed, code: "FUZZ-NUEVO" };
    for (const format of ["xlsx", "csv", "json"] as const) {
      files[`nuevo.${format}`] = await writePlanFile(fresh, format);
      files[`matriz.${format}`] = await writePlanFile({ ...seed, code: "FUZZ-MATRIZ" }, format);
    }
    files["reportes.csv"] = Buffer.from(`\uFEFF${REPORTS_CSV}\r\n`, "utf8");
    files["reportes.xlsx"] = await reportsWorkbook();
    files["reportes-formulas.xlsx"] = await reportsWorkbook({
      C2: { formula: "40+4", result: 44 },
      C3: { formula: "1/0", result: { error: "#DIV/0!" } },
      C4: { formula: 'HYPERLINK("http://malo.example","44")', result: "44" },
      D2: { formula: "CMD|' /C calc'!A0", result: "=CMD|' /C calc'!A0" },
      D3: { formula: "A2&B2" },
    });
    files["matriz-formulas.xlsx"] = await matrizWithFormulas(
      { ...seed, code: "FUZZ-MATRIZ" },
      {
        C2: { formula: 'HYPERLINK("http://malo.example","Ver")', result: "=HYPERLINK(1)" },
        C3: { formula: "CMD|' /C calc'!A0" },
        J2: { formula: "1+1", result: 2, shareType: "shared", ref: "J2:J4" },
        J3: { sharedFormula: "J2", result: 3 },
      },
    );
    files["soporte.pdf"] = Buffer.from(
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
    );
    app = await buildApp({
      database,
      logger: false,
      webDist: null,
      version: "0.1.0-test",
      now: () => APRIL_10,
    });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  async function versionOf(planId: number): Promise<number> {
    const result = (await database.db.execute(
      sql`select version from plans where id = ${planId}`,
    )) as unknown as { rows: { version: number }[] };
    return result.rows[0]?.version ?? 1;
  }
  async function reportVersion(): Promise<number> {
    const result = (await database.db.execute(
      sql`select coalesce(max(version), 0)::int as version from report_versions
          where plan_id = ${reportPlanId} and indicator_code = '2307' and period = '2025-Q1'`,
    )) as unknown as { rows: { version: number }[] };
    return result.rows[0]?.version ?? 0;
  }

  async function send(upload: Upload) {
    const { target, fileName, contentType, bytes, dryRun } = upload;
    const headers: Record<string, string> = {
      ...(await sessionFor(database.db, adminId)).headers,
      "content-type": contentType,
    };
    const query = `fileName=${encodeURIComponent(fileName)}${dryRun ? "&dryRun=true" : ""}`;
    let url: string;
    if (target === "plan-nuevo") url = `/api/plans/import?${query}`;
    else if (target === "plan-actualizar") {
      url = `/api/plans/${editablePlanId}/import?${query}`;
      headers["if-match"] = `"v${await versionOf(editablePlanId)}"`;
    } else if (target === "reportes") url = `/api/plans/${reportPlanId}/reports/import?${query}`;
    else {
      url = `/api/plans/${reportPlanId}/indicators/2307/reports/2025-Q1/evidence?fileName=${encodeURIComponent(fileName)}`;
      const version = await reportVersion();
      if (version > 0) headers["if-match"] = `"r${version}"`;
    }
    return app.inject({ method: "POST", url, headers, payload: bytes });
  }

  /** Every promise of the importers for one answer; "" when all hold. */
  function broken(upload: Upload, status: number, body: string): string[] {
    const what = `${upload.target} ${upload.fileName} (${upload.bytes.length} bytes)`;
    if (status >= 500) return [`${status} ← ${what}: ${body.slice(0, 300)}`];
    if (status < 400) return [];
    let error: { code?: unknown; message?: unknown; details?: unknown } | undefined;
    try {
      error = (JSON.parse(body) as { error?: typeof error }).error;
    } catch {
      return [`respuesta que no es JSON ← ${what}: ${body.slice(0, 200)}`];
    }
    if (typeof error?.code !== "string" || typeof error.message !== "string")
      return [`forma de error ajena ← ${what}: ${body.slice(0, 200)}`];
    const lines = [
      error.message,
      ...(Array.isArray(error.details)
        ? error.details.map((d) => String((d as { message?: unknown }).message ?? ""))
        : []),
    ];
    const problems: string[] = [];
    for (const line of lines) {
      if (!SPANISH.test(line) || INTERNALS.test(line))
        problems.push(`mensaje que no es del usuario ← ${what}: ${line.slice(0, 200)}`);
    }
    // A refused file: every problem names the file, then its place in it when it has one.
    if (error.code === "IMPORT_FAILED") {
      for (const line of lines.slice(1))
        if (!line.startsWith(`${upload.fileName}: `) && !line.startsWith("…"))
          problems.push(`problema que no nombra el archivo ← ${what}: ${line.slice(0, 200)}`);
    }
    return problems;
  }

  it(
    `${RUNS} archivos al azar y los archivos hostiles fijos: nunca un 5xx, siempre un mensaje en español, un rechazo no guarda nada y la memoria vuelve a su nivel`,
    async () => {
      const failures: string[] = [];
      const outcomes = new Map<string, number>();
      let placed = 0;
      let refusedLines = 0;
      const fileArbitrary = (name: string, contentType: string, target: Target) => {
        const bytes = files[name] ?? Buffer.alloc(0);
        const mutated = name.endsWith(".csv")
          ? fc.oneof(mutatedCsv(bytes.toString("utf8")), mutatedBytes(bytes))
          : mutatedBytes(bytes);
        return fc.record({
          target: fc.constant(target),
          fileName: fc.constant(name),
          contentType: fc.constant(contentType),
          bytes: fc.oneof(
            { weight: 6, arbitrary: mutated },
            { weight: 1, arbitrary: fc.constant(bytes) },
          ),
          dryRun: fc.boolean(),
        });
      };
      const uploads: fc.Arbitrary<Upload> = fc.oneof(
        ...(["xlsx", "csv", "json"] as const).flatMap((format) => [
          fileArbitrary(`nuevo.${format}`, CONTENT_TYPE[format], "plan-nuevo"),
          fileArbitrary(`matriz.${format}`, CONTENT_TYPE[format], "plan-actualizar"),
        ]),
        fileArbitrary("matriz-formulas.xlsx", XLSX_TYPE, "plan-actualizar"),
        fileArbitrary("reportes.csv", "text/csv", "reportes"),
        fileArbitrary("reportes.xlsx", XLSX_TYPE, "reportes"),
        fileArbitrary("reportes-formulas.xlsx", XLSX_TYPE, "reportes"),
        fileArbitrary("soporte.pdf", "application/pdf", "soporte"),
        // Random bytes under every content type, to every importer.
        fc.record({
          target: fc.constantFrom<Target>("plan-nuevo", "plan-actualizar", "reportes", "soporte"),
          fileName: fc.constantFrom("azar.xlsx", "azar.csv", "azar.json"),
          contentType: fc.constantFrom(XLSX_TYPE, "text/csv", "application/json", "text/plain"),
          bytes: fc.uint8Array({ minLength: 1, maxLength: 3_000 }).map((a) => Buffer.from(a)),
          dryRun: fc.boolean(),
        }),
      );
      let before = await storedSnapshot(database);
      const check = async (upload: Upload) => {
        const res = await send(upload);
        const code = /"code":"(\w+)"/.exec(res.body)?.[1] ?? "";
        const key = `${upload.target} ${res.statusCode} ${code}`.trim();
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        failures.push(...broken(upload, res.statusCode, res.body));
        if (code === "IMPORT_FAILED") {
          const details = (res.json().error.details ?? []) as { message: string }[];
          refusedLines += details.length;
          placed += details.filter((d) =>
            /fila \d+|columna|línea \d+|\/|\$/.test(d.message),
          ).length;
        }
        const after = await storedSnapshot(database);
        if (
          (res.statusCode >= 400 || upload.dryRun) &&
          upload.target !== "soporte" &&
          after !== before
        )
          failures.push(`escritura con ${res.statusCode} ← ${upload.target} ${upload.fileName}`);
        if (res.statusCode >= 400 && upload.target === "soporte" && after !== before)
          failures.push(`escritura con ${res.statusCode} ← soporte ${upload.fileName}`);
        before = after;
      };

      // The fixed hostile files, once each to each importer that reads workbooks.
      const oversized = Buffer.alloc(26 * 1024 * 1024, 0x3b);
      const hostile = [
        ...hostileWorkbooks().flatMap(({ name, bytes }) =>
          (["plan-nuevo", "reportes"] as const).map((target) => ({
            target,
            fileName: name,
            contentType: XLSX_TYPE,
            bytes,
            dryRun: false,
          })),
        ),
        ...(["plan-nuevo", "plan-actualizar", "reportes"] as const).map((target) => ({
          target,
          fileName: "enorme.csv",
          contentType: "text/csv",
          bytes: oversized,
          dryRun: false,
        })),
        {
          target: "soporte" as const,
          fileName: "enorme.pdf",
          contentType: "application/pdf",
          bytes: Buffer.concat([
            files["soporte.pdf"] ?? Buffer.alloc(0),
            Buffer.alloc(10.5 * 1024 * 1024),
          ]),
          dryRun: false,
        },
        {
          target: "reportes" as const,
          fileName: "lineas.csv",
          contentType: "text/csv",
          bytes: Buffer.from(`indicador;periodo;valor\n${"2307;2025-Q1;1\n".repeat(20_001)}`),
          dryRun: true,
        },
      ];
      for (const upload of hostile) await check(upload);

      const heapBefore = await heapUsedAfterGc();
      await fc.assert(
        fc.asyncProperty(uploads, check),
        SEED === undefined ? { numRuns: RUNS } : { numRuns: RUNS, seed: SEED },
      );
      const heapAfter = await heapUsedAfterGc();
      if (process.env.FUZZ_STATS) {
        console.log(
          `${RUNS + hostile.length} archivos; montículo ${megabytes(heapBefore)} MB → ${megabytes(heapAfter)} MB; ` +
            `${placed} de ${refusedLines} problemas con fila, columna o ruta`,
          Object.fromEntries([...outcomes].sort()),
        );
      }
      expect(failures).toEqual([]);
      expect(megabytes(heapAfter - heapBefore)).toBeLessThan(HEAP_BOUND_MB);
    },
    120_000 + RUNS * 1_000,
  );

  it("un reporte con fórmulas en su análisis sale del informe CSV y XLSX sin una fórmula que la hoja ejecute", async () => {
    expect(corteQ1).toBeGreaterThan(0);
    // Formula texts as a responsable could type them in the analysis of an approved report.
    const planner = await createAccount(database.db, "fuzz-revisa@rumbo.test", [
      { role: "planeacion", scope: { kind: "global" } },
    ]);
    const url = `/api/plans/${reportPlanId}/indicators/4205/reports/2025-Q1`;
    const admin = (await sessionFor(database.db, adminId)).headers;
    const saved = await app.inject({
      method: "PUT",
      url,
      headers: admin,
      payload: {
        value: 1,
        analysis: {
          achievements: FORMULA_TEXTS[0],
          difficulties: FORMULA_TEXTS[1],
          actions: FORMULA_TEXTS[2],
          benefits: FORMULA_TEXTS[3],
        },
        explanations: {
          semaforo: "El valor del trimestre refleja el cambio de contratista.",
          sobreejecucion: "Se atendió una demanda mayor a la prevista en el trimestre.",
          atipico: "El valor del trimestre refleja el cambio de contratista.",
        },
      },
    });
    expect(saved.statusCode).toBe(200);
    const sent = await app.inject({
      method: "POST",
      url: `${url}/submit`,
      headers: { ...admin, "if-match": String(saved.headers.etag) },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const approved = await app.inject({
      method: "POST",
      url: `${url}/approve`,
      headers: {
        ...(await sessionFor(database.db, planner)).headers,
        "if-match": String(sent.headers.etag),
      },
    });
    expect(approved.statusCode, approved.body).toBe(200);

    const informe = (format: string) =>
      app.inject({
        method: "GET",
        url: `/api/plans/${reportPlanId}/informe?corte=${corteQ1}&format=${format}`,
        headers: admin,
      });
    const csv = await informe("csv");
    expect(csv.statusCode, csv.body.slice(0, 200)).toBe(200);
    const { parse } = await import("csv-parse/sync");
    const records = parse(csv.rawPayload, { delimiter: ";", bom: true }) as string[][];
    const texts = records.flat();
    // The analysis is there, each formula text behind one apostrophe.
    expect(texts).toContain(`'${FORMULA_TEXTS[0]}`);
    expect(texts).toContain(`'${FORMULA_TEXTS[1]}`);
    expect(texts.filter((t) => /^[=+@\t\r]/.test(t) || /^-(?!\d)/.test(t))).toEqual([]);

    const xlsx = await informe("xlsx");
    expect(xlsx.statusCode).toBe(200);
    const { workbookTexts } = await import("../testing/workbook-texts.ts");
    const cells = workbookTexts(xlsx.rawPayload);
    expect(cells.formulas).toEqual([]);
    expect(cells.texts).toContain(`'${FORMULA_TEXTS[0]}`);
    expect(cells.texts.filter((t) => /^[=+@\t\r]/.test(t) || /^-(?!\d)/.test(t))).toEqual([]);
  });
});

/** Every text leaf of a plan, as a path of keys, so one can be set to a formula. */
function textPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value === "string") return [prefix];
  if (Array.isArray(value)) return value.flatMap((v, i) => textPaths(v, [...prefix, i]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => textPaths(v, [...prefix, k]));
  return [];
}

function withText(plan: Plan, path: (string | number)[], text: string): Plan {
  const copy = structuredClone(plan) as unknown as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = text;
  return copy as unknown as Plan;
}

/** A text a spreadsheet would run: starts with = + @ tab CR, or - not followed by a digit. */
const RUNNABLE = (text: string) => /^[=+@\t\r]/.test(text) || /^-(?!\d)/.test(text);

describe("la matriz exportada y los lectores de archivos", () => {
  const plan = seedPlan();
  const runs = Math.max(10, Math.round(RUNS / 4));

  it(`${runs} planes con una fórmula en un texto: el CSV y el XLSX exportados no la ejecutan y la devuelven exacta`, async () => {
    const { readPlanFile } = await import("../files/plan-files.ts");
    const { parse } = await import("csv-parse/sync");
    const { workbookTexts } = await import("../testing/workbook-texts.ts");
    // Free texts only: a code or a choice (goalType, trend…) set to a formula is no longer a plan.
    const paths = textPaths(plan).filter(
      (p) => readPlanJson(JSON.stringify(withText(plan, p, "=1+1")), "plan.json").ok,
    );
    expect(paths.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.constantFrom(...FORMULA_TEXTS),
        fc.string({ maxLength: 12 }),
        async (path, formula, tail) => {
          const text = `${formula}${tail}`;
          const changed = withText(plan, path, text);
          // A text over its field's limit (a unit of 61 characters) is no plan to export.
          fc.pre(readPlanJson(JSON.stringify(changed), "plan.json").ok);
          const csv = await writePlanFile(changed, "csv");
          const fields = (
            parse(csv, { delimiter: ";", bom: true, relax_column_count: true }) as string[][]
          ).flat();
          expect(fields.filter((f) => RUNNABLE(f) && !/^-?\d[\d.,]*$/.test(f))).toEqual([]);
          const xlsx = await writePlanFile(changed, "xlsx");
          const cells = workbookTexts(xlsx);
          expect(cells.formulas).toEqual([]);
          expect(cells.texts.filter(RUNNABLE)).toEqual([]);
          // Codes have their own spelling rules on reading; every other text comes back exact.
          if (/code$/i.test(String(path[path.length - 1]))) return;
          for (const [format, bytes] of [
            ["csv", csv],
            ["xlsx", xlsx],
          ] as const) {
            const read = await readPlanFile(bytes, `matriz.${format}`, format);
            expect(read.ok ? "" : read.problems.join("\n"), `${format} ${path.join(".")}`).toBe("");
            expect(JSON.stringify(read.ok && read.plan)).toContain(
              JSON.stringify(text).slice(1, -1),
            );
          }
        },
      ),
      SEED === undefined ? { numRuns: runs } : { numRuns: runs, seed: SEED },
    );
  }, 120_000);

  it(`${RUNS * 3} archivos al azar o mutilados a los lectores (sin HTTP): nunca una excepción, siempre problemas que nombran el archivo`, async () => {
    const { readPlanFile } = await import("../files/plan-files.ts");
    const { readReportFile } = await import("../files/report-file.ts");
    const seeds: [string, Buffer][] = [
      ["matriz.csv", await writePlanFile(plan, "csv")],
      ["matriz.json", await writePlanFile(plan, "json")],
      ["reportes.csv", Buffer.from(REPORTS_CSV, "utf8")],
    ];
    const xlsxSeeds: [string, Buffer][] = [
      ["matriz.xlsx", await writePlanFile(plan, "xlsx")],
      ["reportes.xlsx", await reportsWorkbook()],
    ];
    const read = async (name: string, bytes: Buffer) => {
      const format = name.split(".").pop() as "csv" | "json" | "xlsx";
      const result = name.startsWith("reportes")
        ? await readReportFile(bytes, name, format === "json" ? "csv" : format)
        : await readPlanFile(bytes, name, format);
      if (!result.ok) {
        expect(result.problems.length).toBeGreaterThan(0);
        for (const line of result.problems) {
          expect(line.startsWith(`${name}: `), line).toBe(true);
          expect(SPANISH.test(line) && !INTERNALS.test(line), line).toBe(true);
        }
      }
    };
    const options = (numRuns: number) =>
      SEED === undefined ? { numRuns } : { numRuns, seed: SEED };
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...seeds)
          .chain(([name, bytes]) =>
            fc.tuple(
              fc.constant(name),
              name.endsWith(".csv")
                ? fc.oneof(mutatedCsv(bytes.toString("utf8")), mutatedBytes(bytes))
                : mutatedBytes(bytes),
            ),
          ),
        ([name, bytes]) => read(name, bytes),
      ),
      options(RUNS * 2),
    );
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...xlsxSeeds)
          .chain(([name, bytes]) => fc.tuple(fc.constant(name), mutatedBytes(bytes))),
        ([name, bytes]) => read(name, bytes),
      ),
      options(RUNS),
    );
  }, 180_000);
});
