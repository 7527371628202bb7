/**
 * The portal's own style sheet (served at /publico/estilos.css): GOV.CO
 * tokens (Res. 1519 de 2020, Anexo 2) with system fonts — nothing is loaded
 * from another site. Semáforo fills pass WCAG AA contrast: verde and rojo
 * carry white text, amarillo only dark text. Reflows at 320 px; print styles.
 */
export const PORTAL_CSS = `
:root{--govco:#3366cc;--govco-oscuro:#004884;--texto:#4b4b4b;--fondo:#f6f8f9;--borde:#d0d7de;
--verde:#0b6e3a;--amarillo:#f2c200;--rojo:#b3261e;--gris:#5c6670;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--texto);line-height:1.5}
*{box-sizing:border-box}
body{margin:0;background:#fff;overflow-wrap:anywhere}
a{color:var(--govco-oscuro)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.saltar{position:absolute;left:-9999px;top:0;background:#fff;color:var(--govco-oscuro);padding:.5rem 1rem;z-index:10}
.saltar:focus{left:.5rem}
.govco{background:var(--govco);color:#fff;padding:.4rem 1rem}
.govco a{color:#fff;font-weight:700;text-decoration:none;letter-spacing:.02em}
.govco a:hover{text-decoration:underline}
.entidad{border-bottom:4px solid var(--govco);padding:1rem;display:flex;flex-wrap:wrap;align-items:center;gap:1rem}
.entidad img{max-height:56px;max-width:100%;height:auto}
.entidad .nombre{font-size:1.25rem;font-weight:700;color:var(--govco-oscuro);margin:0}
.entidad .sub{margin:0;font-size:.95rem}
.migas{padding:.5rem 1rem;font-size:.95rem}
.migas ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
.migas li+li::before{content:"›";padding-right:.25rem}
main{padding:1rem;max-width:72rem;margin:0 auto}
h1{color:var(--govco-oscuro);font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}
h2{color:var(--govco-oscuro);font-size:1.35rem;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}
.fechas{font-size:.95rem;margin:0 0 1rem;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem}
.cifras{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem;margin:1rem 0}
.cifra{border:1px solid var(--borde);border-radius:6px;padding:1rem;background:var(--fondo)}
.cifra .valor{font-size:2rem;font-weight:700;color:#1f2933;display:block}
.cifra .etiqueta{display:block;font-weight:600}
.cifra.alerta{border:2px solid var(--rojo);background:#fff}
.semaforo{display:inline-block;padding:.1rem .5rem;border-radius:4px;font-weight:700;white-space:nowrap}
.semaforo-verde{background:var(--verde);color:#fff}
.semaforo-rojo{background:var(--rojo);color:#fff}
.semaforo-amarillo{background:var(--amarillo);color:#1f2933}
.semaforo-ninguno{background:#e4e7eb;color:#1f2933}
.cambio{white-space:nowrap}
.tabla{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;overflow-wrap:break-word}
th,td{border:1px solid var(--borde);padding:.4rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--fondo);color:#1f2933}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
dl.ficha{display:grid;grid-template-columns:minmax(8rem,16rem) 1fr;gap:.25rem 1rem;margin:0 0 1rem}
dl.ficha dt{font-weight:700}
dl.ficha dd{margin:0}
pre{background:var(--fondo);padding:.75rem;overflow-x:auto;white-space:pre-wrap}
form.filtros{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;margin:1rem 0;padding:1rem;background:var(--fondo);border-radius:6px}
form.filtros label{display:flex;flex-direction:column;font-weight:600;gap:.25rem;min-width:0;max-width:100%}
form.filtros select{width:100%;text-overflow:ellipsis}
input,select,button{font:inherit;padding:.4rem .5rem;border:1px solid var(--gris);border-radius:4px;max-width:100%}
button{background:var(--govco-oscuro);color:#fff;border-color:var(--govco-oscuro);cursor:pointer}
.aviso{border-left:4px solid var(--govco);background:var(--fondo);padding:.75rem 1rem;margin:1rem 0}
footer.pie{margin-top:3rem;background:var(--govco-oscuro);color:#fff;padding:1.5rem 1rem}
footer.pie a{color:#fff}
footer.pie .contenido{max-width:72rem;margin:0 auto;display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem}
footer.pie h2{color:#fff;font-size:1.1rem;margin:0 0 .5rem}
footer.pie ul{list-style:none;padding:0;margin:0}
footer.pie address{font-style:normal}
.govco-pie{background:var(--govco);color:#fff;padding:.5rem 1rem;text-align:center}
.govco-pie a{color:#fff;font-weight:700}
@media (max-width:40rem){dl.ficha{grid-template-columns:1fr}h1{font-size:1.45rem}.cifra .valor{font-size:1.6rem}}
@media print{.govco,.saltar,form.filtros,footer.pie,.govco-pie,.migas{display:none}
body{color:#000}a{color:#000;text-decoration:underline}main{max-width:none;padding:0}
.cifra,.semaforo{border:1px solid #000}table{page-break-inside:auto}tr{page-break-inside:avoid}
h1,h2,h3{page-break-after:avoid}.tabla{overflow:visible}}
`;
