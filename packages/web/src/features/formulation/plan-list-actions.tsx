/** On the plan list, for people who may create plans: "Nuevo plan" and "Importar plan". */
import { newPlanPath } from "../../routes.ts";
import { Link } from "../../shared/router.tsx";
import { useSignedInUser } from "../session/session-api.ts";
import { canCreatePlans } from "./can-create-plans.ts";
import { ImportPlan } from "./import-plan.tsx";

export function PlanListActions() {
  const user = useSignedInUser();
  if (user === null || !canCreatePlans(user.assignments)) return null;
  return (
    <div className="plan-list-actions">
      <p>
        <Link className="button" to={newPlanPath}>
          Nuevo plan
        </Link>
      </p>
      <ImportPlan />
    </div>
  );
}
