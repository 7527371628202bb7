import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { computeCompliance } from "@rumbo/core";
import { eq, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAudit } from "../audit/audit-repository.ts";
import type { Database, DatabaseHandle } from "../db/open-database.ts";
import { evidenceFiles, reportVersions, users } from "../db/schema.ts";
import { findPlanIdByCode, getPlan } from "../plans/plans-repository.ts";
import { actualsAsKnown } from "../seguimiento/actuals-as-known.ts";
import { createAccount } from "../testing/accounts.ts";
import { EVIDENCE, fillDatabase } from "../testing/fill-every-table.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import { BackupFileError } from "./backup-file.ts";
import {
  backupDatabase,
  RestoreRefusedError,
  restoreBackup,
  verifyBackup,
} from "./backup-restore.ts";
import { quoteIdent, readCatalog, rows } from "./database-catalog.ts";

const CODE = "PES-GP-2024-2027";
/** Each table's rows as PostgreSQL writes them, in key order: what "identical" means. */
async function contents(db: Database): Promise<Record<string, string[]>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    await tx.execute(sql`SET LOCAL extra_float_digits = 3`);
    const result: Record<string, string[]> = {};
    for (const table of await readCatalog(tx)) {
      const order = table.primaryKey.map((c) => `t.${quoteIdent(c)}`).join(", ") || "1";
      const found = await rows<{ row: string }>(
        tx,
        sql.raw(
          `SELECT row_to_json(t)::text AS row FROM ${quoteIdent(table.name)} t ORDER BY ${order}`,
        ),
      );
      result[table.name] = found.map((r) => r.row);
    }
    return result;
  });
}

async function compliance(db: Database) {
  const planId = await findPlanIdByCode(db, CODE);
  const plan = planId === null ? null : await getPlan(db, planId);
  if (planId === null || plan === null) throw new Error("no está el plan semilla");
  return computeCompliance(plan, await actualsAsKnown(db, planId, { basis: "approved", plan }), {
    asOf: "2024-12-31",
  });
}

/** The file with its gzip'd text rewritten (and a valid checksum): a backup as another Rumbo would write it. */
function rewritten(from: string, to: string, edit: (lines: string[]) => string[]) {
  const lines = gunzipSync(readFileSync(from)).toString("utf8").trimEnd().split("\n").slice(0, -1);
  const body = edit(lines)
    .map((l) => `${l}\n`)
    .join("");
  const sum = createHash("sha256").update(body).digest("hex");
  writeFileSync(to, gzipSync(`${body}${JSON.stringify(["sha256", sum])}\n`));
}

