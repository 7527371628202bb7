import { describe, expect, it } from "vitest";
import { parseAsOf, parseCap, parseMissing } from "./options.ts";
import { formatPeriod, parsePeriod } from "./period.ts";

describe("opciones de cálculo", () => {
  it("--as-of acepta fechas reales AAAA-MM-DD", () => {
    expect(parseAsOf("2024-02-29", "--as-of")).toEqual({ ok: true, value: "2024-02-29" });
    expect(parseAsOf(undefined, "--as-of")).toEqual({ ok: true, value: null });
    for (const bad of ["2025-02-29", "2024-13-01", "2024-6-30", "30/06/2024", ""]) {
      expect(parseAsOf(bad, "--as-of")).toEqual({
        ok: false,
        problem: {
          source: "--as-of",
          message: `fecha de corte inválida "${bad}" (se espera AAAA-MM-DD, una fecha real)`,
        },
      });
    }
  });

  it("el mensaje nombra la opción como la escribió el usuario: asOf en la API, --as-of en la consola", () => {
    expect(parseAsOf("ayer", "asOf")).toEqual({
      ok: false,
      problem: {
        source: "asOf",
        message: 'fecha de corte inválida "ayer" (se espera AAAA-MM-DD, una fecha real)',
      },
    });
    const missing = parseMissing("todo", "missing");
    expect(missing.ok ? null : missing.problem.source).toBe("missing");
  });

  it("--missing zero|exclude, zero por defecto", () => {
    expect(parseMissing(undefined, "--missing")).toEqual({ ok: true, value: "zero" });
    expect(parseMissing("exclude", "--missing")).toEqual({ ok: true, value: "exclude" });
    expect(parseMissing("cero", "--missing")).toEqual({
      ok: false,
      problem: {
        source: "--missing",
        message: 'valor desconocido "cero" (se espera zero o exclude)',
      },
    });
  });

  it("--cap none quita el tope; un decimal positivo lo cambia; 1 por defecto", () => {
    expect(parseCap(undefined, "--cap")).toEqual({ ok: true, value: 1 });
    expect(parseCap("none", "--cap")).toEqual({ ok: true, value: null });
    expect(parseCap("1.25", "--cap")).toEqual({ ok: true, value: 1.25 });
    for (const bad of ["0", "-1", "1,25", "ninguno", "1e2"])
      expect(parseCap(bad, "--cap").ok).toBe(false);
  });

  it("periodos: año, trimestre y mes", () => {
    expect(parsePeriod("2024")).toEqual({ year: 2024, kind: "year", index: 0 });
    expect(parsePeriod("2024-q3")).toEqual({ year: 2024, kind: "quarter", index: 3 });
    expect(parsePeriod("2024-09")).toEqual({ year: 2024, kind: "month", index: 9 });
    for (const bad of ["2024-Q0", "2024-00", "2024-13", "24", "2024-T1", "2024-9"])
      expect(parsePeriod(bad)).toBeNull();
    expect(formatPeriod({ year: 2024, kind: "month", index: 3 })).toBe("2024-03");
  });
});
