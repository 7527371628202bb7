/**
 * Soportes of a report: files uploaded at once (uploadEvidence with the
 * file's bytes and If-Match; the server checks the type by content and
 * answers the report with the file listed) and links kept in the form until
 * the next save. Removing either takes effect on the next save.
 */
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { formatDateTime, formatNumber } from "../../shared/format.ts";
import { TextField } from "../../shared/ui/text-field.tsx";
import {
  type Evidence,
  evidenceUrl,
  type Report,
  type ReportAddress,
  uploadEvidence,
} from "./seguimiento-api.ts";

function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 0)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}

function evidenceName(item: Evidence): string {
  return item.kind === "file" ? item.fileName : item.title === "" ? item.url : item.title;
}

function evidenceKey(item: Evidence): string {
  return item.kind === "file" ? `file:${item.sha256}` : `link:${item.url}`;
}

/** The files the upload answered that the form does not list yet (the form keeps its removals). */
function withUploaded(current: readonly Evidence[], uploaded: readonly Evidence[]): Evidence[] {
  const known = new Set(current.map(evidenceKey));
  return [
    ...current,
    ...uploaded.filter((item) => item.kind === "file" && !known.has(evidenceKey(item))),
  ];
}

export function EvidenceEditor({
  address,
  report,
  evidence,
  onEvidenceChange,
  onUploaded,
  onUploadFailed,
  error,
  readOnly,
}: {
  address: ReportAddress;
  report: Report;
  evidence: readonly Evidence[];
  onEvidenceChange: (evidence: Evidence[]) => void;
  onUploaded: (report: Report) => Promise<void>;
  onUploadFailed: (error: unknown) => void;
  error: string | undefined;
  readOnly: boolean;
}) {
  const fileId = useId();
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [linkError, setLinkError] = useState<string | undefined>(undefined);
  const [inputKey, setInputKey] = useState(0);
  const upload = useMutation({
    mutationFn: (file: File) => uploadEvidence(address, report.version, file),
    onSuccess: async (result) => {
      onEvidenceChange(withUploaded(evidence, result.evidence));
      await onUploaded(result);
    },
    onError: onUploadFailed,
    onSettled: () => setInputKey((key) => key + 1),
  });

  function addLink(): void {
    if (url.trim() === "") {
      setLinkError("Escriba la dirección del enlace (empieza por http:// o https://).");
      return;
    }
    setLinkError(undefined);
    onEvidenceChange([
      ...evidence,
      {
        kind: "link",
        url: url.trim(),
        title: title.trim(),
        addedAt: new Date().toISOString(),
        addedBy: null,
      },
    ]);
    setUrl("");
    setTitle("");
  }

  return (
    <section className="report-evidence" aria-labelledby="soportes">
      <h2 id="soportes">Soportes</h2>
      {error !== undefined && <p className="field-error">{error}</p>}
      {evidence.length === 0 ? (
        <p>El reporte aún no tiene soportes.</p>
      ) : (
        <ul className="plain-list evidence-list" aria-label="Soportes del reporte">
          {evidence.map((item) => (
            <li key={evidenceKey(item)} className="evidence-item">
              {item.kind === "file" ? (
                <a href={evidenceUrl(address.planId, item.sha256)}>{item.fileName}</a>
              ) : (
                <a href={item.url} rel="noopener noreferrer" target="_blank">
                  {evidenceName(item)}
                </a>
              )}{" "}
              <span className="note">
                {item.kind === "file" ? `Archivo, ${sizeText(item.size)}` : "Enlace"}
                {item.addedBy !== null &&
                  ` · agregado por ${item.addedBy.name} el ${formatDateTime(item.addedAt)}`}
              </span>
              {!readOnly && (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() =>
                    onEvidenceChange(evidence.filter((e) => evidenceKey(e) !== evidenceKey(item)))
                  }
                >
                  Quitar {evidenceName(item)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <>
          <p className="hint">
            Quitar un soporte o agregar un enlace se guarda con «Guardar borrador» o «Enviar a
            revisión». Un archivo se adjunta en cuanto lo elige.
          </p>
          <div className="field">
            <label htmlFor={fileId}>Adjuntar un archivo de soporte</label>
            <p className="hint" id={`${fileId}-ayuda`}>
              PDF, imagen, hoja de cálculo o documento; hasta 10 MB.
            </p>
            <input
              key={inputKey}
              id={fileId}
              type="file"
              aria-describedby={`${fileId}-ayuda`}
              disabled={upload.isPending}
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file !== undefined) upload.mutate(file);
              }}
            />
            {upload.isPending && (
              <p className="note" role="status">
                Adjuntando el soporte…
              </p>
            )}
          </div>
          <fieldset className="fieldset link-fields">
            <legend>Agregar un enlace</legend>
            <TextField
              label="Dirección del enlace"
              type="url"
              value={url}
              onValueChange={setUrl}
              error={linkError}
              hint="Por ejemplo https://www.ejemplo.gov.co/informe.pdf"
              autoComplete="off"
            />
            <TextField label="Título del enlace" value={title} onValueChange={setTitle} optional />
            <button type="button" className="button button-secondary" onClick={addLink}>
              Agregar el enlace
            </button>
          </fieldset>
        </>
      )}
    </section>
  );
}
