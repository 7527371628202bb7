/**
 * First start: the demo plan on an empty database, the first administrator
 * and the demo accounts — at most once, even when several servers start
 * together on one PostgreSQL database. The work runs in one transaction that
 * first takes the start-up advisory lock (the one migrations take), so a
 * second server waits, then finds the plan and the accounts there and
 * creates nothing — and prints no second set of passwords.
 */
import { sql } from "drizzle-orm";
import { type Database, STARTUP_LOCK_KEY } from "./db/open-database.ts";
import { type DemoLoad, loadDemoDataIfEmpty } from "./demo-data.ts";
import { type DemoActors, loadDemoSeguimiento } from "./demo-seguimiento.ts";
import {
  ADMIN_EMAIL,
  type CreatedAccount,
  createDemoAccounts,
  DEMO_PLANEACION_EMAIL,
  DEMO_RESPONSABLE_EMAIL,
  ensureAdministrator,
} from "./users/bootstrap-accounts.ts";
import { findUserByEmail } from "./users/users-repository.ts";

export type FirstStart = {
  demo: DemoLoad;
  /** The accounts this start created, with their one-time passwords; empty when there were some. */
  accounts: CreatedAccount[];
};

export async function prepareFirstStart(
  db: Database,
  options: { demo: boolean; now?: Date },
): Promise<FirstStart> {
  return db.transaction(async (tx) => {
    // Released at commit or rollback: a server that dies half-way leaves no lock behind.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${STARTUP_LOCK_KEY})`);
    const demo: DemoLoad = options.demo ? await loadDemoDataIfEmpty(tx) : { loaded: false };
    const admin = await ensureAdministrator(tx);
    if (!admin) return { demo, accounts: [] };
    if (!demo.loaded) return { demo, accounts: [admin] };
    const demoAccounts = await createDemoAccounts(tx, demo.planId);
    // The demo people report, review and close cortes, so a new user sees the flow at once.
    await loadDemoSeguimiento(tx, demo.planId, await demoActors(tx), options.now ?? new Date());
    return { demo, accounts: [admin, ...demoAccounts] };
  });
}

async function demoActors(tx: Database): Promise<DemoActors> {
  const actor = async (email: string) => {
    const user = await findUserByEmail(tx, email);
    if (!user) throw new Error(`Falta la cuenta de demostración ${email}.`);
    return { userId: user.id, email: user.email };
  };
  return {
    administrador: await actor(ADMIN_EMAIL),
    planeacion: await actor(DEMO_PLANEACION_EMAIL),
    responsable: await actor(DEMO_RESPONSABLE_EMAIL),
  };
}
