/**
 * Bounded building blocks of the API contracts (shared/bounds.ts): a value
 * that passes them fits its column, so validated input never becomes a 500.
 */
import { z } from "zod";
import {
  DATE_MAX,
  DATE_MIN,
  forbiddenCharacter,
  INT32_MAX,
  isSaneDate,
  YEAR_MAX,
  YEAR_MIN,
} from "../shared/bounds.ts";

/** A positive integer that fits an int4 column, from a path or query string (`what`: "el id del plan"). */
export function int32Id(what: string) {
  return z.coerce
    .number({ error: `${what} debe ser un número` })
    .int(`${what} debe ser un número entero`)
    .positive(`${what} debe ser positivo`)
    .max(INT32_MAX, `${what} es demasiado grande (máximo ${INT32_MAX})`);
}

/** A plan version (1, 2, …) in a query string. */
export function versionNumber(what = "la versión") {
  return int32Id(what);
}

/** A positive integer of a JSON body that fits an int4 column. */
export function int32Field(what: string) {
  return z
    .number({ error: `${what} debe ser un número` })
    .int(`${what} debe ser un número entero`)
    .positive(`${what} debe ser positivo`)
    .max(INT32_MAX, `${what} es demasiado grande (máximo ${INT32_MAX})`);
}

/** Text the database can keep: at most `max` characters, no NUL, no half surrogate pair. */
export function safeText(max: number, tooLong = `el texto supera ${max} caracteres`) {
  return z
    .string()
    .max(max, tooLong)
    .superRefine((text, context) => {
      const forbidden = forbiddenCharacter(text);
      if (forbidden !== null) {
        context.addIssue({
          code: "custom",
          message: `el texto contiene ${forbidden}, que no se puede guardar`,
        });
      }
    });
}

/** An AAAA-MM-DD date between 1900-01-01 and 2200-12-31. */
export function isoDateInRange() {
  return z.iso
    .date({ error: "la fecha debe ser AAAA-MM-DD" })
    .refine(isSaneDate, `la fecha debe estar entre ${DATE_MIN} y ${DATE_MAX}`);
}

/** A year of a plan or of a línea base. */
export const yearSchema = z
  .number()
  .int()
  .min(YEAR_MIN, `el año debe ser ${YEAR_MIN} o posterior`)
  .max(YEAR_MAX, `el año debe ser ${YEAR_MAX} o anterior`);
