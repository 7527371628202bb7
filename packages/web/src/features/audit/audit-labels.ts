import type { Outcome } from "./audit-api.ts";

export const OUTCOME_LABELS: Record<Outcome, string> = {
  ok: "Correcto",
  denied: "Denegado",
  failed: "Fallido",
};

/**
 * Actions the server writes by name (auth-routes.ts, users-routes.ts); writes
 * also appear as "POST /api/…" and denials as "denegado:<acción>". Offered as
 * suggestions only: the filter takes any text.
 */
export const KNOWN_ACTIONS = [
  "login",
  "logout",
  "logout-todas",
  "cambio-contraseña",
  "restablecer-contraseña",
  "cuenta-creada",
  "cuenta-activada",
  "cuenta-desactivada",
  "permisos-cambiados",
  "enlace-restablecer",
] as const;
