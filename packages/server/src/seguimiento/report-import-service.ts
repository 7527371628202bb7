/**
 * The bulk load of reportes de avance (ADR 0015), for the API
 * (`importReports`, source «carga-masiva»), the command line (`rumbo actuals
 * import`, «cli») and the demo data («demo»). All or nothing: ONE
 * transaction saves every row through the very functions of the form
 * (report-service.ts: lock, If-Match, ficha, workflow, audit), each row in a
 * savepoint of its own — drizzle nests a transaction as a savepoint — so a
 * refused row is rolled back alone, the next rows are still checked, and
 * every problem is listed; then any problem rolls the whole load back. A dry
 * run does the same and rolls back at the end: it answers exactly what the
 * load would do.
 */
import {
  formatReportImportProblem,
  type ImportColumnRef,
  REPORT_IMPORT_HEADERS,
  type ReportImportColumn,
  type ReportImportProblem,
  type ReportImportRow,
} from "@rumbo/core";
import type { Database } from "../db/open-database.ts";
import { boundProblems, omittedProblemsText } from "../files/upload-limits.ts";
import { getPlan } from "../plans/plans-repository.ts";
import { canonicalPeriod, findIndicator, reportArea } from "./report-context.ts";
import {
  type ReportActor,
  type ReportSource,
  type SaveReportInput,
  saveReport,
  submitReport,
} from "./report-service.ts";
import {
  latestReportVersion,
  lockPlanForReports,
  type ReportVersionRow,
  SeguimientoRefusal,
} from "./report-store.ts";

export type ImportAction = "crear" | "actualizar" | "sin-cambios";

export type ImportReportsOptions = {
  planId: number;
  rows: readonly ReportImportRow[];
  /** Named in the problems («avances.csv: fila 7, …»). */
  fileName: string;
  actor: ReportActor;
  source: Extract<ReportSource, "carga-masiva" | "cli" | "demo">;
  now: Date;
  ip?: string | null;
  dryRun: boolean;
  /** Also submit each loaded report to review (the warnings must be explained). */
  submit: boolean;
};

export type ImportReportsResult = {
  dryRun: boolean;
  rows: Array<{ indicator: string; period: string; area: string | null; action: ImportAction }>;
  created: number;
  updated: number;
  unchanged: number;
};

/** Thrown to roll a dry run back, carrying its answer out of the transaction. */
class DryRunDone extends Error {
  constructor(readonly result: ImportReportsResult) {
    super("prueba: no se guarda nada");
  }
}

