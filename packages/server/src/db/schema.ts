/**
 * Normalised storage of plans (ADR 0002): one row per plan, vigencia,
 * objective, indicator and indicator-vigencia, so later features (reports,
 * reprogramación, cortes) can reference any of them.
 */
import { type FichaKey, INDICATOR_FICHA_FIELDS } from "@rumbo/core";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  type PgTextBuilderInitial,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";

export const plans = pgTable("plans", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  entity: text("entity"),
  mission: text("mission"),
  vision: text("vision"),
  source: text("source"),
  // Semáforo thresholds as fractions (formats.md §1); null = Rumbo's defaults.
  semaforoRojo: doublePrecision("semaforo_rojo"),
  semaforoAmarillo: doublePrecision("semaforo_amarillo"),
  semaforoSobreejecucion: doublePrecision("semaforo_sobreejecucion"),
  // Published plans are public information (Ley 1712 de 2014): anyone may read them.
  published: boolean("published").notNull().default(false),
  // A reviewer may approve a report they submitted themselves (recorded as self-approval).
  allowSelfApproval: boolean("allow_self_approval").notNull().default(false),
  // formulacion: freely editable; vigente: programming changes only by reprogramación.
  status: text("status").notNull().default("formulacion"),
  // Current version; every save adds a row to plan_versions (optimistic concurrency: ETag "v<version>").
  version: integer("version").notNull().default(1),
  // +1 with every report version written (in its transaction, under the plan's lock): with
  // `version`, what a server's cache of results checks on each request (ADR 0018).
  dataVersion: bigint("data_version", { mode: "number" }).notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const vigencias = pgTable(
  "vigencias",
  {
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.year] })],
);

export const objectives = pgTable(
  "objectives",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    // Weight of the objective in the plan for the whole period; null = all objectives weigh the same.
    totalWeightPct: doublePrecision("total_weight_pct"),
  },
  (t) => [unique("objectives_plan_code").on(t.planId, t.code)],
);

/** Weight of an objective in one vigencia (only when the plan weighs objectives). */
export const objectiveWeights = pgTable(
  "objective_weights",
  {
    objectiveId: integer("objective_id")
      .notNull()
      .references(() => objectives.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    weightPct: doublePrecision("weight_pct").notNull(),
  },
  (t) => [primaryKey({ columns: [t.objectiveId, t.year] })],
);

/** SQL column of a field of the ficha: its key in snake_case (goalType → goal_type). */
export function fichaColumnName(key: FichaKey): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * One nullable text column per field of the ficha in core's catalogue (tipo
 * de meta, fórmula, tipo de medida…), stored as rumbo.plan/v1 writes it.
 */
function fichaColumns(): { [K in FichaKey]: PgTextBuilderInitial<string, [string, ...string[]]> } {
  return Object.fromEntries(
    INDICATOR_FICHA_FIELDS.map((field) => [field.key, text(fichaColumnName(field.key))]),
  ) as { [K in FichaKey]: PgTextBuilderInitial<string, [string, ...string[]]> };
}

export const indicators = pgTable(
  "indicators",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    objectiveId: integer("objective_id")
      .notNull()
      .references(() => objectives.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    goalText: text("goal_text"),
    trend: text("trend").notNull(),
    progressVariant: text("progress_variant"),
    unit: text("unit"),
    baseline: doublePrecision("baseline"),
    baselineYear: integer("baseline_year"),
    ...fichaColumns(),
    // Programación for the whole plan period; null = NP or "derive from the trend" (see totalGiven).
    total: doublePrecision("total"),
    totalGiven: boolean("total_given").notNull().default(true),
    // Weight for the whole period; null = mean of the yearly weights (formats.md §1).
    totalWeightPct: doublePrecision("total_weight_pct"),
    // True when the plan gives one weight for every year (kept to write the plan back as it came).
    uniformWeight: boolean("uniform_weight").notNull().default(true),
  },
  (t) => [unique("indicators_plan_code").on(t.planId, t.code)],
);

