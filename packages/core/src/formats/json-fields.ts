/**
 * Small checks shared by the plan reader: each one records a problem at a JSON
 * path and returns the value only when it has the expected type, so the reader
 * can go on and report every problem (formats.md §4).
 */
import { tooLongMessage } from "../plan/text-limits.ts";
import { forbiddenCharacter } from "../shared/bounds.ts";
import type { Problem } from "./problem.ts";

export type JsonRecord = { [key: string]: unknown };

export type Reporter = {
  problems: Problem[];
  at(path: string, message: string): void;
};

export function createReporter(source: string): Reporter {
  const problems: Problem[] = [];
  return {
    problems,
    at(path, message) {
      problems.push({ source, path, message });
    },
  };
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

/** How a JSON value reads in a message: `"sube"`, `12`, `null`, `un objeto`. */
export function describe(value: unknown): string {
  if (value === undefined) return "nada";
  if (Array.isArray(value)) return "una lista";
  if (isRecord(value)) return "un objeto";
  return JSON.stringify(value);
}

export function requiredString(
  report: Reporter,
  record: JsonRecord,
  key: string,
  path: string,
  label: string,
  /** The field's limit (TEXT_LIMITS); longer text is a problem. */
  maxLength: number,
): string | undefined {
  const value = record[key];
  const at = join(path, key);
  if (value === undefined) {
    report.at(at, `falta ${label}`);
    return undefined;
  }
  if (typeof value !== "string") {
    report.at(at, `${label} debe ser texto, no ${describe(value)}`);
    return undefined;
  }
  if (value.trim() === "") {
    report.at(at, `${label} está vacío`);
    return undefined;
  }
  return storableText(report, value, at, label, maxLength);
}

export function optionalString(
  report: Reporter,
  record: JsonRecord,
  key: string,
  path: string,
  /** The field's limit (TEXT_LIMITS); longer text is a problem. */
  maxLength: number,
  label = "el texto",
): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    report.at(join(path, key), `debe ser texto, no ${describe(value)}`);
    return undefined;
  }
  return storableText(report, value, join(path, key), label, maxLength);
}

/**
 * A text the database can keep and the field admits: within its length, no
 * NUL, no half of a surrogate pair (shared/bounds.ts).
 */
function storableText(
  report: Reporter,
  value: string,
  at: string,
  label: string,
  maxLength: number,
): string | undefined {
  if (value.length > maxLength) {
    report.at(at, tooLongMessage(label, maxLength, value.length));
    return undefined;
  }
  const forbidden = forbiddenCharacter(value);
  if (forbidden === null) return value;
  report.at(at, `${label} contiene ${forbidden}, que no se puede guardar; bórrelo del texto`);
  return undefined;
}

/** A number or `null`; `undefined` when absent or wrong (the problem is recorded). */
export function optionalNumberOrNull(
  report: Reporter,
  record: JsonRecord,
  key: string,
  path: string,
  label: string,
): number | null | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    report.at(join(path, key), `${label} debe ser un número o null, no ${describe(value)}`);
    return undefined;
  }
  return value;
}

export function optionalEnum<T extends string>(
  report: Reporter,
  record: JsonRecord,
  key: string,
  path: string,
  allowed: readonly T[],
): T | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  const found = allowed.find((item) => item === value);
  if (found === undefined) {
    report.at(
      join(path, key),
      `valor desconocido ${describe(value)} (se espera ${allowed.join(", ")})`,
    );
  }
  return found;
}
