/**
 * 409 VERSION_CONFLICT: someone else saved the plan after this person opened
 * it. Nothing was overwritten; the person sees what changed and may reload.
 */
import { formatNumber } from "../../shared/format.ts";
import { ChangeList } from "./change-list.tsx";
import type { VersionConflict } from "./formulation-api.ts";

export const VERSION_CONFLICT_TITLE = "Otra persona guardó cambios";

export function VersionConflictNotice({
  conflict,
  onReload,
  reloading,
}: {
  conflict: VersionConflict;
  onReload: () => void;
  reloading: boolean;
}) {
  return (
    <div className="form-error conflict" role="alert" aria-labelledby="conflicto-de-version">
      <h2 id="conflicto-de-version">{VERSION_CONFLICT_TITLE}</h2>
      <p>
        Mientras usted editaba, otra persona guardó este plan
        {conflict.currentVersion === null
          ? ""
          : ` (ahora va en la versión ${formatNumber(conflict.currentVersion)})`}
        . Sus cambios <strong>no</strong> se guardaron.
      </p>
      {conflict.changes.length > 0 && (
        <>
          <p>Lo que cambió la otra persona:</p>
          <ChangeList changes={conflict.changes} label="Cambios de la otra persona" />
        </>
      )}
      <p>Cargue la versión actual y vuelva a hacer sus cambios sobre ella.</p>
      <button type="button" className="button" onClick={onReload} disabled={reloading}>
        {reloading
          ? "Cargando la versión actual…"
          : "Cargar la versión actual (descarta sus cambios)"}
      </button>
    </div>
  );
}
