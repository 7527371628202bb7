import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listAudit } from "../audit/audit-repository.ts";
import { runCli } from "../cli.ts";
import { openDatabase } from "../db/open-database.ts";
import { captureIo } from "../testing/capture-io.ts";
import { SEED_PATH } from "../testing/seed-plan.ts";
import { findUserByEmail, getUser, setActive } from "../users/users-repository.ts";

describe("rumbo user add | reset | role", () => {
  it("crea una cuenta con rol en un plan, da enlaces de un solo uso y cambia sus roles, todo auditado", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "rumbo-user-")), "data");
    const env = { RUMBO_DATA_DIR: dataDir, RUMBO_PUBLIC_URL: "https://rumbo.entidad.gov.co" };
    expect(await runCli(["plan", "import-seed", SEED_PATH, "--db"], captureIo(), env)).toBe(0);

    const add = captureIo();
    expect(
      await runCli(
        [
          "user",
          "add",
          "lina@entidad.gov.co",
          "--name",
          "Lina Rojas",
          "--area",
          "OAP",
          "--role",
          "planeacion",
          "--plan",
          "PES-GP-2024-2027",
        ],
        add,
        env,
      ),
    ).toBe(0);
    expect(add.out).toMatch(
      /^Cuenta lina@entidad\.gov\.co creada \(id 1\)\.\nEnlace de un solo uso para fijar la contraseña \(vence .*\):\nhttps:\/\/rumbo\.entidad\.gov\.co\/restablecer#token=[A-Za-z0-9_-]{43}\n$/,
    );

    const reset = captureIo();
    expect(await runCli(["user", "reset", "lina@entidad.gov.co"], reset, env)).toBe(0);
    expect(reset.out).toMatch(/restablecer#token=/);

    const role = captureIo();
    expect(
      await runCli(["user", "role", "lina@entidad.gov.co", "--role", "consulta"], role, env),
    ).toBe(0);
    expect(role.out).toBe("lina@entidad.gov.co: planeacion (plan 1); consulta (global).\n");
    const removed = captureIo();
    expect(
      await runCli(
        [
          "user",
          "role",
          "lina@entidad.gov.co",
          "--role",
          "planeacion",
          "--plan",
          "PES-GP-2024-2027",
          "--remove",
        ],
        removed,
        env,
      ),
    ).toBe(0);
    expect(removed.out).toBe("lina@entidad.gov.co: consulta (global).\n");

    const handle = await openDatabase({ engine: "pglite", dataDir });
    const user = await findUserByEmail(handle.db, "lina@entidad.gov.co");
    expect((await getUser(handle.db, user?.id ?? 0))?.assignments).toEqual([
      { role: "consulta", scope: { kind: "global" } },
    ]);
    const audit = await listAudit(handle.db, {});
    expect(audit.map((a) => a.action)).toEqual([
      "permisos-cambiados",
      "permisos-cambiados",
      "enlace-restablecer",
      "cuenta-creada",
    ]);
    expect(audit.every((a) => a.actorEmail?.startsWith("cli:"))).toBe(true);
    await handle.close();
  });

  it("errores de uso, rol desconocido, plan inexistente, cuenta desactivada y correo repetido salen con estado 2", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "rumbo-user-")), "data");
    const env = { RUMBO_DATA_DIR: dataDir };
    const cases: [string[], RegExp][] = [
      [["user", "add", "x@y.co"], /^rumbo: falta --name\.\nUso:/],
      [
        ["user", "add", "x@y.co", "--name", "X", "--role", "jefe"],
        /^rumbo: rol desconocido «jefe»; use uno de: administrador, planeacion, responsable, consulta\./,
      ],
      [
        ["user", "add", "x@y.co", "--name", "X", "--role", "consulta", "--plan", "NO"],
        /^rumbo: no existe un plan con el código NO\./,
      ],
      [
        ["user", "reset", "nadie@y.co"],
        /^rumbo: no existe una cuenta con el correo nadie@y\.co\.\n$/,
      ],
      [["user", "borrar", "x@y.co"], /^rumbo: subcomando de user desconocido «borrar»\.\nUso:/],
    ];
    for (const [args, expected] of cases) {
      const io = captureIo();
      expect(await runCli(args, io, env)).toBe(2);
      expect(io.err).toMatch(expected);
    }
    expect(await runCli(["user", "add", "x@y.co", "--name", "X"], captureIo(), env)).toBe(0);
    const database = await openDatabase({ engine: "pglite", dataDir });
    const added = await findUserByEmail(database.db, "x@y.co");
    if (!added) throw new Error("la cuenta x@y.co no se creó");
    await setActive(database.db, added.id, false);
    await database.close();
    const inactive = captureIo();
    expect(await runCli(["user", "reset", "x@y.co"], inactive, env)).toBe(2);
    expect(inactive.err).toBe(
      "rumbo: la cuenta x@y.co está desactivada: actívela antes de emitir un enlace para fijar la contraseña.\n",
    );
    expect(inactive.out).toBe("");
    const dup = captureIo();
    expect(await runCli(["user", "add", "X@Y.co", "--name", "X"], dup, env)).toBe(2);
    expect(dup.err).toBe("rumbo: Ya existe una cuenta con el correo x@y.co.\n");
  });
});
