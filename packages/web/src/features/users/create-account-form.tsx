import { ACCOUNT_TEXT_LIMITS } from "@rumbo/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorMessage, fieldProblems } from "../../shared/api/api-client.ts";
import { FormError } from "../../shared/ui/form-messages.tsx";
import { TextField } from "../../shared/ui/text-field.tsx";
import {
  type AssignmentDraft,
  AssignmentFields,
  assignmentFromDraft,
  type DraftProblems,
  EMPTY_DRAFT,
} from "./assignment-fields.tsx";
import { createAccount, type ResetLink, type UserAccount } from "./users-api.ts";

export const CREATE_ACCOUNT = "Crear cuenta";

type Problems = { email?: string; name?: string; assignment: DraftProblems };

const NO_PROBLEMS: Problems = { assignment: {} };

function count(problems: Problems): number {
  return [
    problems.email,
    problems.name,
    problems.assignment.planId,
    problems.assignment.code,
  ].filter((p) => p !== undefined).length;
}

export function CreateAccountForm({
  onCreated,
}: {
  onCreated: (user: UserAccount, reset: ResetLink) => void;
}) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [area, setArea] = useState("");
  const [draft, setDraft] = useState<AssignmentDraft>(EMPTY_DRAFT);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);

  const mutation = useMutation({
    mutationFn: createAccount,
    onSuccess: ({ user, reset }) => {
      setEmail("");
      setName("");
      setArea("");
      setDraft(EMPTY_DRAFT);
      onCreated(user, reset);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const found: Problems = { assignment: {} };
    if (email.trim() === "") found.email = "Escriba el correo de la persona.";
    if (name.trim() === "") found.name = "Escriba el nombre de la persona.";
    const result = assignmentFromDraft(draft);
    if ("problems" in result) found.assignment = result.problems;
    setProblems(found);
    if (count(found) > 0 || !("assignment" in result)) return;
    mutation.mutate({
      email: email.trim(),
      name: name.trim(),
      area: area.trim() === "" ? null : area.trim(),
      assignments: [result.assignment],
    });
  }

  const fromServer = fieldProblems(mutation.error);
  const serverError = (field: string) => fromServer.find((p) => p.field === field)?.message;

  return (
    <form className="form" onSubmit={submit} noValidate>
      {count(problems) > 0 && (
        <FormError>
          <p>Revise los campos marcados del formulario.</p>
        </FormError>
      )}
      {mutation.isError && (
        <FormError>
          <p>{errorMessage(mutation.error)}</p>
        </FormError>
      )}
      <TextField
        label="Correo electrónico"
        type="email"
        // The account is someone else's: the browser must not fill in the administrator's own data.
        autoComplete="off"
        spellCheck={false}
        required
        maxLength={ACCOUNT_TEXT_LIMITS.email}
        value={email}
        onValueChange={setEmail}
        error={problems.email ?? serverError("email")}
      />
      <TextField
        label="Nombre"
        autoComplete="off"
        required
        maxLength={ACCOUNT_TEXT_LIMITS.name}
        value={name}
        onValueChange={setName}
        error={problems.name ?? serverError("name")}
      />
      <TextField
        label="Área"
        optional
        hint="La dependencia de la persona, como la escriben las fichas técnicas (por ejemplo, Oficina Asesora de Planeación)."
        autoComplete="off"
        maxLength={ACCOUNT_TEXT_LIMITS.area}
        value={area}
        onValueChange={setArea}
        error={serverError("area")}
      />
      <AssignmentFields
        legend="Rol inicial"
        draft={draft}
        onChange={setDraft}
        problems={problems.assignment}
      />
      <button type="submit" className="button" disabled={mutation.isPending}>
        {mutation.isPending ? "Creando…" : CREATE_ACCOUNT}
      </button>
    </form>
  );
}
