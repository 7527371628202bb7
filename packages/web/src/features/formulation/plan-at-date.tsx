/**
 * "Ver el plan como estaba en una fecha", on the versions page: the server
 * says which version was in force on the date (`?at=`, one rule for the whole
 * application) and the plan's page shows that version read-only.
 */
import { api, assertUnreachable, keepsContent } from "@rumbo/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { planPath, planVersionPath } from "../../routes.ts";
import { errorMessage, isCallError, isTransportOrClientCode } from "../../shared/api/api-client.ts";
import { formatNumber } from "../../shared/format.ts";
import { Link, navigate } from "../../shared/router.tsx";
import { FormError, FormSuccess } from "../../shared/ui/form-messages.tsx";
import { TextField } from "../../shared/ui/text-field.tsx";
import { getPlanAt, type PlanDocument, type PlanVersion } from "./formulation-api.ts";
import {
  formatCalendarDate,
  formatDay,
  formatLongDate,
  isCalendarDate,
  VERSION_KIND_LABELS,
} from "./formulation-format.ts";

export const DATE_MISSING = "Escriba una fecha: día, mes y año.";

/** True when the answer is the version in force (an older server may not say which that is). */
function isCurrent(doc: PlanDocument): boolean {
  return doc.currentVersion !== undefined && doc.version === doc.currentVersion;
}

/**
 * "Acta Comité Sectorial 03/2025", or the kind and date of a version without
 * an act: the date it rules from, or — for putting in force or publishing,
 * which keep the content of the version before — the day it happened.
 */
function versionSource(version: PlanVersion | undefined): string | null {
  if (version === undefined) return null;
  const label = VERSION_KIND_LABELS[version.kind] ?? version.kind;
  const date = keepsContent(version.kind)
    ? formatDay(version.createdAt)
    : formatCalendarDate(version.effectiveFrom);
  return version.actReference ?? `${label} del ${date}`;
}

function Found({
  planId,
  date,
  doc,
  versions,
}: {
  planId: number;
  date: string;
  doc: PlanDocument;
  versions: readonly PlanVersion[];
}) {
  const current = isCurrent(doc);
  const source = versionSource(versions.find((v) => v.version === doc.version));
  return (
    <FormSuccess>
      <p>
        El {formatLongDate(date)} regía la versión {formatNumber(doc.version)}
        {current && ", la vigente"}
        {source !== null && ` (${source})`}.
        {current && " El plan está hoy como estaba en esa fecha."}
      </p>
      <p>
        <Link to={current ? planPath(planId) : planVersionPath(planId, doc.version)}>
          {current ? "Ver el plan vigente" : `Ver la versión ${formatNumber(doc.version)}`}
        </Link>
      </p>
    </FormSuccess>
  );
}

/** Whether getPlan(?at=) failed because the plan had no version in force that day. */
function noVersionThen(error: unknown): boolean {
  if (!isCallError(error, api.getPlan) || isTransportOrClientCode(error.code)) return false;
  switch (error.code) {
    case "VERSION_NOT_FOUND":
      return true;
    case "PLAN_NOT_FOUND":
    case "VALIDATION_ERROR":
    case "AUTH_REQUIRED":
    case "FORBIDDEN":
    case "PASSWORD_CHANGE_REQUIRED":
      return false;
    default:
      return assertUnreachable(error.code);
  }
}

function NotFound({
  date,
  error,
  versions,
}: {
  date: string;
  error: unknown;
  versions: readonly PlanVersion[];
}) {
  if (!noVersionThen(error)) {
    return (
      <FormError>
        <p>No fue posible consultar el plan en esa fecha: {errorMessage(error)}</p>
      </FormError>
    );
  }
  const first = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
  return (
    <FormError>
      <p>
        El plan no tenía una versión vigente el {formatLongDate(date)}
        {first === undefined
          ? "."
          : `: la primera rige desde el ${formatLongDate(first.effectiveFrom)}.`}
      </p>
    </FormError>
  );
}

export function PlanAtDate({
  planId,
  versions,
}: {
  planId: number;
  versions: readonly PlanVersion[];
}) {
  const form = useRef<HTMLFormElement>(null);
  const [date, setDate] = useState("");
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const lookup = useMutation({
    mutationFn: (asked: string) => getPlanAt(planId, asked),
    onSuccess: (doc) => {
      // The version in force is the plan's page itself: the answer above says so instead.
      if (!isCurrent(doc)) navigate(planVersionPath(planId, doc.version));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!isCalendarDate(date)) {
      lookup.reset();
      setProblem(DATE_MISSING);
      // The field reads its problem as its description (WCAG 3.3.1).
      form.current?.querySelector("input")?.focus();
      return;
    }
    setProblem(undefined);
    lookup.mutate(date);
  }

  return (
    <>
      <form ref={form} className="compare-form" onSubmit={submit} noValidate>
        <TextField
          label="Fecha"
          type="date"
          required
          value={date}
          onValueChange={setDate}
          error={problem}
        />
        <button type="submit" className="button" disabled={lookup.isPending}>
          {lookup.isPending ? "Buscando…" : "Ver el plan en esa fecha"}
        </button>
      </form>
      {lookup.isError && (
        <NotFound date={lookup.variables} error={lookup.error} versions={versions} />
      )}
      {lookup.isSuccess && (
        <Found planId={planId} date={lookup.variables} doc={lookup.data} versions={versions} />
      )}
    </>
  );
}
