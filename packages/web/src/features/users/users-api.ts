/**
 * Accounts, administrador global only: the server answers 401 to
 * anonymous visitors and 403 to anyone else, and the pages follow that.
 */
import {
  type Assignment,
  api,
  type EndpointBody,
  type ResetLink,
  type UserAccount,
} from "@rumbo/core";
import { useQuery } from "@tanstack/react-query";
import { call } from "../../shared/api/api-client.ts";

/** One row of `GET /api/users` and a one-time link to set a password (core api/users.ts). */
export type { ResetLink, UserAccount };

export type NewAccount = EndpointBody<typeof api.createUser>;

export const userKeys = { all: ["users"] as const };

export function useUsers() {
  return useQuery({
    queryKey: userKeys.all,
    queryFn: async ({ signal }) => (await call(api.listUsers, { signal })).users,
  });
}

export function createAccount(
  account: NewAccount,
): Promise<{ user: UserAccount; reset: ResetLink }> {
  return call(api.createUser, { body: account });
}

export function replaceAssignments(
  userId: number,
  assignments: readonly Assignment[],
): Promise<UserAccount> {
  return call(api.replaceUserAssignments, {
    params: { id: userId },
    body: { assignments: [...assignments] },
  });
}

export function setAccountActive(userId: number, active: boolean): Promise<UserAccount> {
  return call(api.setUserActive, { params: { id: userId }, body: { active } });
}

export function issueResetLink(userId: number): Promise<ResetLink> {
  return call(api.issueUserResetLink, { params: { id: userId } });
}
