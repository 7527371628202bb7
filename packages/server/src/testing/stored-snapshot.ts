/**
 * What a refused request or file must leave exactly as it was: a digest of
 * every stored table (plans with every version and child row, reports,
 * cortes, soportes, accounts and roles), compared before and after.
 */
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../db/open-database.ts";

// What a refused request must not touch: the plans with every version and
// child row, and the accounts with their roles (not the login counters, which
// a refused login rightly moves).
const STORED = [
  "plans",
  "plan_versions",
  "vigencias",
  "objectives",
  "objective_weights",
  "indicators",
  "indicator_vigencias",
  "report_versions",
  "cortes",
  "corte_reopenings",
  "evidence_files",
  "role_assignments",
];

/** Count and digest of every stored table, in one query (it runs after every request). */
export async function storedSnapshot(database: DatabaseHandle): Promise<string> {
  const parts = [...STORED, "users"].map((table) => {
    const columns =
      table === "users"
        ? "t.id, t.email, t.name, t.area, t.active, t.password_hash, t.must_change_password"
        : table === "evidence_files"
          ? "t.sha256, t.size, t.media_type, md5(t.bytes)"
          : "t.*";
    return `select '${table}' as t, count(*)::int as n, md5(coalesce(string_agg(row(${columns})::text, '|' order by row(${columns})::text), '')) as h from ${table} t`;
  });
  const result = (await database.db.execute(sql.raw(parts.join(" union all ")))) as unknown as {
    rows: { t: string; n: number; h: string }[];
  };
  return result.rows.map((row) => `${row.t}:${row.n}:${row.h}`).join(" ");
}
