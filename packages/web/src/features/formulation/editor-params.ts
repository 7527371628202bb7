/** Query parameters of the editor page (`/planes/:id/editar?…`). */
import { editPlanPath } from "../../routes.ts";

/** The field to open at: a JSON path of the plan (links of the validation report). */
export const FIELD_PARAM = "campo";
/** Opens the whole editor ready to reprogram (plans in force). */
export const REPROGRAM_PARAM = "reprogramar";
/** Set right after creating the plan, to say so. */
export const CREATED_PARAM = "creado";

export function editFieldPath(planId: number, path: string): string {
  const base = editPlanPath(planId);
  return path === "" ? base : `${base}?${new URLSearchParams({ [FIELD_PARAM]: path })}`;
}

export function reprogramPath(planId: number): string {
  return `${editPlanPath(planId)}?${REPROGRAM_PARAM}=1`;
}

export function createdPlanPath(planId: number): string {
  return `${editPlanPath(planId)}?${CREATED_PARAM}=1`;
}

export type EditorParams = { field: string | null; reprogram: boolean; created: boolean };

export function editorParamsOf(search: string): EditorParams {
  const params = new URLSearchParams(search);
  return {
    field: params.get(FIELD_PARAM),
    reprogram: params.get(REPROGRAM_PARAM) === "1",
    created: params.get(CREATED_PARAM) === "1",
  };
}
