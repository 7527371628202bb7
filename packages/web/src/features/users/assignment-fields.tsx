/**
 * One role on one scope, as an administrator writes it: a role, and either
 * all of Rumbo (global) or a plan, optionally narrowed to one objective or
 * one indicator by its code.
 */
import type { Assignment, Role, Scope } from "@rumbo/core";
import { useId } from "react";
import { SelectField, type SelectOption } from "../../shared/ui/select-field.tsx";
import { TextField } from "../../shared/ui/text-field.tsx";
import { usePlans } from "../plans/plans-api.ts";
import { ROLE_NAMES, ROLE_OPTIONS } from "../session/roles.ts";

export type ScopeKind = "global" | "plan";

export type AssignmentDraft = {
  role: Role;
  scopeKind: ScopeKind;
  /** As typed or chosen; checked when the draft becomes an assignment. */
  planId: string;
  objectiveCode: string;
  indicatorCode: string;
};

export const EMPTY_DRAFT: AssignmentDraft = {
  role: "consulta",
  scopeKind: "plan",
  planId: "",
  objectiveCode: "",
  indicatorCode: "",
};

export type DraftProblems = { planId?: string; code?: string };

export type DraftResult = { assignment: Assignment } | { problems: DraftProblems };

function scopeOf(draft: AssignmentDraft, planId: number): Scope {
  const objectiveCode = draft.objectiveCode.trim();
  const indicatorCode = draft.indicatorCode.trim();
  if (indicatorCode !== "") return { kind: "indicator", planId, indicatorCode };
  if (objectiveCode !== "") return { kind: "objective", planId, objectiveCode };
  return { kind: "plan", planId };
}

/** The assignment the draft describes, or what is missing in Spanish. */
export function assignmentFromDraft(draft: AssignmentDraft): DraftResult {
  if (draft.scopeKind === "global")
    return { assignment: { role: draft.role, scope: { kind: "global" } } };
  const problems: DraftProblems = {};
  const planId = Number(draft.planId);
  if (draft.planId.trim() === "" || !Number.isInteger(planId) || planId <= 0) {
    problems.planId = "Elija el plan.";
  }
  if (draft.objectiveCode.trim() !== "" && draft.indicatorCode.trim() !== "") {
    problems.code = "Escriba un objetivo o un indicador, no los dos.";
  }
  if (problems.planId !== undefined || problems.code !== undefined) return { problems };
  return { assignment: { role: draft.role, scope: scopeOf(draft, planId) } };
}

const ROLE_SELECT: SelectOption[] = ROLE_OPTIONS.map((role) => ({
  value: role,
  label: ROLE_NAMES[role],
}));

function PlanField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (planId: string) => void;
  error: string | undefined;
}) {
  const plans = usePlans();
  if (plans.data === undefined || plans.data.length === 0) {
    return (
      <TextField
        label="Número del plan"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onValueChange={onChange}
        error={error}
      />
    );
  }
  const options: SelectOption[] = [
    { value: "", label: "Elija un plan" },
    ...plans.data.map((plan) => ({
      value: String(plan.id),
      label: `${plan.name} (plan ${plan.id})`,
    })),
  ];
  return (
    <SelectField
      label="Plan"
      value={value}
      onValueChange={onChange}
      options={options}
      error={error}
    />
  );
}

export function AssignmentFields({
  legend,
  draft,
  onChange,
  problems,
}: {
  legend: string;
  draft: AssignmentDraft;
  onChange: (draft: AssignmentDraft) => void;
  problems: DraftProblems;
}) {
  const radioName = useId();
  const set = (patch: Partial<AssignmentDraft>) => onChange({ ...draft, ...patch });
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <SelectField
        label="Rol"
        value={draft.role}
        onValueChange={(role) => {
          const chosen = ROLE_OPTIONS.find((r) => r === role);
          if (chosen !== undefined) set({ role: chosen });
        }}
        options={ROLE_SELECT}
      />
      <fieldset className="fieldset-inner">
        <legend>Alcance</legend>
        <div className="radio">
          <input
            type="radio"
            id={`${radioName}-plan`}
            name={radioName}
            checked={draft.scopeKind === "plan"}
            onChange={() => set({ scopeKind: "plan" })}
          />
          <label htmlFor={`${radioName}-plan`}>Un plan (o un objetivo o indicador del plan)</label>
        </div>
        <div className="radio">
          <input
            type="radio"
            id={`${radioName}-global`}
            name={radioName}
            checked={draft.scopeKind === "global"}
            onChange={() => set({ scopeKind: "global" })}
          />
          <label htmlFor={`${radioName}-global`}>Global (todos los planes)</label>
        </div>
      </fieldset>
      {draft.scopeKind === "plan" && (
        <>
          <PlanField
            value={draft.planId}
            onChange={(planId) => set({ planId })}
            error={problems.planId}
          />
          <TextField
            label="Código del objetivo"
            optional
            hint="Solo ese objetivo y sus indicadores. Déjelo vacío para todo el plan."
            autoComplete="off"
            value={draft.objectiveCode}
            onValueChange={(objectiveCode) => set({ objectiveCode })}
            error={problems.code}
          />
          <TextField
            label="Código del indicador"
            optional
            hint="Solo ese indicador (por ejemplo 78)."
            autoComplete="off"
            value={draft.indicatorCode}
            onValueChange={(indicatorCode) => set({ indicatorCode })}
            error={problems.code}
          />
        </>
      )}
    </fieldset>
  );
}
