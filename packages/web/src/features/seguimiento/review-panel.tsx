/**
 * Planeación's decision on the report it is reading: approve or return an
 * enviado report (a comment is required to return it), or take back an
 * approval with a justification. Each call names the version on screen
 * (If-Match); a report changed meanwhile answers 409 and nothing is lost.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../shared/api/api-client.ts";
import { formatNumber } from "../../shared/format.ts";
import { FormError, FormSuccess } from "../../shared/ui/form-messages.tsx";
import { TextAreaField } from "../../shared/ui/text-area-field.tsx";
import { COMMENT_REQUIRED } from "./labels.ts";
import {
  approveReport,
  type Report,
  type ReportAddress,
  returnReport,
  seguimientoKeys,
  unapproveReport,
} from "./seguimiento-api.ts";

type Decision = { kind: "approve" } | { kind: "return" | "unapprove"; text: string };

const DONE: Record<Decision["kind"], string> = {
  approve: "Reporte aprobado",
  return: "Reporte devuelto con el comentario",
  unapprove: "Aprobación quitada: el reporte vuelve a revisión",
};

export function ReviewPanel({ address, report }: { address: ReportAddress; report: Report }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [textError, setTextError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: (decision: Decision): Promise<Report> => {
      if (decision.kind === "approve") return approveReport(address, report.version);
      if (decision.kind === "return") return returnReport(address, report.version, decision.text);
      return unapproveReport(address, report.version, decision.text);
    },
    onMutate: () => setNotice(null),
    onSuccess: async (result, decision) => {
      setText("");
      setNotice(`${DONE[decision.kind]} (versión ${formatNumber(result.version)}).`);
      queryClient.setQueryData(seguimientoKeys.report(address), result);
      await queryClient.invalidateQueries({
        queryKey: seguimientoKeys.reports(address.planId),
        predicate: (query) => query.queryKey[3] === "list",
      });
    },
  });

  function withText(kind: "return" | "unapprove", missing: string): void {
    if (text.trim() === "") {
      setTextError(missing);
      return;
    }
    setTextError(undefined);
    decide.mutate({ kind, text: text.trim() });
  }

  const feedback = (
    <>
      {notice !== null && (
        <FormSuccess>
          <p>{notice}</p>
        </FormSuccess>
      )}
      {decide.isError && (
        <FormError>
          <p>No fue posible registrar la revisión: {errorMessage(decide.error)}</p>
        </FormError>
      )}
    </>
  );

  if (report.status === "aprobado") {
    return (
      <section className="review-panel" aria-labelledby="revision-del-reporte">
        <h2 id="revision-del-reporte">Revisión</h2>
        {feedback}
        <TextAreaField
          label="Justificación para quitar la aprobación"
          hint="El reporte vuelve a revisión; la justificación queda en el historial."
          value={text}
          onValueChange={setText}
          error={textError}
          rows={3}
        />
        <button
          type="button"
          className="button button-secondary"
          disabled={decide.isPending}
          onClick={() =>
            withText("unapprove", "Explique por qué se quita la aprobación antes de quitarla.")
          }
        >
          Quitar la aprobación
        </button>
      </section>
    );
  }
  if (report.status !== "enviado") return notice === null ? null : feedback;
  return (
    <section className="review-panel" aria-labelledby="revision-del-reporte">
      <h2 id="revision-del-reporte">Revisión</h2>
      {feedback}
      <button
        type="button"
        className="button"
        disabled={decide.isPending}
        onClick={() => decide.mutate({ kind: "approve" })}
      >
        Aprobar el reporte
      </button>
      <TextAreaField
        label="Comentario de devolución"
        hint="Qué debe corregir quien reporta; lo verá en su reporte."
        value={text}
        onValueChange={setText}
        error={textError}
        rows={3}
      />
      <button
        type="button"
        className="button button-secondary"
        disabled={decide.isPending}
        onClick={() => withText("return", COMMENT_REQUIRED)}
      >
        Devolver el reporte
      </button>
    </section>
  );
}
