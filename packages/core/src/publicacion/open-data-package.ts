/**
 * How the open data of a published corte is described to machines: the
 * files' names and media types, the Frictionless `datapackage.json` (Table
 * Schema with Spanish descriptions, SHA-256 per file) and the DCAT-AP
 * catalogue in JSON-LD of every published plan and corte — each corte a
 * dataset in its plan's dataset series — with the fields datos.gov.co asks
 * for, so an entity federates its portal without retyping.
 */
import { OPEN_DATA_FIELDS, OPEN_DATA_PRIMARY_KEY } from "./open-data.ts";
import type { CorteSnapshot, PlanSnapshot } from "./publication-snapshot.ts";

export const OPEN_DATA_FORMATS = [
  "csv",
  "csv-excel",
  "xlsx",
  "json",
  "zip",
  "datapackage",
] as const;
export type OpenDataFormat = (typeof OPEN_DATA_FORMATS)[number];

/** The files a package lists (the ZIP holds them; the datapackage describes them). */
export const PACKAGED_FORMATS = ["csv", "csv-excel", "xlsx", "json"] as const;
export type PackagedFormat = (typeof PACKAGED_FORMATS)[number];

export const OPEN_DATA_FILE_KINDS: Record<
  OpenDataFormat,
  { suffix: string; mediaType: string; title: string; formatLabel: string }
> = {
  csv: {
    suffix: ".csv",
    mediaType: "text/csv",
    title: "CSV (UTF-8, coma, punto decimal)",
    formatLabel: "CSV",
  },
  "csv-excel": {
    suffix: "-excel.csv",
    mediaType: "text/csv",
    title: "CSV para Excel (punto y coma, coma decimal)",
    formatLabel: "CSV",
  },
  xlsx: {
    suffix: ".xlsx",
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    title: "Libro de Excel (XLSX)",
    formatLabel: "XLSX",
  },
  json: {
    suffix: ".json",
    mediaType: "application/json",
    title: "JSON (plan, valores y resultado)",
    formatLabel: "JSON",
  },
  zip: {
    suffix: ".zip",
    mediaType: "application/zip",
    title: "Todo en un ZIP",
    formatLabel: "ZIP",
  },
  datapackage: {
    suffix: "-datapackage.json",
    mediaType: "application/json",
    title: "Descripción del paquete (datapackage.json)",
    formatLabel: "JSON",
  },
};

/** A safe file-name stem: the plan's code, the corte and the publication number. */
export function openDataBaseName(planCode: string, periodEnd: string, number: number): string {
  const code = planCode
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
  return `${code || "plan"}-corte-${periodEnd}-publicacion-${number}`;
}

export function openDataFileName(base: string, format: OpenDataFormat): string {
  return format === "datapackage"
    ? "datapackage.json"
    : `${base}${OPEN_DATA_FILE_KINDS[format].suffix}`;
}

/** What a package knows of each file it lists. */
export type PackagedFile = { path: string; bytes: number; sha256: string };

export type DataPackage = {
  profile: "tabular-data-package";
  name: string;
  title: string;
  description: string;
  version: string;
  created: string;
  language: "es-CO";
  keywords: string[];
  licenses: { name: string; path: string; title: string }[];
  sources: { title: string; path?: string }[];
  resources: DataPackageResource[];
};

export type DataPackageResource = {
  name: string;
  path: string;
  title: string;
  profile: "tabular-data-resource" | "data-resource";
  format: string;
  mediatype: string;
  encoding: "utf-8";
  bytes: number;
  hash: string;
  dialect?: { delimiter: string; header: true; lineTerminator: "\r\n"; doubleQuote: true };
  schema?: {
    fields: {
      name: string;
      title: string;
      type: string;
      description: string;
      decimalChar?: string;
      format?: string;
      constraints?: { required?: boolean; enum?: readonly string[] };
    }[];
    missingValues: [""];
    primaryKey: string[];
  };
};

function tableSchema(decimalChar: "." | ",") {
  return {
    fields: OPEN_DATA_FIELDS.map((f) => ({
      name: f.name,
      title: f.title,
      type: f.type,
      description: f.description,
      ...(f.type === "number" && decimalChar === "," ? { decimalChar } : {}),
      ...(f.type === "date" ? { format: "%Y-%m-%d" } : {}),
      ...(f.constraints ? { constraints: f.constraints } : {}),
    })),
    missingValues: [""] as [""],
    primaryKey: [...OPEN_DATA_PRIMARY_KEY],
  };
}

