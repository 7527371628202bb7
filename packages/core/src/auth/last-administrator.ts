/**
 * Rumbo must never be left without someone who can manage accounts: a change
 * that would leave no active global administrador is refused. Pure, so the
 * server decides it on the accounts it read under one lock.
 */
import type { Assignment } from "./policy.ts";

export type AccountStanding = {
  id: number;
  active: boolean;
  assignments: readonly Assignment[];
};

/** What an account change sets: its activity, its assignments, or both. */
export type AccountChange = {
  userId: number;
  active?: boolean;
  assignments?: readonly Assignment[];
};

export function isGlobalAdministrator(assignments: readonly Assignment[]): boolean {
  return assignments.some((a) => a.role === "administrador" && a.scope.kind === "global");
}

function administers(account: AccountStanding): boolean {
  return account.active && isGlobalAdministrator(account.assignments);
}

/**
 * True when the change takes the last active global administrador away
 * (deactivating that account or removing its role). A change that touches no
 * administrador, or leaves another one active, is allowed.
 */
export function leavesNoAdministrator(
  accounts: readonly AccountStanding[],
  change: AccountChange,
): boolean {
  const target = accounts.find((a) => a.id === change.userId);
  if (target === undefined || !administers(target)) return false;
  const after: AccountStanding = {
    ...target,
    active: change.active ?? target.active,
    assignments: change.assignments ?? target.assignments,
  };
  if (administers(after)) return false;
  return !accounts.some((a) => a.id !== change.userId && administers(a));
}

export const LAST_ADMINISTRATOR_MESSAGE =
  "Es la única cuenta activa de administración global: cree o active otra antes de quitarle ese rol o desactivarla.";
