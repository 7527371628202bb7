/**
 * `rumbo plan import ARCHIVO --update`: the stored plan with the file's code
 * takes the file's content. What it means comes from core (planUpdateActionOf),
 * as in the web: in formulación an edit; en vigencia an edit of texts, or a
 * reprogramación (with --justification and --act) when the programación
 * changes. Every change is printed first; --dry-run stops there. The write
 * goes through the plan lifecycle service, as the web's does: the same rules,
 * decided again under the plan's lock on its current status and version.
 */
import { userInfo } from "node:os";
import { basename } from "node:path";
import { bogotaDate, diffPlans, type Plan, planUpdateActionOf } from "@rumbo/core";
import type { Database } from "../db/open-database.ts";
import {
  editPlan,
  MATRIZ_UPDATE_AUDIT_ACTIONS,
  PlanChangeRefusedError,
  PlanNotFoundError,
  PlanVersionConflictError,
  reprogramPlan,
} from "../plans/plan-lifecycle-service.ts";
import { getPlanState } from "../plans/plan-revisions.ts";
import { getPlan } from "../plans/plans-repository.ts";
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
  const write = {
    author: { userId: null, actorEmail: actor },
    now: new Date(),
    audit: {
      action: MATRIZ_UPDATE_AUDIT_ACTIONS[action],
      ip: null,
      details: { code: plan.code, file: basename(file) },
    },
  };
  const expectedVersion = state.version;
  let saved: number;
  try {
    if (action === "reprogramar") {
      const problem = reprogramProblem(options);
      if (problem !== null) {
        io.stderr(
          `rumbo: el plan está en vigencia y ${file} cambia metas, totales o ponderaciones: se guarda como reprogramación; ${problem} No se modificó nada.\n`,
        );
        return 2;
      }
      const reprogramacion = {
        justification: options.justification?.trim() ?? "",
        actReference: options.act?.trim() ?? "",
        effectiveFrom: options.effectiveFrom ?? bogotaDate(new Date()),
      };
      ({ version: saved } = await reprogramPlan(db, planId, plan, reprogramacion, {
        ...write,
        expectedVersion,
      }));
    } else {
      ({ version: saved } = await editPlan(db, planId, plan, { ...write, expectedVersion }));
    }
  } catch (error) {
    const refused = refusalOf(error, plan.code);
    if (refused === null) throw error;
    io.stderr(`rumbo: ${refused} No se modificó nada.\n`);
    return 2;
  }
  io.stdout(
    `${head}: ${counted} ${changes.length === 1 ? "guardado" : "guardados"} como ${what}, versión ${saved} (${summary}).\n`,
  );
  return 0;
}

/** Why the lifecycle service refused the write, in the words of the terminal; null for any other error. */
function refusalOf(error: unknown, code: string): string | null {
  if (error instanceof PlanChangeRefusedError) return error.message;
  if (error instanceof PlanVersionConflictError) {
    return `el plan ${code} cambió mientras se leía el archivo (ahora en la versión ${error.currentVersion}): repita la orden para ver los cambios de nuevo.`;
  }
  if (error instanceof PlanNotFoundError) return `el plan ${code} ya no existe.`;
  return null;
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
