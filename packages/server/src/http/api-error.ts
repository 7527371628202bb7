import type { ApiErrorCode } from "@rumbo/core";

/**
 * An error the API answers with its own status and stable code (style.md: one
 * error shape); the code is one of core's catalogue (api/errors.ts).
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type { ApiErrorBody as ErrorBody } from "@rumbo/core";
