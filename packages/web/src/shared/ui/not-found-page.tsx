import type { ReactNode } from "react";
import { planListPath } from "../../routes.ts";
import { Link } from "../router.tsx";
import { useDocumentTitle } from "./use-document-title.ts";

/** A page that does not exist; `title` and `children` say which thing, in the user's words. */
export function NotFoundPage({
  title = "Página no encontrada",
  children,
}: {
  title?: string;
  children?: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <p>
        {children ?? (
          <>
            La dirección no corresponde a ninguna página de Rumbo.{" "}
            <Link to={planListPath}>Ver los planes estratégicos</Link>.
          </>
        )}
      </p>
    </>
  );
}
