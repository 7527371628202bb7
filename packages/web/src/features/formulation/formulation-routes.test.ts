import { describe, expect, it } from "vitest";
import {
  editPlanPath,
  matchRoute,
  newPlanPath,
  planVersionPath,
  planVersionsPath,
} from "../../routes.ts";
import { editFieldPath, editorParamsOf, reprogramPath } from "./editor-params.ts";
import { requestedVersionOf } from "./requested-version.ts";

describe("direcciones de la formulación", () => {
  it("nuevo plan, editar y versiones tienen su ruta", () => {
    expect(matchRoute(newPlanPath)).toEqual({ name: "plan-new" });
    expect(matchRoute(editPlanPath(3))).toEqual({ name: "plan-edit", planId: 3 });
    expect(matchRoute(planVersionsPath(3))).toEqual({ name: "plan-versions", planId: 3 });
    expect(matchRoute("/planes/3/versiones/")).toEqual({ name: "plan-versions", planId: 3 });
    expect(matchRoute("/planes/0/editar")).toEqual({ name: "not-found" });
    expect(matchRoute("/planes/3/borrar")).toEqual({ name: "not-found" });
  });

  it("una versión anterior se lee en la página del plan con ?version=N", () => {
    expect(planVersionPath(3, 2)).toBe("/planes/3?version=2");
    expect(requestedVersionOf("?version=2")).toBe(2);
    expect(requestedVersionOf("?version=0")).toBeNull();
    expect(requestedVersionOf("?version=dos")).toBeNull();
    expect(requestedVersionOf("")).toBeNull();
  });

  it("el editor abre en un campo, listo para reprogramar, o tras crear el plan", () => {
    expect(editFieldPath(3, "objectives[2].indicators[0].targets.2025")).toBe(
      "/planes/3/editar?campo=objectives%5B2%5D.indicators%5B0%5D.targets.2025",
    );
    expect(editFieldPath(3, "")).toBe("/planes/3/editar");
    expect(reprogramPath(3)).toBe("/planes/3/editar?reprogramar=1");
    expect(editorParamsOf("?campo=code&reprogramar=1")).toEqual({
      field: "code",
      reprogram: true,
      created: false,
    });
  });
});
