import { cortesPath, mySeguimientoPath, reviewQueuePath } from "../../routes.ts";
import { formatNumber } from "../../shared/format.ts";
import { Link } from "../../shared/router.tsx";
import type { PlanAction, PlanPermissions } from "./permissions-api.ts";

/** In the order a person reads their job: report, review, then change the plan. */
const ACTION_PHRASES: readonly [PlanAction, string][] = [
  ["report.review", "revisar reportes"],
  ["plan.reprogram", "reprogramar"],
  ["plan.edit", "editar el plan"],
  ["plan.publish", "publicarlo"],
  ["corte.manage", "gestionar los cortes"],
  ["actuals.import", "importar avances"],
];

const list = new Intl.ListFormat("es-CO", { type: "conjunction" });

/** "Puede reportar 2 indicadores", "Puede revisar reportes, reprogramar… e importar avances". */
export function describePermissions(permissions: PlanPermissions): string {
  const reportable = permissions.reportableIndicators.length;
  const phrases = [
    ...(reportable > 0
      ? [`reportar ${formatNumber(reportable)} ${reportable === 1 ? "indicador" : "indicadores"}`]
      : []),
    ...ACTION_PHRASES.filter(([action]) => permissions.actions[action] === true).map(
      ([, phrase]) => phrase,
    ),
  ];
  if (phrases.length === 0)
    return "Puede consultar este plan; su cuenta no tiene acciones sobre él.";
  return `Puede ${list.format(phrases)}.`;
}

/** Where the person's follow-up work is: their reports, the review queue, the cortes. */
function SeguimientoLinks({ permissions }: { permissions: PlanPermissions }) {
  const { planId, actions } = permissions;
  const links = [
    ...(permissions.reportableIndicators.length > 0
      ? [{ to: mySeguimientoPath(planId), label: "Reportar mis indicadores" }]
      : []),
    ...(actions["report.review"]
      ? [{ to: reviewQueuePath(planId), label: "Revisar reportes" }]
      : []),
    ...(actions["corte.manage"] ? [{ to: cortesPath(planId), label: "Gestionar los cortes" }] : []),
  ];
  if (links.length === 0) return null;
  return (
    <ul className="button-row plain-list">
      {links.map((link) => (
        <li key={link.to}>
          <Link className="button button-small" to={link.to}>
            {link.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export const PERMISSIONS_HEADING = "Lo que puede hacer en este plan";

export function PermissionsNote({ permissions }: { permissions: PlanPermissions }) {
  const reportable = permissions.reportableIndicators.length;
  return (
    <section className="permissions-note" aria-labelledby="permisos-del-plan">
      <h2 id="permisos-del-plan">{PERMISSIONS_HEADING}</h2>
      <p>{describePermissions(permissions)}</p>
      <SeguimientoLinks permissions={permissions} />
      {reportable > 0 && (
        <p className="note">
          Los indicadores que usted reporta llevan la marca «Usted reporta» en su fila.
        </p>
      )}
    </section>
  );
}
