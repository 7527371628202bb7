import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { PlanListPage } from "./features/plans/plan-list-page.tsx";
import { PlanPage } from "./features/plans/plan-page.tsx";
import { matchRoute } from "./routes.ts";
import { createQueryClient } from "./shared/api/query-client.ts";
import { assertUnreachable } from "./shared/assert-unreachable.ts";
import { usePathname } from "./shared/router.tsx";
import { Layout } from "./shared/ui/layout.tsx";
import { NotFoundPage } from "./shared/ui/not-found-page.tsx";

function CurrentPage() {
  const route = matchRoute(usePathname());
  switch (route.name) {
    case "home":
      return <PlanListPage openSinglePlan />;
    case "plan-list":
      return <PlanListPage />;
    case "plan":
      // key: a new plan starts from a fresh page state.
      return <PlanPage key={route.planId} planId={route.planId} />;
    case "not-found":
      return <NotFoundPage />;
    default:
      return assertUnreachable(route);
  }
}

/** `queryClient` is for tests (no retries); the app creates its own. */
export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <Layout>
        <CurrentPage />
      </Layout>
    </QueryClientProvider>
  );
}
