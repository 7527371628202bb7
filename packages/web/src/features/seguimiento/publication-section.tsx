/**
 * «Publicación» on the cortes page (ADR 0016): planeación publishes the plan
 * (with the licence of its open data and the act that adopted it) and each
 * closed corte; the list shows every publication with its number and date. A
 * corte published again after a correction gets a new number; the earlier
 * publication stays readable on the portal.
 */
import { api, type EndpointResponse, LICENSE_IDS, LICENSES, type LicenseId } from "@rumbo/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { call, errorMessage } from "../../shared/api/api-client.ts";
import { formatDate, formatDateTime } from "../../shared/format.ts";
import { FormError, FormSuccess } from "../../shared/ui/form-messages.tsx";
import { ErrorState, LoadingState } from "../../shared/ui/query-state.tsx";
import { SelectField } from "../../shared/ui/select-field.tsx";
import { TextField } from "../../shared/ui/text-field.tsx";
import type { Corte } from "./seguimiento-api.ts";
import { seguimientoKeys } from "./seguimiento-api.ts";

export type Publication = EndpointResponse<typeof api.listPublications>["publications"][number];

const publicationsKey = (planId: number) => [...seguimientoKeys.cortes(planId), "publications"];

function usePublications(planId: number) {
  return useQuery({
    queryKey: publicationsKey(planId),
    queryFn: async ({ signal }) =>
      (await call(api.listPublications, { params: { id: planId }, signal })).publications,
  });
}

function publicationLabel(p: Publication): string {
  const what = p.kind === "plan" ? "Plan" : `Corte al ${formatDate(p.periodEnd ?? "")}`;
  const replaces = p.supersedes === null ? "" : ` · reemplaza la n.º ${p.supersedes}`;
  return `N.º ${p.number} · ${what} · ${formatDateTime(p.publishedAt)}${replaces}`;
}

function PublishPlanForm({
  planId,
  current,
  onDone,
}: {
  planId: number;
  current: Publication | undefined;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [license, setLicense] = useState<LicenseId>(current?.license.id ?? "CC-BY-SA-4.0");
  const [act, setAct] = useState(current?.license.act ?? "");
  const publish = useMutation({
    mutationFn: () =>
      call(api.publishPlan, {
        params: { id: planId },
        body: { published: true, license, ...(act.trim() ? { licenseAct: act.trim() } : {}) },
      }),
    onSuccess: async (answer) => {
      const p = answer.publication;
      onDone(
        p && p.id !== current?.id
          ? `Plan publicado: publicación n.º ${p.number}.`
          : "El plan ya estaba publicado así; no se creó otra publicación.",
      );
      await queryClient.invalidateQueries({ queryKey: publicationsKey(planId) });
    },
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    publish.mutate();
  }
  return (
    <form aria-label="Publicar el plan" onSubmit={submit}>
      <SelectField
        label="Licencia de los datos abiertos"
        value={license}
        onValueChange={(value) => setLicense(value as LicenseId)}
        options={LICENSE_IDS.map((id) => ({ value: id, label: LICENSES[id].name }))}
      />
      <TextField
        label="Acto que adoptó la licencia"
        hint="Por ejemplo: Resolución 123 de 2024"
        optional
        value={act}
        onValueChange={setAct}
      />
      {publish.isError && (
        <FormError>
          <p>No fue posible publicar el plan: {errorMessage(publish.error)}</p>
        </FormError>
      )}
      <button type="submit" className="button" disabled={publish.isPending}>
        {publish.isPending
          ? "Publicando…"
          : current
            ? "Publicar de nuevo el plan"
            : "Publicar el plan"}
      </button>
    </form>
  );
}

function PublishCorte({
  planId,
  corte,
  latest,
  onDone,
}: {
  planId: number;
  corte: Corte;
  latest: Publication | undefined;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const publish = useMutation({
    mutationFn: () => call(api.publishCorte, { params: { id: planId, corteId: corte.id } }),
    onSuccess: async (answer) => {
      onDone(
        answer.created
          ? `Corte al ${formatDate(corte.periodEnd)} publicado: publicación n.º ${answer.publication.number}.`
          : `El corte al ${formatDate(corte.periodEnd)} no cambió desde la publicación n.º ${answer.publication.number}; no se creó otra.`,
      );
      await queryClient.invalidateQueries({ queryKey: publicationsKey(planId) });
    },
  });
  return (
    <li>
      <span>
        Corte al {formatDate(corte.periodEnd)}:{" "}
        {latest
          ? `publicado (n.º ${latest.number}, ${formatDateTime(latest.publishedAt)})`
          : "sin publicar"}
      </span>{" "}
      <button
        type="button"
        className="button button-secondary"
        disabled={publish.isPending}
        onClick={() => publish.mutate()}
      >
        {publish.isPending ? "Publicando…" : latest ? "Publicar de nuevo" : "Publicar el corte"}{" "}
        <span className="visually-hidden">al {formatDate(corte.periodEnd)}</span>
      </button>
      {publish.isError && (
        <FormError>
          <p>No fue posible publicar el corte: {errorMessage(publish.error)}</p>
        </FormError>
      )}
    </li>
  );
}

export function PublicationSection({
  planId,
  cortes,
}: {
  planId: number;
  cortes: readonly Corte[];
}) {
  const publications = usePublications(planId);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section aria-labelledby="publicacion">
      <h2 id="publicacion">Publicación</h2>
      <p className="note">
        Lo publicado queda en el portal público y en los datos abiertos, sin cuenta (Ley 1712 de
        2014): el plan, y de cada corte cerrado sus reportes aprobados y su cumplimiento. Una
        publicación no cambia; publicar de nuevo tras una corrección crea otra, con fecha y número.
      </p>
      {notice !== null && (
        <FormSuccess>
          <p>{notice}</p>
        </FormSuccess>
      )}
      {publications.isPending ? (
        <LoadingState message="Cargando las publicaciones…" />
      ) : publications.isError ? (
        <ErrorState title="No fue posible cargar las publicaciones" error={publications.error} />
      ) : (
        <>
          <PublishPlanForm
            planId={planId}
            current={publications.data.find((p) => p.kind === "plan")}
            onDone={setNotice}
          />
          <h3>Cortes cerrados</h3>
          {cortes.some((c) => c.state === "cerrado") ? (
            <ul className="plain-list">
              {cortes
                .filter((c) => c.state === "cerrado")
                .map((corte) => (
                  <PublishCorte
                    key={corte.id}
                    planId={planId}
                    corte={corte}
                    latest={publications.data.find((p) => p.corteId === corte.id)}
                    onDone={setNotice}
                  />
                ))}
            </ul>
          ) : (
            <p>Aún no hay cortes cerrados para publicar.</p>
          )}
          <h3>Publicaciones</h3>
          {publications.data.length === 0 ? (
            <p>El plan aún no tiene publicaciones.</p>
          ) : (
            <ol className="plain-list" aria-label="Publicaciones del plan">
              {publications.data.map((p) => (
                <li key={p.id}>
                  {publicationLabel(p)} · {p.license.id}
                  {p.license.act ? ` (${p.license.act})` : ""}
                  {p.publishedBy ? ` — ${p.publishedBy.name}` : ""}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
