import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/open-database.ts";
import { sessions } from "../db/schema.ts";
import { createAccount } from "../testing/accounts.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSession,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from "./sessions-repository.ts";
import { tokenHash } from "./tokens.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe.each(TEST_ENGINES)("sesiones sobre $name", ({ open }) => {
  let handle: DatabaseHandle;
  let ana = 0;
  let beto = 0;

  beforeAll(async () => {
    handle = await open();
    ana = await createAccount(handle.db, "ana@entidad.gov.co", []);
    beto = await createAccount(handle.db, "beto@entidad.gov.co", []);
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function storedRow(token: string) {
    const [row] = await handle.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, tokenHash(token)));
    return row ?? null;
  }

  it("al entrar se abre una sesión de máximo 12 horas y la base guarda solo la huella del token", async () => {
    expect(SESSION_ABSOLUTE_MS).toBe(12 * HOUR);
    const t0 = new Date("2026-03-02T13:00:00.250Z");
    const { token, csrfToken } = await createSession(handle.db, ana, t0);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfToken).not.toBe(token);

    expect(await findSession(handle.db, token, t0)).toEqual({
      tokenHash: tokenHash(token),
      userId: ana,
      csrfToken,
      lastSeenAt: t0,
      expiresAt: new Date("2026-03-03T01:00:00.250Z"),
    });
    expect(await storedRow(token)).toEqual({
      tokenHash: tokenHash(token),
      userId: ana,
      csrfToken,
      createdAt: t0,
      lastSeenAt: t0,
      expiresAt: new Date("2026-03-03T01:00:00.250Z"),
    });
    const rows = await handle.db.select({ hash: sessions.tokenHash }).from(sessions);
    expect(rows.some((r) => r.hash === token)).toBe(false);
  });

  it("un token inventado no abre ninguna sesión", async () => {
    expect(await findSession(handle.db, "inventado", new Date("2026-03-02T13:00:00Z"))).toBeNull();
  });

  it("usarla dentro del mismo minuto no reescribe la última actividad; pasado el minuto, sí", async () => {
    const t0 = new Date("2026-03-03T13:00:00Z");
    const { token } = await createSession(handle.db, ana, t0);
    await findSession(handle.db, token, at(t0, MINUTE));
    expect((await storedRow(token))?.lastSeenAt).toEqual(t0);
    const seen = await findSession(handle.db, token, at(t0, MINUTE + 1));
    // The session read is the one before this request touched it.
    expect(seen?.lastSeenAt).toEqual(t0);
    expect((await storedRow(token))?.lastSeenAt).toEqual(at(t0, MINUTE + 1));
    expect((await storedRow(token))?.expiresAt).toEqual(at(t0, SESSION_ABSOLUTE_MS));
  });

  it("una sesión inactiva exactamente 2 horas todavía sirve; un milisegundo más y ya no, y se borra", async () => {
    expect(SESSION_IDLE_MS).toBe(2 * HOUR);
    const t0 = new Date("2026-03-04T13:00:00Z");
    const { token } = await createSession(handle.db, ana, t0);
    expect((await findSession(handle.db, token, at(t0, 2 * HOUR)))?.userId).toBe(ana);
    expect((await storedRow(token))?.lastSeenAt).toEqual(at(t0, 2 * HOUR));

    expect(await findSession(handle.db, token, at(t0, 4 * HOUR + 1))).toBeNull();
    expect(await storedRow(token)).toBeNull();
    // Gone for good: going back in time does not bring it back.
    expect(await findSession(handle.db, token, at(t0, 3 * HOUR))).toBeNull();
  });

  it("aunque se use cada hora, la sesión vence a las 12 horas de haber entrado", async () => {
    const t0 = new Date("2026-03-05T12:00:00Z");
    const { token } = await createSession(handle.db, ana, t0);
    for (let hour = 1; hour < 12; hour++) {
      expect((await findSession(handle.db, token, at(t0, hour * HOUR)))?.userId).toBe(ana);
    }
    expect((await findSession(handle.db, token, at(t0, 12 * HOUR - 1)))?.userId).toBe(ana);
    expect(await findSession(handle.db, token, at(t0, 12 * HOUR))).toBeNull();
    expect(await storedRow(token)).toBeNull();
  });

  it("cerrar sesión en un dispositivo deja abiertas las otras", async () => {
    const t0 = new Date("2026-03-06T13:00:00Z");
    const laptop = await createSession(handle.db, ana, t0);
    const phone = await createSession(handle.db, ana, t0);
    await deleteSession(handle.db, laptop.token);
    expect(await findSession(handle.db, laptop.token, t0)).toBeNull();
    expect((await findSession(handle.db, phone.token, t0))?.csrfToken).toBe(phone.csrfToken);
  });

  it("cerrar sesión en todos los dispositivos cierra solo las de esa persona", async () => {
    const t0 = new Date("2026-03-07T13:00:00Z");
    const anaLaptop = await createSession(handle.db, ana, t0);
    const anaPhone = await createSession(handle.db, ana, t0);
    const betoLaptop = await createSession(handle.db, beto, t0);
    await deleteUserSessions(handle.db, ana);
    expect(await findSession(handle.db, anaLaptop.token, t0)).toBeNull();
    expect(await findSession(handle.db, anaPhone.token, t0)).toBeNull();
    expect((await findSession(handle.db, betoLaptop.token, t0))?.userId).toBe(beto);
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, ana))).toEqual([]);
  });

  it("la limpieza borra las sesiones inactivas o vencidas de todos y deja las vivas", async () => {
    const now = new Date("2026-03-10T20:00:00Z");
    const row = (name: string, userId: number, lastSeenAt: Date, expiresAt: Date) => ({
      tokenHash: tokenHash(`limpieza-${name}`),
      userId,
      csrfToken: `csrf-${name}`,
      createdAt: at(expiresAt, -SESSION_ABSOLUTE_MS),
      lastSeenAt,
      expiresAt,
    });
    await handle.db
      .insert(sessions)
      .values([
        row("inactiva", ana, at(now, -2 * HOUR - 1), at(now, 9 * HOUR)),
        row("inactiva-justo", beto, at(now, -2 * HOUR), at(now, 9 * HOUR)),
        row("vencida", beto, at(now, -30 * MINUTE), at(now, -1)),
        row("viva", ana, at(now, -HOUR), at(now, 5 * HOUR)),
      ]);
    await deleteExpiredSessions(handle.db, now);
    const left = await handle.db
      .select({ csrf: sessions.csrfToken })
      .from(sessions)
      .where(
        inArray(
          sessions.tokenHash,
          ["inactiva", "inactiva-justo", "vencida", "viva"].map((n) => tokenHash(`limpieza-${n}`)),
        ),
      );
    expect(left.map((r) => r.csrf).sort()).toEqual(["csrf-inactiva-justo", "csrf-viva"]);
  });

  it("abrir una sesión nueva barre las vencidas de cualquier persona", async () => {
    const t0 = new Date("2026-03-11T13:00:00Z");
    const old = await createSession(handle.db, beto, t0);
    const fresh = await createSession(handle.db, ana, at(t0, SESSION_IDLE_MS + 1));
    expect(await storedRow(old.token)).toBeNull();
    expect((await storedRow(fresh.token))?.userId).toBe(ana);
  });
});
