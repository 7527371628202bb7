import { type TextareaHTMLAttributes, useId } from "react";

type TextAreaFieldProps = Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  "id" | "value" | "onChange" | "aria-invalid" | "aria-describedby"
> & {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  /** Shown under the label and read with the field (WCAG 3.3.2). */
  hint?: string | undefined;
  /** The problem with the value, tied to the field (WCAG 3.3.1). */
  error?: string | undefined;
  optional?: boolean;
};

/** A labelled multi-line text whose hint and error are part of its accessible description. */
export function TextAreaField({
  label,
  value,
  onValueChange,
  hint,
  error,
  optional = false,
  rows = 4,
  ...textarea
}: TextAreaFieldProps) {
  const id = useId();
  const hintId = `${id}-ayuda`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> (opcional)</span>}
      </label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      <textarea
        {...textarea}
        id={id}
        rows={rows}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy === "" ? undefined : describedBy}
      />
    </div>
  );
}
