import { describe, expect, it } from "vitest";
import { html, jsonLd } from "./html.ts";
import { markdownToHtml } from "./markdown.ts";

describe("HTML del portal: todo texto se escapa", () => {
  it("un nombre de indicador con marcas llega como texto, también dentro de atributos y listas", () => {
    const name = `<script>alert("x")</script> & 'más'`;
    expect(html`<p title="${name}">${[name, html`<b>${name}</b>`]}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;más&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;más&#39;<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;más&#39;</b></p>',
    );
  });

  it("el JSON-LD no puede cerrar su elemento script", () => {
    expect(jsonLd({ name: "</script><script>x()</script>" }).value).toBe(
      '<script type="application/ld+json">{"name":"\\u003c/script\\u003e\\u003cscript\\u003ex()\\u003c/script\\u003e"}</script>',
    );
  });

  it("el Markdown de la metodología: títulos, listas, tablas, código y énfasis, sin HTML crudo ni enlaces javascript:", () => {
    const md = [
      "## 2. Avance <b>anual</b>",
      "",
      "Texto con **negrita**, *cursiva*, `código <x>` y A\\* literal.",
      "",
      "- uno",
      "- [dos](javascript:alert)",
      "",
      "| Corte | Valor |",
      "| --- | ---: |",
      "| 2024 | 0,5 |",
      "",
      "```",
      "a < b",
      "```",
    ].join("\n");
    expect(markdownToHtml(md, 0)).toBe(
      [
        "<h2>2. Avance &lt;b&gt;anual&lt;/b&gt;</h2>",
        "<p>Texto con <strong>negrita</strong>, <em>cursiva</em>, <code>código &lt;x&gt;</code> y A* literal.</p>",
        "<ul><li>uno</li><li>dos</li></ul>",
        '<div class="tabla"><table><thead><tr><th scope="col">Corte</th><th scope="col">Valor</th></tr></thead><tbody><tr><td>2024</td><td>0,5</td></tr></tbody></table></div>',
        "<pre><code>a &lt; b</code></pre>",
      ].join("\n"),
    );
  });
});
