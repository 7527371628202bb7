/** The view selector shared by the tablero pages: vigencia (years + cuatrienio) and fecha de corte. */
import { type FormEvent, useId } from "react";
import { navigate, usePathname, useSearch } from "../../shared/router.tsx";
import { readView, type TableroView, viewSearch } from "./tablero-query.ts";

export function useTableroView(): TableroView {
  return readView(useSearch());
}

export function ViewForm({ years, view }: { years: readonly number[]; view: TableroView }) {
  const pathname = usePathname();
  const vigenciaId = useId();
  const corteId = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const corte = String(data.get("corte") ?? "");
    navigate(
      `${pathname}${viewSearch({
        ...view,
        vigencia: String(data.get("vigencia") ?? "cuatrienio"),
        corte: corte === "" ? null : corte,
      })}`,
    );
  }
  return (
    <form className="view-form" onSubmit={submit} aria-label="Qué mostrar">
      <div className="field">
        <label htmlFor={vigenciaId}>Vigencia</label>
        <select id={vigenciaId} name="vigencia" defaultValue={view.vigencia}>
          {years.map((year) => (
            <option key={year} value={String(year)}>
              {year}
            </option>
          ))}
          <option value="cuatrienio">Cuatrienio</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={corteId}>Fecha de corte</label>
        <input id={corteId} name="corte" type="date" defaultValue={view.corte ?? ""} />
      </div>
      <button type="submit" className="button">
        Ver
      </button>
    </form>
  );
}
