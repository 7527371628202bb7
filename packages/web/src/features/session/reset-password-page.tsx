import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { loginPath, resetPasswordPath } from "../../routes.ts";
import { errorMessage, fieldProblems } from "../../shared/api/api-client.ts";
import { Link } from "../../shared/router.tsx";
import { FormError, FormSuccess } from "../../shared/ui/form-messages.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import {
  messagesFor,
  type NewPassword,
  NewPasswordFields,
  PASSWORDS_DIFFER,
} from "./new-password-fields.tsx";
import { resetPassword } from "./session-api.ts";

const PAGE_TITLE = "Fijar una contraseña nueva";

/** The token of a reset link, `…/restablecer#token=XYZ`: in the fragment so it never reaches a server log. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return token === null || token === "" ? null : token;
}

type Problems = { password?: string; confirmation?: string };

function ResetForm({ token }: { token: string }) {
  const [next, setNext] = useState<NewPassword>({ password: "", confirmation: "" });
  const [problems, setProblems] = useState<Problems>({});
  const mutation = useMutation({
    mutationFn: () => resetPassword(token, next.password),
    onSuccess: () => setNext({ password: "", confirmation: "" }),
  });

  if (mutation.isSuccess) {
    return (
      <FormSuccess>
        <p>
          Su contraseña quedó fijada. Ya puede <Link to={loginPath}>iniciar sesión</Link> con ella.
        </p>
      </FormSuccess>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const found: Problems = {};
    if (next.password === "") found.password = "Escriba la contraseña nueva.";
    else if (next.password !== next.confirmation) found.confirmation = PASSWORDS_DIFFER;
    setProblems(found);
    if (found.password === undefined && found.confirmation === undefined) mutation.mutate();
  }

  const passwordError =
    problems.password ?? messagesFor(fieldProblems(mutation.error), "newPassword");
  return (
    <>
      <p>Elija la contraseña con la que entrará a Rumbo. El enlace sirve una sola vez.</p>
      {(problems.password !== undefined || problems.confirmation !== undefined) && (
        <FormError>
          <p>
            Revise el formulario:{" "}
            {[problems.password, problems.confirmation].filter(Boolean).join(" ")}
          </p>
        </FormError>
      )}
      {mutation.isError && (
        <FormError>
          <p>{errorMessage(mutation.error)}</p>
        </FormError>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <NewPasswordFields
          value={next}
          onChange={setNext}
          passwordError={passwordError}
          confirmationError={problems.confirmation}
        />
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? "Guardando…" : "Fijar contraseña"}
        </button>
      </form>
    </>
  );
}

export function ResetPasswordPage() {
  useDocumentTitle(PAGE_TITLE);
  // Read once: the fragment is then removed from the address bar and the
  // history, so the one-time link does not stay on screen or in a shared URL.
  const [token] = useState(() => tokenFromHash(window.location.hash));
  useEffect(() => {
    if (window.location.hash !== "") {
      window.history.replaceState(window.history.state, "", resetPasswordPath);
    }
  }, []);

  return (
    <div className="narrow">
      <h1>{PAGE_TITLE}</h1>
      {token === null ? (
        <FormError>
          <p>
            Este enlace no trae el código para fijar la contraseña. Abra el enlace completo que le
            entregaron o pida uno nuevo a la administración de Rumbo.
          </p>
        </FormError>
      ) : (
        <ResetForm token={token} />
      )}
    </div>
  );
}
