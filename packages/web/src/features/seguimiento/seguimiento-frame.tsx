/**
 * What every seguimiento page shares: the signed-in person, the plan's name,
 * the links between the pages (offered per the server's permissions) and the
 * status of a report written in words.
 */
import type { ReportStatus } from "@rumbo/core";
import type { ReactNode } from "react";
import { cortesPath, mySeguimientoPath, planPath, reviewQueuePath } from "../../routes.ts";
import { formatValue } from "../../shared/format.ts";
import { Link, usePathname } from "../../shared/router.tsx";
import { LoadingState } from "../../shared/ui/query-state.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { type PlanPermissions, usePlanPermissions } from "../plans/permissions-api.ts";
import { type PlanDetail, usePlan } from "../plans/plans-api.ts";
import type { SessionUser } from "../session/session-api.ts";
import { ProtectedPageError, RequireSignIn } from "../session/session-guards.tsx";
import { statusLabel } from "./labels.ts";
import "./seguimiento.css";

export type SeguimientoContext = {
  plan: PlanDetail;
  /** Undefined while the permissions load or when they could not be read: nothing extra is offered. */
  permissions: PlanPermissions | undefined;
  user: SessionUser;
};

function SeguimientoNav({
  planId,
  permissions,
}: {
  planId: number;
  permissions?: PlanPermissions;
}) {
  const pathname = usePathname();
  const links = [
    { to: mySeguimientoPath(planId), label: "Mis indicadores", show: true },
    {
      to: reviewQueuePath(planId),
      label: "Reportes por revisar",
      show: permissions?.actions["report.review"] === true,
    },
    { to: cortesPath(planId), label: "Cortes", show: true },
  ].filter((link) => link.show);
  return (
    <nav className="seguimiento-nav" aria-label="Seguimiento del plan">
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to} aria-current={pathname === link.to ? "page" : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function FrameLoader({
  planId,
  title,
  user,
  children,
}: {
  planId: number;
  title: string;
  user: SessionUser;
  children: (context: SeguimientoContext) => ReactNode;
}) {
  const plan = usePlan(planId);
  const permissions = usePlanPermissions(planId, user.id);
  useDocumentTitle(title);
  if (plan.isPending) return <LoadingState message="Cargando el plan…" />;
  if (plan.isError) {
    return <ProtectedPageError title="No fue posible cargar el plan" error={plan.error} />;
  }
  return (
    <div className="seguimiento">
      <div className="page-heading">
        <p className="eyebrow">
          Seguimiento · <Link to={planPath(planId)}>{plan.data.name}</Link>
        </p>
        <h1>{title}</h1>
      </div>
      <SeguimientoNav planId={planId} permissions={permissions.data} />
      {children({ plan: plan.data, permissions: permissions.data, user })}
    </div>
  );
}

/** A seguimiento page of one plan: signed in, with the plan loaded and the page's h1. */
export function SeguimientoFrame({
  planId,
  title,
  children,
}: {
  planId: number;
  title: string;
  children: (context: SeguimientoContext) => ReactNode;
}) {
  return (
    <RequireSignIn>
      {(user) => (
        <FrameLoader planId={planId} title={title} user={user}>
          {children}
        </FrameLoader>
      )}
    </RequireSignIn>
  );
}

/** The status in words, with a class for its colour (the words carry it: WCAG 1.4.1). */
export function StatusTag({ status }: { status: ReportStatus | null }) {
  return <span className={`status status-${status ?? "pendiente"}`}>{statusLabel(status)}</span>;
}

/** A reported value in the indicator's unit; «Sin valor» when there is none. */
export function ReportedValue({
  value,
  unit,
}: {
  value: number | null;
  unit: string | null | undefined;
}) {
  if (value === null) return <span className="note">Sin valor</span>;
  return <>{formatValue(value, unit ?? undefined)}</>;
}

/** The target of the period's vigencia; null is no programado (NP), never zero. */
export function TargetValue({ target, unit }: { target: number | null; unit: string | null }) {
  if (target === null) return <abbr title="No programado">NP</abbr>;
  return <>{formatValue(target, unit ?? undefined)}</>;
}
