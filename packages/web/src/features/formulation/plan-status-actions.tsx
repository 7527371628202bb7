/**
 * Putting a plan in force (formulación → vigencia: from then on, changes of
 * programación are reprogramaciones) and publishing it (Ley 1712: public and
 * downloadable). Shown only when the server's permissions allow them.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../shared/api/api-client.ts";
import { FormError, FormSuccess } from "../../shared/ui/form-messages.tsx";
import { planKeys } from "../plans/plans-api.ts";
import { type PlanStatus, putInForce, setPublished } from "./formulation-api.ts";

function usePlanChange<V>(planId: number, change: (value: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.detail(planId) }),
        queryClient.invalidateQueries({ queryKey: planKeys.all, exact: true }),
      ]);
    },
  });
}

function PutInForce({ planId, version }: { planId: number; version: number | null }) {
  const [confirming, setConfirming] = useState(false);
  const mutation = usePlanChange<void>(planId, () => putInForce(planId, version));
  if (mutation.isSuccess) {
    return (
      <FormSuccess>
        <p>El plan quedó en vigencia.</p>
      </FormSuccess>
    );
  }
  if (!confirming) {
    return (
      <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
        Poner en vigencia
      </button>
    );
  }
  return (
    <div className="confirm">
      <p id="confirmar-vigencia">
        ¿Poner el plan en vigencia? Desde entonces, cambiar metas, totales o ponderaciones exige una
        reprogramación con justificación y acta.
      </p>
      {mutation.isError && (
        <FormError>
          <p>{errorMessage(mutation.error)}</p>
        </FormError>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={mutation.isPending}
          onClick={() => mutation.mutate()}
        >
          {mutation.isPending ? "Poniendo en vigencia…" : "Confirmar: poner en vigencia"}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setConfirming(false)}
        >
          Cancelar
        </button>
      </div>
    </div>
  );
}

function Publish({
  planId,
  published,
  version,
}: {
  planId: number;
  published: boolean;
  version: number | null;
}) {
  const mutation = usePlanChange(planId, (value: boolean) => setPublished(planId, value, version));
  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate(!published)}
      >
        {published ? "Retirar la publicación" : "Publicar el plan"}
      </button>
      {mutation.isError && (
        <FormError>
          <p>{errorMessage(mutation.error)}</p>
        </FormError>
      )}
      {mutation.isSuccess && (
        <FormSuccess>
          <p>{mutation.variables ? "El plan quedó publicado." : "El plan ya no es público."}</p>
        </FormSuccess>
      )}
    </>
  );
}

export function PlanStatusActions({
  planId,
  version,
  status,
  published,
  canChangeStatus,
  canPublish,
}: {
  planId: number;
  /** The version the page shows as current; sent as If-Match. */
  version: number | null;
  status: PlanStatus | null;
  published: boolean | null;
  canChangeStatus: boolean;
  canPublish: boolean;
}) {
  const showInForce = canChangeStatus && status === "formulacion";
  const showPublish = canPublish && published !== null;
  if (!showInForce && !showPublish) return null;
  return (
    <div className="button-row">
      {showInForce && <PutInForce planId={planId} version={version} />}
      {showPublish && <Publish planId={planId} published={published} version={version} />}
    </div>
  );
}
