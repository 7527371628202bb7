/**
 * Access control for every route (docs/decisions/0004-accounts-and-access.md): the actor comes from the session
 * cookie, each route DECLARES its action (and how to find its resource), and
 * one policy in core (`can`) decides. A route without an action cannot be
 * registered, so none is forgotten. State-changing requests of a session must
 * carry its CSRF token.
 */
import {
  type Action,
  type Actor,
  assertUnreachable,
  can,
  type Resource,
  refusalFor,
  resourcePlanId,
} from "@rumbo/core";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { writeAudit } from "../audit/audit-repository.ts";
import { findSession } from "../auth/sessions-repository.ts";
import type { Database } from "../db/open-database.ts";
import { getUser, type UserWithAssignments } from "../users/users-repository.ts";
import { ApiError } from "./api-error.ts";

export const SESSION_COOKIE = "rumbo_sesion";
export const CSRF_HEADER = "x-csrf-token";

export type ResourceResolver = (request: FastifyRequest) => Promise<Resource> | Resource;

/** Every API route with its declared action: the authorization matrix test walks it. */
export type RouteEntry = { method: string; url: string; action: Action };

declare module "fastify" {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
  interface FastifyContextConfig {
    /** What the route does, in the policy's words; required on every /api route. */
    action?: Action;
    /** The resource the action is on; default: the system. */
    resource?: ResourceResolver;
    /**
     * The handler writes its own audit entry, in the transaction of the change
     * and only when something changed (report versions, ADR 0015): a
     * successful request adds no second entry. Refusals and failures are still
     * recorded here.
     */
    auditsItself?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
    user: UserWithAssignments | null;
    sessionToken: string | null;
    csrfToken: string | null;
    /** The resource the route's action is on, as resolved for the policy (handlers reuse it). */
    resource: Resource;
  }
}

const ANONYMOUS: Actor = { kind: "anonymous" };
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// With a password still to change, a user may only see who they are and change it.
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set<Action>(["public", "session.read"]);

export function registerAccessControl(app: FastifyInstance, db: Database, now: () => Date): void {
  // No decorator for `actor`: Fastify 5 forbids object defaults, and the
  // first onRequest hook below sets it on every request.
  app.decorateRequest("user", null);
  app.decorateRequest("sessionToken", null);
  app.decorateRequest("csrfToken", null);

  app.decorate("routeTable", [] as RouteEntry[]);
  app.addHook("onRoute", (route) => {
    const url = route.url;
    if (!url.startsWith("/api")) return;
    // Swagger UI's own routes are public documentation.
    if (url.startsWith("/api/docs")) route.config = { ...(route.config ?? {}), action: "public" };
    const action = route.config?.action;
    if (!action) {
      throw new Error(
        `La ruta ${String(route.method)} ${url} no declara su acción (config.action): toda ruta de la API debe declararla.`,
      );
    }
    for (const method of [route.method].flat()) {
      if (method !== "HEAD") app.routeTable.push({ method, url, action });
    }
  });

  app.addHook("onRequest", async (request) => {
    request.actor = ANONYMOUS;
    // The public API and portal answer everyone alike: no session is looked up there (ADR 0016).
    if (request.url.startsWith("/api/public/") || request.url.startsWith("/publico")) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findSession(db, token, now());
    if (!session) return;
    const user = await getUser(db, session.userId);
    if (!user?.active) return;
    request.user = user;
    request.sessionToken = token;
    request.csrfToken = session.csrfToken;
    request.actor = {
      kind: "user",
      userId: user.id,
      area: user.area,
      assignments: user.assignments,
    };
  });

  app.addHook("preHandler", async (request) => {
    const action = request.routeOptions.config.action;
    if (!action) return; // Not an API route (static files of the web app).
    if (request.sessionToken && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== "string" || sent !== request.csrfToken) {
        // A write with the session cookie but without its token may be a forged cross-site request.
        await audit(db, request, `csrf:${action}`, request.url, "denied");
        throw new ApiError(
          403,
          "CSRF_INVALID",
          "Falta el token CSRF de la sesión o no es válido; recargue la página.",
        );
      }
    }
    if (
      request.user?.mustChangePassword &&
      !ALLOWED_BEFORE_PASSWORD_CHANGE.has(action) &&
      action !== "public"
    ) {
      throw new ApiError(
        403,
        "PASSWORD_CHANGE_REQUIRED",
        "Debe cambiar la contraseña de un solo uso antes de continuar.",
      );
    }
    const resolve = request.routeOptions.config.resource;
    const resource: Resource = resolve ? await resolve(request) : { kind: "system" };
    request.resource = resource;
    if (can(request.actor, action, resource)) return;
    await audit(db, request, `denegado:${action}`, describeResource(resource), "denied");
    throw refusal(request.actor, resource);
  });

  // Every write is audited with its outcome, allowed or not (Ley 1581 de 2012).
  app.addHook("onResponse", async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (!request.routeOptions.config.action || request.routeOptions.config.action === "public")
      return;
    const outcome =
      reply.statusCode < 400
        ? "ok"
        : reply.statusCode === 403 || reply.statusCode === 401
          ? "denied"
          : "failed";
    if (outcome === "denied") return; // Already written by the preHandler.
    if (outcome === "ok" && request.routeOptions.config.auditsItself) return;
    await audit(
      db,
      request,
      `${request.method} ${request.routeOptions.url ?? request.url}`,
      request.url,
      outcome,
      {
        status: reply.statusCode,
      },
    ).catch((error: unknown) =>
      request.log.error({ err: error }, "no se pudo escribir la auditoría"),
    );
  });
}

