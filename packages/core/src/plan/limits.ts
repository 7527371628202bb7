/**
 * Bounds of a plan that every reader and editor shares, so the matriz, the
 * API and the browser refuse the same plans.
 */

/**
 * The most vigencias a plan may span: planes de desarrollo run four years and
 * sector plans ten or twelve; a mistyped «Vigencia hasta» (20207) must not ask
 * for thousands of columns.
 */
export const MAX_VIGENCIAS = 50;
