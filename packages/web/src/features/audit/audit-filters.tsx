import { type FormEvent, useId, useState } from "react";
import { FormError } from "../../shared/ui/form-messages.tsx";
import { SelectField } from "../../shared/ui/select-field.tsx";
import { TextField } from "../../shared/ui/text-field.tsx";
import { type AuditFilters, NO_FILTERS, OUTCOMES } from "./audit-api.ts";
import { KNOWN_ACTIONS, OUTCOME_LABELS } from "./audit-labels.ts";

export const FILTER_BUTTON = "Filtrar";

const OUTCOME_OPTIONS = [
  { value: "", label: "Todos" },
  ...OUTCOMES.map((outcome) => ({ value: outcome, label: OUTCOME_LABELS[outcome] })),
];

export function AuditFiltersForm({
  initial,
  onApply,
}: {
  initial: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}) {
  const actionsListId = useId();
  const [draft, setDraft] = useState<AuditFilters>(initial);
  const [rangeError, setRangeError] = useState<string | null>(null);
  const set = (patch: Partial<AuditFilters>) => setDraft({ ...draft, ...patch });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    // ISO dates (AAAA-MM-DD) compare as text.
    if (draft.desde !== "" && draft.hasta !== "" && draft.desde > draft.hasta) {
      setRangeError("La fecha «Desde» es posterior a la fecha «Hasta».");
      return;
    }
    setRangeError(null);
    onApply(draft);
  }

  return (
    <form className="filters" onSubmit={submit} noValidate aria-label="Filtros de la auditoría">
      {rangeError !== null && (
        <FormError>
          <p>{rangeError}</p>
        </FormError>
      )}
      <div className="filter-grid">
        <TextField
          label="Desde"
          type="date"
          value={draft.desde}
          onValueChange={(desde) => set({ desde })}
          error={rangeError ?? undefined}
        />
        <TextField
          label="Hasta"
          type="date"
          value={draft.hasta}
          onValueChange={(hasta) => set({ hasta })}
        />
        <TextField
          label="Usuario"
          hint="El correo o parte de él."
          autoComplete="off"
          spellCheck={false}
          value={draft.usuario}
          onValueChange={(usuario) => set({ usuario })}
        />
        <TextField
          label="Acción"
          hint="Exacta, por ejemplo login."
          autoComplete="off"
          spellCheck={false}
          list={actionsListId}
          value={draft.accion}
          onValueChange={(accion) => set({ accion })}
        />
        <datalist id={actionsListId}>
          {KNOWN_ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        <SelectField
          label="Resultado"
          value={draft.resultado}
          onValueChange={(resultado) =>
            set({ resultado: OUTCOMES.find((o) => o === resultado) ?? "" })
          }
          options={OUTCOME_OPTIONS}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          {FILTER_BUTTON}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setDraft(NO_FILTERS);
            setRangeError(null);
            onApply(NO_FILTERS);
          }}
        >
          Quitar filtros
        </button>
      </div>
    </form>
  );
}
