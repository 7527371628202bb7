import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listAudit } from "../audit/audit-repository.ts";
import { runCli } from "../cli.ts";
import { openDatabase } from "../db/open-database.ts";
import { cortes, reportVersions } from "../db/schema.ts";
import { findPlanIdByCode } from "../plans/plans-repository.ts";
import { createAccount } from "../testing/accounts.ts";
import { captureIo } from "../testing/capture-io.ts";
import { SEED_PATH } from "../testing/seed-plan.ts";

const PLAN = "PES-GP-2024-2027";

describe("rumbo actuals import", () => {
  it("carga reportes a nombre de una cuenta de planeación por el mismo camino que la API: origen cli, historia y auditoría; todo o nada", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rumbo-actuals-"));
    const env = { RUMBO_DATA_DIR: join(dir, "data") };
    expect(await runCli(["plan", "import-seed", SEED_PATH, "--db"], captureIo(), env)).toBe(0);
    // Planeación opened the 2024 corte (its route is the cortes module's); the accounts exist.
    const setup = await openDatabase({ engine: "pglite", dataDir: env.RUMBO_DATA_DIR });
    const planId = (await findPlanIdByCode(setup.db, PLAN)) ?? 0;
    await createAccount(setup.db, "paula@entidad.gov.co", [
      { role: "planeacion", scope: { kind: "plan", planId } },
    ]);
    await createAccount(setup.db, "carla@entidad.gov.co", [
      { role: "consulta", scope: { kind: "plan", planId } },
    ]);
    await setup.db.insert(cortes).values({
      planId,
      periodEnd: "2024-12-31",
      opensOn: "2025-01-02",
      dueOn: "2025-01-20",
      closesOn: "2025-01-31",
    });
    await setup.close();

    const good = join(dir, "avances.csv");
    writeFileSync(
      good,
      "indicator;period;value\n2307;2024;44\n77;2024;70,5\n4205;2024;\n4248;2024;1\n",
    );
    const nobody = captureIo();
    expect(await runCli(["actuals", "import", PLAN, good], nobody, env)).toBe(2);
    expect(nobody.err).toContain("rumbo: indique con --as el correo de la cuenta");

    const consulta = captureIo();
    expect(
      await runCli(
        ["actuals", "import", PLAN, good, "--as", "carla@entidad.gov.co"],
        consulta,
        env,
      ),
    ).toBe(2);
    expect(consulta.err).toBe(
      `rumbo: la cuenta carla@entidad.gov.co no puede cargar avances en el plan ${PLAN} (hace falta planeación o administración del plan).\n`,
    );

    const dry = captureIo();
    expect(
      await runCli(
        ["actuals", "import", PLAN, good, "--as", "paula@entidad.gov.co", "--dry-run"],
        dry,
        env,
      ),
    ).toBe(0);
    expect(dry.out).toBe(
      `${good}: 3 reportes válidos para el plan ${PLAN} (3 nuevos, 0 actualizados, 0 sin cambios); prueba: no se guardó nada.\n`,
    );

    const bad = join(dir, "malo.csv");
    writeFileSync(bad, "indicator,period,value\n2307,2024,44\n9999,2024,1\n77,2031,70\n");
    const rejected = captureIo();
    expect(
      await runCli(["actuals", "import", PLAN, bad, "--as", "paula@entidad.gov.co"], rejected, env),
    ).toBe(2);
    expect(rejected.err.trim().split("\n")).toEqual([
      `${bad}: fila 3, columna «indicator» (A): El plan ${PLAN} no tiene el indicador 9999.`,
      `${bad}: fila 4, columna «period» (B): El periodo 2031 está fuera de las vigencias del plan (2024–2027).`,
      `rumbo: ${bad} no se cargó: 2 problemas. No se guardó nada.`,
    ]);

    const loaded = captureIo();
    expect(
      await runCli(["actuals", "import", PLAN, good, "--as", "PAULA@entidad.gov.co"], loaded, env),
    ).toBe(0);
    expect(loaded.out).toBe(
      `${good}: 3 reportes cargados en el plan ${PLAN} a nombre de paula@entidad.gov.co (3 nuevos, 0 actualizados, 0 sin cambios).\n`,
    );

    const handle = await openDatabase({ engine: "pglite", dataDir: env.RUMBO_DATA_DIR });
    const stored = await handle.db
      .select()
      .from(reportVersions)
      .where(eq(reportVersions.planId, planId))
      .orderBy(asc(reportVersions.id));
    const audit = await listAudit(handle.db, { action: "reporte-guardado" });
    await handle.close();
    expect(stored.map((v) => [v.indicatorCode, v.period, v.value, v.status, v.source])).toEqual([
      ["2307", "2024", 44, "borrador", "cli"],
      ["77", "2024", 70.5, "borrador", "cli"],
      ["4248", "2024", 1, "borrador", "cli"],
    ]);
    expect(audit.map((a) => [a.actorEmail, a.resource]).sort()).toEqual([
      ["paula@entidad.gov.co", `plan ${planId} / indicador 2307 / periodo 2024`],
      ["paula@entidad.gov.co", `plan ${planId} / indicador 4248 / periodo 2024`],
      ["paula@entidad.gov.co", `plan ${planId} / indicador 77 / periodo 2024`],
    ]);
    // Each command opens the PGlite data directory anew: seconds each on a busy machine.
  }, 240_000);

  it("un plan que no existe se nombra en el error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rumbo-actuals-"));
    const file = join(dir, "a.csv");
    writeFileSync(file, "indicator,period,value\n");
    const io = captureIo();
    expect(
      await runCli(["actuals", "import", "NO-EXISTE", file, "--as", "x@y.co"], io, {
        RUMBO_DATA_DIR: join(dir, "d"),
      }),
    ).toBe(2);
    expect(io.err).toBe(
      `rumbo: no existe un plan con el código NO-EXISTE en PGlite en ${join(dir, "d")}.\n`,
    );
  });
});
