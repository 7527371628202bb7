/** Test helpers: the app at a URL, with the API answered by a stubbed fetch. */
import { QueryClient } from "@tanstack/react-query";
import { cleanup, render } from "@testing-library/react";
import { vi } from "vitest";
import { App } from "../../app.tsx";
import { setCsrfToken } from "../api/api-client.ts";

export type StubResponse = { status?: number; body: unknown } | { networkError: true };

/** What a stubbed call received, for answers that depend on it and for assertions. */
export type StubRequest = {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  /** The JSON body, parsed; undefined without one. */
  body: unknown;
};

/** A fixed answer, or one computed per call (a login that changes the next session answer). */
export type StubAnswer = StubResponse | ((request: StubRequest) => StubResponse);

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === "string") return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

function parseBody(body: BodyInit | null | undefined): unknown {
  if (typeof body !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed;
  } catch {
    return body;
  }
}

function requestOf(input: RequestInfo | URL, init: RequestInit | undefined): StubRequest {
  const url = new URL(urlOf(input), "http://localhost");
  return {
    method: (init?.method ?? "GET").toUpperCase(),
    path: url.pathname,
    search: url.search,
    headers: new Headers(init?.headers),
    body: parseBody(init?.body),
  };
}

const ANONYMOUS_SESSION: StubResponse = { body: { authenticated: false } };

/**
 * Answers fetch by "METHOD /path" first, then by "/path" (any method); an
 * unknown path gets the API's 404 error shape. Without an entry for it,
 * `/api/auth/session` answers an anonymous visitor.
 */
export function stubApi(responses: Record<string, StubAnswer>) {
  const fetchMock = vi.fn(
    async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = requestOf(input, init);
      const answer =
        responses[`${request.method} ${request.path}`] ??
        responses[request.path] ??
        (request.path === "/api/auth/session" ? ANONYMOUS_SESSION : undefined);
      const response: StubResponse = (typeof answer === "function" ? answer(request) : answer) ?? {
        status: 404,
        body: { error: { code: "NOT_FOUND", message: "Recurso no encontrado.", details: null } },
      };
      if ("networkError" in response) throw new TypeError("Failed to fetch");
      return new Response(JSON.stringify(response.body), {
        status: response.status ?? 200,
        headers: { "Content-Type": "application/json" },
      });
    },
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

/** Every call the stub received, in order, as StubRequests. */
export function stubCalls(fetchMock: ReturnType<typeof stubApi>): StubRequest[] {
  return fetchMock.mock.calls.map(([input, init]) => requestOf(input, init));
}

/** An API error answer in the server's shape. */
export function apiError(
  status: number,
  code: string,
  message: string,
  details: unknown = null,
): StubResponse {
  return { status, body: { error: { code, message, details } } };
}

export function renderApp(path: string) {
  window.history.replaceState(null, "", path);
  // No retries: an error must show at once in tests.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<App queryClient={queryClient} />);
}

export function resetApp(): void {
  cleanup();
  vi.unstubAllGlobals();
  setCsrfToken(null);
  window.history.replaceState(null, "", "/");
}

/** Text as a reader sees it: any run of spaces (no-break ones included) is one space. */
export function visibleText(element: Element): string {
  return (element.textContent ?? "").replace(/\s+/g, " ").trim();
}
