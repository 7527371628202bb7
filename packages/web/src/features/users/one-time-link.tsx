import { useEffect, useId, useRef, useState } from "react";
import { formatDateTime } from "../../shared/format.ts";
import type { ResetLink } from "./users-api.ts";

export const COPY_LINK = "Copiar enlace";

type CopyState = "idle" | "copied" | "select";

/**
 * The one-time link the server issued, for the administrator to hand over.
 * It is shown once: the server keeps only its hash.
 */
export function OneTimeLink({ title, reset }: { title: string; reset: ResetLink }) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>("idle");

  // The link appears after an action elsewhere on the page: bring the reader to it.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copyLink(): Promise<void> {
    try {
      await navigator.clipboard.writeText(reset.link);
      setCopy("copied");
    } catch {
      // No clipboard (permissions, old browser): leave the text selected to copy by hand.
      inputRef.current?.select();
      setCopy("select");
    }
  }

  return (
    <section className="one-time-link" aria-labelledby={`${id}-titulo`}>
      <h2 id={`${id}-titulo`} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <p>
        Entregue este enlace a la persona por un canal seguro. Sirve una sola vez para fijar su
        contraseña, vence el {formatDateTime(reset.expiresAt)} y no se volverá a mostrar.
      </p>
      <div className="copy-row">
        <label htmlFor={`${id}-enlace`}>Enlace de un solo uso</label>
        <input
          id={`${id}-enlace`}
          ref={inputRef}
          type="text"
          readOnly
          value={reset.link}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button" onClick={() => void copyLink()}>
          {COPY_LINK}
        </button>
      </div>
      <p role="status" className="note">
        {copy === "copied" && "Enlace copiado."}
        {copy === "select" &&
          "No se pudo copiar automáticamente: el enlace quedó seleccionado, cópielo con Ctrl+C."}
      </p>
    </section>
  );
}
