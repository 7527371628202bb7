/**
 * The ficha técnica of one indicator (formats.md §1, indicator fields) and its
 * programación per vigencia. Weights are edited in the objective's weights
 * table, where they can be compared with the other indicators.
 */
import {
  type FieldOptions,
  fichaApplies,
  INDICATOR_FICHA_FIELDS,
  type IndicatorFichaField,
  TRENDS,
  type Trend,
} from "@rumbo/core";
import { formatNumber, formatYears } from "../../shared/format.ts";
import { ScrollRegion } from "../../shared/ui/scroll-region.tsx";
import { TREND_LABELS } from "../plans/labels.ts";
import {
  CellInput,
  DraftCheckbox,
  DraftSelectField,
  DraftTextArea,
  DraftTextField,
  GroupMessages,
} from "./draft-fields.tsx";
import type { IndicatorDraft } from "./plan-draft.ts";
import { fieldId } from "./plan-paths.ts";
import { computedTotal } from "./weights.ts";

const TREND_OPTIONS = TRENDS.map((trend) => ({ value: trend, label: TREND_LABELS[trend] }));

/** A closed list of the ficha as select options, "Sin especificar" first (the field is optional). */
function selectOptions(options: FieldOptions): { value: string; label: string }[] {
  const labels: Readonly<Record<string, string>> = options.labels;
  return [
    { value: "", label: "Sin especificar" },
    ...options.values.map((value) => ({ value, label: labels[value] ?? value })),
  ];
}

/** Id of the datalist of usual units (rendered once by the editor). */
export const UNIT_SUGGESTIONS_ID = "unidades-sugeridas";
export const UNIT_SUGGESTIONS = ["número", "%", "índice", "puntos", "documento", "entidades"];

export type IndicatorChange = Partial<Omit<IndicatorDraft, "key" | "base" | "targets" | "weights">>;

/**
 * The fields of the ficha of one group, as core's field catalogue lists them:
 * a select for a closed list, a text box otherwise; a field that applies only
 * to some values of another (numerador of a razón) shows only then.
 */
function FichaFields({
  indicator,
  path,
  group,
  onChange,
}: {
  indicator: IndicatorDraft;
  path: string;
  group: IndicatorFichaField["editor"];
  onChange: (change: IndicatorChange) => void;
}) {
  return INDICATOR_FICHA_FIELDS.filter(
    (field) => field.editor === group && fichaApplies(field, indicator),
  ).map((field) => {
    const common = {
      path: `${path}.${field.key}`,
      label: field.label,
      optional: true,
      onValueChange: (value: string) => onChange({ [field.key]: value }),
    };
    if (field.kind === "enum") {
      return (
        <DraftSelectField
          key={field.key}
          {...common}
          value={indicator[field.key]}
          options={selectOptions(field.options as FieldOptions)}
        />
      );
    }
    return "multiline" in field && field.multiline ? (
      <DraftTextArea key={field.key} {...common} value={indicator[field.key]} />
    ) : (
      <DraftTextField key={field.key} {...common} value={indicator[field.key]} />
    );
  });
}

function ProgrammingTable({
  indicator,
  path,
  label,
  years,
  onTargetChange,
  onChange,
}: {
  indicator: IndicatorDraft;
  path: string;
  label: string;
  years: readonly number[];
  onTargetChange: (year: string, value: string) => void;
  onChange: (change: IndicatorChange) => void;
}) {
  const captionId = `programacion-${indicator.key}`;
  const computed = computedTotal(indicator, years);
  const totalHintId = `${fieldId(`${path}.total`)}-ayuda`;
  return (
    <div className="programming" id={fieldId(`${path}.targets`)} tabIndex={-1}>
      <GroupMessages path={`${path}.targets`} />
      <ScrollRegion labelledBy={captionId}>
        <table className="indicators programming-table">
          <caption id={captionId}>Programación del indicador {label}</caption>
          <thead>
            <tr>
              {years.map((year) => (
                <th key={year} scope="col" className="number">
                  {year}
                </th>
              ))}
              <th scope="col" className="number">
                Total {formatYears(years)}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              {years.map((year) => (
                <td key={year} className="number">
                  <CellInput
                    path={`${path}.targets.${year}`}
                    label={`Programación ${year} del indicador ${label}`}
                    value={indicator.targets[String(year)] ?? ""}
                    onValueChange={(value) => onTargetChange(String(year), value)}
                  />
                </td>
              ))}
              <td className="number">
                <CellInput
                  path={`${path}.total`}
                  label={`Programación total del periodo del indicador ${label}`}
                  value={indicator.total}
                  onValueChange={(value) => onChange({ total: value })}
                  describedById={totalHintId}
                >
                  <span id={totalHintId} className="note">
                    {indicator.total.trim() === ""
                      ? `Vacío: ${computed === null ? "NP" : formatNumber(computed)} según la tendencia`
                      : "Escrito a mano"}
                  </span>
                </CellInput>
              </td>
            </tr>
          </tbody>
        </table>
      </ScrollRegion>
      <p className="note">
        Escriba los números con coma decimal (70,72). Vacío
        {indicator.trend === "decreciente" ? "" : " o 0"} = no programado (NP).
      </p>
    </div>
  );
}

