import { describe, expect, it } from "vitest";
import { z } from "zod";
import { API_ENDPOINTS, api, endpointPath } from "./index.ts";
import { int32Id, isoDateInRange, safeText } from "./primitives.ts";

describe("contratos de la API", () => {
  it("cada contrato se llama por su operationId, y no hay dos rutas con el mismo método y ruta", () => {
    for (const [key, endpoint] of Object.entries(api)) expect(endpoint.operationId).toBe(key);
    const routes = API_ENDPOINTS.map((e) => `${e.method} ${e.path}`);
    expect(new Set(routes).size).toBe(routes.length);
    expect(API_ENDPOINTS).toHaveLength(59);
  });

  it("la dirección de un soporte lleva su SHA-256: un parámetro con dígitos en el nombre (:sha256) se sustituye entero", () => {
    const sha256 = "ab".repeat(32);
    expect(endpointPath(api.getEvidence, { id: 1, sha256 })).toBe(
      `/api/plans/1/evidence/${sha256}`,
    );
  });

  it("una ruta con parámetros o cuerpo puede responder VALIDATION_ERROR", () => {
    for (const endpoint of API_ENDPOINTS) {
      if (endpoint.params || endpoint.querystring || endpoint.body) {
        expect(endpoint.errorCodes, endpoint.operationId).toContain("VALIDATION_ERROR");
      }
    }
  });

  it("un id o una versión de 2147483648 no pasa: no cabe en la columna", () => {
    const id = int32Id("el id del plan");
    expect(id.parse("2147483647")).toBe(2_147_483_647);
    expect(id.safeParse("2147483648").error?.issues[0]?.message).toBe(
      "el id del plan es demasiado grande (máximo 2147483647)",
    );
  });

  it("un texto con el carácter nulo o medio par sustituto no pasa", () => {
    const text = safeText(100);
    expect(text.safeParse("ana\u0000").error?.issues[0]?.message).toBe(
      "el texto contiene el carácter nulo (U+0000), que no se puede guardar",
    );
    expect(text.safeParse("\uD800").success).toBe(false);
    expect(text.parse("Secretaría de Educación")).toBe("Secretaría de Educación");
  });

  it("fechas como 0000-01-01 o 9999-12-31 no pasan; 2026-12-07 sí", () => {
    const date = z.object({ desde: isoDateInRange() });
    expect(date.safeParse({ desde: "0000-01-01" }).error?.issues[0]?.message).toBe(
      "la fecha debe estar entre 1900-01-01 y 2200-12-31",
    );
    expect(date.safeParse({ desde: "9999-12-31" }).success).toBe(false);
    expect(date.parse({ desde: "2026-12-07" })).toEqual({ desde: "2026-12-07" });
  });
});
