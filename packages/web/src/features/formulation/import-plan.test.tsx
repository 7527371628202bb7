import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiError,
  renderApp,
  resetApp,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { CONSULTA_SESSION } from "../session/fixtures/sessions.ts";
import { PLANEACION_GLOBAL_SESSION, SEED_WARNING } from "./fixtures/formulation-fixtures.ts";

const PLANS = {
  "/api/plans": {
    body: {
      plans: [
        {
          id: 1,
          code: "PES-GP-2024-2027",
          name: "Plan Estratégico Sectorial 2024-2027 - Sector Gestión Pública",
          entity: "Sector Gestión Pública",
          years: [2024, 2025, 2026, 2027],
          objectiveCount: 8,
          indicatorCount: 18,
          published: true,
        },
      ],
    },
  },
};

function xlsxFile(): File {
  return new File([new Uint8Array([80, 75, 3, 4])], "plan.xlsx", { type: "" });
}

async function openList(answers: Parameters<typeof stubApi>[0]) {
  const fetchMock = stubApi({
    ...PLANS,
    "/api/auth/session": { body: PLANEACION_GLOBAL_SESSION },
    ...answers,
  });
  renderApp("/planes");
  await screen.findByRole("heading", { level: 1, name: "Planes estratégicos" });
  return fetchMock;
}

function chooseFile(file: File): void {
  fireEvent.change(screen.getByLabelText("Archivo del plan"), { target: { files: [file] } });
}

afterEach(resetApp);

describe("importar un plan desde la lista", () => {
  it("planeación ve «Nuevo plan» e «Importar plan»; consulta no", async () => {
    await openList({});
    expect((await screen.findByRole("link", { name: "Nuevo plan" })).getAttribute("href")).toBe(
      "/planes/nuevo",
    );
    expect(screen.getByText("Importar plan").tagName).toBe("SUMMARY");
    resetApp();
    stubApi({ ...PLANS, "/api/auth/session": { body: CONSULTA_SESSION } });
    renderApp("/planes");
    await screen.findByRole("heading", { level: 1, name: "Planes estratégicos" });
    await waitFor(() =>
      expect(screen.getByRole("button", { name: /Consulta|Cerrar sesión/ })).toBeDefined(),
    );
    expect(screen.queryByRole("link", { name: "Nuevo plan" })).toBeNull();
  });

  it("primero revisa sin guardar y muestra cada problema del archivo", async () => {
    const fetchMock = await openList({
      "POST /api/plans/import": apiError(422, "IMPORT_FAILED", "El archivo tiene problemas.", [
        { sheet: "Indicadores", row: 12, column: "F", message: "«setenta» no es un número." },
        { path: "objectives[0].code", message: "Falta el código del objetivo." },
        { message: "El archivo no tiene la hoja Plan." },
      ]),
    });
    chooseFile(xlsxFile());
    fireEvent.click(screen.getByRole("button", { name: "Revisar el archivo" }));
    const alert = await screen.findByRole("alert");
    expect(visibleText(alert)).toContain("3 problemas en el archivo");
    expect(within(alert).getAllByRole("listitem").map(visibleText)).toEqual([
      "Hoja Indicadores, fila 12, columna F: «setenta» no es un número.",
      "Falta el código del objetivo.",
      "El archivo no tiene la hoja Plan.",
    ]);
    const call = stubCalls(fetchMock).find((c) => c.path === "/api/plans/import");
    expect(call?.search).toBe("?dryRun=true&fileName=plan.xlsx");
    expect(call?.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(call?.headers.get("x-csrf-token")).toBe("csrf-planeacion");
    expect(screen.queryByRole("button", { name: "Importar" })).toBeNull();
  });

  it("si la revisión pasa muestra las advertencias y «Importar» crea el plan", async () => {
    const fetchMock = await openList({
      "POST /api/plans/import": (request) =>
        request.search.startsWith("?dryRun=true")
          ? {
              body: {
                valid: true,
                action: "crear",
                warnings: [{ ...SEED_WARNING, location: "hoja Indicadores, fila 9" }],
              },
            }
          : {
              status: 201,
              body: { id: 9, version: 1, warnings: [{ ...SEED_WARNING, location: null }] },
            },
    });
    chooseFile(new File(['{"format":"rumbo.plan/v1"}'], "plan.json", { type: "application/json" }));
    fireEvent.click(screen.getByRole("button", { name: "Revisar el archivo" }));
    expect(
      await screen.findByText("El archivo «plan.json» es válido y se puede importar."),
    ).toBeDefined();
    expect(
      screen.getByText(`hoja Indicadores, fila 9: ${SEED_WARNING.message}`, { exact: false }),
    ).toBeDefined();
    fireEvent.click(screen.getByRole("button", { name: "Importar" }));
    const link = await screen.findByRole("link", { name: "Ver el plan importado" });
    expect(link.getAttribute("href")).toBe("/planes/9");
    const calls = stubCalls(fetchMock).filter((c) => c.path === "/api/plans/import");
    expect(calls.map((c) => [c.search, c.headers.get("Content-Type")])).toEqual([
      ["?dryRun=true&fileName=plan.json", "application/json"],
      ["?dryRun=false&fileName=plan.json", "application/json"],
    ]);
  });

  it("la matriz exportada de un plan que ya existe no se dice «válida»: lleva al plan para actualizarlo", async () => {
    await openList({
      "POST /api/plans/import": apiError(
        409,
        "PLAN_EXISTS",
        "El plan PES-GP-2024-2027 ya existe (id 1): use «Actualizar desde la matriz» en la página del plan para ver los cambios y guardarlos. No se guardó nada.",
        { planId: 1, code: "PES-GP-2024-2027" },
      ),
    });
    chooseFile(xlsxFile());
    fireEvent.click(screen.getByRole("button", { name: "Revisar el archivo" }));
    const alert = await screen.findByRole("alert");
    expect(visibleText(alert)).toContain("El plan PES-GP-2024-2027 ya existe (id 1)");
    expect(
      within(alert)
        .getByRole("link", {
          name: "Ir al plan PES-GP-2024-2027 para actualizarlo desde la matriz",
        })
        .getAttribute("href"),
    ).toBe("/planes/1#actualizar-desde-la-matriz");
    expect(screen.queryByText(/es válido y se puede importar/)).toBeNull();
  });

  it("un archivo que no es .xlsx, .csv ni .json no se envía", async () => {
    const fetchMock = await openList({});
    chooseFile(new File(["x"], "plan.pdf", { type: "application/pdf" }));
    fireEvent.click(screen.getByRole("button", { name: "Revisar el archivo" }));
    expect(visibleText(await screen.findByRole("alert"))).toBe(
      "Elija un archivo .xlsx, .csv o .json.",
    );
    expect(screen.getByLabelText("Archivo del plan").getAttribute("aria-invalid")).toBe("true");
    expect(stubCalls(fetchMock).some((c) => c.path === "/api/plans/import")).toBe(false);
  });
});
