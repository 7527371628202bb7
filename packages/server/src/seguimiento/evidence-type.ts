/**
 * What a soporte is, read from its bytes, never from its name (ADR 0015):
 * PDF, PNG, JPEG, the office formats (XLSX, DOCX, ODS, ODT) and plain text or
 * CSV. Anything else — an executable, a bare zip, HTML, SVG — is refused with
 * the type found, so a file can never become a page of Rumbo.
 */
import { fileTypeFromBuffer } from "file-type";

/** Largest soporte: keeps the database (which holds the files) bounded. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

export type EvidenceType = { mediaType: string; extension: string; label: string };

const ALLOWED: Record<string, EvidenceType> = {
  "application/pdf": { mediaType: "application/pdf", extension: "pdf", label: "PDF" },
  "image/png": { mediaType: "image/png", extension: "png", label: "imagen PNG" },
  "image/jpeg": { mediaType: "image/jpeg", extension: "jpg", label: "imagen JPEG" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
    label: "hoja de cálculo XLSX",
  },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
    label: "documento DOCX",
  },
  "application/vnd.oasis.opendocument.spreadsheet": {
    mediaType: "application/vnd.oasis.opendocument.spreadsheet",
    extension: "ods",
    label: "hoja de cálculo ODS",
  },
  "application/vnd.oasis.opendocument.text": {
    mediaType: "application/vnd.oasis.opendocument.text",
    extension: "odt",
    label: "documento ODT",
  },
};

const CSV: EvidenceType = { mediaType: "text/csv", extension: "csv", label: "texto CSV" };
const TEXT: EvidenceType = { mediaType: "text/plain", extension: "txt", label: "texto" };

export const ALLOWED_EVIDENCE_TEXT = "PDF, PNG, JPEG, XLSX, DOCX, ODS, ODT o texto (TXT, CSV)";

export type DetectedEvidence = { ok: true; type: EvidenceType } | { ok: false; detected: string };

export async function detectEvidenceType(
  bytes: Uint8Array,
  fileName: string,
): Promise<DetectedEvidence> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    const allowed = ALLOWED[found.mime];
    return allowed
      ? { ok: true, type: allowed }
      : { ok: false, detected: `${found.ext.toUpperCase()} (${found.mime})` };
  }
  const text = readText(bytes);
  if (text === null) return { ok: false, detected: "binario desconocido" };
  // A document of markup (HTML, SVG, XML) could run script if a browser ever rendered it.
  if (/^\s*</.test(text)) return { ok: false, detected: "HTML o XML (texto con marcas)" };
  return { ok: true, type: /\.csv$/i.test(fileName) ? CSV : TEXT };
}

/** The bytes as UTF-8 text, or null when they are not text (invalid UTF-8 or control characters). */
function readText(bytes: Uint8Array): string | null {
  for (const byte of bytes) if (isControl(byte)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** C0 controls and DEL, except tab, line feed, form feed and carriage return (they are text). */
function isControl(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) ||
    code === 0x7f
  );
}

/**
 * The name the file is kept under: its last path segment, without control
 * characters, with the extension of the type its content has (a PNG named
 * informe.pdf is kept as informe.png).
 */
export function evidenceFileName(fileName: string, type: EvidenceType): string {
  const last = fileName.split(/[\\/]/).pop() ?? "";
  const base = [...last]
    .filter((c) => c !== '"' && !isControl(c.charCodeAt(0)))
    .join("")
    .trim();
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, "") || "soporte";
  const extension = base.match(/\.([A-Za-z0-9]{1,5})$/)?.[1]?.toLowerCase();
  const same =
    extension === type.extension ||
    (type.extension === "jpg" && extension === "jpeg") ||
    (type.extension === "txt" &&
      extension !== undefined &&
      ["txt", "text", "log", "md"].includes(extension));
  return same ? base : `${stem}.${type.extension}`;
}