export function IndicatorFields({
  indicator,
  path,
  label,
  years,
  onChange,
  onTargetChange,
}: {
  indicator: IndicatorDraft;
  path: string;
  label: string;
  years: readonly number[] | null;
  onChange: (change: IndicatorChange) => void;
  onTargetChange: (year: string, value: string) => void;
}) {
  return (
    <>
      <div className="field-grid">
        <DraftTextField
          path={`${path}.code`}
          label="Código del indicador"
          value={indicator.code}
          onValueChange={(code) => onChange({ code })}
        />
        <DraftTextField
          path={`${path}.name`}
          label="Nombre del indicador"
          value={indicator.name}
          onValueChange={(name) => onChange({ name })}
          className="field-wide"
        />
        <FichaFields indicator={indicator} path={path} group="meta" onChange={onChange} />
        <DraftTextArea
          path={`${path}.goal`}
          label="Texto de la meta"
          value={indicator.goal}
          onValueChange={(goal) => onChange({ goal })}
          hint="Como lo escribe el plan, por ejemplo «Asistir 46 entidades…»."
          optional
        />
        <DraftTextField
          path={`${path}.unit`}
          label="Unidad de medida"
          value={indicator.unit}
          onValueChange={(unit) => onChange({ unit })}
          list={UNIT_SUGGESTIONS_ID}
          hint="Número, %, índice… Con «%» la programación 15 se lee 15 %."
          optional
        />
        <DraftSelectField<Trend>
          path={`${path}.trend`}
          label="Tendencia (tipo de anualización)"
          value={indicator.trend}
          options={TREND_OPTIONS}
          onValueChange={(trend) => onChange({ trend })}
        />
        {indicator.trend === "creciente" && (
          <DraftCheckbox
            path={`${path}.progress`}
            label="Medir el avance desde la línea base"
            checked={indicator.fromBaseline}
            onCheckedChange={(fromBaseline) => onChange({ fromBaseline })}
            hint="(avance − línea base) / (meta − línea base), en lugar de avance / meta."
          />
        )}
        <DraftTextField
          path={`${path}.baseline`}
          label="Línea base: valor"
          value={indicator.baseline}
          onValueChange={(baseline) => onChange({ baseline })}
          decimal
          optional={indicator.trend !== "decreciente"}
          hint={
            indicator.trend === "decreciente"
              ? "Obligatoria para la tendencia decreciente."
              : undefined
          }
        />
        <DraftTextField
          path={`${path}.baselineYear`}
          label="Línea base: año"
          value={indicator.baselineYear}
          onValueChange={(baselineYear) => onChange({ baselineYear })}
          optional
        />
        <FichaFields indicator={indicator} path={path} group="ficha" onChange={onChange} />
      </div>
      {years === null ? (
        <p className="note">
          Escriba la primera y la última vigencia del plan para programar el indicador.
        </p>
      ) : (
        <ProgrammingTable
          indicator={indicator}
          path={path}
          label={label}
          years={years}
          onTargetChange={onTargetChange}
          onChange={onChange}
        />
      )}
    </>
  );
}
