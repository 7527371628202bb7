import { describe, expect, it } from "vitest";
import { bogotaDate } from "./bogota-date.ts";

describe("el día en Bogotá de un instante", () => {
  it("a las 04:59 UTC todavía es el día anterior; a las 05:00 UTC empieza el siguiente", () => {
    expect(bogotaDate(new Date("2026-03-02T04:59:59.999Z"))).toBe("2026-03-01");
    expect(bogotaDate(new Date("2026-03-02T05:00:00.000Z"))).toBe("2026-03-02");
  });

  it("el 31 de diciembre a las 23:00 en Bogotá sigue en el año que termina", () => {
    expect(bogotaDate(new Date("2025-01-01T04:00:00Z"))).toBe("2024-12-31");
  });
});
