import { useEffect } from "react";

const APP_NAME = "Rumbo";

/** Each page names itself in the browser tab (WCAG 2.4.2 Titled Pages). */
export function useDocumentTitle(pageTitle: string | undefined): void {
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} — ${APP_NAME}` : APP_NAME;
  }, [pageTitle]);
}
