import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../shared/api/api-client.ts";
import { FormError, FormSuccess } from "../../shared/ui/form-messages.tsx";
import { LoadingState } from "../../shared/ui/query-state.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { sessionKeys, useSignedInUser } from "../session/session-api.ts";
import { ProtectedPageError } from "../session/session-guards.tsx";
import { AssignmentsEditor } from "./assignments-editor.tsx";
import { CreateAccountForm } from "./create-account-form.tsx";
import { OneTimeLink } from "./one-time-link.tsx";
import {
  issueResetLink,
  type ResetLink,
  setAccountActive,
  type UserAccount,
  userKeys,
  useUsers,
} from "./users-api.ts";
import { type UserActions, UsersTable } from "./users-table.tsx";

const PAGE_TITLE = "Cuentas";

type Issued = { title: string; reset: ResetLink; key: number };

export function UsersPage() {
  useDocumentTitle(PAGE_TITLE);
  const queryClient = useQueryClient();
  const users = useUsers();
  const self = useSignedInUser();
  const [notice, setNotice] = useState<string | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [editing, setEditing] = useState<UserAccount | null>(null);

  async function refresh(): Promise<void> {
    // Changing one's own roles changes the header and the links.
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: userKeys.all }),
      queryClient.invalidateQueries({ queryKey: sessionKeys.current }),
    ]);
  }

  function showLink(title: string, reset: ResetLink): void {
    setNotice(null);
    // A new key re-mounts the panel, which moves focus to it again.
    setIssued({ title, reset, key: Date.now() });
  }

  const activate = useMutation({
    mutationFn: ({ user, active }: { user: UserAccount; active: boolean }) =>
      setAccountActive(user.id, active),
    onSuccess: async (user) => {
      setIssued(null);
      setNotice(
        user.active
          ? `Se activó la cuenta de ${user.name}.`
          : `Se desactivó la cuenta de ${user.name}; sus sesiones se cerraron.`,
      );
      await refresh();
    },
  });

  const resetLink = useMutation({
    mutationFn: (user: UserAccount) => issueResetLink(user.id),
    onSuccess: (reset, user) =>
      showLink(`Enlace para restablecer la contraseña de ${user.name}`, reset),
  });

  const actions: UserActions = {
    onEditRoles: (user) => {
      setNotice(null);
      setEditing(user);
    },
    // One message at a time: a new action clears the answer of the previous one.
    onSetActive: (user, active) => {
      resetLink.reset();
      activate.mutate({ user, active });
    },
    onResetLink: (user) => {
      activate.reset();
      resetLink.mutate(user);
    },
    busyUserId: activate.isPending
      ? (activate.variables?.user.id ?? null)
      : resetLink.isPending
        ? (resetLink.variables?.id ?? null)
        : null,
  };

  if (users.isPending) return <LoadingState message="Cargando las cuentas…" />;
  if (users.isError) {
    return <ProtectedPageError title="No fue posible cargar las cuentas" error={users.error} />;
  }

  const actionError = activate.error ?? resetLink.error;
  return (
    <>
      <h1>{PAGE_TITLE}</h1>
      <p>
        Cree las cuentas de las personas que trabajan en los planes y asígneles un rol con su
        alcance. Cada persona fija su contraseña con un enlace de un solo uso.
      </p>
      {notice !== null && (
        <FormSuccess>
          <p>{notice}</p>
        </FormSuccess>
      )}
      {actionError !== null && (
        <FormError>
          <p>{errorMessage(actionError)}</p>
        </FormError>
      )}
      {issued !== null && (
        <OneTimeLink key={issued.key} title={issued.title} reset={issued.reset} />
      )}
      <UsersTable users={users.data} selfId={self?.id ?? null} actions={actions} />
      {editing !== null && (
        <AssignmentsEditor
          key={editing.id}
          user={editing}
          onCancel={() => setEditing(null)}
          onSaved={async (user) => {
            setEditing(null);
            setNotice(`Se guardaron los roles de ${user.name}.`);
            await refresh();
          }}
        />
      )}
      <section aria-labelledby="crear-cuenta">
        <h2 id="crear-cuenta">Crear una cuenta</h2>
        <CreateAccountForm
          onCreated={async (user, reset) => {
            showLink(`Cuenta creada para ${user.name}`, reset);
            await refresh();
          }}
        />
      </section>
    </>
  );
}
