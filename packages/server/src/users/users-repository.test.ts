import type { Assignment } from "@rumbo/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  consumePasswordReset,
  createPasswordReset,
  findPendingReset,
} from "../auth/password-resets-repository.ts";
import type { DatabaseHandle } from "../db/open-database.ts";
import { savePlan } from "../plans/plans-repository.ts";
import { seedPlan } from "../testing/seed-plan.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import {
  assignmentsOf,
  clearFailedLogins,
  countUsers,
  createUser,
  EmailTakenError,
  findUserByEmail,
  getUser,
  LOCKOUT_MAX_MINUTES,
  LOCKOUT_THRESHOLD,
  listUsers,
  recordFailedLogin,
  setActive,
  setAssignments,
  setPassword,
} from "./users-repository.ts";

const MINUTE = 60_000;

describe.each(TEST_ENGINES)("repositorio de cuentas sobre $name", ({ open }) => {
  let handle: DatabaseHandle;
  let planId = 0;

  beforeAll(async () => {
    handle = await open();
    planId = await savePlan(handle.db, seedPlan());
  });
  afterAll(async () => {
    await handle?.close();
  });

  /** An account with only what the test cares about; the hash is any text to the repository. */
  async function account(email: string, assignments: Assignment[] = []): Promise<number> {
    return createUser(handle.db, {
      email,
      name: `Persona ${email}`,
      area: null,
      passwordHash: "hash-de-prueba",
      mustChangePassword: false,
      assignments,
    });
  }

  it("el correo se guarda en minúsculas y sin espacios, y la cuenta se encuentra escrita de cualquier forma", async () => {
    const id = await createUser(handle.db, {
      email: "  Ana.Torres@Entidad.GOV.co ",
      name: "  Ana Torres ",
      area: " Oficina Asesora de Planeación ",
      passwordHash: "$argon2id$ficticio",
      mustChangePassword: true,
      assignments: [],
    });
    const expected = {
      id,
      email: "ana.torres@entidad.gov.co",
      name: "Ana Torres",
      area: "Oficina Asesora de Planeación",
      passwordHash: "$argon2id$ficticio",
      mustChangePassword: true,
      active: true,
      failedLogins: 0,
      lockedUntil: null,
    };
    expect(await findUserByEmail(handle.db, "ana.torres@entidad.gov.co")).toEqual(expected);
    expect(await findUserByEmail(handle.db, " ANA.TORRES@ENTIDAD.GOV.CO")).toEqual(expected);
    expect(await getUser(handle.db, id)).toEqual({ ...expected, assignments: [] });
  });

  it("no se puede abrir una segunda cuenta con el mismo correo aunque cambien mayúsculas o espacios", async () => {
    await account("beto@entidad.gov.co", [{ role: "consulta", scope: { kind: "global" } }]);
    const before = await countUsers(handle.db);
    const attempt = createUser(handle.db, {
      email: " BETO@entidad.gov.co",
      name: "Otro Beto",
      area: null,
      passwordHash: null,
      mustChangePassword: true,
      assignments: [{ role: "administrador", scope: { kind: "global" } }],
    });
    await expect(attempt).rejects.toBeInstanceOf(EmailTakenError);
    await expect(attempt).rejects.toMatchObject({
      code: "EMAIL_TAKEN",
      email: "beto@entidad.gov.co",
    });
    expect(await countUsers(handle.db)).toBe(before);
    const beto = await findUserByEmail(handle.db, "beto@entidad.gov.co");
    expect(beto?.name).toBe("Persona beto@entidad.gov.co");
    expect(await assignmentsOf(handle.db, beto?.id ?? -1)).toEqual([
      { role: "consulta", scope: { kind: "global" } },
    ]);
  });

  it("un área en blanco o ausente queda sin área", async () => {
    const blank = await createUser(handle.db, {
      email: "sin-area@entidad.gov.co",
      name: "Sin Área",
      area: "   ",
      passwordHash: null,
      mustChangePassword: true,
      assignments: [],
    });
    const none = await createUser(handle.db, {
      email: "nula@entidad.gov.co",
      name: "Nula",
      area: null,
      passwordHash: null,
      mustChangePassword: true,
      assignments: [],
    });
    expect((await getUser(handle.db, blank))?.area).toBeNull();
    expect((await getUser(handle.db, none))?.area).toBeNull();
    expect((await getUser(handle.db, none))?.passwordHash).toBeNull();
  });

  it("una cuenta que no existe no se encuentra ni por correo ni por número", async () => {
    expect(await findUserByEmail(handle.db, "nadie@entidad.gov.co")).toBeNull();
    expect(await getUser(handle.db, 987_654)).toBeNull();
    expect(await assignmentsOf(handle.db, 987_654)).toEqual([]);
  });

  it("los roles global, de plan, de objetivo y de indicador se leen tal como se asignaron y en el mismo orden", async () => {
    const assignments: Assignment[] = [
      { role: "responsable", scope: { kind: "indicator", planId, indicatorCode: "4075" } },
      { role: "planeacion", scope: { kind: "plan", planId } },
      { role: "consulta", scope: { kind: "global" } },
      { role: "responsable", scope: { kind: "objective", planId, objectiveCode: "6" } },
    ];
    const id = await account("carla@entidad.gov.co", assignments);
    expect(await assignmentsOf(handle.db, id)).toEqual(assignments);
    expect((await getUser(handle.db, id))?.assignments).toEqual(assignments);
  });

  it("reasignar roles reemplaza todos los de esa persona y no toca los de nadie más", async () => {
    const dora = await account("dora@entidad.gov.co", [
      { role: "planeacion", scope: { kind: "plan", planId } },
      { role: "consulta", scope: { kind: "global" } },
    ]);
    const eli = await account("eli@entidad.gov.co", [
      { role: "responsable", scope: { kind: "objective", planId, objectiveCode: "2" } },
    ]);
    const next: Assignment[] = [
      { role: "responsable", scope: { kind: "indicator", planId, indicatorCode: "3979" } },
    ];
    await setAssignments(handle.db, dora, next);
    expect(await assignmentsOf(handle.db, dora)).toEqual(next);
    expect(await assignmentsOf(handle.db, eli)).toEqual([
      { role: "responsable", scope: { kind: "objective", planId, objectiveCode: "2" } },
    ]);

    await setAssignments(handle.db, dora, []);
    expect(await assignmentsOf(handle.db, dora)).toEqual([]);
    expect(await assignmentsOf(handle.db, eli)).toHaveLength(1);
  });

  it("si la nueva asignación no se puede guardar, la persona conserva los roles que tenía", async () => {
    const before: Assignment[] = [
      { role: "planeacion", scope: { kind: "plan", planId } },
      { role: "consulta", scope: { kind: "global" } },
    ];
    const id = await account("fabio@entidad.gov.co", before);
    // A plan that does not exist: the foreign key rejects the insert after the delete ran.
    const broken = setAssignments(handle.db, id, [
      { role: "consulta", scope: { kind: "global" } },
      { role: "planeacion", scope: { kind: "plan", planId: planId + 1000 } },
    ]);
    await expect(broken).rejects.toThrow();
    expect(await assignmentsOf(handle.db, id)).toEqual(before);
  });

  it("si los roles de una cuenta nueva no se pueden guardar, tampoco queda la cuenta", async () => {
    const before = await countUsers(handle.db);
    const broken = createUser(handle.db, {
      email: "gloria@entidad.gov.co",
      name: "Gloria",
      area: null,
      passwordHash: null,
      mustChangePassword: true,
      assignments: [{ role: "planeacion", scope: { kind: "plan", planId: planId + 1000 } }],
    });
    await expect(broken).rejects.toThrow();
    expect(await countUsers(handle.db)).toBe(before);
    expect(await findUserByEmail(handle.db, "gloria@entidad.gov.co")).toBeNull();
  });

  it("la lista de cuentas sale en orden de creación, cada una con sus propios roles", async () => {
    const hugo = await account("hugo@entidad.gov.co", [
      { role: "administrador", scope: { kind: "global" } },
    ]);
    const ines = await account("ines@entidad.gov.co");
    const juan = await account("juan@entidad.gov.co", [
      { role: "responsable", scope: { kind: "indicator", planId, indicatorCode: "80" } },
      { role: "responsable", scope: { kind: "indicator", planId, indicatorCode: "72" } },
    ]);
    const all = await listUsers(handle.db);
    expect(all).toHaveLength(await countUsers(handle.db));
    const ids = all.map((u) => u.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const mine = all.filter((u) => [hugo, ines, juan].includes(u.id));
    expect(mine.map((u) => [u.email, u.assignments])).toEqual([
      ["hugo@entidad.gov.co", [{ role: "administrador", scope: { kind: "global" } }]],
      ["ines@entidad.gov.co", []],
      [
        "juan@entidad.gov.co",
        [
          { role: "responsable", scope: { kind: "indicator", planId, indicatorCode: "80" } },
          { role: "responsable", scope: { kind: "indicator", planId, indicatorCode: "72" } },
        ],
      ],
    ]);
  });

  it("desactivar una cuenta la conserva con sus roles; reactivarla la devuelve como estaba", async () => {
    const id = await account("karen@entidad.gov.co", [
      { role: "consulta", scope: { kind: "global" } },
    ]);
    await setActive(handle.db, id, false);
    expect(await getUser(handle.db, id)).toMatchObject({
      active: false,
      email: "karen@entidad.gov.co",
      assignments: [{ role: "consulta", scope: { kind: "global" } }],
    });
    await setActive(handle.db, id, true);
    expect((await findUserByEmail(handle.db, "karen@entidad.gov.co"))?.active).toBe(true);
  });

  it("cuatro claves erradas no bloquean; la quinta bloquea 1 minuto y cada una más duplica la espera hasta una hora", async () => {
    const id = await account("luis@entidad.gov.co");
    const now = new Date("2026-03-02T14:00:00.123Z");
    const waits: (number | null)[] = [];
    for (let attempt = 1; attempt <= 12; attempt++) {
      const user = await findUserByEmail(handle.db, "luis@entidad.gov.co");
      if (!user) throw new Error("la cuenta desapareció");
      const lockedUntil = await recordFailedLogin(handle.db, user, now);
      waits.push(lockedUntil === null ? null : (lockedUntil.getTime() - now.getTime()) / MINUTE);
      const stored = await findUserByEmail(handle.db, "luis@entidad.gov.co");
      expect(stored?.failedLogins).toBe(attempt);
      // The exact instant comes back from the database, to the millisecond.
      expect(stored?.lockedUntil).toEqual(lockedUntil);
    }
    expect(LOCKOUT_THRESHOLD).toBe(5);
    expect(LOCKOUT_MAX_MINUTES).toBe(60);
    expect(waits).toEqual([null, null, null, null, 1, 2, 4, 8, 16, 32, 60, 60]);
    expect((await getUser(handle.db, id))?.lockedUntil).toEqual(
      new Date("2026-03-02T15:00:00.123Z"),
    );
  });

  it("entrar bien borra los fallos y el bloqueo", async () => {
    const id = await account("marta@entidad.gov.co");
    const now = new Date("2026-03-02T14:00:00Z");
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) {
      const user = await findUserByEmail(handle.db, "marta@entidad.gov.co");
      if (user) await recordFailedLogin(handle.db, user, now);
    }
    expect(await findUserByEmail(handle.db, "marta@entidad.gov.co")).toMatchObject({
      failedLogins: 5,
      lockedUntil: new Date("2026-03-02T14:01:00Z"),
    });
    await clearFailedLogins(handle.db, id);
    expect(await findUserByEmail(handle.db, "marta@entidad.gov.co")).toMatchObject({
      failedLogins: 0,
      lockedUntil: null,
    });
  });

  it("fijar una contraseña nueva desbloquea la cuenta y puede exigir cambiarla al entrar", async () => {
    const id = await account("nora@entidad.gov.co");
    const now = new Date("2026-03-02T14:00:00Z");
    for (let i = 0; i < 7; i++) {
      const user = await findUserByEmail(handle.db, "nora@entidad.gov.co");
      if (user) await recordFailedLogin(handle.db, user, now);
    }
    await setPassword(handle.db, id, "hash-nuevo", true);
    expect(await findUserByEmail(handle.db, "nora@entidad.gov.co")).toEqual({
      id,
      email: "nora@entidad.gov.co",
      name: "Persona nora@entidad.gov.co",
      area: null,
      passwordHash: "hash-nuevo",
      mustChangePassword: true,
      active: true,
      failedLogins: 0,
      lockedUntil: null,
    });
    await setPassword(handle.db, id, "hash-propio", false);
    expect(await findUserByEmail(handle.db, "nora@entidad.gov.co")).toMatchObject({
      passwordHash: "hash-propio",
      mustChangePassword: false,
    });
  });

  it("diez claves erradas que llegan a la vez cuentan diez, y la cuenta queda bloqueada por la décima", async () => {
    const id = await account("olga@entidad.gov.co");
    const now = new Date("2026-03-02T14:00:00Z");
    // Each attempt read the account before any of them was counted.
    const user = await findUserByEmail(handle.db, "olga@entidad.gov.co");
    if (!user) throw new Error("la cuenta desapareció");
    await Promise.all(Array.from({ length: 10 }, () => recordFailedLogin(handle.db, user, now)));
    expect(await getUser(handle.db, id)).toMatchObject({
      failedLogins: 10,
      lockedUntil: new Date("2026-03-02T14:32:00Z"),
    });
  });

  it("dos administradores que crean a la vez la cuenta del mismo correo: una se crea y la otra recibe «correo ya registrado»", async () => {
    const attempts = await Promise.allSettled(
      ["pablo@entidad.gov.co", " PABLO@entidad.gov.co"].map((email) => account(email)),
    );
    const created = attempts.filter((a) => a.status === "fulfilled");
    const refused = attempts.flatMap((a) => (a.status === "rejected" ? [a.reason] : []));
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(EmailTakenError);
    expect(
      (await listUsers(handle.db)).filter((u) => u.email === "pablo@entidad.gov.co"),
    ).toHaveLength(1);
  });

  it("fijar una contraseña nueva anula los enlaces de restablecimiento que seguían pendientes", async () => {
    const id = await account("quique@entidad.gov.co");
    const other = await account("rosa@entidad.gov.co");
    const t0 = new Date("2026-03-02T14:00:00Z");
    const old = await createPasswordReset(handle.db, id, t0);
    const used = await createPasswordReset(handle.db, id, t0);
    const others = await createPasswordReset(handle.db, other, t0);
    expect(await consumePasswordReset(handle.db, used.token, t0)).toBe(id);
    await setPassword(handle.db, id, "hash-nuevo", false);
    expect(await findPendingReset(handle.db, old.token, t0)).toBeNull();
    expect(await consumePasswordReset(handle.db, old.token, t0)).toBeNull();
    // Someone else's link is untouched.
    expect(await findPendingReset(handle.db, others.token, t0)).toBe(other);
  });
});
