/**
 * The session: who is signed in, with which roles, and the CSRF
 * token every write must carry. The cookie itself is httpOnly: the web never
 * sees it, it only asks `GET /api/auth/session`.
 */
import { type Assignment, api, type Session, type SessionUser } from "@rumbo/core";
import { type QueryClient, useQuery } from "@tanstack/react-query";
import { call, setCsrfToken } from "../../shared/api/api-client.ts";

/** The session as the API answers it (core api/auth.ts). */
export type { Assignment, Session, SessionUser };
export type SignedIn = Extract<Session, { authenticated: true }>;

export const ANONYMOUS: Session = { authenticated: false };

export const sessionKeys = { current: ["session"] as const };

/** Every answer that carries a session also carries the token writes need. */
function remember(session: Session): Session {
  setCsrfToken(session.authenticated ? session.csrfToken : null);
  return session;
}

export function useSession() {
  return useQuery({
    queryKey: sessionKeys.current,
    queryFn: async ({ signal }) => remember(await call(api.getSession, { signal })),
  });
}

/** The signed-in user, or null while loading, when anonymous or when the session cannot be read. */
export function useSignedInUser(): SessionUser | null {
  const session = useSession();
  return session.data?.authenticated ? session.data.user : null;
}

function isSessionQuery(queryKey: readonly unknown[]): boolean {
  return queryKey[0] === sessionKeys.current[0];
}

/**
 * After login, logout or a password change everything the server answered
 * may have changed (plans the person may read, permissions), so every query
 * is refreshed; what was cached for the previous person and is not on screen
 * is dropped.
 */
export async function applySession(queryClient: QueryClient, session: Session): Promise<void> {
  remember(session);
  queryClient.setQueryData(sessionKeys.current, session);
  const others = {
    predicate: (query: { queryKey: readonly unknown[] }) => !isSessionQuery(query.queryKey),
  };
  queryClient.removeQueries({ ...others, type: "inactive" });
  await queryClient.invalidateQueries(others);
}

export function login(email: string, password: string): Promise<Session> {
  return call(api.login, { body: { email, password } });
}

export function logout(): Promise<Session> {
  return call(api.logout, {});
}

export function logoutEverywhere(): Promise<Session> {
  return call(api.logoutEverywhere, {});
}

/** Answers a new session (new CSRF token): the server closes every other one. */
export function changePassword(currentPassword: string, newPassword: string): Promise<Session> {
  return call(api.changePassword, { body: { currentPassword, newPassword } });
}

export function resetPassword(token: string, newPassword: string): Promise<{ ok: true }> {
  return call(api.resetPassword, { body: { token, newPassword } });
}
