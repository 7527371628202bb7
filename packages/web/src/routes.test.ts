import { describe, expect, it } from "vitest";
import {
  dashboardPath,
  indicatorPath,
  informeDiffPath,
  loginPathFor,
  matchRoute,
  reportPath,
  returnPathOf,
  safeReturnPath,
} from "./routes.ts";

describe("rutas", () => {
  it("reconoce las páginas de cuentas", () => {
    expect(matchRoute("/entrar")).toEqual({ name: "login" });
    expect(matchRoute("/cuenta")).toEqual({ name: "account" });
    expect(matchRoute("/cuenta/contrasena/")).toEqual({ name: "change-password" });
    expect(matchRoute("/restablecer")).toEqual({ name: "reset-password" });
    expect(matchRoute("/cuentas")).toEqual({ name: "users" });
    expect(matchRoute("/auditoria")).toEqual({ name: "audit" });
    expect(matchRoute("/planes/12")).toEqual({ name: "plan", planId: 12 });
    expect(matchRoute("/constructor")).toEqual({ name: "not-found" });
  });

  it("reconoce la reprogramación enfocada y la ficha de un indicador", () => {
    expect(matchRoute("/planes/1/reprogramar")).toEqual({ name: "plan-reprogram", planId: 1 });
    expect(matchRoute("/planes/1/indicadores/4075/editar")).toEqual({
      name: "indicator-edit",
      planId: 1,
      indicatorCode: "4075",
    });
    expect(matchRoute("/planes/1/indicadores/E1%2F2/editar")).toEqual({
      name: "indicator-edit",
      planId: 1,
      indicatorCode: "E1/2",
    });
    expect(matchRoute("/planes/1/indicadores/%E0%A4%A/editar")).toEqual({ name: "not-found" });
  });

  it("reconoce las páginas de seguimiento: mis indicadores, revisión, cortes, un reporte y su historial", () => {
    expect(matchRoute("/planes/1/seguimiento")).toEqual({ name: "my-reports", planId: 1 });
    expect(matchRoute("/planes/1/seguimiento/revision")).toEqual({
      name: "review-queue",
      planId: 1,
    });
    expect(matchRoute("/planes/1/seguimiento/cortes/")).toEqual({ name: "cortes", planId: 1 });
    expect(matchRoute("/planes/1/indicadores/2320/reportes/2025-Q1")).toEqual({
      name: "report",
      planId: 1,
      indicatorCode: "2320",
      period: "2025-Q1",
    });
    expect(matchRoute("/planes/1/indicadores/2320/reportes/2025-Q1/historial")).toEqual({
      name: "report-history",
      planId: 1,
      indicatorCode: "2320",
      period: "2025-Q1",
    });
    expect(reportPath(1, "E1/2", "2025", "Área TIC")).toBe(
      "/planes/1/indicadores/E1%2F2/reportes/2025?area=%C3%81rea+TIC",
    );
    expect(matchRoute("/planes/1/seguimiento/otra")).toEqual({ name: "not-found" });
  });

  it("reconoce el tablero, la vista de un objetivo y la página de un indicador", () => {
    expect(matchRoute("/planes/1/tablero")).toEqual({ name: "plan-dashboard", planId: 1 });
    expect(matchRoute("/planes/1/tablero/objetivos/3")).toEqual({
      name: "dashboard-objective",
      planId: 1,
      objectiveCode: "3",
    });
    expect(matchRoute("/planes/1/indicadores/2320")).toEqual({
      name: "indicator",
      planId: 1,
      indicatorCode: "2320",
    });
    expect(dashboardPath(1)).toBe("/planes/1/tablero");
    expect(indicatorPath(1, "E1/2")).toBe("/planes/1/indicadores/E1%2F2");
    expect(matchRoute(indicatorPath(1, "E1/2"))).toEqual({
      name: "indicator",
      planId: 1,
      indicatorCode: "E1/2",
    });
  });

  it("reconoce «¿Qué cambió desde este informe?» de un corte, con el instante del informe", () => {
    expect(informeDiffPath(1, 5)).toBe("/planes/1/tablero/informes/5/cambios");
    expect(informeDiffPath(1, 5, "2025-02-01T00:00:00Z")).toBe(
      "/planes/1/tablero/informes/5/cambios?knownAt=2025-02-01T00%3A00%3A00Z",
    );
    expect(matchRoute("/planes/1/tablero/informes/5/cambios")).toEqual({
      name: "informe-diff",
      planId: 1,
      corteId: 5,
    });
    expect(matchRoute("/planes/1/tablero/informes/99999999999/cambios")).toEqual({
      name: "not-found",
    });
  });

  it("solo vuelve a direcciones de este sitio después de entrar", () => {
    expect(safeReturnPath("/planes/1?x=1")).toBe("/planes/1?x=1");
    expect(safeReturnPath("//malicioso.example/")).toBeNull();
    expect(safeReturnPath("/\\malicioso.example")).toBeNull();
    expect(safeReturnPath("https://malicioso.example/")).toBeNull();
    expect(safeReturnPath(null)).toBeNull();
    expect(returnPathOf("?volver=%2Fcuentas")).toBe("/cuentas");
  });

  it("el enlace para entrar lleva la página de regreso, salvo el inicio y la propia página de entrada", () => {
    expect(loginPathFor("/cuentas")).toBe("/entrar?volver=%2Fcuentas");
    expect(loginPathFor("/auditoria?usuario=admin")).toBe(
      "/entrar?volver=%2Fauditoria%3Fusuario%3Dadmin",
    );
    expect(loginPathFor("/")).toBe("/entrar");
    expect(loginPathFor("/entrar?volver=%2Fcuentas")).toBe("/entrar");
    expect(loginPathFor("/restablecer")).toBe("/entrar");
  });
});
