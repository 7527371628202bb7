/**
 * What an audit entry says happened, in Spanish, for the audit page and its
 * CSV export (Ley 1581 de 2012: who did what). Derived from the stored action
 * code, so old entries read the same way and the page and the export agree.
 * The codes are the events the server names (`login`, `cambio-contraseña`…),
 * the writes it records by route (`PUT /api/plans/:id`), and refusals
 * (`denegado:<acción>`, `csrf:<acción>`).
 */
import { ACTIONS, type Action } from "../auth/policy.ts";

export type AuditOutcomeCode = "ok" | "denied" | "failed";

export type AuditFacts = {
  action: string;
  resource: string | null;
  outcome: AuditOutcomeCode;
  details?: Record<string, unknown> | null;
};

/** An event the server names, as said when it worked and when it did not. */
type Sentence = { ok: string; failed: string; denied?: string };

const NAMED_EVENTS: Record<string, Sentence> = {
  login: {
    ok: "Inició sesión",
    failed: "Intento de inicio de sesión fallido",
    denied: "Inicio de sesión bloqueado: demasiados intentos desde esta dirección",
  },
  logout: { ok: "Cerró la sesión", failed: "No pudo cerrar la sesión" },
  "logout-todas": { ok: "Cerró todas sus sesiones", failed: "No pudo cerrar todas sus sesiones" },
  "cambio-contraseña": {
    ok: "Cambió la contraseña",
    failed: "Intento fallido de cambiar la contraseña (la actual no coincidía)",
  },
  "restablecer-contraseña": {
    ok: "Fijó una contraseña nueva con un enlace de un solo uso",
    failed: "Intento fallido de fijar una contraseña con un enlace vencido o ya usado",
  },
  "cuenta-creada": { ok: "Creó una cuenta", failed: "No pudo crear una cuenta" },
  "cuenta-activada": { ok: "Activó una cuenta", failed: "No pudo activar una cuenta" },
  "cuenta-desactivada": { ok: "Desactivó una cuenta", failed: "No pudo desactivar una cuenta" },
  "permisos-cambiados": {
    ok: "Cambió los permisos de una cuenta",
    failed: "No pudo cambiar los permisos de una cuenta",
  },
  "reporte-guardado": {
    ok: "Guardó un reporte de avance",
    failed: "No pudo guardar un reporte de avance",
  },
  "reporte-enviado": {
    ok: "Envió un reporte de avance a revisión",
    failed: "No pudo enviar un reporte de avance",
  },
  "reporte-devuelto": {
    ok: "Devolvió un reporte de avance con comentarios",
    failed: "No pudo devolver un reporte de avance",
  },
  "reporte-aprobado": {
    ok: "Aprobó un reporte de avance",
    failed: "No pudo aprobar un reporte de avance",
  },
  "reporte-aprobacion-retirada": {
    ok: "Quitó la aprobación de un reporte de avance",
    failed: "No pudo quitar la aprobación de un reporte de avance",
  },
  "reporte-soportes": {
    ok: "Cambió los soportes de un reporte de avance",
    failed: "No pudo cambiar los soportes de un reporte de avance",
  },
  "enlace-restablecer": {
    ok: "Generó un enlace de un solo uso para fijar la contraseña de una cuenta",
    failed: "No pudo generar un enlace para fijar la contraseña",
  },
  "plan-importado": {
    ok: "Importó un plan desde un archivo",
    failed: "No pudo importar un plan desde un archivo",
  },
  "plan-editado": {
    ok: "Guardó cambios del plan desde su matriz",
    failed: "No pudo guardar cambios del plan desde su matriz",
  },
  "plan-reprogramado": {
    ok: "Reprogramó el plan desde su matriz",
    failed: "No pudo reprogramar el plan desde su matriz",
  },
  "corte-programado": {
    ok: "Programó un corte de seguimiento",
    failed: "No pudo programar un corte",
  },
  "corte-cerrado": { ok: "Cerró un corte de seguimiento", failed: "No pudo cerrar un corte" },
  "corte-reabierto": {
    ok: "Reabrió un corte de seguimiento",
    failed: "No pudo reabrir un corte",
  },
};

/** A write recorded by its route: what it did, and the same as an attempt. */
type Write = { did: string; attempt: string };

