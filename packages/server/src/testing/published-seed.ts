/**
 * The seed plan as `npm start` leaves it (ADR 0016): first start with the
 * demo — the plan in force, its 2024 cortes closed with the example values
 * approved, the plan and those four cortes published (publications 1 to 5),
 * and the open corte of `now` with a report in each state (not published).
 */
import { prepareFirstStart } from "../first-start.ts";
import { openTestApp, type TestApp } from "./test-app.ts";
import type { TestEngine } from "./test-databases.ts";

/** 10 de diciembre de 2025 in Bogotá: the 2024 cortes are closed and published; the corte of 31/12/2025 is open. */
export const PUBLISHED_SEED_NOW = new Date("2025-12-10T15:00:00Z");

export async function openPublishedSeed(
  engine: Pick<TestEngine, "open">,
  options: { now?: () => Date; publicRateLimit?: { max: number; windowMs: number } } = {},
): Promise<TestApp & { planId: number }> {
  const now = options.now ?? (() => PUBLISHED_SEED_NOW);
  const test = await openTestApp(engine, {
    now,
    ...(options.publicRateLimit ? { publicRateLimit: options.publicRateLimit } : {}),
  });
  const start = await prepareFirstStart(test.database.db, { demo: true, now: now() });
  if (!start.demo.loaded) throw new Error("la base de prueba debía estar vacía");
  return { ...test, planId: start.demo.planId };
}
