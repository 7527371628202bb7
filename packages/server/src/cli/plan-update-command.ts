/**
 * `rumbo plan import ARCHIVO --update`: the stored plan with the file's code
 * takes the file's content. What it means comes from core (planUpdateActionOf),
 * as in the web: in formulación an edit; en vigencia an edit of texts, or a
 * reprogramación (with --justification and --act) when the programación
 * changes. Every change is printed first; --dry-run stops there.
 */
import { userInfo } from "node:os";
import { basename } from "node:path";
import { bogotaDate, diffPlans, type Plan, planUpdateActionOf } from "@rumbo/core";
import { writeAudit } from "../audit/audit-repository.ts";
import type { Database } from "../db/open-database.ts";
import { getPlanState, replacePlan } from "../plans/plan-revisions.ts";
import { getPlan, type VersionRecord } from "../plans/plans-repository.ts";
import type { CliIo } from "./cli-io.ts";

export type ReprogramOptions = {
  justification: string | undefined;
  act: string | undefined;
  effectiveFrom: string | undefined;
};

const MIN_JUSTIFICATION = 10;

export async function updatePlanFromFile(
  db: Database,
  io: CliIo,
  input: { file: string; planId: number; plan: Plan; dryRun: boolean; summary: string },
  options: ReprogramOptions,
): Promise<number> {
  const { file, planId, plan, dryRun, summary } = input;
  const [state, current] = await Promise.all([getPlanState(db, planId), getPlan(db, planId)]);
  if (!state || !current) {
    io.stderr(`rumbo: el plan ${plan.code} ya no existe. No se modificó nada.\n`);
    return 2;
  }
  const { id: _id, ...stored } = current;
  const changes = diffPlans(stored, plan);
  const action = planUpdateActionOf(state.status, changes);
  for (const change of changes) io.stdout(`  ${change.message}\n`);
  const head = `${file}: plan ${plan.code} (versión ${state.version}, ${state.status === "vigente" ? "en vigencia" : "en formulación"})`;
  if (action === "sin cambios") {
    io.stdout(`${head}: sin cambios; no se guardó nada.\n`);
    return 0;
  }
  const what = action === "reprogramar" ? "reprogramación" : "edición";
  const counted = `${changes.length} ${changes.length === 1 ? "cambio" : "cambios"}`;
  if (dryRun) {
    io.stdout(
      `${head}: ${counted}; se guardaría como ${what} (${summary}); prueba: no se guardó nada.\n`,
    );
    return 0;
  }
  const actor = `cli:${userInfo().username}`;
  let version: VersionRecord = { kind: "edicion", actorEmail: actor };
  if (action === "reprogramar") {
    const problem = reprogramProblem(options);
    if (problem !== null) {
      io.stderr(
        `rumbo: el plan está en vigencia y ${file} cambia metas, totales o ponderaciones: se guarda como reprogramación; ${problem} No se modificó nada.\n`,
      );
      return 2;
    }
    version = {
      kind: "reprogramacion",
      actorEmail: actor,
      justification: options.justification?.trim() ?? null,
      actReference: options.act?.trim() ?? null,
      effectiveFrom: options.effectiveFrom ?? bogotaDate(new Date()),
    };
  }
  const saved = await replacePlan(db, planId, plan, state.version, version, new Date());
  await writeAudit(db, {
    userId: null,
    actorEmail: actor,
    action: action === "reprogramar" ? "plan-reprogramado" : "plan-editado",
    resource: `plan ${planId}`,
    outcome: "ok",
    ip: null,
    details: { code: plan.code, file: basename(file), version: saved },
  });
  io.stdout(
    `${head}: ${counted} ${changes.length === 1 ? "guardado" : "guardados"} como ${what}, versión ${saved} (${summary}).\n`,
  );
  return 0;
}

function reprogramProblem(options: ReprogramOptions): string | null {
  if ((options.justification?.trim().length ?? 0) < MIN_JUSTIFICATION) {
    return `indique --justification (al menos ${MIN_JUSTIFICATION} caracteres) y --act.`;
  }
  if ((options.act?.trim().length ?? 0) < 3) return "indique --act con el acta que la aprueba.";
  if (options.effectiveFrom !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.effectiveFrom)) {
    return "--effective-from debe ser AAAA-MM-DD.";
  }
  return null;
}
