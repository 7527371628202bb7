import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/open-database.ts";
import { passwordResets, users } from "../db/schema.ts";
import { createAccount } from "../testing/accounts.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import { setActive } from "../users/users-repository.ts";
import {
  consumePasswordReset,
  createPasswordReset,
  findPendingReset,
  InactiveAccountError,
  RESET_TTL_MS,
  resetLink,
} from "./password-resets-repository.ts";
import { tokenHash } from "./tokens.ts";

const HOUR = 60 * 60 * 1000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe.each(TEST_ENGINES)("enlaces para fijar la contraseña sobre $name", ({ open }) => {
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
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, tokenHash(token)));
    return row ?? null;
  }

  it("el enlace vale 24 horas y la base guarda solo la huella del token", async () => {
    expect(RESET_TTL_MS).toBe(24 * HOUR);
    const t0 = new Date("2026-03-02T14:30:00.500Z");
    const { token, expiresAt } = await createPasswordReset(handle.db, ana, t0);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).toEqual(new Date("2026-03-03T14:30:00.500Z"));
    expect(await storedRow(token)).toEqual({
      tokenHash: tokenHash(token),
      userId: ana,
      expiresAt: new Date("2026-03-03T14:30:00.500Z"),
      usedAt: null,
    });
  });

  it("el enlace sirve una sola vez y queda anotado cuándo se usó", async () => {
    const t0 = new Date("2026-03-02T14:30:00Z");
    const { token } = await createPasswordReset(handle.db, ana, t0);
    expect(await consumePasswordReset(handle.db, token, at(t0, HOUR))).toBe(ana);
    expect((await storedRow(token))?.usedAt).toEqual(at(t0, HOUR));
    expect(await consumePasswordReset(handle.db, token, at(t0, 2 * HOUR))).toBeNull();
    expect(await findPendingReset(handle.db, token, at(t0, 2 * HOUR))).toBeNull();
    // A second try does not move the moment it was used.
    expect((await storedRow(token))?.usedAt).toEqual(at(t0, HOUR));
  });

  it("consultar el enlace antes de fijar la contraseña no lo gasta", async () => {
    const t0 = new Date("2026-03-02T14:30:00Z");
    const { token } = await createPasswordReset(handle.db, beto, t0);
    expect(await findPendingReset(handle.db, token, at(t0, HOUR))).toBe(beto);
    expect(await findPendingReset(handle.db, token, at(t0, HOUR))).toBe(beto);
    expect((await storedRow(token))?.usedAt).toBeNull();
    expect(await consumePasswordReset(handle.db, token, at(t0, HOUR))).toBe(beto);
  });

  it("un milisegundo antes de las 24 horas el enlace sirve; a las 24 horas ya no", async () => {
    const t0 = new Date("2026-03-02T14:30:00Z");
    const late = await createPasswordReset(handle.db, ana, t0);
    expect(await findPendingReset(handle.db, late.token, at(t0, RESET_TTL_MS))).toBeNull();
    expect(await consumePasswordReset(handle.db, late.token, at(t0, RESET_TTL_MS))).toBeNull();
    expect((await storedRow(late.token))?.usedAt).toBeNull();

    const justInTime = await createPasswordReset(handle.db, ana, t0);
    expect(await findPendingReset(handle.db, justInTime.token, at(t0, RESET_TTL_MS - 1))).toBe(ana);
    expect(await consumePasswordReset(handle.db, justInTime.token, at(t0, RESET_TTL_MS - 1))).toBe(
      ana,
    );
  });

  it("un enlace inventado no sirve, y cada enlace lleva a la cuenta para la que se hizo", async () => {
    const t0 = new Date("2026-03-02T14:30:00Z");
    expect(await findPendingReset(handle.db, "inventado", t0)).toBeNull();
    expect(await consumePasswordReset(handle.db, "inventado", t0)).toBeNull();
    const forAna = await createPasswordReset(handle.db, ana, t0);
    const forBeto = await createPasswordReset(handle.db, beto, t0);
    expect(await consumePasswordReset(handle.db, forBeto.token, t0)).toBe(beto);
    expect(await consumePasswordReset(handle.db, forAna.token, t0)).toBe(ana);
  });

  it("una cuenta desactivada no recibe enlace para fijar la contraseña", async () => {
    const carla = await createAccount(handle.db, "carla@entidad.gov.co", []);
    await setActive(handle.db, carla, false);
    const t0 = new Date("2026-03-02T14:30:00Z");
    await expect(createPasswordReset(handle.db, carla, t0)).rejects.toThrow(InactiveAccountError);
    await expect(createPasswordReset(handle.db, carla, t0)).rejects.toThrow(
      `La cuenta ${carla} está desactivada: actívela antes de emitir un enlace para fijar la contraseña.`,
    );
  });

  it("un enlace emitido antes de desactivar la cuenta deja de servir, aunque la cuenta se reactive", async () => {
    const dario = await createAccount(handle.db, "dario@entidad.gov.co", []);
    const t0 = new Date("2026-03-02T14:30:00Z");
    const { token } = await createPasswordReset(handle.db, dario, t0);
    await setActive(handle.db, dario, false);
    expect(await findPendingReset(handle.db, token, at(t0, HOUR))).toBeNull();
    expect(await consumePasswordReset(handle.db, token, at(t0, HOUR))).toBeNull();
    await setActive(handle.db, dario, true);
    expect(await consumePasswordReset(handle.db, token, at(t0, HOUR))).toBeNull();
  });

  it("un enlace de una cuenta marcada inactiva en la base no sirve, aunque el enlace siga guardado", async () => {
    const elena = await createAccount(handle.db, "elena@entidad.gov.co", []);
    const t0 = new Date("2026-03-02T14:30:00Z");
    const { token } = await createPasswordReset(handle.db, elena, t0);
    await handle.db.update(users).set({ active: false }).where(eq(users.id, elena));
    expect(await storedRow(token)).not.toBeNull();
    expect(await findPendingReset(handle.db, token, at(t0, HOUR))).toBeNull();
    expect(await consumePasswordReset(handle.db, token, at(t0, HOUR))).toBeNull();
  });

  it("si varias pestañas usan el mismo enlace a la vez, solo una lo logra", async () => {
    const t0 = new Date("2026-03-02T14:30:00Z");
    const { token } = await createPasswordReset(handle.db, ana, t0);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => consumePasswordReset(handle.db, token, at(t0, HOUR))),
    );
    expect(results.filter((r) => r === ana)).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(4);
  });
});

describe("enlace para fijar la contraseña", () => {
  it("el token viaja en el fragmento del enlace, que el navegador nunca envía al servidor", () => {
    expect(resetLink("https://rumbo.entidad.gov.co/", "abc_-123")).toBe(
      "https://rumbo.entidad.gov.co/restablecer#token=abc_-123",
    );
    expect(resetLink("http://localhost:3000", "t")).toBe(
      "http://localhost:3000/restablecer#token=t",
    );
  });
});
