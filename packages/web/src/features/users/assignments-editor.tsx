import type { Assignment } from "@rumbo/core";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { errorMessage } from "../../shared/api/api-client.ts";
import { FormError } from "../../shared/ui/form-messages.tsx";
import { describeAssignment } from "../session/roles.ts";
import {
  type AssignmentDraft,
  AssignmentFields,
  assignmentFromDraft,
  type DraftProblems,
  EMPTY_DRAFT,
} from "./assignment-fields.tsx";
import { replaceAssignments, type UserAccount } from "./users-api.ts";

export const SAVE_ROLES = "Guardar roles";

function sameAssignment(a: Assignment, b: Assignment): boolean {
  return describeAssignment(a) === describeAssignment(b);
}

/**
 * The roles of one account: remove any, add one at a time, then save the
 * whole list (PUT replaces it; the server audits before and after).
 */
export function AssignmentsEditor({
  user,
  onSaved,
  onCancel,
}: {
  user: UserAccount;
  onSaved: (user: UserAccount) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [assignments, setAssignments] = useState<Assignment[]>(user.assignments);
  const [draft, setDraft] = useState<AssignmentDraft>(EMPTY_DRAFT);
  const [problems, setProblems] = useState<DraftProblems>({});
  const [duplicate, setDuplicate] = useState(false);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const mutation = useMutation({
    mutationFn: () => replaceAssignments(user.id, assignments),
    onSuccess: onSaved,
  });

  function add(): void {
    const result = assignmentFromDraft(draft);
    if ("problems" in result) {
      setProblems(result.problems);
      return;
    }
    setProblems({});
    const exists = assignments.some((a) => sameAssignment(a, result.assignment));
    setDuplicate(exists);
    if (exists) return;
    setAssignments([...assignments, result.assignment]);
    setDraft(EMPTY_DRAFT);
  }

  return (
    <section className="editor" aria-labelledby={`${id}-titulo`}>
      <h2 id={`${id}-titulo`} ref={headingRef} tabIndex={-1}>
        Roles de {user.name}
      </h2>
      {mutation.isError && (
        <FormError>
          <p>{errorMessage(mutation.error)}</p>
        </FormError>
      )}
      {/* Not a form: Enter in a field of the new role must not save the list half-written. */}
      <div className="form">
        {assignments.length === 0 ? (
          <p>Sin roles: la cuenta solo podrá ver los planes publicados.</p>
        ) : (
          <ul className="assignment-list" aria-label={`Roles que tendrá ${user.name}`}>
            {assignments.map((assignment) => (
              <li key={describeAssignment(assignment)}>
                <span>{describeAssignment(assignment)}</span>{" "}
                <button
                  type="button"
                  className="button button-small button-secondary"
                  onClick={() =>
                    setAssignments(assignments.filter((a) => !sameAssignment(a, assignment)))
                  }
                >
                  Quitar <span className="visually-hidden">{describeAssignment(assignment)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <AssignmentFields
          legend="Agregar un rol"
          draft={draft}
          onChange={setDraft}
          problems={problems}
        />
        {duplicate && (
          <p className="field-error" role="alert">
            La cuenta ya tiene ese rol con ese alcance.
          </p>
        )}
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={add}>
            Agregar rol
          </button>
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={mutation.isPending}
            onClick={() => mutation.mutate()}
          >
            {mutation.isPending ? "Guardando…" : SAVE_ROLES}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancelar
          </button>
        </div>
      </div>
    </section>
  );
}