export function dataPackage(input: {
  snapshot: CorteSnapshot;
  publication: { number: number; publishedAt: string };
  files: Record<PackagedFormat, PackagedFile>;
  /** Where the data comes from (the public corte page). */
  sourceUrl?: string;
}): DataPackage {
  const { snapshot, publication, files } = input;
  const { plan } = snapshot;
  const base = openDataBaseName(plan.code, snapshot.corte.periodEnd, publication.number);
  const shown = snapshot.corte.periodEnd.split("-").reverse().join("/");
  const resource = (
    format: PackagedFormat,
    extra: Partial<DataPackageResource>,
  ): DataPackageResource => ({
    name: `${base}${format === "csv" ? "" : `-${format}`}`,
    path: files[format].path,
    title: OPEN_DATA_FILE_KINDS[format].title,
    profile: "data-resource",
    format: format === "csv-excel" ? "csv" : format,
    mediatype: OPEN_DATA_FILE_KINDS[format].mediaType,
    encoding: "utf-8",
    bytes: files[format].bytes,
    hash: `sha256:${files[format].sha256}`,
    ...extra,
  });
  const dialect = (delimiter: string) =>
    ({ delimiter, header: true, lineTerminator: "\r\n", doubleQuote: true }) as const;
  return {
    profile: "tabular-data-package",
    name: base,
    title: `${plan.name}: seguimiento con corte al ${shown}`,
    description: `Avance de los indicadores del plan ${plan.code} (${plan.name}) con corte al ${shown}, publicación ${publication.number}: una fila por indicador y periodo, con la meta de la vigencia, el valor aprobado y su estado.`,
    version: String(publication.number),
    created: publication.publishedAt,
    language: "es-CO",
    keywords: ["plan estratégico", "seguimiento", "indicadores", "metas", plan.code],
    licenses: [
      { name: snapshot.license.id, path: snapshot.license.url, title: snapshot.license.name },
    ],
    sources: [
      input.sourceUrl
        ? { title: plan.entity ?? plan.name, path: input.sourceUrl }
        : { title: plan.entity ?? plan.name },
    ],
    resources: [
      resource("csv", {
        profile: "tabular-data-resource",
        dialect: dialect(","),
        schema: tableSchema("."),
      }),
      resource("csv-excel", {
        profile: "tabular-data-resource",
        dialect: dialect(";"),
        schema: tableSchema(","),
      }),
      resource("xlsx", {}),
      resource("json", {}),
    ],
  };
}

/** The entity's data the catalogue carries (datos.gov.co asks for each). */
export type CatalogSettings = {
  /** The site's public address, without a trailing slash: https://planeacion.entidad.gov.co */
  baseUrl: string;
  entity: string;
  contactEmail: string | null;
  /** Cobertura geográfica, e.g. «Bogotá D.C.». */
  coverage: string;
  /** Categoría de datos.gov.co. */
  category: string;
};

/** One published corte and its files, as the catalogue lists it. */
export type CatalogCorte = {
  snapshot: CorteSnapshot;
  number: number;
  publishedAt: string;
  pageUrl: string;
  distributions: {
    format: OpenDataFormat;
    url: string;
    bytes: number;
    sha256: string;
  }[];
};

export type CatalogPlan = {
  planId: number;
  snapshot: PlanSnapshot;
  publishedAt: string;
  updatedAt: string;
  pageUrl: string;
  cortes: CatalogCorte[];
};

const IANA = "https://www.iana.org/assignments/media-types/";
const EU_AUTHORITY = "http://publications.europa.eu/resource/authority/";

/** How often a plan's data changes: the most frequent reporting frecuencia among its indicators. */
function accrualPeriodicity(plan: PlanSnapshot["plan"]): { uri: string; label: string } {
  const frequencies = new Set(plan.objectives.flatMap((o) => o.indicators.map((i) => i.frequency)));
  if (frequencies.has("mensual"))
    return { uri: `${EU_AUTHORITY}frequency/MONTHLY`, label: "Mensual" };
  if (frequencies.has("trimestral")) {
    return { uri: `${EU_AUTHORITY}frequency/QUARTERLY`, label: "Trimestral" };
  }
  return { uri: `${EU_AUTHORITY}frequency/ANNUAL`, label: "Anual" };
}

export const DCAT_CONTEXT = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  spdx: "http://spdx.org/rdf/terms#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  adms: "http://www.w3.org/ns/adms#",
  rumbo: "https://rumbo.software/vocabulario#",
} as const;

type JsonLd = { [key: string]: unknown };

function literal(value: string, type: "date" | "dateTime"): JsonLd {
  return { "@value": value, "@type": `xsd:${type}` };
}

/**
 * The DCAT-AP catalogue (JSON-LD): the catalogue, one dataset series per
 * published plan, one dataset per published corte (its latest publication),
 * and a distribution per file with media type, size, checksum and licence.
 */
