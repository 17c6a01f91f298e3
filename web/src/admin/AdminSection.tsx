import { Navigate, Route, Routes } from "react-router-dom";
import { useMe } from "../shared/AuthProvider";
import { ForbiddenPage, NotFoundPage } from "../shared/components/ErrorPages";
import { RequireRole } from "../shared/components/Guards";
import { ADMIN_PAGE_ROLES, adminPagesFor } from "../shared/roles";
import { AccountsPage } from "./AccountsPage";
import { DepartmentsPage } from "./DepartmentsPage";
import { DivisionsPage } from "./DivisionsPage";
import { NotificationChannelsPage } from "./notifications/NotificationChannelsPage";

/** /admin/*: divisions, departments, accounts and notification channels, each for the roles allowed to see it. */
export function AdminSection() {
  const me = useMe();
  const first = adminPagesFor(me.roles)[0];
  return (
    <Routes>
      <Route index element={first ? <Navigate to={first} replace /> : <ForbiddenPage />} />
      <Route
        path="divisions"
        element={
          <RequireRole roles={ADMIN_PAGE_ROLES.divisions}>
            <DivisionsPage />
          </RequireRole>
        }
      />
      <Route
        path="departments"
        element={
          <RequireRole roles={ADMIN_PAGE_ROLES.departments}>
            <DepartmentsPage />
          </RequireRole>
        }
      />
      <Route
        path="accounts"
        element={
          <RequireRole roles={ADMIN_PAGE_ROLES.accounts}>
            <AccountsPage />
          </RequireRole>
        }
      />
      <Route
        path="notifications"
        element={
          <RequireRole roles={ADMIN_PAGE_ROLES.notifications}>
            <NotificationChannelsPage />
          </RequireRole>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
