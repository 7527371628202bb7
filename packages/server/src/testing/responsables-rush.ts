/**
 * The afternoon before a corte closes: N responsables, each with a scope of
 * its own (an objective of the seed plan), open their report, save it and
 * send it to review, all at once, against the compiled server in its own
 * process. Used by the CI test (a few dozen) and by `npm run bench:load`
 * (200). Answers what was asked, what was answered, what was lost (reports
 * whose save or submission was answered 200 but whose version is not stored),
 * and the server's memory and CPU during the run.
 */
import { and, eq } from "drizzle-orm";
import { reportVersions } from "../db/schema.ts";
import { savePlan } from "../plans/plans-repository.ts";
import { createAccount, sessionFor, type TestLogin } from "./accounts.ts";
import {
  call,
  type LiveDatabase,
  type LiveServer,
  openEveryCorte,
  startLiveServer,
  stopLiveServer,
} from "./live-server.ts";
import { seedPlan } from "./seed-plan.ts";

export type RushResult = {
  responsables: number;
  requests: number;
  /** Answers by HTTP status; "red" counts requests that got no answer. */
  statuses: Record<string, number>;
  /** Reports whose acknowledged save or submission is not stored as answered. */
  lost: number;
  /** Versions stored for the rush's reports (2 per report: the draft and its submission). */
  versions: number;
  durationMs: number;
  peakRssBytes: number;
  /** Server CPU during the rush as a share of one core (1 = one core busy all the time). */
  cpuCores: number;
};

/** Samples the server's memory and CPU every 250 ms until stopped. */
export function sampleUsage(server: LiveServer): () => { peakRssBytes: number; cpuCores: number } {
  const first = server.usage();
  const startedAt = performance.now();
  let peak = first?.rssBytes ?? 0;
  let last = first;
  const timer = setInterval(() => {
    const now = server.usage();
    if (now) {
      peak = Math.max(peak, now.rssBytes);
      last = now;
    }
  }, 250);
  return () => {
    clearInterval(timer);
    const end = server.usage() ?? last;
    const wallMs = performance.now() - startedAt;
    return {
      peakRssBytes: Math.max(peak, end?.rssBytes ?? 0),
      cpuCores: first && end && wallMs > 0 ? (end.cpuMs - first.cpuMs) / wallMs : 0,
    };
  };
}

const EXPLANATIONS = {
  semaforo: "La contratación se retrasó y se recupera en el segundo semestre.",
  sobreejecucion: "Se atendieron solicitudes adicionales de las entidades.",
  atipico: "El valor responde a una jornada extraordinaria de asistencia.",
};

export async function runResponsablesRush(
  database: LiveDatabase,
  responsables: number,
): Promise<RushResult> {
  const plan = seedPlan();
  const indicators = plan.objectives.flatMap((o) =>
    o.indicators.map((i) => ({ code: i.code, objective: o.code })),
  );
  const handle = await database.open();
  const people: { login: TestLogin; indicator: string; period: string }[] = [];
  let planId: number;
  try {
    planId = await savePlan(handle.db, plan);
    await openEveryCorte(handle, planId, plan.years);
    for (let i = 0; i < responsables; i++) {
      const indicator = indicators[i % indicators.length];
      if (!indicator) throw new Error("el plan no tiene indicadores");
      // A month of its own: responsable i reports month ⌊i / indicators⌋ of 2025–2027.
      const slot = Math.floor(i / indicators.length);
      const period = `${2025 + Math.floor(slot / 12)}-${String((slot % 12) + 1).padStart(2, "0")}`;
      const userId = await createAccount(handle.db, `responsable${i + 1}@entidad.gov.co`, [
        {
          role: "responsable",
          scope: { kind: "objective", planId, objectiveCode: indicator.objective },
        },
      ]);
      people.push({
        login: await sessionFor(handle.db, userId),
        indicator: indicator.code,
        period,
      });
    }
  } finally {
    await handle.close();
  }

  const server = await startLiveServer(database);
  const statuses: Record<string, number> = {};
  let requests = 0;
  const count = async <T extends { status: number }>(request: Promise<T>): Promise<T | null> => {
    requests++;
    try {
      const res = await request;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      return res;
    } catch {
      statuses.red = (statuses.red ?? 0) + 1;
      return null;
    }
  };
  const acknowledged: { indicator: string; period: string; version: number; status: string }[] = [];
  const stopSampling = sampleUsage(server);
  const started = performance.now();
  await Promise.all(
    people.map(async (p, i) => {
      const path = `/api/plans/${planId}/indicators/${p.indicator}/reports/${p.period}`;
      const opened = await count(call(server.url, "GET", path, p.login));
      if (opened?.status !== 200) return;
      const saved = await count(
        call(server.url, "PUT", path, p.login, {
          json: { value: (i % 40) + 1, explanations: EXPLANATIONS },
        }),
      );
      if (saved?.status !== 200) return;
      acknowledged.push({ ...p, version: 1, status: "borrador" });
      const sent = await count(
        call(server.url, "POST", `${path}/submit`, p.login, { ifMatch: saved.etag ?? undefined }),
      );
      if (sent?.status === 200) acknowledged.push({ ...p, version: 2, status: "enviado" });
    }),
  );
  const durationMs = performance.now() - started;
  const usage = stopSampling();
  await stopLiveServer(server);

  // Counted in the database, after the server has stopped.
  const after = await database.open();
  let lost = 0;
  let versions = 0;
  try {
    const stored = await after.db
      .select({
        indicator: reportVersions.indicatorCode,
        period: reportVersions.period,
        version: reportVersions.version,
        status: reportVersions.status,
      })
      .from(reportVersions)
      .where(and(eq(reportVersions.planId, planId)));
    versions = stored.length;
    const have = new Set(stored.map((s) => `${s.indicator}|${s.period}|${s.version}|${s.status}`));
    for (const a of acknowledged) {
      if (!have.has(`${a.indicator}|${a.period}|${a.version}|${a.status}`)) lost++;
    }
  } finally {
    await after.close();
  }
  return {
    responsables,
    requests,
    statuses,
    lost,
    versions,
    durationMs,
    ...usage,
  };
}
