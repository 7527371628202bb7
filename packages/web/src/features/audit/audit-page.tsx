import { auditPath } from "../../routes.ts";
import { navigate, useSearch } from "../../shared/router.tsx";
import { LoadingState } from "../../shared/ui/query-state.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { ProtectedPageError } from "../session/session-guards.tsx";
import {
  type AuditFilters,
  auditCsvUrl,
  filtersFromSearch,
  filtersToSearch,
  useAudit,
} from "./audit-api.ts";
import { AuditFiltersForm } from "./audit-filters.tsx";
import { AuditTable } from "./audit-table.tsx";

const PAGE_TITLE = "Auditoría";
export const EXPORT_CSV = "Exportar CSV";

export function AuditPage() {
  useDocumentTitle(PAGE_TITLE);
  // The filters live in the address: a filtered view can be reloaded and shared.
  const search = useSearch();
  const filters = filtersFromSearch(search);
  const audit = useAudit(filters);

  function apply(next: AuditFilters): void {
    const query = filtersToSearch(next);
    navigate(query === "" ? auditPath : `${auditPath}?${query}`);
  }

  if (audit.isPending) return <LoadingState message="Cargando el registro de auditoría…" />;
  if (audit.isError) {
    return <ProtectedPageError title="No fue posible cargar la auditoría" error={audit.error} />;
  }
  return (
    <>
      <h1>{PAGE_TITLE}</h1>
      <p>
        Quién hizo qué, cuándo y desde dónde: inicios de sesión, cambios de permisos y cada
        modificación (Ley 1581 de 2012).
      </p>
      <AuditFiltersForm key={search} initial={filters} onApply={apply} />
      <p>
        <a href={auditCsvUrl(filters)} download="auditoria-rumbo.csv">
          {EXPORT_CSV}
        </a>{" "}
        <span className="note">Las mismas entradas filtradas, en un archivo CSV.</span>
      </p>
      {audit.isPlaceholderData && <LoadingState message="Aplicando los filtros…" />}
      <AuditTable entries={audit.data} />
    </>
  );
}
