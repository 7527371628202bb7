import { assertUnreachable } from "@rumbo/core";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { AuditPage } from "./features/audit/audit-page.tsx";
import { EditPlanPage } from "./features/formulation/edit-plan-page.tsx";
import { IndicatorEditPage } from "./features/formulation/indicator-edit-page.tsx";
import { NewPlanPage } from "./features/formulation/new-plan-page.tsx";
import { PlanVersionsPage } from "./features/formulation/plan-versions-page.tsx";
import { ReprogramPage } from "./features/formulation/reprogram-page.tsx";
import { PlanListPage } from "./features/plans/plan-list-page.tsx";
import { PlanPage } from "./features/plans/plan-page.tsx";
import { CortesPage } from "./features/seguimiento/cortes-page.tsx";
import { MyReportsPage } from "./features/seguimiento/my-reports-page.tsx";
import { ReportFormPage } from "./features/seguimiento/report-form-page.tsx";
import { ReportHistoryPage } from "./features/seguimiento/report-history-page.tsx";
import { ReviewQueuePage } from "./features/seguimiento/review-queue-page.tsx";
import { AccountPage } from "./features/session/account-page.tsx";
import { ChangePasswordPage } from "./features/session/change-password-page.tsx";
import { LoginPage } from "./features/session/login-page.tsx";
import { ResetPasswordPage } from "./features/session/reset-password-page.tsx";
import { isGlobalAdministrator, reportingPlanOf } from "./features/session/roles.ts";
import { useSignedInUser } from "./features/session/session-api.ts";
import { SessionMenu } from "./features/session/session-menu.tsx";
import { useSessionSync } from "./features/session/use-session-sync.ts";
import { DashboardPage } from "./features/tablero/dashboard-page.tsx";
import { IndicatorPage } from "./features/tablero/indicator-page.tsx";
import { InformeDiffPage } from "./features/tablero/informe-diff-page.tsx";
import { ObjectivePage } from "./features/tablero/objective-page.tsx";
import { UsersPage } from "./features/users/users-page.tsx";
import {
  auditPath,
  changePasswordPath,
  dashboardPath,
  indicatorPath,
  matchRoute,
  mySeguimientoPath,
  planListPath,
  RETURN_PARAM,
  type Route,
  usersPath,
} from "./routes.ts";
import { createQueryClient } from "./shared/api/query-client.ts";
import { currentPath, navigate, usePathname } from "./shared/router.tsx";
import { Layout, type NavItem } from "./shared/ui/layout.tsx";
import { NotFoundPage } from "./shared/ui/not-found-page.tsx";
import { LoadingState } from "./shared/ui/query-state.tsx";

function PageFor({ route }: { route: Route }) {
  switch (route.name) {
    case "home":
      return <PlanListPage openSinglePlan />;
    case "plan-list":
      return <PlanListPage />;
    case "plan":
      // key: a new plan starts from a fresh page state.
      return <PlanPage key={route.planId} planId={route.planId} />;
    case "plan-new":
      return <NewPlanPage />;
    case "plan-edit":
      return <EditPlanPage key={route.planId} planId={route.planId} />;
    case "plan-versions":
      return <PlanVersionsPage key={route.planId} planId={route.planId} />;
    case "plan-reprogram":
      return <ReprogramPage key={route.planId} planId={route.planId} />;
    case "indicator-edit":
      return (
        <IndicatorEditPage
          key={`${route.planId}/${route.indicatorCode}`}
          planId={route.planId}
          indicatorCode={route.indicatorCode}
        />
      );
    case "my-reports":
      return <MyReportsPage key={route.planId} planId={route.planId} />;
    case "review-queue":
      return <ReviewQueuePage key={route.planId} planId={route.planId} />;
    case "cortes":
      return <CortesPage key={route.planId} planId={route.planId} />;
    case "report":
      return (
        <ReportFormPage
          key={`${route.planId}/${route.indicatorCode}/${route.period}`}
          planId={route.planId}
          indicatorCode={route.indicatorCode}
          period={route.period}
        />
      );
    case "report-history":
      return (
        <ReportHistoryPage
          key={`${route.planId}/${route.indicatorCode}/${route.period}`}
          planId={route.planId}
          indicatorCode={route.indicatorCode}
          period={route.period}
        />
      );
    case "plan-dashboard":
      return <DashboardPage key={route.planId} planId={route.planId} />;
    case "informe-diff":
      return (
        <InformeDiffPage
          key={`${route.planId}/${route.corteId}`}
          planId={route.planId}
          corteId={route.corteId}
        />
      );
    case "dashboard-objective":
      return (
        <ObjectivePage
          key={`${route.planId}/${route.objectiveCode}`}
          planId={route.planId}
          objectiveCode={route.objectiveCode}
        />
      );
    case "indicator":
      return (
        <IndicatorPage
          key={`${route.planId}/${route.indicatorCode}`}
          planId={route.planId}
          indicatorCode={route.indicatorCode}
        />
      );
    case "login":
      return <LoginPage />;
    case "account":
      return <AccountPage />;
    case "change-password":
      return <ChangePasswordPage />;
    case "reset-password":
      return <ResetPasswordPage />;
    case "users":
      return <UsersPage />;
    case "audit":
      return <AuditPage />;
    case "not-found":
      return <NotFoundPage />;
    default:
      return assertUnreachable(route);
  }
}

/**
 * With a one-time password the server refuses everything but the session and
 * the password change (403 PASSWORD_CHANGE_REQUIRED), so the person goes
 * straight to that page, and back to where they were going afterwards.
 */
function CurrentPage() {
  const route = matchRoute(usePathname());
  const user = useSignedInUser();
  const mustChange = user?.mustChangePassword === true && route.name !== "change-password";

  useEffect(() => {
    if (!mustChange) return;
    const back = new URLSearchParams({ [RETURN_PARAM]: currentPath() });
    navigate(`${changePasswordPath}?${back}`, { replace: true });
  }, [mustChange]);

  if (mustChange) return <LoadingState message="Debe cambiar su contraseña antes de continuar…" />;
  return <PageFor route={route} />;
}

/**
 * Cuentas and Auditoría are offered to global administrators only, Mis
 * indicadores to responsables of a plan; the server enforces it anyway.
 */
function useNavItems(): NavItem[] {
  const user = useSignedInUser();
  const items: NavItem[] = [{ to: planListPath, label: "Planes" }];
  const reportingPlan =
    user === null || user.mustChangePassword ? null : reportingPlanOf(user.assignments);
  if (reportingPlan !== null) {
    items.push({ to: mySeguimientoPath(reportingPlan), label: "Mis indicadores" });
  }
  // Inside a plan, its tablero is one click away.
  const route = matchRoute(usePathname());
  if ("planId" in route)
    items.push({
      to: dashboardPath(route.planId),
      label: "Tablero",
      // The indicator page is reached from the tablero and shows its numbers.
      also: route.name === "indicator" ? [indicatorPath(route.planId, route.indicatorCode)] : [],
    });
  if (user !== null && !user.mustChangePassword && isGlobalAdministrator(user.assignments)) {
    items.push({ to: usersPath, label: "Cuentas" }, { to: auditPath, label: "Auditoría" });
  }
  return items;
}

function Shell() {
  useSessionSync();
  return (
    <Layout navItems={useNavItems()} account={<SessionMenu />}>
      <CurrentPage />
    </Layout>
  );
}

/** `queryClient` is for tests (no retries); the app creates its own. */
export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <Shell />
    </QueryClientProvider>
  );
}
