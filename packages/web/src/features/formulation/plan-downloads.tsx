/**
 * The plan in open formats (Ley 1712 de 2014: published plans are public and
 * downloadable; CSV/JSON, and XLSX for spreadsheets). The server answers with
 * an attachment, so plain links are enough and work without JavaScript.
 */
import { type ExportFormat, exportUrl } from "./formulation-api.ts";

const FORMATS: { format: ExportFormat; label: string; description: string }[] = [
  { format: "xlsx", label: "XLSX", description: "hoja de cálculo" },
  { format: "csv", label: "CSV", description: "texto separado por punto y coma, coma decimal" },
  { format: "json", label: "JSON", description: "formato rumbo.plan/v1" },
];

/** `version`: the earlier version the page shows, downloaded as shown; null for the one in force. */
export function PlanDownloads({ planId, version }: { planId: number; version: number | null }) {
  return (
    <section className="plan-downloads" aria-labelledby="descargar-el-plan">
      <h2 id="descargar-el-plan">Descargar el plan</h2>
      <ul className="download-list">
        {FORMATS.map(({ format, label, description }) => (
          <li key={format}>
            <a href={exportUrl(planId, format, version ?? undefined)} download>
              Descargar {label}
            </a>{" "}
            <span className="note-inline">({description})</span>
          </li>
        ))}
      </ul>
      <p className="note">
        {version === null
          ? "Versión vigente del plan."
          : `Versión ${version} del plan, la que se muestra en esta página (no es la vigente).`}{" "}
        Datos abiertos bajo licencia CC BY-SA 4.0.
      </p>
    </section>
  );
}