/** Programación and weight of an indicator in one vigencia; target null = no programado (NP). */
export const indicatorVigencias = pgTable(
  "indicator_vigencias",
  {
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    target: doublePrecision("target"),
    weightPct: doublePrecision("weight_pct").notNull(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.year] })],
);

/**
 * Accounts. Only what the work needs (Ley 1581 de 2012): email to log in, a
 * name and an area to route reports; the password only as an argon2id hash.
 */
export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  area: text("area"),
  passwordHash: text("password_hash"),
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  active: boolean("active").notNull().default(true),
  failedLogins: integer("failed_logins").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A role granted on a scope: no plan = global; plan + objective or indicator code = narrower. */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    planId: integer("plan_id").references(() => plans.id, { onDelete: "cascade" }),
    objectiveCode: text("objective_code"),
    indicatorCode: text("indicator_code"),
  },
  (t) => [index("role_assignments_user").on(t.userId)],
);

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** One-time password-reset links; only the token's SHA-256 is kept. */
export const passwordResets = pgTable("password_resets", {
  tokenHash: text("token_hash").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/**
 * Login attempts per client address and fixed window, shared by every server
 * process on the same database: each attempt is one atomic upsert
 * (`attempts + 1`), so two instances cannot each grant the full limit.
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    ip: text("ip").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ip, t.windowStart] }),
    index("login_attempts_window").on(t.windowStart),
  ],
);

/** Who did what, when and from where. Rows survive the deletion of their user. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    resource: text("resource"),
    outcome: text("outcome").notNull(),
    ip: text("ip"),
    details: jsonb("details"),
  },
  (t) => [index("audit_log_at").on(t.at)],
);

/**
 * Every version of a plan as it stood, to answer "what did the plan say on
 * date X" (docs/decisions/0005-plan-versions.md). The current version also lives in the normalised tables above; history
 * is kept as the exact rumbo.plan/v1 document of each version.
 */
export const planVersions = pgTable(
  "plan_versions",
  {
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    kind: text("kind").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    actorEmail: text("actor_email"),
    justification: text("justification"),
    actReference: text("act_reference"),
    // The date from which this version is in force (the act's date for a reprogramación).
    effectiveFrom: text("effective_from").notNull(),
    snapshot: jsonb("snapshot").notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.version] })],
);

/** Raw bytes (bytea), read and written as a Buffer on both engines. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Cortes de seguimiento (ADR 0015): a cut at a quarter's or the year's end with
 * an opening date, an on-time deadline and a planned closing date, all
 * AAAA-MM-DD texts. Closing is an explicit act (`closed_at`), never the calendar.
 */
