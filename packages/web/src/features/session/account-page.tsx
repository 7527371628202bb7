import { useMutation, useQueryClient } from "@tanstack/react-query";
import { changePasswordPath, homePath } from "../../routes.ts";
import { errorMessage } from "../../shared/api/api-client.ts";
import { Link, navigate } from "../../shared/router.tsx";
import { FormError } from "../../shared/ui/form-messages.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { describeAssignment } from "./roles.ts";
import { applySession, logoutEverywhere, type SessionUser } from "./session-api.ts";
import { RequireSignIn } from "./session-guards.tsx";

const PAGE_TITLE = "Mi cuenta";
export const LOGOUT_EVERYWHERE = "Cerrar sesión en todos los dispositivos";

function AccountDetails({ user }: { user: SessionUser }) {
  const queryClient = useQueryClient();
  const everywhere = useMutation({
    mutationFn: logoutEverywhere,
    onSuccess: async (session) => {
      // Leave the page first: it needs a session and would otherwise redirect to login.
      navigate(homePath);
      await applySession(queryClient, session);
    },
  });

  return (
    <>
      <dl className="facts">
        <div>
          <dt>Nombre</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>Correo electrónico</dt>
          <dd>{user.email}</dd>
        </div>
        {user.area !== null && (
          <div>
            <dt>Área</dt>
            <dd>{user.area}</dd>
          </div>
        )}
      </dl>
      <h2>Roles</h2>
      {user.assignments.length === 0 ? (
        <p>Su cuenta aún no tiene roles: puede ver los planes publicados.</p>
      ) : (
        <ul>
          {user.assignments.map((assignment) => (
            <li key={describeAssignment(assignment)}>{describeAssignment(assignment)}</li>
          ))}
        </ul>
      )}
      <p className="note">Los roles los asigna la administración de Rumbo.</p>
      <h2>Seguridad</h2>
      <p>
        <Link to={changePasswordPath}>Cambiar contraseña</Link>
      </p>
      <p>
        Si entró desde un equipo ajeno o perdió un dispositivo, cierre todas sus sesiones: tendrá
        que volver a entrar en cada uno.
      </p>
      {everywhere.isError && (
        <FormError>
          <p>{errorMessage(everywhere.error)}</p>
        </FormError>
      )}
      <button
        type="button"
        className="button button-secondary"
        disabled={everywhere.isPending}
        onClick={() => everywhere.mutate()}
      >
        {LOGOUT_EVERYWHERE}
      </button>
    </>
  );
}

export function AccountPage() {
  useDocumentTitle(PAGE_TITLE);
  return (
    <>
      <h1>{PAGE_TITLE}</h1>
      <RequireSignIn>{(user) => <AccountDetails user={user} />}</RequireSignIn>
    </>
  );
}
