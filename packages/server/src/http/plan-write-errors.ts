/**
 * A plan write's author and the lifecycle service's refusals in the API's
 * words and codes, shared by every route that changes a plan.
 */
import { assertUnreachable } from "@rumbo/core";
import type { FastifyRequest } from "fastify";
import {
  type Author,
  PlanChangeRefusedError,
  PlanNotFoundError,
  PlanVersionConflictError,
} from "../plans/plan-lifecycle-service.ts";
import { PlanCodeTakenError } from "../plans/plans-repository.ts";
import { ApiError } from "./api-error.ts";

export function authorOf(request: FastifyRequest): Author {
  return { userId: request.user?.id ?? null, actorEmail: request.user?.email ?? null };
}

/** The lifecycle service's refusals, in the API's words and codes. */
export function lifecycleError(error: unknown): never {
  if (error instanceof PlanNotFoundError) throw new ApiError(404, error.code, error.message);
  if (error instanceof PlanVersionConflictError) {
    throw new ApiError(409, error.code, error.message, {
      currentVersion: error.currentVersion,
      changes: error.changes,
    });
  }
  if (error instanceof PlanChangeRefusedError) {
    const refusal = error.refusal;
    switch (refusal.code) {
      case "PLAN_IN_FORCE":
        throw new ApiError(409, refusal.code, refusal.message);
      case "REPROGRAMACION_REQUIRED":
        throw new ApiError(409, refusal.code, refusal.message, { changes: refusal.changes });
      case "VALIDATION_FAILED":
        throw new ApiError(422, refusal.code, refusal.message, refusal.issues);
      default:
        return assertUnreachable(refusal);
    }
  }
  throw codeTaken(error);
}

/** PLAN_CODE_TAKEN as a 409 naming the code field; any other error as it came. */
export function codeTaken(error: unknown): unknown {
  if (error instanceof PlanCodeTakenError) {
    return new ApiError(409, error.code, error.message, [
      { field: "code", message: error.message },
    ]);
  }
  return error;
}
