import { formatNumber } from "../../shared/format.ts";
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

export const PERMISSIONS_HEADING = "Lo que puede hacer en este plan";

export function PermissionsNote({ permissions }: { permissions: PlanPermissions }) {
  const reportable = permissions.reportableIndicators.length;
  return (
    <section className="permissions-note" aria-labelledby="permisos-del-plan">
      <h2 id="permisos-del-plan">{PERMISSIONS_HEADING}</h2>
      <p>{describePermissions(permissions)}</p>
      {reportable > 0 && (
        <p className="note">
          Los indicadores que usted reporta llevan la marca «Usted reporta» en su fila.
        </p>
      )}
    </section>
  );
}
