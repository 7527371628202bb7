import type { Indicator } from "@rumbo/core";
import { reportPath } from "../../routes.ts";
import { Link } from "../../shared/router.tsx";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { periodLabel } from "./labels.ts";
import { type ReportAddress, useReports } from "./seguimiento-api.ts";
import { ReportedValue, StatusTag } from "./seguimiento-frame.tsx";

/** The indicator's other periods as the server lists them (latest first), to compare the value with. */
export function PreviousPeriods({
  planId,
  indicator,
  address,
}: {
  planId: number;
  indicator: Indicator;
  address: ReportAddress;
}) {
  const reports = useReports(planId, { indicator: indicator.code });
  if (reports.isPending) return <p className="note">Cargando los periodos anteriores…</p>;
  if (reports.isError) {
    return <p className="note">No fue posible consultar los periodos anteriores.</p>;
  }
  const others = reports.data
    .filter(
      (r) => r.period < address.period && (r.area ?? null) === address.area && r.status !== null,
    )
    .sort((a, b) => (a.period < b.period ? 1 : -1));
  const captionId = "periodos-anteriores";
  if (others.length === 0) {
    return (
      <>
        <h3 id={captionId}>Periodos anteriores</h3>
        <p className="note">Aún no hay periodos anteriores reportados.</p>
      </>
    );
  }
  return (
    <ScrollRegion labelledBy={captionId} stickyFirstColumn={false}>
      <table className="previous-periods">
        <caption id={captionId}>Periodos anteriores</caption>
        <thead>
          <tr>
            <th scope="col">Periodo</th>
            <th scope="col" className="number">
              Valor
            </th>
            <th scope="col">Estado</th>
          </tr>
        </thead>
        <tbody>
          {others.map((r) => (
            <tr key={r.period}>
              <th scope="row">
                <Link to={reportPath(planId, r.indicator, r.period, r.area)}>
                  {periodLabel(r.period)}
                </Link>
              </th>
              <td className="number">
                <ReportedValue value={r.value} unit={r.unit} />
              </td>
              <td>
                <StatusTag status={r.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