export const cortes = pgTable(
  "cortes",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    periodEnd: text("period_end").notNull(),
    opensOn: text("opens_on").notNull(),
    dueOn: text("due_on").notNull(),
    closesOn: text("closes_on").notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: integer("closed_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [unique("cortes_plan_period_end").on(t.planId, t.periodEnd)],
);

/** A closed corte reopened for named indicators (codes), with a justification, until a date (inclusive). */
export const corteReopenings = pgTable(
  "corte_reopenings",
  {
    id: serial("id").primaryKey(),
    corteId: integer("corte_id")
      .notNull()
      .references(() => cortes.id, { onDelete: "cascade" }),
    indicatorCodes: jsonb("indicator_codes").$type<string[]>().notNull(),
    justification: text("justification").notNull(),
    until: text("until").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("corte_reopenings_corte").on(t.corteId)],
);

/**
 * Every version of every reporte de avance, append-only (ADR 0015). A report
 * is (plan, indicator code, period, area — '' for the whole indicator); each
 * save, submission, devolución, approval, un-approval or evidence change adds
 * the full report as a new row: `recorded_at` is its transaction time and the
 * period its valid time, so "what Rumbo knew at an instant" is the latest row
 * recorded by then. Keyed by indicator code, not id, so the history outlives
 * the indicator's removal from the plan.
 */
export const reportVersions = pgTable(
  "report_versions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    indicatorCode: text("indicator_code").notNull(),
    period: text("period").notNull(),
    area: text("area").notNull().default(""),
    version: integer("version").notNull(),
    action: text("action").notNull(),
    status: text("status").notNull(),
    value: doublePrecision("value"),
    numerator: doublePrecision("numerator"),
    denominator: doublePrecision("denominator"),
    achievements: text("achievements").notNull().default(""),
    difficulties: text("difficulties").notNull().default(""),
    actions: text("actions").notNull().default(""),
    benefits: text("benefits").notNull().default(""),
    // Explanations of the warnings ({ semaforo, sobreejecucion, atipico }), kept with the version.
    explanations: jsonb("explanations").$type<Record<string, string>>().notNull().default({}),
    // The evidence this version holds: [{ kind: "file", sha256, fileName, addedAt, addedBy } | { kind: "link", url, title, addedAt, addedBy }].
    evidence: jsonb("evidence").$type<StoredEvidence[]>().notNull().default([]),
    // Devolución comment, or justification of an un-approval.
    comment: text("comment"),
    // The version this one answers: the returned one a resubmission corrects, the one an approval approves.
    refersTo: integer("refers_to"),
    selfApproval: boolean("self_approval").notNull().default(false),
    source: text("source").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    firstSubmittedBy: integer("first_submitted_by").references(() => users.id, {
      onDelete: "set null",
    }),
    firstSubmittedAt: timestamp("first_submitted_at", { withTimezone: true }),
    submittedBy: integer("submitted_by").references(() => users.id, { onDelete: "set null" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    reviewedBy: integer("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    // The plan's data_version this version set (ADR 0018): a cache reads what changed since its own.
    dataVersion: bigint("data_version", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    unique("report_versions_key_version").on(
      t.planId,
      t.indicatorCode,
      t.period,
      t.area,
      t.version,
    ),
    index("report_versions_plan_recorded").on(t.planId, t.recordedAt),
    index("report_versions_plan_data_version").on(t.planId, t.dataVersion),
  ],
);

export type StoredEvidence =
  | {
      kind: "file";
      sha256: string;
      fileName: string;
      addedAt: string;
      addedBy: number | null;
    }
  | { kind: "link"; url: string; title: string; addedAt: string; addedBy: number | null };

/**
 * Soportes, stored once by content (SHA-256) in the database so a backup of
 * the database holds them (ADR 0015). Rows are never deleted: a file an
 * approved report used stays readable for ever.
 */
export const evidenceFiles = pgTable("evidence_files", {
  sha256: text("sha256").primaryKey(),
  size: integer("size").notNull(),
  mediaType: text("media_type").notNull(),
  bytes: bytea("bytes").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
});

/**
 * Publications (ADR 0016): planeación publishes the plan and each closed
 * corte; each publication freezes its snapshot (core `PublicationSnapshot`,
 * rumbo.publication/v1). Rows are only ever added — a correction after
 * publication is a new row, numbered in the plan, that `supersedes` the
 * earlier one, which stays readable. Public routes read this table only.
 */
export const publications = pgTable(
  "publications",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    // 1, 2, 3… within the plan, in order of publication.
    number: integer("number").notNull(),
    // plan | corte
    kind: text("kind").notNull(),
    corteId: integer("corte_id").references(() => cortes.id, { onDelete: "cascade" }),
    periodEnd: text("period_end"),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    publishedBy: integer("published_by").references(() => users.id, { onDelete: "set null" }),
    planVersion: integer("plan_version").notNull(),
    license: text("license").notNull(),
    licenseAct: text("license_act"),
    // The earlier publication of the same corte (or of the plan) this one replaces.
    supersedesId: integer("supersedes_id").references((): AnyPgColumn => publications.id, {
      onDelete: "set null",
    }),
    // SHA-256 of the snapshot's JSON: publishing again with nothing changed adds nothing.
    contentSha256: text("content_sha256").notNull(),
    // json, not jsonb: the text is kept as published (key order, number spelling), so the hash above is of these bytes.
    snapshot: json("snapshot").notNull(),
  },
  (t) => [
    unique("publications_plan_number").on(t.planId, t.number),
    index("publications_plan_period_end").on(t.planId, t.periodEnd),
  ],
);
