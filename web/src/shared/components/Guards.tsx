import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useAuth } from "../AuthProvider";
import type { Role } from "../api-types";
import { hasAnyRole } from "../roles";
import { ForbiddenPage } from "./ErrorPages";
import { PageLoading } from "./PageLoading";
import { ProblemAlert } from "./ProblemAlert";

/** Renders its children for a signed-in account; otherwise redirects to /login?next=…. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, refresh } = useAuth();
  const location = useLocation();
  switch (state.status) {
    case "loading":
      return <PageLoading />;
    case "error":
      return (
        <main className="standalone-error">
          <ProblemAlert error={state.error} onRetry={() => void refresh()} />
        </main>
      );
    case "signed-out": {
      const next = `${location.pathname}${location.search}`;
      // After "sign out" start afresh; after an expired session come back to where the user was.
      const target =
        state.deliberately || next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
      return <Navigate to={target} replace />;
    }
    case "signed-in":
      return <>{children}</>;
  }
}

/** Renders its children when the account has one of the roles; otherwise the 403 page. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { state } = useAuth();
  if (state.status !== "signed-in" || !hasAnyRole(state.me.roles, roles)) {
    return <ForbiddenPage />;
  }
  return <>{children}</>;
}
