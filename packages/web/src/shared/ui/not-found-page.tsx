import { planListPath } from "../../routes.ts";
import { Link } from "../router.tsx";
import { useDocumentTitle } from "./use-document-title.ts";

export function NotFoundPage() {
  useDocumentTitle("Página no encontrada");
  return (
    <>
      <h1>Página no encontrada</h1>
      <p>
        La dirección no corresponde a ninguna página de Rumbo.{" "}
        <Link to={planListPath}>Ver los planes estratégicos</Link>.
      </p>
    </>
  );
}
