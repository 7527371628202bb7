/** Dates and labels of the formulation pages, es-CO (dd/mm/aaaa, Bogotá time). */
import { bogotaDate } from "@rumbo/core";
import { TIME_ZONE } from "../../shared/format.ts";
import type { PlanStatus, VersionKind } from "./formulation-api.ts";

const dayFormat = new Intl.DateTimeFormat("es-CO", {
  timeZone: TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/** An ISO instant as dd/mm/aaaa in Bogotá; the text as is when it is not a date. */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dayFormat.format(date);
}

/** Today's calendar date in Bogotá, "AAAA-MM-DD", by the rule the server dates versions with. */
export function todayInBogota(now: Date = new Date()): string {
  return bogotaDate(now);
}

/** A calendar date "AAAA-MM-DD" as "dd/mm/aaaa" (no time zone: it is a date, not an instant). */
export function formatCalendarDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match === null ? isoDate : `${match[3]}/${match[2]}/${match[1]}`;
}

const longDateFormat = new Intl.DateTimeFormat("es-CO", {
  // The date is built at UTC midnight: formatting it in UTC keeps the same day.
  timeZone: "UTC",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** The "AAAA-MM-DD" of a real calendar day (no 2025-02-30); null for anything else. */
function calendarDay(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
    ? date
    : null;
}

export function isCalendarDate(text: string): boolean {
  return calendarDay(text) !== null;
}

/** A calendar date "AAAA-MM-DD" as "30 de junio de 2025"; the text as is when it is not a date. */
export function formatLongDate(isoDate: string): string {
  const date = calendarDay(isoDate);
  return date === null ? isoDate : longDateFormat.format(date);
}

export const VERSION_KIND_LABELS: Record<VersionKind, string> = {
  creacion: "Creación",
  edicion: "Edición",
  reprogramacion: "Reprogramación",
  importacion: "Importación",
  "puesta-en-vigencia": "Puesta en vigencia",
  publicacion: "Publicación",
  "retiro-publicacion": "Retiro de la publicación",
};

export const STATUS_LABELS: Record<PlanStatus, string> = {
  formulacion: "En formulación",
  vigente: "En vigencia",
};