export function dcatCatalog(settings: CatalogSettings, plans: readonly CatalogPlan[]): JsonLd {
  const language = { "@id": `${EU_AUTHORITY}language/SPA` };
  const publisher = { "@type": "foaf:Agent", "foaf:name": settings.entity };
  const contact = {
    "@type": "vcard:Organization",
    "vcard:fn": settings.entity,
    ...(settings.contactEmail
      ? { "vcard:hasEmail": { "@id": `mailto:${settings.contactEmail}` } }
      : {}),
  };
  const series: JsonLd[] = [];
  const datasets: JsonLd[] = [];
  for (const p of plans) {
    const plan = p.snapshot.plan;
    const seriesId = `${p.pageUrl}#serie`;
    const periodicity = accrualPeriodicity(plan);
    const license = { "@id": p.snapshot.license.url };
    const keywords = ["plan estratégico", "seguimiento", "indicadores", "metas", plan.code];
    series.push({
      "@id": seriesId,
      "@type": "dcat:DatasetSeries",
      "dct:title": plan.name,
      "dct:description": `Seguimiento por cortes del plan ${plan.code} (${plan.name}), vigencias ${plan.years[0]}–${plan.years.at(-1)}.`,
      "dct:publisher": publisher,
      "dcat:contactPoint": contact,
      "dct:issued": literal(p.publishedAt, "dateTime"),
      "dct:modified": literal(p.updatedAt, "dateTime"),
      "dct:accrualPeriodicity": { "@id": periodicity.uri },
      "dct:spatial": { "@type": "dct:Location", "rdfs:label": settings.coverage },
      "dct:language": language,
      "dct:license": license,
      "dcat:landingPage": { "@id": p.pageUrl },
      "dcat:keyword": keywords,
      "dcat:theme": settings.category,
      "rumbo:datosGovCo": {
        frecuenciaDeActualizacion: periodicity.label,
        coberturaGeografica: settings.coverage,
        idioma: "Español",
        entidad: settings.entity,
        contacto: settings.contactEmail,
        licencia: p.snapshot.license.name,
        actoDeAdopcionDeLaLicencia: p.snapshot.license.act,
        categoria: settings.category,
        etiquetas: keywords,
      },
    });
    for (const c of p.cortes) {
      const shown = c.snapshot.corte.periodEnd.split("-").reverse().join("/");
      datasets.push({
        "@id": c.pageUrl,
        "@type": "dcat:Dataset",
        "dct:identifier": `${plan.code}/${c.snapshot.corte.periodEnd}/${c.number}`,
        "dct:title": `${plan.name}: corte al ${shown}`,
        "dct:description": `Avance de los indicadores del plan ${plan.code} con corte al ${shown} (publicación ${c.number}).`,
        "dcat:inSeries": { "@id": seriesId },
        "dct:publisher": publisher,
        "dcat:contactPoint": contact,
        "dct:issued": literal(c.publishedAt, "dateTime"),
        "dct:modified": literal(c.publishedAt, "dateTime"),
        "dct:temporal": {
          "@type": "dct:PeriodOfTime",
          "dcat:startDate": literal(`${c.snapshot.vigencia}-01-01`, "date"),
          "dcat:endDate": literal(c.snapshot.corte.periodEnd, "date"),
        },
        "dct:accrualPeriodicity": { "@id": periodicity.uri },
        "dct:spatial": { "@type": "dct:Location", "rdfs:label": settings.coverage },
        "dct:language": language,
        "dct:license": license,
        "dcat:landingPage": { "@id": c.pageUrl },
        "dcat:keyword": keywords,
        "dcat:theme": settings.category,
        "adms:versionInfo": String(c.number),
        "dcat:distribution": c.distributions.map((d) => ({
          "@id": d.url,
          "@type": "dcat:Distribution",
          "dct:title": OPEN_DATA_FILE_KINDS[d.format].title,
          "dcat:accessURL": { "@id": c.pageUrl },
          "dcat:downloadURL": { "@id": d.url },
          "dcat:mediaType": { "@id": `${IANA}${OPEN_DATA_FILE_KINDS[d.format].mediaType}` },
          "dct:format": OPEN_DATA_FILE_KINDS[d.format].formatLabel,
          "dcat:byteSize": { "@value": String(d.bytes), "@type": "xsd:nonNegativeInteger" },
          "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": { "@id": "spdx:checksumAlgorithm_sha256" },
            "spdx:checksumValue": d.sha256,
          },
          "dct:license": license,
          "dct:issued": literal(c.publishedAt, "dateTime"),
        })),
      });
    }
  }
  return {
    "@context": { ...DCAT_CONTEXT, rdfs: "http://www.w3.org/2000/01/rdf-schema#" },
    "@id": `${settings.baseUrl}/api/public/v1/catalog`,
    "@type": "dcat:Catalog",
    "dct:title": `Datos abiertos de planes estratégicos — ${settings.entity}`,
    "dct:description":
      "Planes estratégicos publicados y su seguimiento por cortes: valores aprobados, cumplimiento y semáforos, en formatos abiertos.",
    "dct:publisher": publisher,
    "dct:language": language,
    "foaf:homepage": { "@id": `${settings.baseUrl}/publico` },
    "dcat:dataset": [...series, ...datasets],
  };
}
