/**
 * First start (docs/decisions/0004-accounts-and-access.md): an administrator with a one-time password printed
 * once (never a fixed default password), and — with the demo plan — one
 * example account per role so a visitor can try the flow.
 */
import type { Assignment } from "@rumbo/core";
import { hashPassword } from "../auth/passwords.ts";
import { newOneTimePassword } from "../auth/tokens.ts";
import type { Database } from "../db/open-database.ts";
import { countUsers, createUser } from "./users-repository.ts";

export type CreatedAccount = {
  email: string;
  name: string;
  role: string;
  password: string;
  mustChange: boolean;
};

export const ADMIN_EMAIL = "admin@rumbo.local";
export const DEMO_PLANEACION_EMAIL = "planeacion@rumbo.local";
export const DEMO_RESPONSABLE_EMAIL = "responsable@rumbo.local";

type DemoAccount = {
  email: string;
  name: string;
  area: string;
  role: string;
  assignments: (planId: number) => Assignment[];
};

// Demo people are fictitious; their areas are the seed plan's real offices.
const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: DEMO_PLANEACION_EMAIL,
    name: "Paula Planeación (demo)",
    area: "Oficina Asesora de Planeación",
    role: "planeacion",
    // The Oficina Asesora de Planeación formulates every plan of the sector: global scope.
    assignments: () => [{ role: "planeacion", scope: { kind: "global" } }],
  },
  {
    email: DEMO_RESPONSABLE_EMAIL,
    name: "Ramiro Responsable (demo)",
    area: "Alta Consejería Distrital de TIC",
    role: "responsable",
    // Objetivo 3 (TIC): metas 78 and 2320.
    assignments: (planId) => [
      { role: "responsable", scope: { kind: "objective", planId, objectiveCode: "3" } },
    ],
  },
  {
    email: "consulta@rumbo.local",
    name: "Carla Consulta (demo)",
    area: "Despacho",
    role: "consulta",
    assignments: (planId) => [{ role: "consulta", scope: { kind: "plan", planId } }],
  },
];

/** Creates the administrator when there is no account at all. */
export async function ensureAdministrator(db: Database): Promise<CreatedAccount | null> {
  if ((await countUsers(db)) > 0) return null;
  const password = newOneTimePassword();
  await createUser(db, {
    email: ADMIN_EMAIL,
    name: "Administración de Rumbo",
    area: null,
    passwordHash: await hashPassword(password),
    mustChangePassword: true,
    assignments: [{ role: "administrador", scope: { kind: "global" } }],
  });
  return {
    email: ADMIN_EMAIL,
    name: "Administración de Rumbo",
    role: "administrador",
    password,
    mustChange: true,
  };
}

/** One account per role on the demo plan, each with its own random password. */
export async function createDemoAccounts(db: Database, planId: number): Promise<CreatedAccount[]> {
  const created: CreatedAccount[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const password = newOneTimePassword();
    await createUser(db, {
      email: account.email,
      name: account.name,
      area: account.area,
      passwordHash: await hashPassword(password),
      mustChangePassword: false,
      assignments: account.assignments(planId),
    });
    created.push({
      email: account.email,
      name: account.name,
      role: account.role,
      password,
      mustChange: false,
    });
  }
  return created;
}

export function formatCredentials(accounts: readonly CreatedAccount[]): string {
  const lines = accounts.map(
    (a) =>
      `  ${a.role.padEnd(14)} ${a.email.padEnd(26)} ${a.password}${a.mustChange ? "   (de un solo uso: se cambia al entrar)" : ""}`,
  );
  return `Cuentas creadas (las contraseñas se muestran solo esta vez):\n${lines.join("\n")}\n`;
}