describe.each(TEST_ENGINES)("copia de seguridad hecha en $name", (source) => {
  const other = TEST_ENGINES.find((e) => e.name !== source.name);
  let from: DatabaseHandle;
  let to: DatabaseHandle;
  let dir: string;
  let file: string;
  let original: Record<string, string[]>;

  beforeAll(async () => {
    if (!other) throw new Error("hacen falta dos motores");
    [from, to] = await Promise.all([source.open(), other.open()]);
    await fillDatabase(from.db);
    original = await contents(from.db);
    dir = await mkdtemp(join(tmpdir(), "rumbo-backup-"));
    file = join(dir, "rumbo.backup.gz");
    await backupDatabase(from.db, from.engine, file, new Date("2026-12-07T20:00:00Z"));
  });
  afterAll(async () => {
    await Promise.all([from?.close(), to?.close()]);
  });

  it(`restaurada en ${other?.name}, cada tabla tiene las mismas filas y el plan semilla el mismo cumplimiento`, async () => {
    const empty = Object.entries(original).filter(([, r]) => r.length === 0);
    expect(
      empty.map(([name]) => name),
      "tablas sin filas en la prueba",
    ).toEqual([]);
    expect(original.plans).toHaveLength(2);
    expect(original.indicators).toHaveLength(19);

    const header = await verifyBackup(file);
    expect(header.engine).toBe(source.name);
    expect(header.tables.map((t) => t.name).indexOf("plans")).toBeLessThan(
      header.tables.map((t) => t.name).indexOf("indicators"),
    );
    const summary = await restoreBackup(to.db, file, header, { replace: false });
    expect(summary.rows).toBe(Object.values(original).reduce((n, r) => n + r.length, 0));

    expect(await contents(to.db)).toEqual(original);
    const [bytes] = await to.db.select({ bytes: evidenceFiles.bytes }).from(evidenceFiles);
    expect(bytes?.bytes.equals(EVIDENCE)).toBe(true);
    const [report] = await to.db
      .select()
      .from(reportVersions)
      .where(eq(reportVersions.source, "web"));
    expect(report?.value).toBe(0.1 + 0.2);
    expect(report?.denominator).toBe(12345678.901234567);
    expect(await compliance(to.db)).toEqual(await compliance(from.db));
  });

  it("después de restaurar, una cuenta nueva toma el id siguiente al mayor restaurado", async () => {
    const [max] = await to.db.select({ id: sql<number>`max(${users.id})::int` }).from(users);
    const id = await createAccount(to.db, "nuevo.funcionario@funcionpublica.gov.co", []);
    expect(id).toBe((max?.id ?? 0) + 1);
  });

  it("una base con datos no se sobrescribe sin --replace; con --replace queda igual a la copia", async () => {
    const header = await verifyBackup(file);
    const before = await contents(to.db);
    const refused = await restoreBackup(to.db, file, header, { replace: false }).catch((e) => e);
    expect(refused).toBeInstanceOf(RestoreRefusedError);
    expect(refused.message).toMatch(
      /^la base de datos de destino no está vacía: .*plans \(2 filas\)/,
    );
    expect(refused.message).toContain("users (2 filas)");
    expect(await contents(to.db)).toEqual(before);

    const summary = await restoreBackup(to.db, file, header, { replace: true });
    expect(summary.replaced).toBe(true);
    expect(await contents(to.db)).toEqual(original);
  });

  it("un byte alterado en la copia la hace rechazar, y la base de destino no cambia", async () => {
    const bytes = readFileSync(file);
    const broken = join(dir, "alterada.gz");
    const copy = Buffer.from(bytes);
    const at = Math.floor(copy.length / 2);
    copy[at] = (copy[at] ?? 0) ^ 0x01;
    writeFileSync(broken, copy);
    await expect(verifyBackup(broken)).rejects.toThrow(BackupFileError);

    // The same with a valid gzip: a changed digit in a row breaks the checksum.
    const text = gunzipSync(bytes).toString("utf8").replace('"attempts":3', '"attempts":4');
    writeFileSync(broken, gzipSync(text));
    await expect(verifyBackup(broken)).rejects.toThrow(
      "la suma de verificación SHA-256 no coincide con el contenido: el archivo fue alterado o está dañado",
    );
    // Even handed to restore directly, the transaction is rolled back at the checksum.
    const before = await contents(to.db);
    const header = await verifyBackup(file);
    await expect(restoreBackup(to.db, broken, header, { replace: true })).rejects.toThrow(
      BackupFileError,
    );
    expect(await contents(to.db)).toEqual(before);

    writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length * 0.9)));
    await expect(verifyBackup(broken)).rejects.toThrow("el archivo está incompleto (cortado)");
  });

  it.runIf(source.name === "postgres")(
    "con el servidor escribiendo durante la copia, la copia es la base en un solo instante",
    async () => {
      const dialect = new PgDialect();
      const before = original.audit_log?.length ?? 0;
      let wrote = false;
      // While the backup reads its first rows, another connection adds an audit entry.
      const busy = new Proxy(from.db, {
        get(target, key, receiver) {
          if (key !== "transaction") return Reflect.get(target, key, receiver);
          return (fn: (tx: unknown) => Promise<unknown>, config: unknown) =>
            target.transaction(
              (tx) =>
                fn(
                  new Proxy(tx, {
                    get(t, k, r) {
                      if (k !== "execute") return Reflect.get(t, k, r);
                      return async (query: SQL) => {
                        if (!wrote && dialect.sqlToQuery(query).sql.startsWith("FETCH")) {
                          wrote = true;
                          await writeAudit(from.db, {
                            userId: null,
                            actorEmail: "durante-la-copia@rumbo.local",
                            action: "plan.edit",
                            resource: null,
                            outcome: "ok",
                            ip: null,
                          });
                        }
                        return t.execute(query);
                      };
                    },
                  }),
                ),
              config as Parameters<typeof target.transaction>[1],
            );
        },
      });
      const during = join(dir, "durante.gz");
      await backupDatabase(busy, from.engine, during);
      expect(wrote).toBe(true);
      const header = await verifyBackup(during);
      expect(header.tables.find((t) => t.name === "audit_log")?.rows).toBe(before);
      const text = gunzipSync(readFileSync(during)).toString("utf8");
      expect(text).not.toContain("durante-la-copia@rumbo.local");
      expect((await contents(from.db)).audit_log).toHaveLength(before + 1);
    },
  );

  it("una copia de un esquema más nuevo se rechaza antes de tocar la base", async () => {
    const newer = join(dir, "nueva.gz");
    rewritten(file, newer, ([head, ...rest]) => {
      const header = JSON.parse(head ?? "{}");
      header.schema = { migration: "0042_futuro", createdAt: 4102444800000, hash: "f".repeat(64) };
      return [JSON.stringify(header), ...rest];
    });
    await expect(verifyBackup(newer)).rejects.toThrow(
      /^la copia se hizo con un esquema de base de datos más nuevo \(0042_futuro\) que el de esta versión de Rumbo \(0\d{3}_\w+\)/,
    );
  });
});