/**
 * The answer to a denied request, as core's `refusalFor` decides: a plan the
 * actor may not read answers like a missing one (401 without a session, 404
 * with one), so neither reveals which plan ids exist.
 */
export function refusal(actor: Actor, resource: Resource): ApiError {
  const kind = refusalFor(actor, resource);
  switch (kind) {
    case "sign-in":
      return authRequired();
    case "not-found":
      return planNotFound(resourcePlanId(resource) ?? 0);
    case "forbidden":
      return new ApiError(403, "FORBIDDEN", "No tiene permiso para hacer esto.");
    default:
      return assertUnreachable(kind);
  }
}

/** The answer for a plan id that does not exist: the same as for one the actor may not read. */
export function missingPlan(actor: Actor, planId: number): ApiError {
  return refusalFor(actor, null) === "sign-in" ? authRequired() : planNotFound(planId);
}

function authRequired(): ApiError {
  return new ApiError(401, "AUTH_REQUIRED", "Debe iniciar sesión para hacer esto.");
}

function planNotFound(planId: number): ApiError {
  return new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${planId}.`);
}

export async function audit(
  db: Database,
  request: FastifyRequest,
  action: string,
  resource: string | null,
  outcome: "ok" | "denied" | "failed",
  details: Record<string, unknown> | null = null,
  /** Who acted when there is no session yet (the email typed at a login). */
  claimedEmail: string | null = null,
): Promise<void> {
  await writeAudit(db, {
    userId: request.user?.id ?? null,
    actorEmail: request.user?.email ?? claimedEmail,
    action,
    resource,
    outcome,
    ip: request.ip,
    details,
  });
}

export function describeResource(resource: Resource): string {
  const kind = resource.kind;
  switch (kind) {
    case "system":
      return "sistema";
    case "plan":
      return `plan ${resource.planId}`;
    case "objective":
      return `plan ${resource.planId} / objetivo ${resource.objectiveCode}`;
    case "indicator":
      return `plan ${resource.planId} / indicador ${resource.indicatorCode}`;
    case "user":
      return `usuario ${resource.userId}`;
    default:
      return assertUnreachable(kind);
  }
}
