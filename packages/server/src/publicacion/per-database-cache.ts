/**
 * What the public side keeps in memory (snapshots, records, rendered pages,
 * encoded answers, open-data files): a bounded map per database — tests open
 * several databases in one process — that drops the least recently used
 * entry. Every kept value is a pure function of stored publications, so a
 * process may drop one at any time and build it again.
 */
import type { Database } from "../db/open-database.ts";

export class PerDatabaseCache<K, V> {
  readonly #maps = new WeakMap<Database, Map<K, V>>();
  readonly #size: number;

  constructor(size: number) {
    this.#size = size;
  }

  get(db: Database, key: K): V | undefined {
    const map = this.#maps.get(db);
    const value = map?.get(key);
    if (map && value !== undefined) {
      // Most recently used last, so the oldest entry is the first one dropped.
      map.delete(key);
      map.set(key, value);
    }
    return value;
  }

  set(db: Database, key: K, value: V): void {
    let map = this.#maps.get(db);
    if (!map) {
      map = new Map();
      this.#maps.set(db, map);
    }
    map.delete(key);
    map.set(key, value);
    if (map.size > this.#size) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
  }

  delete(db: Database, key: K): void {
    this.#maps.get(db)?.delete(key);
  }
}

/** Whether the request's If-None-Match names this ETag (weak or strong, or `*`). */
export function matchesEtag(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (typeof ifNoneMatch !== "string") return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}
