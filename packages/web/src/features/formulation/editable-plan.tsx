/**
 * What every page that saves a plan (editor, reprogramación, ficha) loads
 * first: the plan document in force, what the person may do on it, and a
 * reload that starts the form again from the server's current version
 * (after a version conflict).
 */
import { type ReactNode, useState } from "react";
import { LoadingState } from "../../shared/ui/query-state.tsx";
import { type PlanPermissions, usePlanPermissions } from "../plans/permissions-api.ts";
import { ProtectedPageError } from "../session/session-guards.tsx";
import { type PlanDocument, usePlanDocument } from "./formulation-api.ts";

export function useEditablePlan(planId: number, userId: number) {
  const planDocument = usePlanDocument(planId);
  const permissions = usePlanPermissions(planId, userId);
  // A new generation starts the form again from the server's current version.
  const [generation, setGeneration] = useState(0);
  const [reloading, setReloading] = useState(false);

  async function reload(): Promise<void> {
    setReloading(true);
    await planDocument.refetch();
    setReloading(false);
    setGeneration((n) => n + 1);
  }

  return { planDocument, permissions, generation, reloading, reload };
}

/** What a plan's save form gets from its page: the plan, the person's actions, the reload. */
export type EditablePlanFormProps = {
  document: PlanDocument;
  permissions: PlanPermissions | undefined;
  onReload: () => void;
  reloading: boolean;
};

/** The page while the plan loads or when it could not: null once the plan is there. */
export function planLoadState(
  planDocument: ReturnType<typeof usePlanDocument>,
): { page: ReactNode; plan: null } | { page: null; plan: PlanDocument } {
  if (planDocument.isPending) {
    return { page: <LoadingState message="Cargando el plan…" />, plan: null };
  }
  if (planDocument.isError) {
    return {
      page: <ProtectedPageError title="No fue posible cargar el plan" error={planDocument.error} />,
      plan: null,
    };
  }
  return { page: null, plan: planDocument.data };
}
