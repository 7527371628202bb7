/**
 * The public portal's pages, rendered from published snapshots only (ADR
 * 0016): every number comes from the snapshot's stored result and is
 * formatted with core's es-CO helpers; nothing is computed here.
 */
import {
  bogotaDate,
  type CellSummary,
  type CorteOverview,
  type CorteSnapshot,
  formatNumber,
  formatRatioAsPercent,
  INDICATOR_FICHA_FIELDS,
  INFORME_ANALYSIS_LABELS,
  INFORME_STATUS_LABELS,
  type PlanSnapshot,
  type PreviousCell,
  type PublishedIndicator,
  type SemaforoColor,
  TREND_LABELS,
} from "@rumbo/core";
import type { PortalConfig } from "../config.ts";
import type { PublicationRecord } from "../publicacion/publication-store.ts";
import { type Html, html, jsonLd, trusted } from "./html.ts";
import { markdownToHtml } from "./markdown.ts";
import { type Crumb, PORTAL_PREFIX, page } from "./shell.ts";

export const OPEN_DATA_FORMATS = [
  { format: "csv", label: "CSV (UTF-8, coma, punto decimal)" },
  { format: "csv-excel", label: "CSV para Excel (punto y coma, coma decimal)" },
  { format: "xlsx", label: "Excel (XLSX)" },
  { format: "json", label: "JSON (rumbo.plan/v1, avances y resultado)" },
  { format: "datapackage", label: "datapackage.json (esquema de la tabla)" },
  { format: "zip", label: "ZIP con todos los archivos" },
] as const;