const WRITES: Record<string, Write> = {
  "POST /api/plans": { did: "Creó un plan", attempt: "crear un plan" },
  "PUT /api/plans/:id": { did: "Guardó cambios del plan", attempt: "guardar cambios del plan" },
  "POST /api/plans/:id/reprogramaciones": {
    did: "Reprogramó el plan",
    attempt: "reprogramar el plan",
  },
  "POST /api/plans/:id/status": {
    did: "Cambió el estado del plan",
    attempt: "cambiar el estado del plan",
  },
  "POST /api/plans/:id/publish": {
    did: "Cambió la publicación del plan",
    attempt: "cambiar la publicación del plan",
  },
  "POST /api/plans/import": {
    did: "Importó un plan desde un archivo",
    attempt: "importar un plan desde un archivo",
  },
  "POST /api/plans/:id/import": {
    did: "Actualizó desde su matriz el plan",
    attempt: "actualizar desde su matriz el plan",
  },
  "POST /api/plans/:id/cortes": {
    did: "Programó un corte del plan",
    attempt: "programar un corte del plan",
  },
  "POST /api/plans/:id/cortes/:corteId/close": {
    did: "Cerró un corte del plan",
    attempt: "cerrar un corte del plan",
  },
  "POST /api/plans/:id/cortes/:corteId/reopen": {
    did: "Reabrió un corte del plan",
    attempt: "reabrir un corte del plan",
  },
  "PUT /api/plans/:id/indicators/:code/reports/:period": {
    did: "Guardó un reporte de avance",
    attempt: "guardar un reporte de avance",
  },
  "POST /api/plans/:id/indicators/:code/reports/:period/submit": {
    did: "Envió un reporte de avance a revisión",
    attempt: "enviar un reporte de avance a revisión",
  },
  "POST /api/plans/:id/indicators/:code/reports/:period/return": {
    did: "Devolvió un reporte de avance",
    attempt: "devolver un reporte de avance",
  },
  "POST /api/plans/:id/indicators/:code/reports/:period/approve": {
    did: "Aprobó un reporte de avance",
    attempt: "aprobar un reporte de avance",
  },
  "POST /api/plans/:id/indicators/:code/reports/:period/evidence": {
    did: "Adjuntó un soporte a un reporte de avance",
    attempt: "adjuntar un soporte a un reporte de avance",
  },
  "POST /api/plans/:id/indicators/:code/reports/:period/unapprove": {
    did: "Quitó la aprobación de un reporte de avance",
    attempt: "quitar la aprobación de un reporte de avance",
  },
  "POST /api/plans/:id/reports/import": {
    did: "Cargó reportes de avance desde un archivo",
    attempt: "cargar reportes de avance desde un archivo",
  },
  "POST /api/users": { did: "Creó una cuenta", attempt: "crear una cuenta" },
  "PUT /api/users/:id/assignments": {
    did: "Cambió los permisos de una cuenta",
    attempt: "cambiar los permisos de una cuenta",
  },
  "PATCH /api/users/:id": {
    did: "Activó o desactivó una cuenta",
    attempt: "activar o desactivar una cuenta",
  },
  "POST /api/users/:id/reset-link": {
    did: "Generó un enlace de un solo uso para fijar una contraseña",
    attempt: "generar un enlace para fijar una contraseña",
  },
  "POST /api/auth/logout-all": {
    did: "Cerró todas sus sesiones",
    attempt: "cerrar todas sus sesiones",
  },
  "POST /api/auth/password": { did: "Cambió la contraseña", attempt: "cambiar la contraseña" },
};

/** Each action of the access policy as an attempt, for refusals. */
const ACTION_ATTEMPTS: Record<Action, string> = {
  public: "usar una función pública",
  "session.read": "ver su sesión",
  "plan.list": "ver la lista de planes",
  "plan.read": "ver un plan",
  "compliance.read": "ver el cumplimiento de un plan",
  "plan.create": "crear un plan",
  "plan.edit": "editar un plan",
  "plan.reprogram": "reprogramar un plan",
  "plan.publish": "publicar un plan",
  "corte.manage": "gestionar los cortes de seguimiento",
  "actuals.import": "cargar avances",
  "report.submit": "enviar un reporte de avance",
  "report.review": "revisar un reporte de avance",
  "user.read": "ver las cuentas",
  "user.manage": "administrar cuentas",
  "audit.read": "ver la auditoría",
};

function isAction(code: string): code is Action {
  return (ACTIONS as readonly string[]).includes(code);
}

function attemptOf(code: string): string {
  return isAction(code) ? ACTION_ATTEMPTS[code] : `hacer «${code}»`;
}

/** "plan 3" from "/api/plans/3/…" or "plan 3 / objetivo 1": the plan a write was about. */
function planOf(resource: string | null): string | null {
  if (resource === null) return null;
  const match = /\/api\/plans\/(\d+)/.exec(resource) ?? /^plan (\d+)/.exec(resource);
  return match?.[1] ?? null;
}

/** "usuario 5": the account an event was about. */
function accountOf(facts: AuditFacts): string | null {
  const email = facts.details?.email;
  if (typeof email === "string" && email !== "") return email;
  const match =
    /^usuario (\d+)$/.exec(facts.resource ?? "") ??
    /\/api\/users\/(\d+)/.exec(facts.resource ?? "");
  return match?.[1] === undefined ? null : `usuario ${match[1]}`;
}

function statusOf(facts: AuditFacts): string {
  const status = facts.details?.status;
  return typeof status === "number" ? ` (respuesta ${status})` : "";
}

/** One sentence: "Cambió la contraseña", "Guardó cambios del plan 3", "Intento de inicio de sesión fallido". */
export function describeAuditEntry(facts: AuditFacts): string {
  const { action, outcome } = facts;
  const named = NAMED_EVENTS[action];
  if (named !== undefined) {
    const sentence =
      outcome === "ok"
        ? named.ok
        : outcome === "denied"
          ? (named.denied ?? named.failed)
          : named.failed;
    const account =
      action.startsWith("cuenta-") ||
      action === "permisos-cambiados" ||
      action === "enlace-restablecer"
        ? accountOf(facts)
        : null;
    if ((action.startsWith("corte-") || action.startsWith("plan-")) && facts.resource)
      return `${sentence}: ${facts.resource}`;
    return account === null ? sentence : `${sentence}: ${account}`;
  }
  if (action.startsWith("denegado:")) {
    return `Intentó ${attemptOf(action.slice("denegado:".length))} sin permiso`;
  }
  if (action.startsWith("csrf:")) {
    return `Solicitud rechazada al ${attemptOf(action.slice("csrf:".length))}: faltaba la prueba de que venía de Rumbo (token CSRF)`;
  }
  const write = WRITES[action];
  if (write !== undefined) {
    const plan =
      write.did.endsWith(" del plan") || write.did.endsWith(" el plan")
        ? planOf(facts.resource)
        : null;
    const object = plan === null ? "" : ` ${plan}`;
    return outcome === "ok"
      ? `${write.did}${object}`
      : `Intentó ${write.attempt}${object}, sin éxito${statusOf(facts)}`;
  }
  return `Acción «${action}»`;
}
