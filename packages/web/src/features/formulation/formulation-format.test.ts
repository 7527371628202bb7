import { describe, expect, it } from "vitest";
import { formatLongDate, isCalendarDate } from "./formulation-format.ts";

describe("fechas de calendario", () => {
  it("escribe la fecha en palabras, como en es-CO, sin correrse de día por la zona horaria", () => {
    expect(formatLongDate("2025-06-30")).toBe("30 de junio de 2025");
    expect(formatLongDate("2025-01-01")).toBe("1 de enero de 2025");
    expect(formatLongDate("ayer")).toBe("ayer");
  });

  it("solo acepta días que existen, en el formato AAAA-MM-DD", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-06-31")).toBe(false);
    expect(isCalendarDate("30/06/2025")).toBe(false);
    expect(isCalendarDate("")).toBe(false);
  });
});