/** dd/mm/aaaa of an ISO day. */
export function day(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** dd/mm/aaaa of an instant, in Bogotá. */
export function dayOf(at: Date | string): string {
  return day(bogotaDate(typeof at === "string" ? new Date(at) : at));
}

const ICONS: Record<SemaforoColor, string> = { verde: "●", amarillo: "▲", rojo: "■" };

function semaforo(cell: { status: CellSummary["status"]; semaforo: SemaforoColor | null }): Html {
  const label = INFORME_STATUS_LABELS[cell.status];
  if (!cell.semaforo) return html`<span class="semaforo semaforo-ninguno">${label}</span>`;
  return html`<span class="semaforo semaforo-${cell.semaforo}"><span aria-hidden="true">${ICONS[cell.semaforo]} </span>${label}</span>`;
}

/** «▲ +3,20 puntos» against the previous corte's compliance. */
function change(current: number | null, previous: number | null | undefined): Html {
  if (current === null || previous === null || previous === undefined)
    return html`<span class="cambio">Sin comparación</span>`;
  const points = (current - previous) * 100;
  const shown = formatNumber(Math.abs(points), 2);
  if (shown === formatNumber(0, 2))
    return html`<span class="cambio"><span aria-hidden="true">→ </span>Sin cambio</span>`;
  return points > 0
    ? html`<span class="cambio"><span aria-hidden="true">↑ </span>Subió ${shown} puntos</span>`
    : html`<span class="cambio"><span aria-hidden="true">↓ </span>Bajó ${shown} puntos</span>`;
}

export type PortalContext = { config: PortalConfig; baseUrl: string };

function planUrl(planId: number): string {
  return `${PORTAL_PREFIX}/planes/${planId}`;
}
function corteUrl(planId: number, periodEnd: string, number?: number): string {
  return `${planUrl(planId)}/cortes/${periodEnd}${number === undefined ? "" : `?publicacion=${number}`}`;
}
function indicatorUrl(planId: number, periodEnd: string, code: string, number?: number): string {
  return `${planUrl(planId)}/cortes/${periodEnd}/indicadores/${encodeURIComponent(code)}${number === undefined ? "" : `?publicacion=${number}`}`;
}
export function openDataUrl(planId: number, periodEnd: string, format: string): string {
  return `/api/public/v1/plans/${planId}/open-data?corte=${periodEnd}&format=${format}`;
}

const HOME: Crumb = { label: "Inicio", href: PORTAL_PREFIX };

function license(l: PlanSnapshot["license"]): Html {
  return html`<p>Licencia de los datos: <a href="${l.url}" rel="license">${l.name}</a>${l.act ? html`, adoptada por ${l.act}` : null}.</p>`;
}

function dataset(
  ctx: PortalContext,
  input: {
    name: string;
    description: string;
    url: string;
    entity: string;
    license: string;
    published: string;
    modified: string;
    periodEnd?: string;
    planId: number;
  },
): Html {
  return jsonLd({
    "@context": "https://schema.org",
    "@type": "Dataset",
    name: input.name,
    description: input.description,
    url: `${ctx.baseUrl}${input.url}`,
    inLanguage: "es-CO",
    license: input.license,
    datePublished: input.published,
    dateModified: input.modified,
    isAccessibleForFree: true,
    creator: { "@type": "GovernmentOrganization", name: input.entity },
    spatialCoverage: "Colombia",
    ...(input.periodEnd
      ? {
          temporalCoverage: `${input.periodEnd.slice(0, 4)}-01-01/${input.periodEnd}`,
          distribution: OPEN_DATA_FORMATS.map((f) => ({
            "@type": "DataDownload",
            name: f.label,
            contentUrl: `${ctx.baseUrl}${openDataUrl(input.planId, input.periodEnd ?? "", f.format)}`,
            encodingFormat: f.format,
          })),
        }
      : {}),
  });
}

function openData(planId: number, periodEnd: string): Html {
  return html`<h2>Datos abiertos del corte del ${day(periodEnd)}</h2>
<ul>${OPEN_DATA_FORMATS.map((f) => html`<li><a href="${openDataUrl(planId, periodEnd, f.format)}">${f.label}</a></li>`)}</ul>`;
}

// ——— Plans list ———

export type PlanListItem = {
  id: number;
  snapshot: PlanSnapshot;
  records: readonly PublicationRecord[];
  latest: { record: PublicationRecord; overview: CorteOverview } | null;
};

function firstAndLast(records: readonly PublicationRecord[]): {
  published: string;
  updated: string;
} {
  const times = records.map((r) => r.publishedAt.getTime());
  return {
    published: dayOf(new Date(Math.min(...times))),
    updated: dayOf(new Date(Math.max(...times))),
  };
}

export function plansPage(ctx: PortalContext, items: PlanListItem[]): string {
  const all = items.flatMap((i) => i.records);
  return page(ctx.config, {
    title: "Planes publicados",
    entity: items[0]?.snapshot.plan.entity ?? null,
    crumbs: [{ label: "Inicio" }],
    dates: all.length > 0 ? firstAndLast(all) : null,
    description: "Planes estratégicos publicados y su seguimiento por cortes.",
    body: html`${
      items.length === 0
        ? html`<p>Aún no hay planes publicados.</p>`
        : html`<ul>${items.map(
            (i) => html`<li><h2><a href="${planUrl(i.id)}">${i.snapshot.plan.name}</a></h2>
<p>${i.snapshot.plan.entity ?? null}${i.snapshot.plan.entity ? " — " : null}Vigencias ${i.snapshot.plan.years[0] ?? ""}–${i.snapshot.plan.years.at(-1) ?? ""}</p>
${
  i.latest
    ? html`<p>Último corte publicado: ${day(i.latest.overview.periodEnd)} — cumplimiento de la vigencia ${formatRatioAsPercent(i.latest.overview.plan.vigencia.compliance)} ${semaforo(i.latest.overview.plan.vigencia)}</p>`
    : html`<p>Aún no tiene cortes publicados.</p>`
}</li>`,
          )}</ul>`
    }
<form method="get" action="${PORTAL_PREFIX}/buscar" class="filtros" role="search">
<label>Buscar un indicador por nombre o código<input type="search" name="q"></label>
<button type="submit">Buscar</button>
</form>`,
  });
}

// ——— Plan overview ———

function planHeadline(o: CorteOverview): Html {
  const prev = o.previous?.cells.find((c) => c.level === "plan");
  return html`<div class="cifras">
<div class="cifra"><span class="etiqueta">Cumplimiento de la vigencia ${o.vigencia}</span><span class="valor">${formatRatioAsPercent(o.plan.vigencia.compliance)}</span>${semaforo(o.plan.vigencia)}<br>${change(o.plan.vigencia.compliance, prev?.vigencia)}${o.previous ? html` frente al corte del ${day(o.previous.periodEnd)}` : null}</div>
<div class="cifra"><span class="etiqueta">Avance del cuatrienio</span><span class="valor">${formatRatioAsPercent(o.plan.cuatrienio.progress ?? o.plan.cuatrienio.compliance)}</span>Cumplimiento del cuatrienio: ${formatRatioAsPercent(o.plan.cuatrienio.compliance)}<br>${change(o.plan.cuatrienio.compliance, prev?.cuatrienio)}</div>
<div class="cifra${o.indicatorsWithoutReport > 0 ? " alerta" : ""}"><span class="etiqueta">Indicadores sin reporte</span><span class="valor">${o.indicatorsWithoutReport}</span>de ${o.indicatorCount} indicadores del plan, programados en ${o.vigencia} y sin reporte aprobado al corte.</div>
</div>`;
}

function objectivesTable(planId: number, o: CorteOverview, number?: number): Html {
  return html`<div class="tabla"><table>
<caption>Objetivos al corte del ${day(o.periodEnd)}</caption>
<thead><tr><th scope="col">Objetivo</th><th scope="col" class="num">Cumplimiento ${o.vigencia}</th><th scope="col">Semáforo</th><th scope="col">Cambio desde el corte anterior</th><th scope="col" class="num">Avance del cuatrienio</th></tr></thead>
<tbody>${o.objectives.map(
    (
      ob,
    ) => html`<tr><th scope="row"><a href="${corteUrl(planId, o.periodEnd, number)}${number === undefined ? "?" : "&"}objetivo=${encodeURIComponent(ob.code)}">${ob.code}. ${ob.name}</a></th>
<td class="num">${formatRatioAsPercent(ob.vigencia.compliance)}</td><td>${semaforo(ob.vigencia)}</td><td>${change(ob.vigencia.compliance, ob.previous?.vigencia)}</td>
<td class="num">${formatRatioAsPercent(ob.cuatrienio.progress ?? ob.cuatrienio.compliance)}</td></tr>`,
  )}</tbody></table></div>`;
}

export function planPage(
  ctx: PortalContext,
  input: {
    planId: number;
    snapshot: PlanSnapshot;
    records: readonly PublicationRecord[];
    latest: { record: PublicationRecord; snapshot: CorteSnapshot; overview: CorteOverview } | null;
  },
): string {
  const { planId, snapshot, records, latest } = input;
  const plan = snapshot.plan;
  const dates = firstAndLast(records);
  const cortes = [
    ...new Set(records.filter((r) => r.kind === "corte").map((r) => r.periodEnd ?? "")),
  ]
    .sort()
    .reverse();
  const entity = plan.entity ?? ctx.config.entity ?? "Entidad";
  return page(ctx.config, {
    title: plan.name,
    entity: plan.entity ?? null,
    crumbs: [HOME, { label: plan.name }],
    dates,
    description: `Seguimiento publicado del ${plan.name}.`,
    head: dataset(ctx, {
      name: plan.name,
      description: `Plan ${plan.code} y su seguimiento por cortes publicados.`,
      url: planUrl(planId),
      entity,
      license: snapshot.license.url,
      published:
        records
          .filter((r) => r.kind === "plan")
          .at(-1)
          ?.publishedAt.toISOString() ?? "",
      modified: new Date(Math.max(...records.map((r) => r.publishedAt.getTime()))).toISOString(),
      planId,
      ...(latest ? { periodEnd: latest.overview.periodEnd } : {}),
    }),
    body: html`${plan.entity ? html`<p>${plan.entity} — código del plan ${plan.code}, vigencias ${plan.years.join(", ")}.</p>` : null}
${
  latest
    ? html`<h2>Último corte publicado: ${day(latest.overview.periodEnd)}</h2>
${planHeadline(latest.overview)}
<p><a href="${corteUrl(planId, latest.overview.periodEnd)}">Ver el corte del ${day(latest.overview.periodEnd)} con todos sus indicadores</a></p>
${objectivesTable(planId, latest.overview)}
${openData(planId, latest.overview.periodEnd)}`
    : html`<p class="aviso">El plan está publicado; aún no tiene cortes de seguimiento publicados.</p>`
}
<h2>Cortes publicados</h2>
${
  cortes.length === 0
    ? html`<p>Ninguno todavía.</p>`
    : html`<div class="tabla"><table><thead><tr><th scope="col">Corte</th><th scope="col">Publicaciones</th></tr></thead><tbody>${cortes.map(
        (periodEnd) =>
          html`<tr><th scope="row"><a href="${corteUrl(planId, periodEnd)}">${day(periodEnd)}</a></th><td><ul>${records
            .filter((r) => r.kind === "corte" && r.periodEnd === periodEnd)
            .map(
              (r) =>
                html`<li><a href="${corteUrl(planId, periodEnd, r.number)}">Publicación ${r.number}</a> del ${dayOf(r.publishedAt)}${r.supersedes !== null ? html` (corrige la publicación ${r.supersedes})` : null}</li>`,
            )}</ul></td></tr>`,
      )}</tbody></table></div>`
}
${reprogramaciones(snapshot.reprogramaciones)}
<h2>Licencia</h2>
${license(snapshot.license)}
<p><a href="${PORTAL_PREFIX}/metodologia">Cómo se calcula el cumplimiento (metodología)</a></p>`,
  });
}

function reprogramaciones(list: PlanSnapshot["reprogramaciones"]): Html | null {
  if (list.length === 0) return null;
  return html`<h2>Historia de reprogramaciones</h2><div class="tabla"><table><thead><tr><th scope="col">Versión</th><th scope="col">Rige desde</th><th scope="col">Registrada</th><th scope="col">Justificación</th><th scope="col">Acta</th></tr></thead><tbody>${list.map(
    (r) =>
      html`<tr><td>${r.version}</td><td>${day(r.effectiveFrom)}</td><td>${day(r.recordedOn)}</td><td>${r.justification ?? "—"}</td><td>${r.act ?? "—"}</td></tr>`,
  )}</tbody></table></div>`;
}

// ——— Corte ———

export type CorteFilters = { objective: string; semaforo: string; q: string };

const SEMAFORO_FILTERS = ["verde", "amarillo", "rojo", "sin_reporte", "np", "pendiente"] as const;

function normal(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function matchesSearch(q: string, code: string, name: string): boolean {
  const needle = normal(q.trim());
  return needle === "" || normal(code).includes(needle) || normal(name).includes(needle);
}

export function cortePage(
  ctx: PortalContext,
  input: {
    planId: number;
    record: PublicationRecord;
    records: readonly PublicationRecord[];
    latestNumber: number;
    snapshot: CorteSnapshot;
    overview: CorteOverview;
    numbered: boolean;
    filters: CorteFilters;
  },
): string {
  const { planId, record, snapshot, overview, filters } = input;
  const plan = snapshot.plan;
  const periodEnd = snapshot.corte.periodEnd;
  const year = String(snapshot.vigencia);
  const number = input.numbered ? record.number : undefined;
  const objectives = plan.objectives.filter(
    (o) => filters.objective === "" || o.code === filters.objective,
  );
  const sections = objectives.map((objective) => {
    const rows = objective.indicators
      .map((indicator) => ({
        indicator,
        result: snapshot.result.indicators.find((r) => r.code === indicator.code),
      }))
      .filter(({ indicator, result }) => {
        const cell = result?.years[year];
        return (
          (filters.semaforo === "" || cell?.status === filters.semaforo) &&
          matchesSearch(filters.q, indicator.code, indicator.name)
        );
      });
    const cells = overview.objectives.find((o) => o.code === objective.code);
    return html`<section id="objetivo-${objective.code}" aria-labelledby="titulo-objetivo-${objective.code}">
<h2 id="titulo-objetivo-${objective.code}">Objetivo ${objective.code}. ${objective.name}</h2>
${cells ? html`<p>Cumplimiento ${snapshot.vigencia}: <strong>${formatRatioAsPercent(cells.vigencia.compliance)}</strong> ${semaforo(cells.vigencia)} — ${change(cells.vigencia.compliance, cells.previous?.vigencia)}; avance del cuatrienio: <strong>${formatRatioAsPercent(cells.cuatrienio.progress ?? cells.cuatrienio.compliance)}</strong>.</p>` : null}
${
  rows.length === 0
    ? html`<p>Ningún indicador de este objetivo cumple los filtros.</p>`
    : html`<div class="tabla"><table><caption>Indicadores del objetivo ${objective.code}</caption><thead><tr><th scope="col">Indicador</th><th scope="col" class="num">Meta ${year}</th><th scope="col" class="num">Avance ${year}</th><th scope="col" class="num">Cumplimiento</th><th scope="col">Semáforo</th></tr></thead><tbody>${rows.map(
        ({ indicator, result }) => {
          const cell = result?.years[year];
          return html`<tr><th scope="row"><a href="${indicatorUrl(planId, periodEnd, indicator.code, number)}">${indicator.code} — ${indicator.name}</a></th><td class="num">${formatNumber(cell?.target ?? null)}</td><td class="num">${formatNumber(cell?.actual ?? null)}</td><td class="num">${formatRatioAsPercent(cell?.compliance ?? null)}</td><td>${cell ? semaforo(cell) : "—"}</td></tr>`;
        },
      )}</tbody></table></div>`
}
</section>`;
  });
  const superseded = record.number !== input.latestNumber;
  const ofCorte = input.records.filter((r) => r.kind === "corte" && r.periodEnd === periodEnd);
  return page(ctx.config, {
    title: `Corte del ${day(periodEnd)} — ${plan.name}`,
    entity: plan.entity ?? null,
    crumbs: [
      HOME,
      { label: plan.name, href: planUrl(planId) },
      { label: `Corte del ${day(periodEnd)}` },
    ],
    dates: {
      published: dayOf(record.publishedAt),
      updated: dayOf(ofCorte[0]?.publishedAt ?? record.publishedAt),
    },
    description: `Seguimiento del ${plan.name} al ${day(periodEnd)}.`,
    head: dataset(ctx, {
      name: `${plan.name} — corte del ${day(periodEnd)}`,
      description: `Avances aprobados y cumplimiento del plan ${plan.code} al ${day(periodEnd)}.`,
      url: corteUrl(planId, periodEnd),
      entity: plan.entity ?? ctx.config.entity ?? "Entidad",
      license: snapshot.license.url,
      published: record.publishedAt.toISOString(),
      modified: record.publishedAt.toISOString(),
      periodEnd,
      planId,
    }),
    body: html`<p>Publicación ${record.number} del corte; corte cerrado el ${day(snapshot.corte.closedOn)}.${
      superseded
        ? html` <strong>Esta publicación fue reemplazada:</strong> <a href="${corteUrl(planId, periodEnd)}">ver la publicación vigente (${input.latestNumber})</a>.`
        : null
    }</p>
${planHeadline(overview)}
<form method="get" action="${corteUrl(planId, periodEnd)}" class="filtros" role="search" aria-label="Filtrar indicadores">
${number !== undefined ? html`<input type="hidden" name="publicacion" value="${number}">` : null}
<label>Objetivo<select name="objetivo"><option value="">Todos</option>${plan.objectives.map(
      (o) =>
        html`<option value="${o.code}"${o.code === filters.objective ? trusted(" selected") : null}>${o.code}. ${o.name}</option>`,
    )}</select></label>
<label>Semáforo ${snapshot.vigencia}<select name="semaforo"><option value="">Todos</option>${SEMAFORO_FILTERS.map(
      (s) =>
        html`<option value="${s}"${s === filters.semaforo ? trusted(" selected") : null}>${INFORME_STATUS_LABELS[s]}</option>`,
    )}</select></label>
<label>Nombre o código<input type="search" name="q" value="${filters.q}"></label>
<button type="submit">Filtrar</button>
</form>
${sections}
${openData(planId, periodEnd)}
${license(snapshot.license)}`,
  });
}

// ——— Indicator ———

function fichaRows(ind: PublishedIndicator["indicator"]): Html[] {
  const values = ind as unknown as Record<string, unknown>;
  return INDICATOR_FICHA_FIELDS.flatMap((field) => {
    const value = values[field.key];
    if (value === undefined || value === null || value === "") return [];
    const labels = "options" in field ? (field.options.labels as Record<string, string>) : null;
    const shown = labels?.[String(value)] ?? String(value);
    return [html`<dt>${field.label}</dt><dd>${shown}</dd>`];
  });
}

function previousText(prev: PreviousCell | null, current: number | null): Html | null {
  return prev
    ? html`<p>Cambio desde el corte anterior: ${change(current, prev.vigencia)}.</p>`
    : null;
}

export function indicatorPage(
  ctx: PortalContext,
  input: {
    planId: number;
    record: PublicationRecord;
    latestNumber: number;
    snapshot: CorteSnapshot;
    indicator: PublishedIndicator;
    numbered: boolean;
  },
): string {
  const { planId, record, snapshot, indicator: pi } = input;
  const ind = pi.indicator;
  const plan = snapshot.plan;
  const periodEnd = snapshot.corte.periodEnd;
  const year = String(snapshot.vigencia);
  const cell = pi.result.years[year];
  const number = input.numbered ? record.number : undefined;
  return page(ctx.config, {
    title: `Indicador ${ind.code}: ${ind.name}`,
    entity: plan.entity ?? null,
    crumbs: [
      HOME,
      { label: plan.name, href: planUrl(planId) },
      { label: `Corte del ${day(periodEnd)}`, href: corteUrl(planId, periodEnd, number) },
      { label: `Indicador ${ind.code}` },
    ],
    dates: { published: dayOf(record.publishedAt), updated: dayOf(record.publishedAt) },
    body: html`<p>Objetivo <a href="${corteUrl(planId, periodEnd, number)}${number === undefined ? "?" : "&"}objetivo=${encodeURIComponent(pi.objective.code)}">${pi.objective.code}. ${pi.objective.name}</a> — corte del ${day(periodEnd)}, publicación ${record.number}.</p>
<div class="cifras">
<div class="cifra"><span class="etiqueta">Cumplimiento ${year}</span><span class="valor">${formatRatioAsPercent(cell?.compliance ?? null)}</span>${cell ? semaforo(cell) : null}</div>
<div class="cifra"><span class="etiqueta">Avance ${year}</span><span class="valor">${formatNumber(cell?.actual ?? null)}</span>Meta ${year}: ${formatNumber(cell?.target ?? null)}</div>
<div class="cifra"><span class="etiqueta">Cumplimiento del cuatrienio</span><span class="valor">${formatRatioAsPercent(pi.result.period.compliance)}</span>${semaforo(pi.result.period)}</div>
</div>
${previousText(pi.previous, cell?.compliance ?? null)}
<h2>Ficha técnica</h2>
<dl class="ficha">
<dt>Código</dt><dd>${ind.code}</dd>
<dt>Nombre</dt><dd>${ind.name}</dd>
${ind.goal ? html`<dt>Texto de la meta</dt><dd>${ind.goal}</dd>` : null}
<dt>Tendencia</dt><dd>${TREND_LABELS[ind.trend]}</dd>
${ind.unit ? html`<dt>Unidad de medida</dt><dd>${ind.unit}</dd>` : null}
<dt>Línea base</dt><dd>${ind.baseline === undefined || ind.baseline === null ? "Sin línea base" : formatNumber(ind.baseline)}${ind.baselineYear ? ` (${ind.baselineYear})` : null}</dd>
<dt>Meta del cuatrienio</dt><dd>${ind.total === undefined || ind.total === null ? "—" : formatNumber(ind.total)}</dd>
${fichaRows(ind)}
</dl>
<h2>Programación y avance por vigencia</h2>
<div class="tabla"><table><thead><tr><th scope="col">Vigencia</th><th scope="col" class="num">Meta</th><th scope="col" class="num">Avance</th><th scope="col" class="num">Cumplimiento</th><th scope="col">Semáforo</th></tr></thead><tbody>${plan.years.map(
      (y) => {
        const c = pi.result.years[String(y)];
        return html`<tr><th scope="row">${y}</th><td class="num">${formatNumber(ind.targets[String(y)] ?? null)}</td><td class="num">${formatNumber(c?.actual ?? null)}</td><td class="num">${formatRatioAsPercent(c?.compliance ?? null)}</td><td>${c ? semaforo(c) : "—"}</td></tr>`;
      },
    )}</tbody></table></div>
<h2>Avances reportados y aprobados</h2>
${
  pi.reports.length === 0
    ? html`<p>Sin avances aprobados hasta este corte.</p>`
    : pi.reports.map(
        (r) => html`<section class="reporte" aria-label="Avance del periodo ${r.period}">
<h3>Periodo ${r.period}${r.area ? html` — ${r.area}` : null}: ${formatNumber(r.value)}</h3>
<p>Aprobado el ${day(r.approvedOn)}.${r.numerator !== null && r.denominator !== null ? html` Numerador ${formatNumber(r.numerator)}, denominador ${formatNumber(r.denominator)}.` : null}</p>
<dl class="ficha">${(
          Object.keys(INFORME_ANALYSIS_LABELS) as (keyof typeof INFORME_ANALYSIS_LABELS)[]
        ).map((k) =>
          r.analysis[k]
            ? html`<dt>${INFORME_ANALYSIS_LABELS[k]}</dt><dd>${r.analysis[k]}</dd>`
            : null,
        )}</dl>
${
  r.evidence.length > 0
    ? html`<p>Soportes:</p><ul>${r.evidence.map((e) =>
        e.kind === "link"
          ? /^https?:\/\//.test(e.url)
            ? html`<li><a href="${e.url}">${e.title || e.url}</a></li>`
            : html`<li>${e.title} (${e.url})</li>`
          : html`<li><a href="${PORTAL_PREFIX}/soportes/${e.sha256}" download>${e.fileName}</a> (${formatNumber(e.size / 1024, 1)} KB, SHA-256 <code>${e.sha256.slice(0, 12)}…</code>)</li>`,
      )}</ul>`
    : null
}
</section>`,
      )
}
<h2>¿Cómo se calculó?</h2>
<h3>Vigencia ${year}</h3>
<pre>${pi.explanations.vigencia.lines.join("\n")}</pre>
<h3>Cuatrienio</h3>
<pre>${pi.explanations.cuatrienio.lines.join("\n")}</pre>
<p><a href="${PORTAL_PREFIX}/metodologia">Metodología de cálculo completa</a></p>
${license(snapshot.license)}`,
  });
}

// ——— Search, static pages, 404 ———

export type SearchHit = {
  planId: number;
  planName: string;
  periodEnd: string;
  code: string;
  name: string;
  objective: string;
};

export function searchPage(ctx: PortalContext, q: string, hits: SearchHit[]): string {
  return page(ctx.config, {
    title: "Buscar indicadores",
    crumbs: [HOME, { label: "Buscar" }],
    body: html`<form method="get" action="${PORTAL_PREFIX}/buscar" class="filtros" role="search">
<label>Nombre o código del indicador<input type="search" name="q" value="${q}"></label>
<button type="submit">Buscar</button>
</form>
${
  q.trim() === ""
    ? html`<p>Escriba parte del nombre o el código de un indicador.</p>`
    : hits.length === 0
      ? html`<p>Ningún indicador publicado coincide con «${q}».</p>`
      : html`<p>${hits.length} ${hits.length === 1 ? "indicador coincide" : "indicadores coinciden"} con «${q}» (último corte publicado de cada plan):</p>
<ul>${hits.map(
          (h) =>
            html`<li><a href="${indicatorUrl(h.planId, h.periodEnd, h.code)}">${h.code} — ${h.name}</a> (${h.planName}, objetivo ${h.objective}, corte del ${day(h.periodEnd)})</li>`,
        )}</ul>`
}`,
  });
}

export function methodologyPage(ctx: PortalContext, markdown: string | null): string {
  const body = markdown
    ? trusted(markdownToHtml(markdown.replace(/^# .*\n/, ""), 0))
    : html`<p>La metodología no está disponible en esta instalación.</p>`;
  return page(ctx.config, {
    title: "Metodología de cálculo del cumplimiento",
    crumbs: [HOME, { label: "Metodología" }],
    body,
  });
}

export function siteMapPage(
  ctx: PortalContext,
  plans: { id: number; name: string; cortes: string[] }[],
): string {
  return page(ctx.config, {
    title: "Mapa del sitio",
    crumbs: [HOME, { label: "Mapa del sitio" }],
    body: html`<ul>
<li><a href="${PORTAL_PREFIX}">Planes publicados</a><ul>${plans.map(
      (p) =>
        html`<li><a href="${planUrl(p.id)}">${p.name}</a>${
          p.cortes.length > 0
            ? html`<ul>${p.cortes.map((c) => html`<li><a href="${corteUrl(p.id, c)}">Corte del ${day(c)}</a></li>`)}</ul>`
            : null
        }</li>`,
    )}</ul></li>
<li><a href="${PORTAL_PREFIX}/buscar">Buscar indicadores</a></li>
<li><a href="${PORTAL_PREFIX}/metodologia">Metodología de cálculo</a></li>
<li><a href="${PORTAL_PREFIX}/accesibilidad">Declaración de accesibilidad</a></li>
<li><a href="/api/public/v1/catalog">Catálogo de datos abiertos (JSON-LD)</a></li>
<li><a href="/api/docs">API pública (documentación)</a></li>
</ul>`,
  });
}

export function accessibilityPage(ctx: PortalContext): string {
  return page(ctx.config, {
    title: "Declaración de accesibilidad",
    crumbs: [HOME, { label: "Accesibilidad" }],
    body: html`<p>Este portal busca cumplir las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.1 nivel AA, con 2.2 AA como meta, como pide la Resolución 1519 de 2020 del MinTIC (Anexo 1) y la NTC 5854.</p>
<h2>Qué se hizo</h2>
<ul>
<li>Las páginas se generan en el servidor y funcionan completas sin JavaScript; no usan cookies.</li>
<li>El semáforo se muestra con color, forma y texto; los colores cumplen el contraste mínimo.</li>
<li>El contenido se adapta a pantallas de 320 píxeles y a un aumento del texto al 200 %.</li>
<li>Hay enlace para saltar al contenido principal, ruta de navegación e idioma declarado (es-CO).</li>
<li>Las tablas tienen encabezados de fila y columna; cada número se escribe con coma decimal.</li>
<li>Cada página se revisa con herramientas automáticas (axe) en cada cambio del software.</li>
</ul>
<h2>Limitaciones conocidas</h2>
<p>Los soportes en PDF u otros formatos que cargan las dependencias pueden no ser accesibles.</p>
<h2>Contacto</h2>
<p>Si encuentra una barrera de acceso, escriba a la entidad con los datos del pie de página.</p>`,
  });
}

export function notFoundPage(ctx: PortalContext, message: string): string {
  return page(ctx.config, {
    title: "Página no encontrada",
    crumbs: [HOME, { label: "No encontrada" }],
    body: html`<p>${message}</p><p><a href="${PORTAL_PREFIX}">Ver los planes publicados</a> o el <a href="${PORTAL_PREFIX}/mapa-del-sitio">mapa del sitio</a>.</p>`,
  });
}
