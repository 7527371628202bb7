/**
 * Accounts, administrador global only: the server answers 401 to
 * anonymous visitors and 403 to anyone else, and the pages follow that.
 */
import type { Assignment } from "@rumbo/core";
import { useQuery } from "@tanstack/react-query";
import { getJson, sendJson } from "../../shared/api/api-client.ts";

/** One row of `GET /api/users` (server: users-schemas.ts). */
export type UserAccount = {
  id: number;
  email: string;
  name: string;
  area: string | null;
  active: boolean;
  mustChangePassword: boolean;
  /** False until the person opens their one-time link and sets one. */
  hasPassword: boolean;
  /** Temporarily locked after failed logins. */
  locked: boolean;
  assignments: Assignment[];
};

/** A one-time link to set a password (24 h); shown once to the administrator to hand over. */
export type ResetLink = { link: string; expiresAt: string };

export type NewAccount = {
  email: string;
  name: string;
  area: string | null;
  assignments: Assignment[];
};

export const userKeys = { all: ["users"] as const };

export function useUsers() {
  return useQuery({
    queryKey: userKeys.all,
    queryFn: async ({ signal }) =>
      (await getJson<{ users: UserAccount[] }>("/api/users", signal)).users,
  });
}

export function createAccount(
  account: NewAccount,
): Promise<{ user: UserAccount; reset: ResetLink }> {
  return sendJson("POST", "/api/users", account);
}

export function replaceAssignments(
  userId: number,
  assignments: readonly Assignment[],
): Promise<UserAccount> {
  return sendJson("PUT", `/api/users/${userId}/assignments`, { assignments });
}

export function setAccountActive(userId: number, active: boolean): Promise<UserAccount> {
  return sendJson("PATCH", `/api/users/${userId}`, { active });
}

export function issueResetLink(userId: number): Promise<ResetLink> {
  return sendJson("POST", `/api/users/${userId}/reset-link`);
}
