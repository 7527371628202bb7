/**
 * The editor's inputs. Each takes the JSON path it edits: that gives its id
 * (for the links of the issue summary) and the issues shown next to it, tied
 * to the input through aria-describedby (WCAG 3.3.1, 1.3.1).
 */
import { textLimitAt } from "@rumbo/core";
import type { ReactNode } from "react";
import { describedBy, FieldMessages, useFieldIssues } from "./issues.tsx";
import { fieldId } from "./plan-paths.ts";

type Common = {
  path: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: string;
  optional?: boolean;
};

function fieldClass(invalid: boolean, extra?: string): string {
  return ["field", invalid ? "field-invalid" : null, extra ?? null].filter(Boolean).join(" ");
}

function Label({ id, label, optional }: { id: string; label: string; optional: boolean }) {
  return (
    <label htmlFor={id}>
      {label}
      {optional && <span className="optional"> (opcional)</span>}
    </label>
  );
}

/**
 * The text's limit (core's TEXT_LIMITS): the input stops there, and near it
 * the planner reads how much is left. `null` when the field has no limit.
 */
function textLimitNote(path: string, id: string, value: string) {
  const limit = textLimitAt(path);
  if (limit === undefined) return { limit: undefined, limitId: undefined, note: null };
  const limitId = `${id}-limite`;
  const near = value.length >= limit * 0.9;
  const note = near ? (
    <p id={limitId} className="hint" aria-live="polite">
      {value.length >= limit
        ? `Llegó al máximo de ${limit} caracteres.`
        : `${value.length} de ${limit} caracteres.`}
    </p>
  ) : null;
  return { limit, limitId: near ? limitId : undefined, note };
}

function Hint({ id, hint }: { id: string; hint: string | undefined }) {
  if (hint === undefined) return null;
  return (
    <p id={id} className="hint">
      {hint}
    </p>
  );
}

export function DraftTextField({
  path,
  label,
  value,
  onValueChange,
  hint,
  optional = false,
  decimal = false,
  list,
  className,
  type = "text",
}: Common & {
  /** A number typed with decimal comma: text input with the decimal keyboard. */
  decimal?: boolean;
  /** "date" for calendar dates (AAAA-MM-DD). */
  type?: "text" | "date";
  /** id of a datalist of suggestions. */
  list?: string;
  className?: string;
}) {
  const id = fieldId(path);
  const issues = useFieldIssues(path);
  const hintId = hint === undefined ? undefined : `${id}-ayuda`;
  const { limit, limitId, note } = textLimitNote(path, id, value);
  const a11y = describedBy(path, issues, hintId, limitId);
  return (
    <div className={fieldClass(a11y["aria-invalid"] === true, className)}>
      <Label id={id} label={label} optional={optional} />
      <Hint id={`${id}-ayuda`} hint={hint} />
      <FieldMessages path={path} issues={issues} />
      <input
        id={id}
        type={type}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        inputMode={decimal ? "decimal" : undefined}
        autoComplete="off"
        list={list}
        maxLength={limit}
        {...a11y}
      />
      {note}
    </div>
  );
}

export function DraftTextArea({
  path,
  label,
  value,
  onValueChange,
  hint,
  optional = false,
}: Common) {
  const id = fieldId(path);
  const issues = useFieldIssues(path);
  const hintId = hint === undefined ? undefined : `${id}-ayuda`;
  const { limit, limitId, note } = textLimitNote(path, id, value);
  const a11y = describedBy(path, issues, hintId, limitId);
  return (
    <div className={fieldClass(a11y["aria-invalid"] === true, "field-wide")}>
      <Label id={id} label={label} optional={optional} />
      <Hint id={`${id}-ayuda`} hint={hint} />
      <FieldMessages path={path} issues={issues} />
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        maxLength={limit}
        {...a11y}
      />
      {note}
    </div>
  );
}

export function DraftSelectField<V extends string>({
  path,
  label,
  value,
  onValueChange,
  options,
  hint,
  optional = false,
}: Omit<Common, "value" | "onValueChange"> & {
  value: V;
  onValueChange: (value: V) => void;
  options: readonly { value: V; label: string }[];
}) {
  const id = fieldId(path);
  const issues = useFieldIssues(path);
  const hintId = hint === undefined ? undefined : `${id}-ayuda`;
  const a11y = describedBy(path, issues, hintId);
  return (
    <div className={fieldClass(a11y["aria-invalid"] === true)}>
      <Label id={id} label={label} optional={optional} />
      <Hint id={`${id}-ayuda`} hint={hint} />
      <FieldMessages path={path} issues={issues} />
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen !== undefined) onValueChange(chosen.value);
        }}
        {...a11y}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function DraftCheckbox({
  path,
  label,
  checked,
  onCheckedChange,
  hint,
}: {
  path: string;
  label: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  hint?: string;
}) {
  const id = fieldId(path);
  const issues = useFieldIssues(path);
  const hintId = hint === undefined ? undefined : `${id}-ayuda`;
  return (
    <div className="field field-wide">
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onCheckedChange(event.target.checked)}
          {...describedBy(path, issues, hintId)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <Hint id={`${id}-ayuda`} hint={hint} />
      <FieldMessages path={path} issues={issues} />
    </div>
  );
}

/**
 * A number input inside a table cell: the column and row headers say what it
 * is, but a table cell gives an input no name, so the label is visually hidden.
 */
export function CellInput({
  path,
  label,
  value,
  onValueChange,
  describedById,
  children,
}: {
  path: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  describedById?: string;
  children?: ReactNode;
}) {
  const id = fieldId(path);
  const issues = useFieldIssues(path);
  const a11y = describedBy(path, issues, describedById);
  return (
    <div className={a11y["aria-invalid"] === true ? "cell-field field-invalid" : "cell-field"}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        size={7}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        {...a11y}
      />
      {children}
      <FieldMessages path={path} issues={issues} />
    </div>
  );
}

/** A group (fieldset, section) that issues of its path point at: focusable by the summary's link. */
export function GroupMessages({ path }: { path: string }) {
  const issues = useFieldIssues(path);
  return <FieldMessages path={path} issues={issues} />;
}
