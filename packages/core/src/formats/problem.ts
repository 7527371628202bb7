/**
 * One problem found in an input: a plan file, an actuals file or a
 * command-line option. Readers return every problem, never a partial result
 * (formats.md §4, "Every problem is reported, not only the first").
 */
export type Problem = {
  /** File name as the user gave it, or the option (`--as-of`) the problem is about. */
  source: string;
  /** JSON path inside a plan file, e.g. `objectives[2].indicators[0].trend`. */
  path?: string;
  /** The same place in the planner's words: "Objetivo 3, indicador 4200, campo «tendencia»". */
  place?: string;
  /** Line number in a CSV file; the header is line 1 (formats.md §2). */
  line?: number;
  message: string;
};

/** One line per problem, naming the file and the row or JSON path (formats.md §4). */
export function formatProblem(problem: Problem): string {
  if (problem.line !== undefined) {
    return `${problem.source}: línea ${problem.line}: ${problem.message}`;
  }
  if (problem.path !== undefined && problem.path !== "") {
    return `${problem.source}: ${problem.path}: ${problem.message}`;
  }
  return `${problem.source}: ${problem.message}`;
}

/**
 * A problem as people read it in the web and the API: the place in their
 * words, never a JSON path; the file name is left to the caller.
 */
export function describeProblem(problem: Problem): string {
  if (problem.line !== undefined) return `Línea ${problem.line}: ${problem.message}`;
  if (problem.place === undefined || problem.place === "") return capitalise(problem.message);
  return `${capitalise(problem.place)}: ${problem.message}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
