import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { accountPath, homePath, returnPathOf } from "../../routes.ts";
import { errorMessage } from "../../shared/api/api-client.ts";
import { Link, navigate, useSearch } from "../../shared/router.tsx";
import { FormError } from "../../shared/ui/form-messages.tsx";
import { focusMainContent } from "../../shared/ui/layout.tsx";
import { TextField } from "../../shared/ui/text-field.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { applySession, login, useSignedInUser } from "./session-api.ts";

const PAGE_TITLE = "Iniciar sesión";

type Missing = { email?: string; password?: string };

function missingFields(email: string, password: string): Missing {
  const missing: Missing = {};
  if (email.trim() === "") missing.email = "Escriba su correo electrónico.";
  if (password === "") missing.password = "Escriba su contraseña.";
  return missing;
}

export function LoginPage() {
  useDocumentTitle(PAGE_TITLE);
  const queryClient = useQueryClient();
  const returnTo = returnPathOf(useSearch()) ?? homePath;
  const signedIn = useSignedInUser();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState<Missing>({});

  const mutation = useMutation({
    mutationFn: () => login(email.trim(), password),
    onSuccess: async (session) => {
      setPassword("");
      await applySession(queryClient, session);
      // A one-time password is changed first: the app's gate sends the person to
      // that page and back here afterwards.
      navigate(returnTo, { replace: true });
      focusMainContent();
    },
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems = missingFields(email, password);
    setMissing(problems);
    if (problems.email !== undefined || problems.password !== undefined) return;
    mutation.mutate();
  }

  return (
    <div className="narrow">
      <h1>{PAGE_TITLE}</h1>
      {signedIn !== null && !mutation.isPending && !mutation.isSuccess && (
        <p>
          Ya inició sesión como {signedIn.name}. <Link to={accountPath}>Ver su cuenta</Link>.
        </p>
      )}
      <p>Entre con el correo y la contraseña de su cuenta de Rumbo.</p>
      {(missing.email !== undefined || missing.password !== undefined) && (
        <FormError>
          <p>Revise el formulario: {[missing.email, missing.password].filter(Boolean).join(" ")}</p>
        </FormError>
      )}
      {mutation.isError && (
        <FormError>
          <p>{errorMessage(mutation.error)}</p>
        </FormError>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label="Correo electrónico"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          value={email}
          onValueChange={setEmail}
          error={missing.email}
        />
        <TextField
          label="Contraseña"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onValueChange={setPassword}
          error={missing.password}
        />
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? "Entrando…" : "Entrar"}
        </button>
      </form>
      <p className="note">
        ¿Olvidó su contraseña? Pida a la administración de Rumbo un enlace para restablecerla.
      </p>
    </div>
  );
}
