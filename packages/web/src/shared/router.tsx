/**
 * A tiny history router: the server answers index.html for every non-/api
 * path, so real paths (/planes/1) work on reload and can be shared.
 */
import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useSyncExternalStore } from "react";

const NAVIGATE_EVENT = "rumbo:navigate";

type NavigateDetail = { replace: boolean };

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function currentPathname(): string {
  return window.location.pathname;
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, currentPathname, () => "/");
}

function currentSearch(): string {
  return window.location.search;
}

/** The query string (`?volver=%2Fcuentas`), re-rendering when a navigation changes it. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, currentSearch, () => "");
}

/** Path and query of the current page, to come back to it later (after logging in). */
export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const replace = options.replace ?? false;
  if (replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new CustomEvent<NavigateDetail>(NAVIGATE_EVENT, { detail: { replace } }));
}

/** Runs `onNavigate` after each push navigation (a Link click), not after redirects or back/forward. */
export function usePushNavigation(onNavigate: () => void): void {
  useEffect(() => {
    function listener(event: Event): void {
      if (event instanceof CustomEvent && (event.detail as NavigateDetail).replace) return;
      onNavigate();
    }
    window.addEventListener(NAVIGATE_EVENT, listener);
    return () => window.removeEventListener(NAVIGATE_EVENT, listener);
  }, [onNavigate]);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string };

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey;
}

/** An ordinary link (opens in a new tab, can be copied) that navigates without reloading. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={to}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || !isPlainLeftClick(event) || rest.target) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
