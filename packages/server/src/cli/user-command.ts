/**
 * `rumbo user add|reset|role`: account administration from the
 * server's shell, for the first administrator and when no mail server exists.
 * Links are printed for the administrator to hand over.
 */
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { type Assignment, ROLES, type Role, type Scope } from "@rumbo/core";
import { writeAudit } from "../audit/audit-repository.ts";
import { createPasswordReset, resetLink } from "../auth/password-resets-repository.ts";
import { type Config, databaseConfigOf, loadConfig } from "../config.ts";
import { type Database, openDatabase } from "../db/open-database.ts";
import { findPlanIdByCode } from "../plans/plans-repository.ts";
import {
  assignmentsOf,
  createUser,
  EmailTakenError,
  findUserByEmail,
  setAssignments,
} from "../users/users-repository.ts";
import type { CliIo } from "./cli-io.ts";

export const USER_USAGE = `Uso:
  rumbo user add CORREO --name NOMBRE [--area ÁREA] [--role ROL [--plan CÓDIGO [--objective C | --indicator C]]]
  rumbo user reset CORREO
  rumbo user role CORREO --role ROL [--plan CÓDIGO [--objective C | --indicator C]] [--remove]
Roles: ${ROLES.join(", ")}. Sin --plan el rol es global.`;

class UsageError extends Error {}

export async function userCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [sub, ...rest] = args;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(rest);
    if (sub !== "add" && sub !== "reset" && sub !== "role")
      throw new UsageError(`subcomando de user desconocido «${sub ?? ""}»`);
    if (parsed.positionals.length !== 1) throw new UsageError("indique un único correo");
  } catch (error) {
    io.stderr(`rumbo: ${(error as Error).message}.\n${USER_USAGE}\n`);
    return 2;
  }
  const email = parsed.positionals[0] ?? "";
  const config = loadConfig(env);
  const database = await openDatabase(databaseConfigOf(config));
  const actor = `cli:${userInfo().username}`;
  try {
    const db = database.db;
    switch (sub) {
      case "add": {
        if (!parsed.values.name) throw new UsageError("falta --name");
        const assignments = parsed.values.role ? [await assignmentFrom(db, parsed.values)] : [];
        const id = await createUser(db, {
          email,
          name: parsed.values.name,
          area: parsed.values.area ?? null,
          passwordHash: null,
          mustChangePassword: false,
          assignments,
        });
        await writeAudit(db, {
          userId: null,
          actorEmail: actor,
          action: "cuenta-creada",
          resource: `usuario ${id}`,
          outcome: "ok",
          ip: null,
          details: { email, asignaciones: assignments },
        });
        io.stdout(`Cuenta ${email} creada (id ${id}).\n${await linkFor(db, config, id)}`);
        return 0;
      }
      case "reset": {
        const user = await findUserByEmail(db, email);
        if (!user) {
          io.stderr(`rumbo: no existe una cuenta con el correo ${email}.\n`);
          return 2;
        }
        if (!user.active) {
          io.stderr(
            `rumbo: la cuenta ${email} está desactivada: actívela antes de emitir un enlace para fijar la contraseña.\n`,
          );
          return 2;
        }
        await writeAudit(db, {
          userId: null,
          actorEmail: actor,
          action: "enlace-restablecer",
          resource: `usuario ${user.id}`,
          outcome: "ok",
          ip: null,
        });
        io.stdout(await linkFor(db, config, user.id));
        return 0;
      }
      case "role": {
        const user = await findUserByEmail(db, email);
        if (!user) {
          io.stderr(`rumbo: no existe una cuenta con el correo ${email}.\n`);
          return 2;
        }
        if (!parsed.values.role) throw new UsageError("falta --role");
        const assignment = await assignmentFrom(db, parsed.values);
        const before = await assignmentsOf(db, user.id);
        const same = (a: Assignment) => JSON.stringify(a) === JSON.stringify(assignment);
        const after = parsed.values.remove
          ? before.filter((a) => !same(a))
          : before.some(same)
            ? before
            : [...before, assignment];
        await setAssignments(db, user.id, after);
        await writeAudit(db, {
          userId: null,
          actorEmail: actor,
          action: "permisos-cambiados",
          resource: `usuario ${user.id}`,
          outcome: "ok",
          ip: null,
          details: { antes: before, despues: after },
        });
        io.stdout(
          `${email}: ${after.length === 0 ? "sin roles" : after.map(describeAssignment).join("; ")}.\n`,
        );
        return 0;
      }
      default:
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`rumbo: ${error.message}.\n${USER_USAGE}\n`);
      return 2;
    }
    if (error instanceof EmailTakenError) {
      io.stderr(`rumbo: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}

async function linkFor(db: Database, config: Config, userId: number): Promise<string> {
  const base = config.publicUrl ?? `http://localhost:${config.port}`;
  const { token, expiresAt } = await createPasswordReset(db, userId, new Date());
  return `Enlace de un solo uso para fijar la contraseña (vence ${expiresAt.toISOString()}):\n${resetLink(base, token)}\n`;
}

async function assignmentFrom(
  db: Database,
  values: { role?: string; plan?: string; objective?: string; indicator?: string },
): Promise<Assignment> {
  const role = values.role as Role;
  if (!ROLES.includes(role))
    throw new UsageError(`rol desconocido «${values.role ?? ""}»; use uno de: ${ROLES.join(", ")}`);
  if (!values.plan) {
    if (values.objective || values.indicator)
      throw new UsageError("--objective e --indicator requieren --plan");
    return { role, scope: { kind: "global" } };
  }
  const planId = await findPlanIdByCode(db, values.plan);
  if (planId === null) throw new UsageError(`no existe un plan con el código ${values.plan}`);
  let scope: Scope = { kind: "plan", planId };
  if (values.objective && values.indicator)
    throw new UsageError("use --objective o --indicator, no ambos");
  if (values.objective) scope = { kind: "objective", planId, objectiveCode: values.objective };
  if (values.indicator) scope = { kind: "indicator", planId, indicatorCode: values.indicator };
  return { role, scope };
}

function describeAssignment(a: Assignment): string {
  const s = a.scope;
  const where =
    s.kind === "global"
      ? "global"
      : s.kind === "plan"
        ? `plan ${s.planId}`
        : s.kind === "objective"
          ? `plan ${s.planId}, objetivo ${s.objectiveCode}`
          : `plan ${s.planId}, indicador ${s.indicatorCode}`;
  return `${a.role} (${where})`;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      area: { type: "string" },
      role: { type: "string" },
      plan: { type: "string" },
      objective: { type: "string" },
      indicator: { type: "string" },
      remove: { type: "boolean", default: false },
    },
  });
}
