/**
 * How Rumbo launches Debian's chromium (ADR 0001): Playwright's own browser
 * downloads are not available here, and without the background-networking
 * flags chromium keeps calling hosts this machine cannot reach.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};
