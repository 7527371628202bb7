import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { ApiError } from "../../shared/api/api-client.ts";
import { type Session, sessionKeys } from "./session-api.ts";

/**
 * Whether an API error means the cached session is out of date: it expired
 * or was closed from another device (401 while we think someone is signed
 * in), the password must be changed first, or the CSRF token changed.
 */
function staleSessionSign(error: unknown, session: Session | undefined): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.code === "CSRF_INVALID") return true;
  if (error.code === "PASSWORD_CHANGE_REQUIRED") {
    return !(session?.authenticated === true && session.user.mustChangePassword);
  }
  return error.status === 401 && session?.authenticated === true;
}

/** Keeps the header and the password gate true to the server when any call reveals a change. */
export function useSessionSync(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    function check(error: unknown): void {
      const session = queryClient.getQueryData<Session>(sessionKeys.current);
      if (staleSessionSign(error, session)) {
        void queryClient.invalidateQueries({ queryKey: sessionKeys.current });
      }
    }
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "error") return;
      if (event.query.queryKey[0] === sessionKeys.current[0]) return;
      check(event.action.error);
    });
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") check(event.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [queryClient]);
}
