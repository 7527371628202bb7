/**
 * Soportes through HTTP on both engines, with the seed plan: a real PDF on a
 * new report, the type read from the content (not the name), refused types
 * and sizes, duplicates, the lock (approved, under review, closed corte), the
 * download's headers and a soporte asked through another plan.
 */
import { createHash } from "node:crypto";
import type { Plan } from "@rumbo/core";
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../../audit/audit-repository.ts";
import type { DatabaseHandle } from "../../db/open-database.ts";
import { cortes, evidenceFiles } from "../../db/schema.ts";
import { savePlan } from "../../plans/plans-repository.ts";
import { createAccount, sessionFor, type TestLogin } from "../../testing/accounts.ts";
import { recordReport } from "../../testing/report-versions.ts";
import { seedPlan } from "../../testing/seed-plan.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";
import { buildApp } from "../app.ts";

/** A small but complete PDF 1.4: one empty page, cross-reference table and trailer. */
function smallPdf(): Buffer {
  const objects = [
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (const o of objects) {
    offsets.push(body.length);
    body += o;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** A 1×1 PNG: signature and IHDR (what any reader checks first), IDAT and IEND. */
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);
/** A Windows executable starts with MZ and points to its PE header. */
const EXE = Buffer.concat([
  Buffer.from("4d5a90000300000004000000ffff0000b800000000000000400000000000", "hex"),
  Buffer.alloc(30),
  Buffer.from("80000000", "hex"),
  Buffer.alloc(64),
  Buffer.from("50450000", "hex"),
  Buffer.alloc(200),
]);
/** A zip archive with one stored entry (not an office document). */
const ZIP = Buffer.concat([
  Buffer.from("504b0304140000000000000000000000000005000000050000000500000000", "hex").subarray(
    0,
    30,
  ),
  Buffer.from("a.txthola"),
]);
ZIP.writeUInt16LE(5, 26);

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe.each(TEST_ENGINES)("soportes de un reporte sobre $name", ({ open }) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let planId: number;
  let otherPlanId: number;
  let tomas: TestLogin; // responsable del objetivo 3 (meta 2320)
  let admin: TestLogin;
  const pdf = smallPdf();

  beforeAll(async () => {
    database = await open();
    app = await buildApp({
      database,
      logger: false,
      webDist: null,
      version: "t",
      // Bogotá, 10 de abril de 2025: the first quarter's corte is open.
      now: () => new Date("2025-04-10T15:00:00Z"),
    });
    const db = database.db;
    planId = await savePlan(db, seedPlan());
    otherPlanId = await savePlan(db, { ...seedPlan(), code: "OTRO-PLAN" } as Plan);
    tomas = await sessionFor(
      db,
      await createAccount(
        db,
        "tomas@entidad.gov.co",
        [{ role: "responsable", scope: { kind: "objective", planId, objectiveCode: "3" } }],
        { name: "Tomás" },
      ),
    );
    admin = await sessionFor(
      db,
      await createAccount(db, "admin@entidad.gov.co", [
        { role: "administrador", scope: { kind: "global" } },
      ]),
    );
    await db.insert(cortes).values([
      {
        planId,
        periodEnd: "2025-03-31",
        opensOn: "2025-04-01",
        dueOn: "2025-04-15",
        closesOn: "2025-04-30",
      },
      {
        planId,
        periodEnd: "2024-12-31",
        opensOn: "2025-01-01",
        dueOn: "2025-01-15",
        closesOn: "2025-01-31",
        closedAt: new Date("2025-02-01T12:00:00Z"),
      },
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const upload = (
    bytes: Buffer,
    fileName: string,
    options: { period?: string; etag?: string; who?: TestLogin; code?: string } = {},
  ) =>
    app.inject({
      method: "POST",
      url: `/api/plans/${planId}/indicators/${options.code ?? "2320"}/reports/${options.period ?? "2025-Q1"}/evidence?fileName=${encodeURIComponent(fileName)}`,
      payload: bytes,
      headers: {
        ...(options.who ?? tomas).headers,
        "content-type": "application/octet-stream",
        ...(options.etag ? { "if-match": options.etag } : {}),
      },
    });
  const storedFiles = async () =>
    Number((await database.db.select({ n: sql<number>`count(*)` }).from(evidenceFiles))[0]?.n);

  it("un PDF real se adjunta al reporte nuevo: versión 1 en borrador con su nombre, tamaño y tipo, y la auditoría guarda el checksum", async () => {
    const res = await upload(pdf, "Acta de entrega.pdf");
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"r1"');
    const report = res.json();
    expect(report).toMatchObject({ status: "borrador", version: 1, value: null });
    expect(report.evidence).toEqual([
      {
        kind: "file",
        sha256: sha(pdf),
        fileName: "Acta de entrega.pdf",
        size: pdf.length,
        mediaType: "application/pdf",
        addedAt: "2025-04-10T15:00:00.000Z",
        addedBy: { id: tomas.userId, name: "Tomás" },
      },
    ]);
    const [entry] = await listAudit(database.db, { action: "reporte-soportes" });
    expect(entry?.actorEmail).toBe("tomas@entidad.gov.co");
    expect(JSON.stringify(entry?.details)).toContain(sha(pdf));
  });

  it("sin If-Match sobre un reporte que ya existe responde 428 y no guarda nada", async () => {
    const res = await upload(PNG, "foto.png");
    expect(res.statusCode).toBe(428);
    expect(res.json().error.code).toBe("IF_MATCH_REQUIRED");
    expect(await storedFiles()).toBe(1);
  });

  it("el tipo sale del contenido: una imagen PNG llamada .pdf se guarda como PNG con nombre .png", async () => {
    const res = await upload(PNG, "evidencia.pdf", { etag: '"r1"' });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"r2"');
    expect(res.json().evidence[1]).toMatchObject({
      sha256: sha(PNG),
      fileName: "evidencia.png",
      mediaType: "image/png",
      size: PNG.length,
    });
  });

  it("el mismo archivo otra vez se rechaza con 409 EVIDENCE_DUPLICATE nombrando el archivo ya adjunto", async () => {
    const res = await upload(pdf, "copia.pdf", { etag: '"r2"' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: "EVIDENCE_DUPLICATE",
      message:
        "El archivo «copia.pdf» ya está adjunto a este reporte como «Acta de entrega.pdf» (mismo contenido). No se agregó de nuevo.",
    });
  });

  it.each([
    ["un ejecutable", EXE, "manual.pdf", "EXE"],
    ["un zip que no es documento de oficina", ZIP, "anexos.xlsx", "ZIP"],
    [
      "una página HTML con script",
      Buffer.from("<!doctype html><script>alert(1)</script>"),
      "informe.txt",
      "HTML",
    ],
    [
      "un SVG",
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      "grafico.png",
      "HTML o XML",
    ],
  ])(
    "%s se rechaza con 415 nombrando el tipo detectado, y no se guarda nada",
    async (_what, bytes, name, detected) => {
      const res = await upload(bytes, name, { etag: '"r2"' });
      expect(res.statusCode).toBe(415);
      const { error } = res.json();
      expect(error.code).toBe("EVIDENCE_TYPE_NOT_ALLOWED");
      expect(error.message).toContain(`«${name}» es de tipo ${detected}`);
      expect(error.message).toContain(
        "solo se admiten PDF, PNG, JPEG, XLSX, DOCX, ODS, ODT o texto",
      );
      expect(await storedFiles()).toBe(2);
    },
  );

  it("un archivo vacío da 400 EMPTY_FILE y uno de más de 10 MB da 413 EVIDENCE_TOO_LARGE", async () => {
    const empty = await upload(Buffer.alloc(0), "nada.txt", { etag: '"r2"' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe("EMPTY_FILE");
    const big = await upload(Buffer.alloc(10 * 1024 * 1024 + 1, "a"), "grande.csv", {
      etag: '"r2"',
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe("EVIDENCE_TOO_LARGE");
    expect(big.json().error.message).toContain("el límite es 10 MB");
  });

  it("un CSV de texto se admite como text/csv", async () => {
    const res = await upload(Buffer.from("entidad;asistida\nIDU;sí\n"), "asistencias.csv", {
      etag: '"r2"',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().evidence[2]).toMatchObject({
      mediaType: "text/csv",
      fileName: "asistencias.csv",
    });
  });

  it("la descarga trae el archivo con su tipo, su nombre, nosniff y una política que no deja correr script", async () => {
    const res = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/evidence/${sha(pdf)}`,
      headers: tomas.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe(
      "attachment; filename=\"Acta de entrega.pdf\"; filename*=UTF-8''Acta%20de%20entrega.pdf",
    );
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toBe("sandbox; default-src 'none'");
  });

  it("un soporte pedido por otro plan, o un checksum que nadie adjuntó, responde 404 EVIDENCE_NOT_FOUND", async () => {
    for (const url of [
      `/api/plans/${otherPlanId}/evidence/${sha(pdf)}`,
      `/api/plans/${planId}/evidence/${"0".repeat(64)}`,
    ]) {
      const res = await app.inject({ method: "GET", url, headers: admin.headers });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("EVIDENCE_NOT_FOUND");
    }
  });

  it("un reporte aprobado no acepta soportes por la ruta de subida (409 APPROVED) y nada cambia", async () => {
    await recordReport(database.db, planId, {
      indicator: "2320",
      period: "2025-Q1",
      value: 12,
      status: "enviado",
    });
    const underReview = await upload(Buffer.from("nota"), "nota.txt", { etag: '"r4"' });
    expect(underReview.statusCode).toBe(409);
    expect(underReview.json().error.code).toBe("UNDER_REVIEW");
    await recordReport(database.db, planId, {
      indicator: "2320",
      period: "2025-Q1",
      value: 12,
      status: "aprobado",
    });
    const res = await upload(Buffer.from("nota"), "nota.txt", { etag: '"r5"' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: "APPROVED",
      message:
        "El reporte está aprobado: solo planeación puede quitar la aprobación, con una justificación.",
    });
    expect(await storedFiles()).toBe(3);
    const report = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/indicators/2320/reports/2025-Q1`,
      headers: tomas.headers,
    });
    expect(report.json()).toMatchObject({ version: 5, status: "aprobado" });
    // The approved report's files stay downloadable.
    const file = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/evidence/${sha(PNG)}`,
      headers: tomas.headers,
    });
    expect(file.statusCode).toBe(200);
  });

  it("un corte cerrado (409 CORTE_CLOSED) o sin crear (409 NOT_OPEN_YET) no recibe soportes", async () => {
    const closed = await upload(pdf, "acta.pdf", { period: "2024-Q4" });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe("CORTE_CLOSED");
    const notOpen = await upload(pdf, "acta.pdf", { period: "2025-Q3" });
    expect(notOpen.statusCode).toBe(409);
    expect(notOpen.json().error.code).toBe("NOT_OPEN_YET");
  });

  it("un responsable no sube soportes a un indicador fuera de su alcance (403)", async () => {
    const res = await upload(pdf, "acta.pdf", { code: "2307" });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("FORBIDDEN");
    const rows = await database.db
      .select()
      .from(evidenceFiles)
      .where(eq(evidenceFiles.sha256, sha(pdf)));
    expect(rows).toHaveLength(1);
  });
});
