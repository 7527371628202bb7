/** What a CLI command may touch, so tests can run commands without a process. */
export type CliIo = {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<string>;
};

/** Why a file could not be read, in the words a person at the terminal needs. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "el archivo no existe";
  if (code === "EISDIR") return "es un directorio";
  if (code === "EACCES") return "sin permiso de lectura";
  return (error as Error).message;
}

/** Reads an input file; on failure says why on stderr and gives null (the command exits 2). */
export async function readInputFile<T>(
  io: CliIo,
  file: string,
  read: (path: string) => Promise<T>,
): Promise<T | null> {
  try {
    return await read(file);
  } catch (error) {
    io.stderr(`rumbo: no se pudo leer ${file}: ${describeFsError(error)}\n`);
    return null;
  }
}

/**
 * An error no command expected: one line in Spanish, exit status 1. Database
 * errors carry SQL and parameters and a stack means nothing to a planner, so
 * the detail is printed only when RUMBO_DEBUG=1 asks for it.
 */
export function reportInternalError(
  io: Pick<CliIo, "stderr">,
  error: unknown,
  env: NodeJS.ProcessEnv,
): number {
  io.stderr(
    "rumbo: error interno: la orden no terminó por un fallo del programa o de la base de datos, no por el contenido de los archivos. Repita con RUMBO_DEBUG=1 para ver el detalle técnico.\n",
  );
  if (env.RUMBO_DEBUG === "1")
    io.stderr(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
