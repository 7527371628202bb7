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

/**
 * The text `JSON.stringify(..., null, 2)` gives `value` as the member `key`
 * of the top-level object, without the braces around it: `"key": …`. Native
 * indentation at the right depth, with no pass over the text to re-indent it.
 */
function member(key: string, value: unknown): string {
  const text = JSON.stringify({ [key]: value }, null, 2);
  return text.slice(2, -2);
}

// Items stringified per call: fewer calls than one per item, bounded memory
// (a few MB of text at a time).
const BATCH = 512;

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
  for (let start = 0; start < count; start += BATCH) {
    const batch: unknown[] = [];
    for (let index = start; index < Math.min(count, start + BATCH); index++) {
      batch.push(item(index));
    }
    // `{"k": [a, b]}` indented: the items sit between `[\n` and `\n  ]`,
    // already four spaces in and separated by `,\n`, as in the whole result.
    const text = JSON.stringify({ [key]: batch }, null, 2);
    const items = text.slice(text.indexOf("[") + 2, text.lastIndexOf("]") - 3);
    write(`${items}${start + BATCH < count ? "," : ""}\n`);
  }
  write(`  ]${end}\n`);
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
  write(`${member("plan", source.plan)},\n`);
  writeList(write, "objectives", source.objectiveCount, source.objective, false);
  writeList(write, "indicators", source.indicatorCount, source.indicator, true);
  write("}\n");
}
