import { PASSWORD_MIN_LENGTH } from "@rumbo/core";
import { TextField } from "../../shared/ui/text-field.tsx";

export const NEW_PASSWORD_HINT = `Al menos ${PASSWORD_MIN_LENGTH} caracteres. Una frase larga y propia es más segura que símbolos; no use su correo ni su nombre.`;

export const PASSWORDS_DIFFER = "Las dos contraseñas nuevas no coinciden.";

export type NewPassword = { password: string; confirmation: string };

/**
 * The new password and its confirmation. The rules themselves are the
 * server's (core's password policy): its messages are shown as they come.
 */
export function NewPasswordFields({
  value,
  onChange,
  passwordError,
  confirmationError,
}: {
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  passwordError?: string | undefined;
  confirmationError?: string | undefined;
}) {
  return (
    <>
      <TextField
        label="Contraseña nueva"
        type="password"
        name="new-password"
        autoComplete="new-password"
        required
        hint={NEW_PASSWORD_HINT}
        value={value.password}
        onValueChange={(password) => onChange({ ...value, password })}
        error={passwordError}
      />
      <TextField
        label="Repita la contraseña nueva"
        type="password"
        name="new-password-confirmation"
        autoComplete="new-password"
        required
        value={value.confirmation}
        onValueChange={(confirmation) => onChange({ ...value, confirmation })}
        error={confirmationError}
      />
    </>
  );
}

/** Problems of the server's answer for one field ("newPassword"), joined for reading. */
export function messagesFor(
  problems: readonly { field: string; message: string }[],
  field: string,
): string | undefined {
  const messages = problems.filter((p) => p.field === field).map((p) => p.message);
  return messages.length === 0 ? undefined : messages.join(" ");
}
