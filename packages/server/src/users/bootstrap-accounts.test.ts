import { describe, expect, it } from "vitest";
import { verifyPassword } from "../auth/passwords.ts";
import { openDatabase } from "../db/open-database.ts";
import { loadDemoDataIfEmpty } from "../demo-data.ts";
import {
  ADMIN_EMAIL,
  createDemoAccounts,
  ensureAdministrator,
  formatCredentials,
} from "./bootstrap-accounts.ts";
import { findUserByEmail, listUsers } from "./users-repository.ts";

describe("primer arranque", () => {
  it("crea un administrador con contraseña aleatoria de un solo uso, y una cuenta de demostración por rol", async () => {
    const database = await openDatabase({ engine: "pglite", dataDir: null });
    const demo = await loadDemoDataIfEmpty(database.db);
    if (!demo.loaded) throw new Error("base no vacía");
    const admin = await ensureAdministrator(database.db);
    expect(admin?.email).toBe(ADMIN_EMAIL);
    expect(admin?.password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
    const stored = await findUserByEmail(database.db, ADMIN_EMAIL);
    expect(stored?.mustChangePassword).toBe(true);
    expect(await verifyPassword(stored?.passwordHash ?? "", admin?.password ?? "")).toBe(true);

    const demoAccounts = await createDemoAccounts(database.db, demo.planId);
    expect(demoAccounts.map((a) => [a.email, a.role])).toEqual([
      ["planeacion@rumbo.local", "planeacion"],
      ["responsable@rumbo.local", "responsable"],
      ["consulta@rumbo.local", "consulta"],
    ]);
    expect(new Set([admin?.password, ...demoAccounts.map((a) => a.password)]).size).toBe(4);
    const users = await listUsers(database.db);
    expect(users.find((u) => u.email === "responsable@rumbo.local")?.assignments).toEqual([
      {
        role: "responsable",
        scope: { kind: "objective", planId: demo.planId, objectiveCode: "3" },
      },
    ]);
    const text = formatCredentials([...(admin ? [admin] : []), ...demoAccounts]);
    expect(text.split("\n")[0]).toBe(
      "Cuentas creadas (las contraseñas se muestran solo esta vez):",
    );
    expect(text).toContain(
      `administrador  ${ADMIN_EMAIL.padEnd(26)} ${admin?.password}   (de un solo uso: se cambia al entrar)`,
    );

    // A second start finds accounts and creates nothing.
    expect(await ensureAdministrator(database.db)).toBeNull();
    await database.close();
  });
});
