import { ROLES } from "@rumbo/core";
import { z } from "zod";

export const scopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("global") }),
  z.object({ kind: z.literal("plan"), planId: z.number().int().positive() }),
  z.object({
    kind: z.literal("objective"),
    planId: z.number().int().positive(),
    objectiveCode: z.string().min(1),
  }),
  z.object({
    kind: z.literal("indicator"),
    planId: z.number().int().positive(),
    indicatorCode: z.string().min(1),
  }),
]);

export const assignmentSchema = z.object({
  role: z.enum(ROLES, { error: `rol desconocido; use uno de: ${ROLES.join(", ")}` }),
  scope: scopeSchema,
});

export const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  area: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  hasPassword: z.boolean(),
  locked: z.boolean(),
  assignments: z.array(assignmentSchema),
});
