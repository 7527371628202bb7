/**
 * A core endpoint contract as Fastify route options: the policy action in
 * `config`, and a schema with the operationId, params, query, body and every
 * answer — the success bodies and, for each status of its error codes, the one
 * error shape. Route files declare no schema of their own; validation, the
 * handler's types and the OpenAPI document all come from the contract.
 */
import { API_ERROR_STATUS, apiErrorSchema, type Endpoint } from "@rumbo/core";
import type { ResourceResolver } from "./access-control.ts";

type Part<E, K extends "params" | "querystring" | "body"> = E extends { readonly [P in K]: infer S }
  ? S
  : undefined;

export type ContractRouteOptions<E extends Endpoint> = {
  config: { action: E["action"]; resource?: ResourceResolver };
  schema: {
    operationId: string;
    tags: string[];
    summary: string;
    params: Part<E, "params">;
    querystring: Part<E, "querystring">;
    body: Part<E, "body">;
    response: E["responses"];
  };
};

/** `resource`: how the policy finds what the action is on (default: the system). */
export function contractRoute<const E extends Endpoint>(
  endpoint: E,
  resource?: ResourceResolver,
): ContractRouteOptions<E> {
  const errorResponses = Object.fromEntries(
    endpoint.errorCodes.map((code) => [API_ERROR_STATUS[code], apiErrorSchema]),
  );
  const schema = {
    operationId: endpoint.operationId,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    ...(endpoint.params ? { params: endpoint.params } : {}),
    ...(endpoint.querystring ? { querystring: endpoint.querystring } : {}),
    ...(endpoint.body ? { body: endpoint.body } : {}),
    response: { ...errorResponses, ...endpoint.responses },
  };
  // The handler's type sees the success bodies it returns (errors are thrown as
  // ApiError and leave through the error handler in the error shape), and no
  // params, query or body where the contract has none.
  return {
    config: resource ? { action: endpoint.action, resource } : { action: endpoint.action },
    schema: schema as unknown as ContractRouteOptions<E>["schema"],
  };
}
