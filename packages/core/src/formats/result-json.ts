/**
 * Writes a `rumbo.result/v1` (formats.md §4) as indented JSON in chunks, so a
 * 100,000-indicator result never becomes one 200 MB string. The text is the
 * same as `JSON.stringify(result, null, 2)`.
 */
import type { ComplianceResult, IndicatorResult, ObjectiveResult } from "../compliance/types.ts";

/** A result built item by item while it is written (the engine's streaming path). */
export type ResultSource = Pick<ComplianceResult, "format" | "asOf" | "plan"> & {
  objectiveCount: number;
  objective(index: number): ObjectiveResult;
  indicatorCount: number;
  indicator(index: number): IndicatorResult;
};

function indented(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2);
  return depth === 0 ? text : text.replaceAll("\n", `\n${" ".repeat(depth * 2)}`);
}

function writeList(
  write: (chunk: string) => void,
  key: string,
  count: number,
  item: (index: number) => unknown,
  last: boolean,
) {
  const end = last ? "" : ",";
  if (count === 0) {
    write(`  "${key}": []${end}\n`);
    return;
  }
  write(`  "${key}": [\n`);
  let chunk = "";
  for (let index = 0; index < count; index++) {
    chunk += `    ${indented(item(index), 2)}${index < count - 1 ? "," : ""}\n`;
    // Flush about every 64 KB: few calls, bounded memory.
    if (chunk.length > 65_536) {
      write(chunk);
      chunk = "";
    }
  }
  write(`${chunk}  ]${end}\n`);
}

function asSource(result: ComplianceResult): ResultSource {
  return {
    format: result.format,
    asOf: result.asOf,
    plan: result.plan,
    objectiveCount: result.objectives.length,
    objective: (index) => result.objectives[index] as ObjectiveResult,
    indicatorCount: result.indicators.length,
    indicator: (index) => result.indicators[index] as IndicatorResult,
  };
}

export function writeResultJson(
  result: ComplianceResult | ResultSource,
  write: (chunk: string) => void,
): void {
  const source = "objectives" in result ? asSource(result) : result;
  write("{\n");
  write(`  "format": ${JSON.stringify(source.format)},\n`);
  write(`  "asOf": ${JSON.stringify(source.asOf)},\n`);
  write(`  "plan": ${indented(source.plan, 1)},\n`);
  writeList(write, "objectives", source.objectiveCount, source.objective, false);
  writeList(write, "indicators", source.indicatorCount, source.indicator, true);
  write("}\n");
}
