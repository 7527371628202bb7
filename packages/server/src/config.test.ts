import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, EMPTY_PORTAL_CONFIG, loadConfig } from "./config.ts";

describe("configuración por variables de entorno", () => {
  it("sin variables usa los valores por omisión del README", () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: "127.0.0.1",
      dataDir: resolve("./data"),
      databaseUrl: null,
      logLevel: "info",
      demo: true,
      publicUrl: null,
      trustProxy: false,
      metricsToken: null,
      openData: {
        entity: null,
        contactEmail: null,
        coverage: "Colombia",
        category: "Función pública",
      },
      portal: EMPTY_PORTAL_CONFIG,
    });
  });

  it("lee PORT, HOST, RUMBO_DATA_DIR, DATABASE_URL, LOG_LEVEL y los datos de la entidad para el catálogo", () => {
    expect(
      loadConfig({
        PORT: "8080",
        HOST: "0.0.0.0",
        RUMBO_DATA_DIR: "/var/lib/rumbo",
        DATABASE_URL: "postgres://rumbo@db:5432/rumbo",
        LOG_LEVEL: "warn",
        RUMBO_DEMO: "false",
        RUMBO_PUBLIC_URL: "https://rumbo.entidad.gov.co",
        RUMBO_TRUST_PROXY: "true",
        RUMBO_METRICS_TOKEN: "prometheus-de-la-oficina-tic",
        RUMBO_DATOS_ENTIDAD: "Secretaría General de la Alcaldía Mayor de Bogotá",
        RUMBO_DATOS_CONTACTO: "datosabiertos@entidad.gov.co",
        RUMBO_DATOS_COBERTURA: "Bogotá D.C.",
        RUMBO_DATOS_CATEGORIA: "Planeación",
        RUMBO_PORTAL_ENTITY: "Secretaría General de la Alcaldía Mayor de Bogotá",
        RUMBO_PORTAL_EMAIL: "contactenos@entidad.gov.co",
      }),
    ).toEqual({
      port: 8080,
      host: "0.0.0.0",
      dataDir: "/var/lib/rumbo",
      databaseUrl: "postgres://rumbo@db:5432/rumbo",
      logLevel: "warn",
      demo: false,
      publicUrl: "https://rumbo.entidad.gov.co",
      trustProxy: true,
      metricsToken: "prometheus-de-la-oficina-tic",
      openData: {
        entity: "Secretaría General de la Alcaldía Mayor de Bogotá",
        contactEmail: "datosabiertos@entidad.gov.co",
        coverage: "Bogotá D.C.",
        category: "Planeación",
      },
      portal: {
        ...EMPTY_PORTAL_CONFIG,
        entity: "Secretaría General de la Alcaldía Mayor de Bogotá",
        email: "contactenos@entidad.gov.co",
      },
    });
  });

  it("el catálogo de datos abiertos toma la entidad y el correo del portal si no tiene los suyos", () => {
    const config = loadConfig({
      RUMBO_PORTAL_ENTITY: "Secretaría General",
      RUMBO_PORTAL_EMAIL: "contactenos@entidad.gov.co",
    });
    expect(config.openData).toMatchObject({
      entity: "Secretaría General",
      contactEmail: "contactenos@entidad.gov.co",
    });
  });

  it("un token de métricas corto o con espacios se rechaza nombrando la variable", () => {
    expect(() => loadConfig({ RUMBO_METRICS_TOKEN: "corto" })).toThrow(
      'RUMBO_METRICS_TOKEN="corto": debe tener al menos 16 caracteres',
    );
    expect(() => loadConfig({ RUMBO_METRICS_TOKEN: "token con espacios largo" })).toThrow(
      "solo caracteres visibles, sin espacios",
    );
  });

  it("una variable vacía cuenta como no definida", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "" }).port).toBe(3000);
  });

  it("reporta todos los valores no válidos nombrando cada variable", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "tres mil", DATABASE_URL: "mysql://x", LOG_LEVEL: "verbose" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT="tres mil": debe ser un número de puerto',
      'DATABASE_URL="mysql://x": debe empezar por postgres:// o postgresql://',
      'LOG_LEVEL="verbose": debe ser uno de: fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it("un puerto fuera de rango se rechaza", () => {
    expect(() => loadConfig({ PORT: "70000" })).toThrow('PORT="70000": debe estar entre 0 y 65535');
  });
});