export async function importReports(
  db: Database,
  options: ImportReportsOptions,
): Promise<ImportReportsResult> {
  try {
    return await db.transaction(async (tx) => {
      // Held to the end: nobody writes a report of the plan while the load runs.
      if (!(await lockPlanForReports(tx, options.planId))) {
        throw new SeguimientoRefusal("PLAN_NOT_FOUND", `No existe el plan ${options.planId}.`);
      }
      const plan = await getPlan(tx, options.planId);
      if (!plan)
        throw new SeguimientoRefusal("PLAN_NOT_FOUND", `No existe el plan ${options.planId}.`);
      const problems: ReportImportProblem[] = [];
      const result: ImportReportsResult = {
        dryRun: options.dryRun,
        rows: [],
        created: 0,
        updated: 0,
        unchanged: 0,
      };
      for (const row of options.rows) {
        try {
          const done = await loadRow(tx, row, { ...options, plan });
          result.rows.push(done);
          if (done.action === "crear") result.created++;
          else if (done.action === "actualizar") result.updated++;
          else result.unchanged++;
        } catch (error) {
          if (!(error instanceof SeguimientoRefusal)) throw error;
          problems.push(...rowProblems(row, error));
        }
      }
      if (problems.length > 0) throw importFailed(options.fileName, problems);
      if (options.dryRun) throw new DryRunDone(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.result;
    throw error;
  }
}

async function loadRow(
  tx: Database,
  row: ReportImportRow,
  options: ImportReportsOptions & { plan: NonNullable<Awaited<ReturnType<typeof getPlan>>> },
): Promise<ImportReportsResult["rows"][number]> {
  const key = {
    planId: options.planId,
    indicatorCode: row.indicator,
    period: canonicalPeriod(row.period),
    // The area as the ficha spells it, so the row finds the share it updates.
    area: reportArea(findIndicator(options.plan, row.indicator), row.area),
  };
  // The load acts on the report as it stands: the plan row is locked, nobody changed it since.
  const latest = await latestReportVersion(tx, key);
  const common = {
    key,
    actor: options.actor,
    source: options.source,
    now: options.now,
    ip: options.ip ?? null,
    plan: options.plan,
  };
  const input: SaveReportInput = { analysis: row.analysis, explanations: row.explanations };
  if (row.value !== undefined) input.value = row.value;
  if (row.numerator !== undefined) input.numerator = row.numerator;
  if (row.denominator !== undefined) input.denominator = row.denominator;
  let written: ReportVersionRow = await saveReport(tx, {
    ...common,
    expected: latest?.version,
    input,
  });
  if (options.submit && (written.status === "borrador" || written.status === "devuelto")) {
    written = await submitReport(tx, { ...common, expected: written.version });
  }
  const before = latest?.version ?? 0;
  const action: ImportAction =
    written.version === before ? "sin-cambios" : latest ? "actualizar" : "crear";
  return { indicator: key.indicatorCode, period: key.period, area: key.area || null, action };
}

const FIELD_COLUMNS: Record<string, ReportImportColumn> = {
  area: "area",
  value: "value",
  numerator: "numerator",
  denominator: "denominator",
  period: "period",
  "explanations.semaforo": "semaforo",
  "explanations.sobreejecucion": "sobreejecucion",
  "explanations.atipico": "atipico",
};

/** core's value messages start with the field's name; the problem names the column instead. */
function withoutFieldLabel(message: string): string {
  return message.replace(/^(Valor|Numerador|Denominador): /, "");
}

/** A refusal of the service as the row's problems, each on its column when it has one. */
function rowProblems(row: ReportImportRow, refusal: SeguimientoRefusal): ReportImportProblem[] {
  const report = `reporte de ${row.indicator} (${row.period}${row.area ? `, área ${row.area}` : ""})`;
  const at = (column: ReportImportColumn | undefined): ImportColumnRef | null =>
    column === undefined ? null : (row.columns[column] ?? null);
  if (refusal.code === "INDICATOR_NOT_FOUND") {
    return [{ row: row.row, column: at("indicator"), message: refusal.message }];
  }
  const details = Array.isArray(refusal.details) ? refusal.details : [];
  const fields = details.filter(
    (d): d is { field: string; message: string; code?: string } =>
      typeof d === "object" &&
      d !== null &&
      typeof (d as { field?: unknown }).field === "string" &&
      typeof (d as { message?: unknown }).message === "string",
  );
  if (refusal.code === "WARNINGS_UNEXPLAINED" && fields.length > 0) {
    return fields.map((d) => {
      const column = FIELD_COLUMNS[d.field];
      const header = column ? REPORT_IMPORT_HEADERS[column][0] : "explicación";
      return {
        row: row.row,
        column: at(column),
        message: `no se puede enviar el ${report}: ${d.message} Escriba la explicación (al menos 10 caracteres) en la columna «${header}».`,
      };
    });
  }
  if (fields.length > 0 && fields.every((d) => FIELD_COLUMNS[d.field] !== undefined)) {
    return fields.map((d) => ({
      row: row.row,
      column: at(FIELD_COLUMNS[d.field]),
      message: withoutFieldLabel(d.message),
    }));
  }
  // Locks (CORTE_CLOSED, NOT_OPEN_YET, UNDER_REVIEW, APPROVED) and the rest: the whole row.
  return [{ row: row.row, column: null, message: `${report}: ${refusal.message}` }];
}

/** 422 IMPORT_FAILED: the first problems, one line each, and how many more; nothing stored. */
function importFailed(fileName: string, problems: ReportImportProblem[]): SeguimientoRefusal {
  const lines = problems.map((p) => formatReportImportProblem(fileName, p));
  const { shown, omitted } = boundProblems(lines);
  const total = problems.length;
  return new SeguimientoRefusal(
    "IMPORT_FAILED",
    `${fileName} no se cargó: ${total.toLocaleString("es-CO")} ${total === 1 ? "problema" : "problemas"}. No se guardó nada.`,
    [
      ...shown.map((message, i) => ({
        message,
        row: problems[i]?.row ?? 0,
        column: problems[i]?.column?.header ?? null,
      })),
      ...(omitted > 0 ? [{ message: omittedProblemsText(omitted) }] : []),
    ],
  );
}
