/**
 * A configuration value that stops the start, naming the variable. Its own
 * module, without zod, so the CLI can recognise it without loading the
 * configuration schema (`rumbo --help` stays fast).
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuración no válida:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}
