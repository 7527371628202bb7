/**
 * The app as route tests build it: a fresh database on one engine, the demo
 * plan loaded when asked, real accounts and sessions, and a hook that runs
 * once just before the next transaction starts — the place where another
 * request's change can land between what a handler read and what it writes.
 */
import type { Assignment } from "@rumbo/core";
import type { FastifyInstance } from "fastify";
import type { Database, DatabaseHandle } from "../db/open-database.ts";
import { loadDemoDataIfEmpty } from "../demo-data.ts";
import { buildApp } from "../http/app.ts";
import { createAccount, sessionFor, type TestLogin } from "./accounts.ts";
import type { TestEngine } from "./test-databases.ts";

export type TestApp = {
  database: DatabaseHandle;
  app: FastifyInstance;
  /** The demo plan's id (0 when it was not loaded). */
  demoPlanId: number;
  /** Runs `hook` once, just before the app's next transaction begins. */
  beforeNextTransaction: (hook: () => Promise<void>) => void;
  /** A new account with these assignments, signed in. */
  login: (email: string, assignments: Assignment[]) => Promise<TestLogin>;
  close: () => Promise<void>;
};

/** Every assignment a planeación person of the whole entity has. */
export const GLOBAL_PLANNER: Assignment[] = [{ role: "planeacion", scope: { kind: "global" } }];

export async function openTestApp(
  engine: Pick<TestEngine, "open">,
  options: {
    demo?: boolean;
    now?: () => Date;
    publicRateLimit?: { max: number; windowMs: number };
  } = {},
): Promise<TestApp> {
  const database = await engine.open();
  let demoPlanId = 0;
  if (options.demo) {
    const demo = await loadDemoDataIfEmpty(database.db);
    if (!demo.loaded) throw new Error("la base de prueba debía estar vacía");
    demoPlanId = demo.planId;
  }
  let pending: (() => Promise<void>) | null = null;
  const db = withHookBeforeTransaction(database.db, () => {
    const hook = pending;
    pending = null;
    return hook;
  });
  const app = await buildApp({
    database: { ...database, db },
    logger: false,
    webDist: null,
    version: "t",
    ...(options.now ? { now: options.now } : {}),
    ...(options.publicRateLimit ? { publicRateLimit: options.publicRateLimit } : {}),
  });
  return {
    database,
    app,
    demoPlanId,
    beforeNextTransaction: (hook) => {
      pending = hook;
    },
    login: async (email, assignments) =>
      sessionFor(database.db, await createAccount(database.db, email, assignments)),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

function withHookBeforeTransaction(
  db: Database,
  take: () => (() => Promise<void>) | null,
): Database {
  return new Proxy(db, {
    get(target, property) {
      if (property === "transaction") {
        return async (...args: Parameters<Database["transaction"]>) => {
          await take()?.();
          return target.transaction(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
