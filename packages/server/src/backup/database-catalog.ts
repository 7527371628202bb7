/**
 * What a backup copies, read from the database's own catalogue rather than a
 * list in the code: every table of the `public` schema (the ones the
 * migrations created, whatever later migrations add), its columns, its
 * primary key, the foreign keys that order the tables, and the sequences of
 * its serial columns. Drizzle's migration journal lives in the `drizzle`
 * schema and is not copied: the schema version travels in the header
 * (db/schema-version.ts).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";

/** A database or an open transaction: anything that runs a statement. */
export type Executor = Pick<Database, "execute">;

export type CatalogTable = {
  name: string;
  columns: { name: string; type: string }[];
  primaryKey: string[];
  /** Tables this one references (other than itself). */
  references: string[];
  /** Serial and identity columns, with their sequence. */
  sequences: { column: string; sequence: string }[];
};

export async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The tables in dependency order: each after the tables it references. */
export async function readCatalog(db: Executor): Promise<CatalogTable[]> {
  const columns = await rows<{
    table_name: string;
    column_name: string;
    type: string;
    generated: boolean;
    pk_position: number | null;
  }>(
    db,
    sql`SELECT c.relname AS table_name, a.attname AS column_name,
          format_type(a.atttypid, a.atttypmod) AS type, a.attgenerated <> '' AS generated,
          array_position(pk.indkey::int2[], a.attnum) AS pk_position
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_index pk ON pk.indrelid = c.oid AND pk.indisprimary
        WHERE n.nspname = 'public' AND c.relkind = 'r'
        ORDER BY c.relname, a.attnum`,
  );
  const references = await rows<{ child: string; parent: string }>(
    db,
    sql`SELECT child.relname AS child, parent.relname AS parent
        FROM pg_constraint f
        JOIN pg_class child ON child.oid = f.conrelid
        JOIN pg_class parent ON parent.oid = f.confrelid
        JOIN pg_namespace n ON n.oid = child.relnamespace
        WHERE f.contype = 'f' AND n.nspname = 'public'`,
  );
  const sequences = await rows<{ table_name: string; column_name: string; sequence: string }>(
    db,
    sql`SELECT t.relname AS table_name, a.attname AS column_name,
          quote_ident(sn.nspname) || '.' || quote_ident(s.relname) AS sequence
        FROM pg_class s
        JOIN pg_namespace sn ON sn.oid = s.relnamespace
        JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
          AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        JOIN pg_class t ON t.oid = d.refobjid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S' AND n.nspname = 'public'
        ORDER BY t.relname, a.attnum`,
  );
  const tables = new Map<string, CatalogTable>();
  const keyPositions = new Map<string, { name: string; position: number }[]>();
  for (const c of columns) {
    let table = tables.get(c.table_name);
    if (!table) {
      table = { name: c.table_name, columns: [], primaryKey: [], references: [], sequences: [] };
      tables.set(c.table_name, table);
      keyPositions.set(c.table_name, []);
    }
    if (!c.generated) table.columns.push({ name: c.column_name, type: c.type });
    if (c.pk_position !== null) {
      keyPositions.get(c.table_name)?.push({ name: c.column_name, position: c.pk_position });
    }
  }
  for (const [name, keys] of keyPositions) {
    const table = tables.get(name);
    if (table) table.primaryKey = keys.sort((a, b) => a.position - b.position).map((k) => k.name);
  }
  for (const r of references) {
    const table = tables.get(r.child);
    if (table && r.child !== r.parent && !table.references.includes(r.parent)) {
      table.references.push(r.parent);
    }
  }
  for (const s of sequences) {
    tables.get(s.table_name)?.sequences.push({ column: s.column_name, sequence: s.sequence });
  }
  return dependencyOrder([...tables.values()]);
}

/**
 * Parents before children, alphabetical among equals so two backups of the
 * same database list the tables alike. A cycle of foreign keys between tables
 * could not be restored row by row; Rumbo's schema has none, and a migration
 * that made one would be caught here.
 */
function dependencyOrder(tables: CatalogTable[]): CatalogTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: CatalogTable[] = [];
  const sorted = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (ordered.length < tables.length) {
    const next = sorted.find(
      (t) => !done.has(t.name) && t.references.every((p) => done.has(p) || !byName.has(p)),
    );
    if (!next) {
      const left = sorted.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new Error(
        `Las tablas ${left.join(", ")} se referencian en ciclo; no se pueden ordenar.`,
      );
    }
    done.add(next.name);
    ordered.push(next);
  }
  return ordered;
}
