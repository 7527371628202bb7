import { useMutation, useQueryClient } from "@tanstack/react-query";
import { accountPath, homePath, loginPathFor } from "../../routes.ts";
import { errorMessage } from "../../shared/api/api-client.ts";
import { currentPath, Link, navigate, usePathname, useSearch } from "../../shared/router.tsx";
import { describeAssignments } from "./roles.ts";
import { applySession, logout, type SessionUser, useSession } from "./session-api.ts";

export const LOGIN_LINK = "Iniciar sesión";
export const LOGOUT_BUTTON = "Cerrar sesión";

function SignedInMenu({ user }: { user: SessionUser }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: logout,
    onSuccess: async (session) => {
      // Leave the page first: a page that needs the session would otherwise redirect to login.
      navigate(homePath);
      await applySession(queryClient, session);
    },
  });
  return (
    <div className="session-menu">
      <p className="session-user">
        <span className="visually-hidden">Sesión iniciada: </span>
        <span className="session-name">{user.name}</span>{" "}
        <span className="session-roles">{describeAssignments(user.assignments)}</span>
      </p>
      <Link to={accountPath}>Mi cuenta</Link>
      <button
        type="button"
        className="button button-small button-secondary"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate()}
      >
        {LOGOUT_BUTTON}
      </button>
      {mutation.isError && (
        <p className="field-error" role="alert">
          {errorMessage(mutation.error)}
        </p>
      )}
    </div>
  );
}

/** Who is signed in, with their roles; or the way in. */
export function SessionMenu() {
  // Both are read so the "Iniciar sesión" link comes back to the page on screen.
  usePathname();
  useSearch();
  const session = useSession();
  if (session.isPending) return null;
  if (session.data?.authenticated) return <SignedInMenu user={session.data.user} />;
  return (
    <div className="session-menu">
      <Link to={loginPathFor(currentPath())}>{LOGIN_LINK}</Link>
    </div>
  );
}
