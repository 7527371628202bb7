/**
 * The calendar day in Bogotá (UTC−5, no daylight saving) of an instant, as
 * "AAAA-MM-DD": the day a plan version rules from when none is given, and
 * "today" when the pages tell which version is in force. The instant is a
 * parameter: core never reads the clock.
 */
export function bogotaDate(at: Date): string {
  return new Date(at.getTime() - 5 * 3_600_000).toISOString().slice(0, 10);
}
