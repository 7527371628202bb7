/**
 * Account administration (administrador global only, by the policy):
 * create accounts, grant roles on scopes, issue one-time reset links,
 * deactivate. Every change is audited with what it was before.
 */
import {
  type AccountChange,
  type Assignment,
  api,
  LAST_ADMINISTRATOR_MESSAGE,
  leavesNoAdministrator,
} from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createPasswordReset, resetLink } from "../../auth/password-resets-repository.ts";
import { deleteUserSessions } from "../../auth/sessions-repository.ts";
import type { Database } from "../../db/open-database.ts";
import { getPlan } from "../../plans/plans-repository.ts";
import {
  createUser,
  EmailTakenError,
  getUser,
  listUsers,
  setActive,
  setAssignments,
  type UserWithAssignments,
} from "../../users/users-repository.ts";
import { audit } from "../access-control.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";

export function usersRoutes(
  db: Database,
  now: () => Date,
  publicUrl: (host: string) => string,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(api.listUsers.path, contractRoute(api.listUsers), async () => ({
      users: (await listUsers(db)).map((u) => publicUser(u, now())),
    }));

    app.post(api.createUser.path, contractRoute(api.createUser), async (request, reply) => {
      await checkAssignments(request.body.assignments as Assignment[]);
      let id: number;
      try {
        id = await createUser(db, {
          ...request.body,
          passwordHash: null,
          mustChangePassword: false,
        });
      } catch (error) {
        if (error instanceof EmailTakenError)
          throw new ApiError(409, error.code, error.message, [
            { field: "email", message: error.message },
          ]);
        throw error;
      }
      const user = await mustGet(db, id);
      const reset = await issueReset(id, request.headers.host ?? "localhost");
      // The link goes only to the administrator who asked: a token in the log would open the account.
      request.log.info(
        { userId: id },
        "cuenta creada con enlace de un solo uso para fijar la contraseña",
      );
      await audit(db, request, "cuenta-creada", `usuario ${id}`, "ok", {
        email: user.email,
        asignaciones: user.assignments,
      });
      return reply.status(201).send({ user: publicUser(user, now()), reset });
    });

    app.put(
      api.replaceUserAssignments.path,
      contractRoute(api.replaceUserAssignments),
      async (request) => {
        const before = await mustGet(db, request.params.id);
        const assignments = request.body.assignments as Assignment[];
        await checkAssignments(assignments);
        await keepOneAdministrator({ userId: before.id, assignments });
        await setAssignments(db, before.id, assignments);
        const after = await mustGet(db, before.id);
        await audit(db, request, "permisos-cambiados", `usuario ${before.id}`, "ok", {
          antes: before.assignments,
          despues: after.assignments,
        });
        return publicUser(after, now());
      },
    );

    app.patch(api.setUserActive.path, contractRoute(api.setUserActive), async (request) => {
      const before = await mustGet(db, request.params.id);
      await keepOneAdministrator({ userId: before.id, active: request.body.active });
      await setActive(db, before.id, request.body.active);
      if (!request.body.active) await deleteUserSessions(db, before.id);
      await audit(
        db,
        request,
        request.body.active ? "cuenta-activada" : "cuenta-desactivada",
        `usuario ${before.id}`,
        "ok",
      );
      return publicUser(await mustGet(db, before.id), now());
    });

    app.post(
      api.issueUserResetLink.path,
      contractRoute(api.issueUserResetLink),
      async (request) => {
        const user = await mustGet(db, request.params.id);
        if (!user.active) {
          await audit(db, request, "enlace-restablecer", `usuario ${user.id}`, "failed", {
            motivo: "cuenta desactivada",
          });
          throw new ApiError(
            409,
            "ACCOUNT_INACTIVE",
            `La cuenta de ${user.email} está desactivada: actívela antes de emitir un enlace para fijar la contraseña.`,
          );
        }
        const reset = await issueReset(user.id, request.headers.host ?? "localhost");
        request.log.info(
          { userId: user.id },
          "enlace de un solo uso para restablecer una contraseña emitido",
        );
        await audit(db, request, "enlace-restablecer", `usuario ${user.id}`, "ok");
        return reset;
      },
    );

    /** A role on a plan, objective or indicator that does not exist is a mistake, not a grant. */
    async function checkAssignments(assignments: readonly Assignment[]): Promise<void> {
      const problems: { field: string; message: string }[] = [];
      for (const [i, a] of assignments.entries()) {
        if (a.scope.kind === "global") continue;
        const plan = await getPlan(db, a.scope.planId);
        const field = `assignments.${i}.scope`;
        if (!plan) {
          problems.push({
            field: `${field}.planId`,
            message: `No existe el plan ${a.scope.planId}.`,
          });
        } else if (a.scope.kind === "objective") {
          const code = a.scope.objectiveCode;
          if (!plan.objectives.some((o) => o.code === code)) {
            problems.push({
              field: `${field}.objectiveCode`,
              message: `El plan ${plan.code} no tiene objetivo ${code}.`,
            });
          }
        } else if (a.scope.kind === "indicator") {
          const code = a.scope.indicatorCode;
          if (!plan.objectives.some((o) => o.indicators.some((ind) => ind.code === code))) {
            problems.push({
              field: `${field}.indicatorCode`,
              message: `El plan ${plan.code} no tiene indicador ${code}.`,
            });
          }
        }
      }
      if (problems.length > 0) {
        throw new ApiError(
          400,
          "VALIDATION_ERROR",
          problems.map((p) => p.message).join(" "),
          problems,
        );
      }
    }

    /** Nobody may leave Rumbo without an active global administrator (core's rule). */
    async function keepOneAdministrator(change: AccountChange): Promise<void> {
      if (leavesNoAdministrator(await listUsers(db), change)) {
        throw new ApiError(409, "LAST_ADMINISTRATOR", LAST_ADMINISTRATOR_MESSAGE);
      }
    }

    async function issueReset(userId: number, host: string) {
      const { token, expiresAt } = await createPasswordReset(db, userId, now());
      return { link: resetLink(publicUrl(host), token), expiresAt: expiresAt.toISOString() };
    }
  };
}

async function mustGet(db: Database, id: number): Promise<UserWithAssignments> {
  const user = await getUser(db, id);
  if (!user) throw new ApiError(404, "USER_NOT_FOUND", `No existe la cuenta ${id}.`);
  return user;
}

function publicUser(user: UserWithAssignments, at: Date) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    area: user.area,
    active: user.active,
    mustChangePassword: user.mustChangePassword,
    hasPassword: user.passwordHash !== null,
    locked: user.lockedUntil !== null && user.lockedUntil > at,
    assignments: user.assignments,
  };
}
