/**
 * What a page shows when the person may not see it. The server decides (401
 * without a session, 403 without the role); the web only follows its answer.
 */
import { type ReactNode, useEffect } from "react";
import { loginPath, loginPathFor, planListPath } from "../../routes.ts";
import { ApiError, errorMessage } from "../../shared/api/api-client.ts";
import { currentPath, Link, navigate } from "../../shared/router.tsx";
import { FormError } from "../../shared/ui/form-messages.tsx";
import { ErrorState, LoadingState } from "../../shared/ui/query-state.tsx";
import { useDocumentTitle } from "../../shared/ui/use-document-title.ts";
import { type SessionUser, useSession } from "./session-api.ts";

export const ACCESS_DENIED_TITLE = "No tiene permiso para ver esta página";

function LoginRedirect() {
  useEffect(() => {
    // Two refusals of one page (the session and the page's own query) each
    // mount a redirect; the second must not replace the first's return target.
    const here = currentPath();
    if (here.startsWith(loginPath)) return;
    navigate(loginPathFor(here), { replace: true });
  }, []);
  return <LoadingState message="Debe iniciar sesión; abriendo la página para entrar…" />;
}

export function AccessDenied() {
  useDocumentTitle(ACCESS_DENIED_TITLE);
  return (
    <>
      <h1>{ACCESS_DENIED_TITLE}</h1>
      <p>
        Su cuenta no tiene un rol que permita ver esta página. Si lo necesita, pídalo a la
        administración de Rumbo.
      </p>
      <p>
        <Link to={planListPath}>Ver los planes estratégicos</Link>
      </p>
    </>
  );
}

function isAuthRequired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.code === "FORBIDDEN";
}

/** The error of a page that needs a session and a role: login, "no permission", or the API's message. */
export function ProtectedPageError({ title, error }: { title: string; error: unknown }) {
  if (isAuthRequired(error)) return <LoginRedirect />;
  if (isForbidden(error)) return <AccessDenied />;
  return <ErrorState title={title} error={error} />;
}

/** Renders `children` with the signed-in user; anonymous visitors go to the login page. */
export function RequireSignIn({ children }: { children: (user: SessionUser) => ReactNode }) {
  const session = useSession();
  if (session.isPending) return <LoadingState message="Consultando su sesión…" />;
  if (session.isError) {
    // The page around already has its h1: the problem is said in a paragraph.
    return (
      <FormError>
        <p>No fue posible consultar su sesión. {errorMessage(session.error)}</p>
      </FormError>
    );
  }
  if (!session.data.authenticated) return <LoginRedirect />;
  return <>{children(session.data.user)}</>;
}
