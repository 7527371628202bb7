import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { accountPath, homePath, returnPathOf } from "../../routes.ts";
import { errorMessage, fieldProblems } from "../../shared/api/api-client.ts";
import { Link, navigate, useSearch } from "../../shared/router.tsx";
import { FormError, FormSuccess } from "../../shared/ui/form-messages.tsx";
import { focusMainContent } from "../../shared/ui/layout.tsx";
import { TextField } from "../../shared/ui/text-field.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import {
  messagesFor,
  type NewPassword,
  NewPasswordFields,
  PASSWORDS_DIFFER,
} from "./new-password-fields.tsx";
import { applySession, changePassword, type SessionUser } from "./session-api.ts";
import { RequireSignIn } from "./session-guards.tsx";

export const CHANGE_PASSWORD_TITLE = "Cambiar contraseña";

type Problems = { current?: string; password?: string; confirmation?: string };

function checkForm(current: string, next: NewPassword): Problems {
  const problems: Problems = {};
  if (current === "") problems.current = "Escriba su contraseña actual.";
  if (next.password === "") problems.password = "Escriba la contraseña nueva.";
  else if (next.password !== next.confirmation) problems.confirmation = PASSWORDS_DIFFER;
  return problems;
}

function hasProblems(problems: Problems): boolean {
  return Object.values(problems).some((p) => p !== undefined);
}

function ChangePasswordForm({ user }: { user: SessionUser }) {
  const queryClient = useQueryClient();
  const returnTo = returnPathOf(useSearch()) ?? homePath;
  // Captured once: the answer clears the flag, and the page must still know why it was shown.
  const [forced] = useState(user.mustChangePassword);
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState<NewPassword>({ password: "", confirmation: "" });
  const [problems, setProblems] = useState<Problems>({});
  const [done, setDone] = useState(false);

  const mutation = useMutation({
    mutationFn: () => changePassword(current, next.password),
    onSuccess: async (session) => {
      setCurrent("");
      setNext({ password: "", confirmation: "" });
      await applySession(queryClient, session);
      if (forced) {
        navigate(returnTo, { replace: true });
        focusMainContent();
      } else {
        setDone(true);
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setDone(false);
    const found = checkForm(current, next);
    setProblems(found);
    if (!hasProblems(found)) mutation.mutate();
  }

  const fromServer = fieldProblems(mutation.error);
  const currentError = problems.current ?? messagesFor(fromServer, "currentPassword");
  const passwordError = problems.password ?? messagesFor(fromServer, "newPassword");

  return (
    <>
      {forced ? (
        <p className="callout">
          Antes de continuar debe cambiar la contraseña de un solo uso con la que entró. Mientras no
          lo haga, Rumbo no mostrará otras páginas.
        </p>
      ) : (
        <p>
          Al cambiarla se cierran sus sesiones en los demás dispositivos. Volver a{" "}
          <Link to={accountPath}>su cuenta</Link>.
        </p>
      )}
      {hasProblems(problems) && (
        <FormError>
          <p>
            Revise el formulario:{" "}
            {[problems.current, problems.password, problems.confirmation].filter(Boolean).join(" ")}
          </p>
        </FormError>
      )}
      {mutation.isError && (
        <FormError>
          <p>{errorMessage(mutation.error)}</p>
        </FormError>
      )}
      {done && (
        <FormSuccess>
          <p>Su contraseña se cambió. Se cerraron sus sesiones en los demás dispositivos.</p>
        </FormSuccess>
      )}
      <form className="form" onSubmit={submit} noValidate>
        {/* For password managers: the account the new password belongs to. */}
        <input
          type="email"
          name="username"
          autoComplete="username"
          value={user.email}
          readOnly
          hidden
        />
        <TextField
          label={forced ? "Contraseña actual (la de un solo uso)" : "Contraseña actual"}
          type="password"
          name="current-password"
          autoComplete="current-password"
          required
          value={current}
          onValueChange={setCurrent}
          error={currentError}
        />
        <NewPasswordFields
          value={next}
          onChange={setNext}
          passwordError={passwordError}
          confirmationError={problems.confirmation}
        />
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? "Cambiando…" : CHANGE_PASSWORD_TITLE}
        </button>
      </form>
    </>
  );
}

export function ChangePasswordPage() {
  useDocumentTitle(CHANGE_PASSWORD_TITLE);
  return (
    <div className="narrow">
      <h1>{CHANGE_PASSWORD_TITLE}</h1>
      <RequireSignIn>{(user) => <ChangePasswordForm user={user} />}</RequireSignIn>
    </div>
  );
}
