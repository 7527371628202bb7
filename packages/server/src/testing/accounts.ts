/**
 * Test accounts: real rows in the database and real sessions, so tests go
 * through the same cookie, CSRF and policy path as a browser.
 */
import type { Assignment } from "@rumbo/core";
import { hashPassword } from "../auth/passwords.ts";
import { createSession } from "../auth/sessions-repository.ts";
import type { Database } from "../db/open-database.ts";
import { SESSION_COOKIE } from "../http/access-control.ts";
import { createUser } from "../users/users-repository.ts";

export const TEST_PASSWORD = "Cuaderno-de-Metas-2026";
let hashed: Promise<string> | null = null;

export type TestLogin = {
  userId: number;
  headers: Record<string, string>;
  cookie: string;
  csrf: string;
};

export async function createAccount(
  db: Database,
  email: string,
  assignments: Assignment[],
  options: { area?: string | null; name?: string } = {},
): Promise<number> {
  hashed ??= hashPassword(TEST_PASSWORD);
  return createUser(db, {
    email,
    name: options.name ?? `Persona ${email.split("@")[0]}`,
    area: options.area ?? null,
    passwordHash: await hashed,
    mustChangePassword: false,
    assignments,
  });
}

/** A fresh session for the account: the headers a browser would send on a write. */
export async function sessionFor(
  db: Database,
  userId: number,
  now = new Date(),
): Promise<TestLogin> {
  const { token, csrfToken } = await createSession(db, userId, now);
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { userId, cookie, csrf: csrfToken, headers: { cookie, "x-csrf-token": csrfToken } };
}
