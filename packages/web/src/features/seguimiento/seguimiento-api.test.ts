import { describe, expect, it } from "vitest";
import { ApiError } from "../../shared/api/api-client.ts";
import { placeProblems, reportIfMatch } from "./seguimiento-api.ts";

describe("los problemas de un reporte rechazado, junto a su campo", () => {
  it("un valor, un texto del análisis y una explicación caen en su campo del formulario", () => {
    const error = new ApiError(422, "REPORT_INVALID", "El reporte no se puede guardar.", [
      { field: "value", message: "El valor «doce» no es un número." },
      { field: "analysis.difficulties", message: "El texto contiene un carácter nulo." },
      { field: "explanations.sobreejecucion", message: "Explique la sobre-ejecución." },
      { field: "period", message: "El periodo no es de la frecuencia del indicador." },
    ]);
    expect(placeProblems(error)).toEqual({
      byField: {
        value: "El valor «doce» no es un número.",
        difficulties: "El texto contiene un carácter nulo.",
        sobreejecucion: "Explique la sobre-ejecución.",
      },
      general: ["El periodo no es de la frecuencia del indicador."],
    });
  });

  it("WARNINGS_UNEXPLAINED con las advertencias pendientes ({ code, message }) las pone junto a cada una", () => {
    const error = new ApiError(422, "WARNINGS_UNEXPLAINED", "Explique las advertencias.", [
      { code: "semaforo", message: "El semáforo del periodo sería rojo.", explained: false },
      { code: "atipico", message: "El valor se aleja de la historia.", explained: false },
    ]);
    expect(placeProblems(error).byField).toEqual({
      semaforo: "El semáforo del periodo sería rojo.",
      atipico: "El valor se aleja de la historia.",
    });
  });

  it("la primera escritura va sin If-Match; las siguientes nombran la versión r<n>", () => {
    expect(reportIfMatch(0)).toEqual({});
    expect(reportIfMatch(7)).toEqual({ "If-Match": '"r7"' });
  });
});
