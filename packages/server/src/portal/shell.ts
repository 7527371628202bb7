/**
 * The GOV.CO shell of every public page (Res. 1519 de 2020, Anexo 2): the
 * GOV.CO top bar, the entity's header (logo with a text fallback), the skip
 * link, breadcrumbs, the page's dates, and the footer with the entity's
 * contact data and the links to its policies, the site map and the
 * accessibility statement. No script, no cookie, no font or style from
 * another site.
 */
import type { PortalConfig } from "../config.ts";
import { type Html, html } from "./html.ts";

export const PORTAL_PREFIX = "/publico";
export const CATALOG_URL = "/api/public/v1/catalog";

export type Crumb = { label: string; href?: string };

export type PageInput = {
  title: string;
  /** Entity named in the header when the configuration names none (the plan's entity). */
  entity?: string | null;
  crumbs: Crumb[];
  /** «Fecha de publicación» and «Última actualización», dd/mm/aaaa; null on pages of no publication. */
  dates?: { published: string; updated: string } | null;
  description?: string;
  head?: Html;
  body: Html;
};

export function page(config: PortalConfig, input: PageInput): string {
  const entity = config.entity ?? input.entity ?? "Portal de planes públicos";
  const contact = [
    config.address ? html`<li>Dirección: ${config.address}</li>` : null,
    config.phone ? html`<li>Teléfono: ${config.phone}</li>` : null,
    config.email
      ? html`<li>Correo: <a href="mailto:${config.email}">${config.email}</a></li>`
      : null,
    config.hours ? html`<li>Horario de atención: ${config.hours}</li>` : null,
  ].filter((x) => x !== null);
  return html`<!doctype html>
<html lang="es-CO">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} — ${entity}</title>
${input.description ? html`<meta name="description" content="${input.description}">` : null}
<link rel="stylesheet" href="${PORTAL_PREFIX}/estilos.css">
<link rel="alternate" type="application/ld+json" href="${CATALOG_URL}" title="Catálogo de datos abiertos (DCAT)">
${input.head ?? null}
</head>
<body>
<a class="saltar" href="#contenido">Saltar al contenido principal</a>
<div class="govco"><a href="https://www.gov.co" lang="es">GOV.CO</a></div>
<header class="entidad">
${config.logoUrl ? html`<img src="${config.logoUrl}" alt="${entity}">` : null}
<div>
<p class="nombre"><a href="${PORTAL_PREFIX}">${entity}</a></p>
<p class="sub">Planes y seguimiento publicados — Transparencia y acceso a la información pública</p>
</div>
</header>
<nav class="migas" aria-label="Ruta de navegación">
<ol>${input.crumbs.map((c, i) =>
    c.href && i < input.crumbs.length - 1
      ? html`<li><a href="${c.href}">${c.label}</a></li>`
      : html`<li aria-current="page">${c.label}</li>`,
  )}</ol>
</nav>
<main id="contenido" tabindex="-1">
<h1>${input.title}</h1>
${
  input.dates
    ? html`<ul class="fechas"><li>Fecha de publicación: <strong>${input.dates.published}</strong></li><li>Última actualización: <strong>${input.dates.updated}</strong></li></ul>`
    : null
}
${input.body}
</main>
<footer class="pie">
<div class="contenido">
<section aria-labelledby="pie-entidad">
<h2 id="pie-entidad">${entity}</h2>
${contact.length > 0 ? html`<address><ul>${contact}</ul></address>` : html`<p>Datos de contacto no configurados.</p>`}
</section>
<section aria-labelledby="pie-enlaces">
<h2 id="pie-enlaces">Enlaces</h2>
<ul>
<li><a href="${PORTAL_PREFIX}/mapa-del-sitio">Mapa del sitio</a></li>
<li><a href="${PORTAL_PREFIX}/accesibilidad">Declaración de accesibilidad</a></li>
<li><a href="${PORTAL_PREFIX}/metodologia">Metodología de cálculo</a></li>
${config.policiesUrl ? html`<li><a href="${config.policiesUrl}">Políticas de privacidad y términos de uso</a></li>` : null}
<li><a href="${CATALOG_URL}">Catálogo de datos abiertos</a></li>
</ul>
</section>
</div>
</footer>
<div class="govco-pie"><a href="https://www.gov.co">GOV.CO</a> — Portal único del Estado colombiano</div>
</body>
</html>
`.value;
}
