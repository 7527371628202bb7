/** Test helpers: the app at a URL, with the API answered by a stubbed fetch. */
import { QueryClient } from "@tanstack/react-query";
import { cleanup, render } from "@testing-library/react";
import { vi } from "vitest";
import { App } from "../../app.tsx";

export type StubResponse = { status?: number; body: unknown } | { networkError: true };

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === "string") return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** Answers fetch by path; an unknown path gets the API's 404 error shape. */
export function stubApi(responses: Record<string, StubResponse>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL): Promise<Response> => {
    const path = new URL(urlOf(input), "http://localhost").pathname;
    const response = responses[path] ?? {
      status: 404,
      body: { error: { code: "NOT_FOUND", message: "Recurso no encontrado.", details: null } },
    };
    if ("networkError" in response) throw new TypeError("Failed to fetch");
    return new Response(JSON.stringify(response.body), {
      status: response.status ?? 200,
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
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
  window.history.replaceState(null, "", "/");
}

/** Text as a reader sees it: any run of spaces (no-break ones included) is one space. */
export function visibleText(element: Element): string {
  return (element.textContent ?? "").replace(/\s+/g, " ").trim();
}
