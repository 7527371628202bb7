import { type ReactNode, useCallback, useRef } from "react";
import { homePath } from "../../routes.ts";
import { Link, usePathname, usePushNavigation } from "../router.tsx";

/**
 * A link of the main navigation; which ones show is the app's decision
 * (app.tsx). `also`: other pages that belong to this item (the indicator
 * page belongs to the Tablero).
 */
export type NavItem = { to: string; label: string; also?: readonly string[] };

export const MAIN_CONTENT_ID = "contenido";

/**
 * After a redirect that replaces the page (login, forced password change) the
 * focused button is gone: start the reader at the new content (WCAG 2.4.3).
 */
export function focusMainContent(): void {
  document.getElementById(MAIN_CONTENT_ID)?.focus();
}

/** GOV.CO top bar required on public sites (MinTIC Resolución 1519 de 2020, anexo 1). */
function GovCoBar() {
  return (
    <div className="govco-bar">
      <div className="container">
        <a className="govco-link" href="https://www.gov.co/">
          GOV.CO
        </a>
      </div>
    </div>
  );
}

function matchLength(path: string, pathname: string): number {
  return pathname === path || pathname.startsWith(`${path}/`) ? path.length : -1;
}

/**
 * The one item the page belongs to: the most specific match, so the tablero
 * (`/planes/1/tablero`) is "Tablero", not also "Planes" (`/planes`).
 */
export function currentNavItem(items: readonly NavItem[], pathname: string): NavItem | null {
  let best: NavItem | null = null;
  let bestLength = -1;
  for (const item of items) {
    const length = Math.max(
      matchLength(item.to, pathname),
      ...(item.also ?? []).map((path) => (path === pathname ? path.length : -1)),
    );
    if (length > bestLength) {
      best = item;
      bestLength = length;
    }
  }
  return best;
}

function SiteHeader({ navItems, account }: { navItems: readonly NavItem[]; account: ReactNode }) {
  const current = currentNavItem(navItems, usePathname());
  return (
    <header className="site-header">
      <GovCoBar />
      <div className="app-bar">
        <div className="container app-bar-inner">
          <Link className="brand" to={homePath}>
            Rumbo
          </Link>
          <span className="tagline">Seguimiento de planes estratégicos</span>
          <nav className="main-nav" aria-label="Principal">
            <ul>
              {navItems.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={item === current ? "page" : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {account}
        </div>
      </div>
    </header>
  );
}

function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container">
        <p>Rumbo — software libre</p>
        <p>
          Datos:{" "}
          <a href="https://creativecommons.org/licenses/by-sa/4.0/deed.es" rel="license">
            CC BY-SA 4.0
          </a>
        </p>
      </div>
    </footer>
  );
}

export function Layout({
  children,
  navItems,
  account,
}: {
  children: ReactNode;
  navItems: readonly NavItem[];
  /** Who is signed in, or the way to sign in. */
  account?: ReactNode;
}) {
  const mainRef = useRef<HTMLElement>(null);
  // After a link click the page changes without a reload: move focus to the
  // new content so keyboard and screen-reader users start there (WCAG 2.4.3).
  const focusMain = useCallback(() => mainRef.current?.focus(), []);
  usePushNavigation(focusMain);

  return (
    <>
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`}>
        Saltar al contenido principal
      </a>
      <SiteHeader navItems={navItems} account={account} />
      <main id={MAIN_CONTENT_ID} ref={mainRef} tabIndex={-1} className="container main">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
