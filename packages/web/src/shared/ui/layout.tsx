import { type ReactNode, useCallback, useRef } from "react";
import { homePath, planListPath } from "../../routes.ts";
import { Link, usePushNavigation } from "../router.tsx";

export const MAIN_CONTENT_ID = "contenido";

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

function SiteHeader() {
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
              <li>
                <Link to={planListPath}>Planes</Link>
              </li>
            </ul>
          </nav>
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

export function Layout({ children }: { children: ReactNode }) {
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
      <SiteHeader />
      <main id={MAIN_CONTENT_ID} ref={mainRef} tabIndex={-1} className="container main">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
