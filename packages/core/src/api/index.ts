/**
 * The API's contracts, one file per noun. The server registers a route for
 * each endpoint (http/contract-route.ts), the OpenAPI document is generated
 * from them, and the web client calls them by name (shared/api/api-client.ts).
 */
import { auditEndpoints } from "./audit.ts";
import { authEndpoints } from "./auth.ts";
import { complianceEndpoints } from "./compliance.ts";
import { dashboardEndpoints } from "./dashboard.ts";
import type { Endpoint } from "./endpoint.ts";
import { formulationEndpoints } from "./formulation.ts";
import { healthEndpoints } from "./health.ts";
import { permissionsEndpoints } from "./permissions.ts";
import { planFilesEndpoints } from "./plan-files.ts";
import { plansEndpoints } from "./plans.ts";
import { publicacionEndpoints } from "./publicacion.ts";
import { seguimientoEndpoints } from "./seguimiento.ts";
import { usersEndpoints } from "./users.ts";

export * from "./audit.ts";
export * from "./auth.ts";
export * from "./compliance.ts";
export * from "./dashboard.ts";
export * from "./endpoint.ts";
export * from "./errors.ts";
export * from "./formulation.ts";
export * from "./health.ts";
export * from "./permissions.ts";
export * from "./plan-files.ts";
export * from "./plans.ts";
export * from "./primitives.ts";
export * from "./publicacion.ts";
export * from "./seguimiento.ts";
export * from "./users.ts";

/**
 * Every endpoint of the API by its operationId: `api.getPlan`, `api.listPlanVersions`…
 * (the key is the operationId; a core test holds them equal).
 */
export const api = {
  ...healthEndpoints,
  ...authEndpoints,
  ...usersEndpoints,
  ...auditEndpoints,
  ...plansEndpoints,
  ...complianceEndpoints,
  ...dashboardEndpoints,
  ...permissionsEndpoints,
  ...formulationEndpoints,
  ...planFilesEndpoints,
  ...seguimientoEndpoints,
  ...publicacionEndpoints,
} as const;

export type ApiOperationId = keyof typeof api;

export const API_ENDPOINTS: readonly Endpoint[] = Object.values(api);
