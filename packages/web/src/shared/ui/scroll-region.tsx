import type { ReactNode } from "react";
import "./scroll-region.css";

type ScrollRegionProps = {
  /** Id of the caption or heading that names the region (usually the table's caption). */
  labelledBy: string;
  children: ReactNode;
  /**
   * Keeps the first column (the code or name of each row) in view while the
   * rest scrolls sideways; off for tables whose first column is not what
   * identifies the row.
   */
  stickyFirstColumn?: boolean;
  className?: string;
};

/**
 * A wide table scrolls inside this region instead of the page scrolling
 * sideways on a phone. The region is named and focusable so keyboard users can
 * scroll it (WCAG 2.1.1, axe "scrollable-region-focusable"). A named <section>
 * has the ARIA role "region".
 */
export function ScrollRegion({
  labelledBy,
  children,
  stickyFirstColumn = true,
  className,
}: ScrollRegionProps) {
  const classes = ["scroll-region", stickyFirstColumn ? "scroll-region-sticky" : null, className]
    .filter(Boolean)
    .join(" ");
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll container must take focus to scroll by keyboard.
    <section className={classes} aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </section>
  );
}
