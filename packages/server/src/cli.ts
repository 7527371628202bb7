/**
 * The `rumbo` command line: one dispatcher, one module per command. Each
 * command module is imported only when it runs, so `rumbo --help` or
 * `rumbo compute` never load the database drivers, exceljs or argon2.
 */
import { readFile } from "node:fs/promises";
import { type CliIo, reportInternalError } from "./cli/cli-io.ts";
import { ConfigError } from "./config-error.ts";
import { DataDirLockedError } from "./db/data-dir-lock.ts";
import { decodeTextBytes } from "./files/text-bytes.ts";

const HELP = `Rumbo — formulación y seguimiento de planes estratégicos

Uso:
  rumbo plan list
      Planes guardados en la base configurada: id, código, nombre, vigencias,
      objetivos, indicadores y si está publicado.
  rumbo plan export CÓDIGO_PLAN --format xlsx|csv|json --out ARCHIVO
      Exporta un plan guardado: la matriz de formulación (.xlsx con hoja Léame,
      o .csv plano separado por ;) o el plan rumbo.plan/v1 (.json).
  rumbo plan import ARCHIVO.xlsx|.csv|.json [--dry-run]
      Crea un plan desde una matriz de formulación o un rumbo.plan/v1. Todo o
      nada: cualquier problema o error de validación lo rechaza, con cada
      problema en stderr (hoja, fila y columna), y no guarda nada. Un código de
      plan que ya existe no se sobrescribe. --dry-run valida sin guardar.
  rumbo plan import ARCHIVO --update [--dry-run] [--justification TEXTO --act ACTA
                    [--effective-from AAAA-MM-DD]]
      Actualiza el plan guardado con el código del archivo: lista los cambios y
      los guarda como edición o, en un plan en vigencia que cambia metas, totales
      o ponderaciones, como reprogramación con justificación y acta.
  rumbo plan import-seed ARCHIVO [--json] [--db]
      Importa un plan estratégico sectorial entregado como documento (texto con
      tablas separadas por tabuladores). Advertencias de calidad en stderr.
      --json  imprime el plan como rumbo.plan/v1
      --db    lo guarda en la base de datos configurada (RUMBO_DATA_DIR o DATABASE_URL)
  rumbo actuals import CÓDIGO_PLAN AVANCES.csv|.xlsx --as CORREO [--dry-run] [--submit]
      Carga masiva de reportes de avance (indicador, periodo, valor o numerador y
      denominador, y si quiere área, logros, dificultades, acciones, beneficios)
      a nombre de la cuenta CORREO, que debe poder cargar avances en el plan.
      Pasa por las mismas reglas que el formulario (corte abierto, ficha,
      estado) y queda en la historia y la auditoría con origen «cli». Todo o
      nada: si una fila tiene un problema no se guarda ninguna. --dry-run dice
      qué se crearía o actualizaría sin guardar; --submit además envía cada
      reporte a revisión.
  rumbo user add CORREO --name NOMBRE [--area ÁREA] [--role ROL [--plan CÓDIGO [--objective C | --indicator C]]]
  rumbo user reset CORREO
  rumbo user role CORREO --role ROL [--plan CÓDIGO …] [--remove]
      Cuentas: crea, da un enlace de un solo uso para fijar la contraseña, o cambia roles.
  rumbo backup --out ARCHIVO
      Copia completa de la base configurada (todas las tablas, soportes
      incluidos) en un solo instante, con suma de verificación. La base
      embebida se copia con el servidor detenido; PostgreSQL, en marcha.
  rumbo restore ARCHIVO [--replace]
      Restaura una copia en la base configurada (embebida o PostgreSQL, sin
      importar de cuál salió). Comprueba la suma y la versión del esquema antes
      de tocar nada; no escribe sobre una base con datos salvo con --replace.
  rumbo compute --plan PLAN.json [--actuals AVANCES.csv] [--as-of AAAA-MM-DD]
                [--missing zero|exclude] [--cap none]
      Calcula el cumplimiento (rumbo.result/v1 en stdout).
  rumbo explain --plan PLAN.json [--actuals AVANCES.csv] [--objective CÓDIGO | --indicator CÓDIGO]
                [--year AAAA | --period] [opciones de compute]
      Explica en español de dónde sale un número.

Estado de salida: 0 éxito, 2 entrada no válida, 1 otro error.
`;

const processIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: async (path) => decodeTextBytes(await readFile(path)),
};

export async function runCli(
  args: string[],
  io: CliIo = processIo,
  env = process.env,
): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "plan": {
        const [sub, ...planArgs] = rest;
        if (sub === "import-seed") {
          const { importSeedCommand } = await import("./cli/plan-import-seed-command.ts");
          return await importSeedCommand(planArgs, io, env);
        }
        if (sub === "list") {
          const { planListCommand } = await import("./cli/plan-list-command.ts");
          return await planListCommand(planArgs, io, env);
        }
        if (sub === "export") {
          const { planExportCommand } = await import("./cli/plan-export-command.ts");
          return await planExportCommand(planArgs, io, env);
        }
        if (sub === "import") {
          const { planImportCommand } = await import("./cli/plan-import-command.ts");
          return await planImportCommand(planArgs, io, env);
        }
        io.stderr(`rumbo: subcomando de plan desconocido «${sub ?? ""}».\n\n${HELP}`);
        return 2;
      }
      case "actuals": {
        const [sub, ...actualsArgs] = rest;
        if (sub === "import") {
          const { actualsImportCommand } = await import("./cli/actuals-import-command.ts");
          return await actualsImportCommand(actualsArgs, io, env);
        }
        io.stderr(`rumbo: subcomando de actuals desconocido «${sub ?? ""}».\n\n${HELP}`);
        return 2;
      }
      case "user": {
        const { userCommand } = await import("./cli/user-command.ts");
        return await userCommand(rest, io, env);
      }
      case "backup": {
        const { backupCommand } = await import("./cli/backup-command.ts");
        return await backupCommand(rest, io, env);
      }
      case "restore": {
        const { restoreCommand } = await import("./cli/backup-command.ts");
        return await restoreCommand(rest, io, env);
      }
      case "compute":
      case "explain": {
        const commands = await import("./cli/compute-command.ts");
        return command === "compute"
          ? await commands.computeCommand(rest, io)
          : await commands.explainCommand(rest, io);
      }
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout(HELP);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(`rumbo: comando desconocido «${command}».\n\n${HELP}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirLockedError) {
      io.stderr(`rumbo: ${error.message}\n`);
      return 1;
    }
    return reportInternalError(io, error, env);
  }
}
