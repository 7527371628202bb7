import type { Plan } from "@rumbo/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuditRecord, listAudit } from "../../audit/audit-repository.ts";
import type { TestLogin } from "../../testing/accounts.ts";
import { GLOBAL_PLANNER, openTestApp, type TestApp } from "../../testing/test-app.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The plan's indicator 4075 (meta 2153) programmed `value` in 2025 instead of 17. */
function with4075In2025Of(plan: Plan, value: number): Plan {
  const changed = structuredClone(plan);
  const indicator = changed.objectives.flatMap((o) => o.indicators).find((i) => i.code === "4075");
  if (!indicator) throw new Error("4075");
  indicator.targets["2025"] = value;
  return changed;
}

describe.each(TEST_ENGINES)("la matriz de un plan guardado sobre $name", (engine) => {
  let t: TestApp;
  let planner: TestLogin;
  let admin: TestLogin;
  let demoId: number;

  beforeAll(async () => {
    t = await openTestApp(engine, { demo: true });
    demoId = t.demoPlanId;
    planner = await t.login("oap@entidad.gov.co", GLOBAL_PLANNER);
    admin = await t.login("admin@entidad.gov.co", [
      { role: "administrador", scope: { kind: "global" } },
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function exported(format: "xlsx" | "json", query = "", id = demoId): Promise<Buffer> {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/plans/${id}/export?format=${format}${query}`,
      // The demo plan is published; a plan made here is seen with a session.
      headers: id === demoId ? {} : planner.headers,
    });
    expect(response.statusCode).toBe(200);
    return response.rawPayload;
  }

  /** The seed plan's rumbo.plan/v1 with meta 2153 (indicator 4075) programmed `value` in 2025 instead of 17. */
  async function with4075In2025(value: number): Promise<string> {
    const plan = JSON.parse((await exported("json")).toString("utf8")) as Plan;
    return JSON.stringify(with4075In2025Of(plan, value));
  }

  function importUrl(query: Record<string, string>, id = demoId): string {
    return `/api/plans/${id}/import?${new URLSearchParams(query)}`;
  }

  async function currentVersion(id = demoId): Promise<number> {
    const response = await t.app.inject({ method: "GET", url: `/api/plans/${id}` });
    return response.json().currentVersion;
  }

  describe("actualizar un plan existente desde su matriz editada", () => {
    it("la matriz exportada sin cambios: el import de un plan nuevo dice que el plan ya existe y con qué id; la actualización dice «sin cambios»", async () => {
      const xlsx = await exported("xlsx");
      const asNew = await t.app.inject({
        method: "POST",
        url: "/api/plans/import?dryRun=true&fileName=matriz.xlsx",
        headers: { ...planner.headers, "content-type": XLSX },
        payload: xlsx,
      });
      expect(asNew.statusCode).toBe(409);
      expect(asNew.json().error).toMatchObject({
        code: "PLAN_EXISTS",
        details: { planId: demoId, code: "PES-GP-2024-2027" },
      });
      expect(asNew.json().error.message).toContain("El plan PES-GP-2024-2027 ya existe");

      const dry = await t.app.inject({
        method: "POST",
        url: importUrl({ dryRun: "true", fileName: "matriz.xlsx" }),
        headers: { ...planner.headers, "content-type": XLSX },
        payload: xlsx,
      });
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({ action: "sin cambios", planId: demoId, changes: [] });
    });

    it("en vigencia, cambiar la meta 2025 de la meta 2153 se revisa como reprogramación y no se guarda sin justificación y acta", async () => {
      const before = await currentVersion();
      const file = await with4075In2025(20);
      const dry = await t.app.inject({
        method: "POST",
        url: importUrl({ dryRun: "true", fileName: "matriz.json" }),
        headers: { ...planner.headers, "content-type": "application/json" },
        payload: file,
      });
      expect(dry.statusCode).toBe(200);
      expect(dry.json().action).toBe("reprogramar");
      expect(dry.json().version).toBe(before);
      expect(dry.json().changes.map((c: { message: string }) => c.message)).toEqual([
        "Indicador 4075: programación 2025: 17 → 20",
      ]);

      const withoutIfMatch = await t.app.inject({
        method: "POST",
        url: importUrl({ fileName: "matriz.json" }),
        headers: { ...planner.headers, "content-type": "application/json" },
        payload: file,
      });
      expect(withoutIfMatch.statusCode).toBe(428);

      const withoutAct = await t.app.inject({
        method: "POST",
        url: importUrl({ fileName: "matriz.json" }),
        headers: {
          ...planner.headers,
          "content-type": "application/json",
          "if-match": `"v${before}"`,
        },
        payload: file,
      });
      expect(withoutAct.statusCode).toBe(409);
      expect(withoutAct.json().error.code).toBe("REPROGRAMACION_REQUIRED");
      expect(withoutAct.json().error.details.changes).toHaveLength(1);
      expect(await currentVersion()).toBe(before);
    });

    it("con justificación y acta la matriz se guarda como reprogramación, con su acta en el historial y la fecha desde la que rige", async () => {
      const before = await currentVersion();
      const saved = await t.app.inject({
        method: "POST",
        url: importUrl({
          fileName: "matriz.json",
          justification: "Ajuste de la meta 2153 por el comité de 2025",
          actReference: "Acta Comité Sectorial 04/2025",
          effectiveFrom: "2025-07-01",
        }),
        headers: {
          ...planner.headers,
          "content-type": "application/json",
          "if-match": `"v${before}"`,
        },
        payload: await with4075In2025(20),
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ action: "reprogramar", version: before + 1 });

      const versions = await t.app.inject({
        method: "GET",
        url: `/api/plans/${demoId}/versions`,
        headers: admin.headers,
      });
      expect(versions.json().versions.at(-1)).toMatchObject({
        version: before + 1,
        kind: "reprogramacion",
        actorEmail: "oap@entidad.gov.co",
        actorKind: "persona",
        justification: "Ajuste de la meta 2153 por el comité de 2025",
        actReference: "Acta Comité Sectorial 04/2025",
        effectiveFrom: "2025-07-01",
      });

      // The same file again changes nothing: it is the version now in force.
      const again = await t.app.inject({
        method: "POST",
        url: importUrl({ dryRun: "true", fileName: "matriz.json" }),
        headers: { ...planner.headers, "content-type": "application/json" },
        payload: await with4075In2025(20),
      });
      expect(again.json()).toMatchObject({ action: "sin cambios", version: before + 1 });
    });

    it("una matriz revisada sobre una versión anterior no pisa los cambios de otra persona", async () => {
      const stale = (await currentVersion()) - 1;
      const response = await t.app.inject({
        method: "POST",
        url: importUrl({ fileName: "matriz.json" }),
        headers: {
          ...planner.headers,
          "content-type": "application/json",
          "if-match": `"v${stale}"`,
        },
        payload: JSON.stringify({
          ...(JSON.parse(await with4075In2025(20)) as Plan),
          source: "SEGPLAN, corte 30-jun-2025",
        }),
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe("VERSION_CONFLICT");
    });

    it("en vigencia, cambiar solo un texto es una edición, sin acta", async () => {
      const before = await currentVersion();
      const plan = JSON.parse((await exported("json")).toString("utf8")) as Plan;
      plan.source = "SEGPLAN, corte 31-dic-2025";
      const saved = await t.app.inject({
        method: "POST",
        url: importUrl({ fileName: "matriz.json" }),
        headers: {
          ...planner.headers,
          "content-type": "application/json",
          "if-match": `"v${before}"`,
        },
        payload: JSON.stringify(plan),
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ action: "editar", version: before + 1 });
      expect(saved.json().changes.map((c: { field: string }) => c.field)).toEqual(["source"]);
    });

    it("la matriz de otro plan no actualiza este", async () => {
      const plan = JSON.parse((await exported("json")).toString("utf8")) as Plan;
      const response = await t.app.inject({
        method: "POST",
        url: importUrl({ dryRun: "true", fileName: "otro.json" }),
        headers: { ...planner.headers, "content-type": "application/json" },
        payload: JSON.stringify({ ...plan, code: "OTRO-PLAN" }),
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe("PLAN_CODE_MISMATCH");
    });

    it("sin sesión no se actualiza nada", async () => {
      const response = await t.app.inject({
        method: "POST",
        url: importUrl({ dryRun: "true" }),
        headers: { "content-type": "application/json" },
        payload: await with4075In2025(21),
      });
      expect(response.statusCode).toBe(401);
    });
  });

  describe("una matriz guardada mientras el plan cambia de estado", () => {
    it("si el plan se pone en vigencia entre la lectura de la matriz y su escritura, la programación cambiada no entra como edición: 409 y el plan queda como estaba", async () => {
      const code = "PES-CARRERA-MATRIZ";
      const plan = { ...(JSON.parse((await exported("json")).toString("utf8")) as Plan), code };
      const created = await t.app.inject({
        method: "POST",
        url: "/api/plans/import?fileName=copia.json",
        headers: { ...planner.headers, "content-type": "application/json" },
        payload: JSON.stringify(plan),
      });
      expect(created.statusCode).toBe(201);
      const id: number = created.json().id;
      const target2025 = (stored: Plan) =>
        stored.objectives.flatMap((o) => o.indicators).find((i) => i.code === "4075")?.targets[
          "2025"
        ];
      const original = target2025(plan);

      let inForce: { statusCode: number } | null = null;
      t.beforeNextTransaction(async () => {
        inForce = await t.app.inject({
          method: "POST",
          url: `/api/plans/${id}/status`,
          headers: planner.headers,
          payload: { status: "vigente" },
        });
      });
      const file = JSON.stringify(with4075In2025Of(plan, 23));
      const update = (version: number) =>
        t.app.inject({
          method: "POST",
          url: importUrl({ fileName: "matriz.json" }, id),
          headers: {
            ...planner.headers,
            "content-type": "application/json",
            "if-match": `"v${version}"`,
          },
          payload: file,
        });
      const racing = await update(1);

      expect(inForce).toMatchObject({ statusCode: 200 });
      expect(racing.statusCode).toBe(409);
      expect(racing.json().error).toMatchObject({
        code: "VERSION_CONFLICT",
        details: { currentVersion: 2, changes: [] },
      });
      const stored = JSON.parse((await exported("json", "", id)).toString("utf8")) as Plan;
      expect(target2025(stored)).toBe(original);
      const versions = await t.app.inject({
        method: "GET",
        url: `/api/plans/${id}/versions`,
        headers: planner.headers,
      });
      expect(
        versions
          .json()
          .versions.map((v: { version: number; kind: string }) => `${v.version} ${v.kind}`),
      ).toEqual(["1 importacion", "2 puesta-en-vigencia"]);

      // Sent again on the version in force, the same matriz is a reprogramación.
      const again = await update(2);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("REPROGRAMACION_REQUIRED");
    });
  });

  describe("una reprogramación desde la matriz guarda una versión y una entrada de auditoría, o nada", () => {
    let id: number;
    let original: Plan;
    const target2025 = (stored: Plan) =>
      stored.objectives.flatMap((o) => o.indicators).find((i) => i.code === "4075")?.targets[
        "2025"
      ];

    beforeAll(async () => {
      // A copy of the seed plan as it is now (meta 2153 programmed 20 in 2025 by the tests above).
      const code = "PES-REPROGRAMA-MATRIZ";
      original = { ...(JSON.parse((await exported("json")).toString("utf8")) as Plan), code };
      const created = await t.app.inject({
        method: "POST",
        url: "/api/plans/import?fileName=copia.json",
        headers: { ...planner.headers, "content-type": "application/json" },
        payload: JSON.stringify(original),
      });
      expect(created.statusCode).toBe(201);
      id = created.json().id;
      const inForce = await t.app.inject({
        method: "POST",
        url: `/api/plans/${id}/status`,
        headers: { ...planner.headers, "if-match": '"v1"' },
        payload: { status: "vigente" },
      });
      expect(inForce.statusCode).toBe(200);
    });

    /** What the plan keeps: its versions (number and kind) and meta 2153's 2025 target. */
    async function stored(): Promise<{
      versions: string[];
      target2025: number | null | undefined;
    }> {
      const versions = await t.app.inject({
        method: "GET",
        url: `/api/plans/${id}/versions`,
        headers: planner.headers,
      });
      const plan = JSON.parse((await exported("json", "", id)).toString("utf8")) as Plan;
      return {
        versions: versions
          .json()
          .versions.map((v: { version: number; kind: string }) => `${v.version} ${v.kind}`),
        target2025: target2025(plan),
      };
    }

    /** The audit entries written since `mark` (the highest id seen before), oldest first. */
    async function auditSince(mark: number): Promise<AuditRecord[]> {
      const entries = await listAudit(t.database.db, { limit: 50 });
      return entries.filter((e) => e.id > mark).reverse();
    }

    async function auditMark(): Promise<number> {
      return (await listAudit(t.database.db, { limit: 1 }))[0]?.id ?? 0;
    }

    function save(version: number, query: Record<string, string> = {}) {
      return t.app.inject({
        method: "POST",
        url: importUrl({ fileName: "matriz.json", ...query }, id),
        headers: {
          ...planner.headers,
          "content-type": "application/json",
          "if-match": `"v${version}"`,
        },
        payload: JSON.stringify(with4075In2025Of(original, 25)),
      });
    }

    const act = {
      justification: "Ajuste de la meta 2153 aprobado por el comité directivo",
      actReference: "Acta 07 de 2025",
      effectiveFrom: "2025-07-01",
    };

    it("sin justificación la reprogramación se rechaza en español y no guarda nada", async () => {
      const before = await stored();
      const mark = await auditMark();

      const onlyAct = await save(2, { actReference: act.actReference });

      expect(onlyAct.statusCode).toBe(409);
      expect(onlyAct.json().error.code).toBe("REPROGRAMACION_REQUIRED");
      expect(onlyAct.json().error.message).toBe(
        "El plan está en vigencia y la matriz cambia metas, totales o ponderaciones: se guarda como reprogramación, con justificación y acta.",
      );
      expect(onlyAct.json().error.details.changes).toMatchObject([
        { message: "Indicador 4075: programación 2025: 20 → 25" },
      ]);
      expect(await stored()).toEqual(before);
      expect(before).toEqual({
        versions: ["1 importacion", "2 puesta-en-vigencia"],
        target2025: 20,
      });
      // Only the refused attempt is recorded, as a failure; no change is.
      expect((await auditSince(mark)).map((e) => `${e.action} ${e.outcome}`)).toEqual([
        "POST /api/plans/:id/import failed",
      ]);
    });

    it("una justificación de tres letras se rechaza nombrando la justificación y no guarda nada", async () => {
      const before = await stored();
      const response = await save(2, { justification: "ajuste", actReference: act.actReference });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toContain("explique la reprogramación");
      expect(await stored()).toEqual(before);
    });

    it("con justificación y acta guarda exactamente una versión de reprogramación y una entrada de auditoría", async () => {
      const mark = await auditMark();

      const saved = await save(2, act);

      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ action: "reprogramar", planId: id, version: 3 });
      expect(await stored()).toEqual({
        versions: ["1 importacion", "2 puesta-en-vigencia", "3 reprogramacion"],
        target2025: 25,
      });
      const written = await auditSince(mark);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatchObject({
        action: "plan-reprogramado",
        outcome: "ok",
        actorEmail: "oap@entidad.gov.co",
        resource: `plan ${id}`,
        details: { code: "PES-REPROGRAMA-MATRIZ", file: "matriz.json", version: 3 },
      });

      // A dry run of the same file stores nothing and is not a write to audit.
      const dry = await t.app.inject({
        method: "POST",
        url: importUrl({ dryRun: "true", fileName: "matriz.json" }, id),
        headers: { ...planner.headers, "content-type": "application/json" },
        payload: JSON.stringify(with4075In2025Of(original, 25)),
      });
      expect(dry.json()).toMatchObject({ action: "sin cambios", version: 3 });
      expect(await auditSince(mark)).toHaveLength(1);
    });

    it("una matriz revisada sobre la versión 2 cuando el plan va en la 3 se rechaza y no guarda nada", async () => {
      const before = await stored();
      const mark = await auditMark();

      const stale = await t.app.inject({
        method: "POST",
        url: importUrl({ fileName: "matriz.json", ...act }, id),
        headers: {
          ...planner.headers,
          "content-type": "application/json",
          "if-match": '"v2"',
        },
        payload: JSON.stringify(with4075In2025Of(original, 30)),
      });

      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({
        code: "VERSION_CONFLICT",
        details: { currentVersion: 3 },
      });
      expect(stale.json().error.message).toBe(
        "Otra persona guardó cambios en el plan: usted editaba la versión 2 y la vigente es la 3.",
      );
      expect(await stored()).toEqual(before);
      expect(before.target2025).toBe(25);
      expect((await auditSince(mark)).map((e) => `${e.action} ${e.outcome}`)).toEqual([
        "POST /api/plans/:id/import failed",
      ]);
    });
  });

  describe("las versiones anteriores del plan", () => {
    it("la descarga de la versión 1 da la programación original de la meta 2153 y se nombra con su versión", async () => {
      const response = await t.app.inject({
        method: "GET",
        url: `/api/plans/${demoId}/export?format=json&version=1`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-disposition"]).toBe(
        'attachment; filename="PES-GP-2024-2027-v1.json"',
      );
      const plan = response.json() as Plan;
      const indicator = plan.objectives.flatMap((o) => o.indicators).find((i) => i.code === "4075");
      expect(indicator?.targets["2025"]).toBe(17);
      const current = await t.app.inject({
        method: "GET",
        url: `/api/plans/${demoId}/export?format=json`,
      });
      const now = current.json() as Plan;
      expect(
        now.objectives.flatMap((o) => o.indicators).find((i) => i.code === "4075")?.targets["2025"],
      ).toBe(20);
      const missing = await t.app.inject({
        method: "GET",
        url: `/api/plans/${demoId}/export?format=json&version=99`,
      });
      expect(missing.statusCode).toBe(404);
    });

    it("quien no ve las cuentas ve que una persona hizo la reprogramación y su acta, no su correo; la carga inicial es del sistema; quien la hizo ve la suya", async () => {
      const colleague = await t.login("colega@entidad.gov.co", [
        { role: "planeacion", scope: { kind: "global" } },
      ]);
      for (const headers of [{}, colleague.headers]) {
        const response = await t.app.inject({
          method: "GET",
          url: `/api/plans/${demoId}/versions`,
          headers,
        });
        const versions = response.json().versions;
        expect(versions[0]).toMatchObject({ version: 1, actorKind: "sistema", actorEmail: null });
        expect(versions[1]).toMatchObject({
          version: 2,
          kind: "reprogramacion",
          actorKind: "persona",
          actorEmail: null,
          actReference: "Acta Comité Sectorial 04/2025",
        });
      }
      const own = await t.app.inject({
        method: "GET",
        url: `/api/plans/${demoId}/versions`,
        headers: planner.headers,
      });
      expect(own.json().versions[1].actorEmail).toBe("oap@entidad.gov.co");
    });
  });
});
