/**
 * Configuration from environment variables, validated at start so a wrong
 * value stops the server with a message that names the variable.
 */
import { resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "./config-error.ts";
import type { DatabaseConfig } from "./db/open-database.ts";
import type { OpenDataSettings } from "./http/routes/public-routes.ts";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: "debe ser un número de puerto" })
    .int("debe ser un número entero")
    .min(0, "debe estar entre 0 y 65535")
    .max(65535, "debe estar entre 0 y 65535")
    .default(3000),
  HOST: z.string().min(1, "no puede estar vacío").default("127.0.0.1"),
  RUMBO_DATA_DIR: z.string().min(1, "no puede estar vacío").default("./data"),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "debe empezar por postgres:// o postgresql://")
    .refine((v) => URL.canParse(v), "no es una URL válida")
    .optional(),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `debe ser uno de: ${LOG_LEVELS.join(", ")}` })
    .default("info"),
  RUMBO_DEMO: z.enum(["true", "false"], { error: "debe ser true o false" }).default("true"),
  RUMBO_TRUST_PROXY: z.enum(["true", "false"], { error: "debe ser true o false" }).default("false"),
  RUMBO_METRICS_TOKEN: z
    .string()
    .min(16, "debe tener al menos 16 caracteres")
    .regex(/^[\x21-\x7e]+$/, "solo caracteres visibles, sin espacios")
    .optional(),
  RUMBO_DATOS_ENTIDAD: z.string().max(300, "admite hasta 300 caracteres").optional(),
  RUMBO_DATOS_CONTACTO: z.email({ error: "debe ser un correo electrónico" }).optional(),
  RUMBO_DATOS_COBERTURA: z.string().max(200, "admite hasta 200 caracteres").default("Colombia"),
  RUMBO_DATOS_CATEGORIA: z
    .string()
    .max(200, "admite hasta 200 caracteres")
    .default("Función pública"),
  RUMBO_PUBLIC_URL: z
    .string()
    .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), "debe ser una URL http:// o https://")
    .optional(),
  RUMBO_PORTAL_ENTITY: z.string().max(200, "máximo 200 caracteres").optional(),
  RUMBO_PORTAL_LOGO_URL: z
    .string()
    .refine((v) => /^(https?:\/\/|\/)/.test(v), "debe ser una URL http(s):// o una ruta /…")
    .optional(),
  RUMBO_PORTAL_ADDRESS: z.string().max(300, "máximo 300 caracteres").optional(),
  RUMBO_PORTAL_PHONE: z.string().max(100, "máximo 100 caracteres").optional(),
  RUMBO_PORTAL_EMAIL: z.email({ error: "no es un correo válido" }).optional(),
  RUMBO_PORTAL_HOURS: z.string().max(200, "máximo 200 caracteres").optional(),
  RUMBO_PORTAL_POLICIES_URL: z
    .string()
    .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), "debe ser una URL http:// o https://")
    .optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Load the demo plan and example accounts into an empty database. */
  demo: boolean;
  /** Base URL of links sent to people (password reset); null: from the request's Host. */
  publicUrl: string | null;
  /** Trust X-Forwarded-* headers from a reverse proxy (HTTPS detection, client address). */
  trustProxy: boolean;
  /** Bearer token that opens /metrics from another machine; null: only from this machine. */
  metricsToken: string | null;
  /** What the open-data catalogue says of the entity (datos.gov.co fields). */
  openData: OpenDataSettings;
  /** The entity's data in the public portal's header and footer (all optional). */
  portal: PortalConfig;
};

/** The entity as the public portal (/publico) shows it; null fields are left out. */
export type PortalConfig = {
  /** Entity name in the header; null: the published plan's entity. */
  entity: string | null;
  /** Logo image; null: the name as text. */
  logoUrl: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  /** Horario de atención. */
  hours: string | null;
  /** The entity's policies (privacidad, términos). */
  policiesUrl: string | null;
};

export const EMPTY_PORTAL_CONFIG: PortalConfig = {
  entity: null,
  logoUrl: null,
  address: null,
  phone: null,
  email: null,
  hours: null,
  policiesUrl: null,
};

export { ConfigError };

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // An empty variable is treated as unset, as shells and .env files often leave them.
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== undefined && v !== ""),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "");
        return `${name}=${JSON.stringify(env[name] ?? "")}: ${issue.message}`;
      }),
    );
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: resolve(c.RUMBO_DATA_DIR),
    databaseUrl: c.DATABASE_URL ?? null,
    logLevel: c.LOG_LEVEL,
    demo: c.RUMBO_DEMO === "true",
    publicUrl: c.RUMBO_PUBLIC_URL ?? null,
    trustProxy: c.RUMBO_TRUST_PROXY === "true",
    metricsToken: c.RUMBO_METRICS_TOKEN ?? null,
    openData: {
      // The portal's entity and email unless the open data names its own.
      entity: c.RUMBO_DATOS_ENTIDAD ?? c.RUMBO_PORTAL_ENTITY ?? null,
      contactEmail: c.RUMBO_DATOS_CONTACTO ?? c.RUMBO_PORTAL_EMAIL ?? null,
      coverage: c.RUMBO_DATOS_COBERTURA,
      category: c.RUMBO_DATOS_CATEGORIA,
    },
    portal: {
      entity: c.RUMBO_PORTAL_ENTITY ?? null,
      logoUrl: c.RUMBO_PORTAL_LOGO_URL ?? null,
      address: c.RUMBO_PORTAL_ADDRESS ?? null,
      phone: c.RUMBO_PORTAL_PHONE ?? null,
      email: c.RUMBO_PORTAL_EMAIL ?? null,
      hours: c.RUMBO_PORTAL_HOURS ?? null,
      policiesUrl: c.RUMBO_PORTAL_POLICIES_URL ?? null,
    },
  };
}

/** The database the configuration points to: PostgreSQL when DATABASE_URL is set, else PGlite in the data directory. */
export function databaseConfigOf(config: Config): DatabaseConfig {
  return config.databaseUrl
    ? { engine: "postgres", url: config.databaseUrl }
    : { engine: "pglite", dataDir: config.dataDir };
}
