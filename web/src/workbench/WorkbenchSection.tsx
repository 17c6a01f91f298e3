import { lazy } from "react";
import { Route, Routes } from "react-router-dom";
import { NotFoundPage } from "../shared/components/ErrorPages";
import { RequireRole } from "../shared/components/Guards";
import { WorkbenchHome } from "./WorkbenchHome";

// The review screens load when opened, not with the workbench home.
const ReviewQueuePage = lazy(() =>
  import("./rights/ReviewQueuePage").then((m) => ({ default: m.ReviewQueuePage })),
);
const DeptRightsPage = lazy(() =>
  import("./rights/DeptRightsPage").then((m) => ({ default: m.DeptRightsPage })),
);
const WorkbenchWhoMayRead = lazy(() =>
  import("./rights/WorkbenchWhoMayRead").then((m) => ({ default: m.WorkbenchWhoMayRead })),
);
const ReviewProposalPage = lazy(() =>
  import("./rights/ReviewProposalPage").then((m) => ({ default: m.ReviewProposalPage })),
);
const RectificationsPage = lazy(() =>
  import("./rectifications/RectificationsPage").then((m) => ({ default: m.RectificationsPage })),
);
const AgreementsPage = lazy(() =>
  import("./exchange/AgreementsPage").then((m) => ({ default: m.AgreementsPage })),
);
const QueuePage = lazy(() => import("./applications/QueuePage").then((m) => ({ default: m.QueuePage })));
const TaskReviewPage = lazy(() =>
  import("./applications/TaskReviewPage").then((m) => ({ default: m.TaskReviewPage })),
);

const AssistPage = lazy(() => import("./assist/AssistPage").then((m) => ({ default: m.AssistPage })));
const ApplyPage = lazy(() => import("../portal/apply/ApplyPage").then((m) => ({ default: m.ApplyPage })));

const RequestQueuePage = lazy(() => import("../requests/QueuePage").then((m) => ({ default: m.QueuePage })));
const RequestDetailPage = lazy(() =>
  import("../requests/RequestDetailPage").then((m) => ({ default: m.RequestDetailPage })),
);
const HotlinePage = lazy(() => import("../requests/HotlinePage").then((m) => ({ default: m.HotlinePage })));

/** /workbench/*: the staff home, a department admin's rights list, the legal reviewers' queue, the sharing agreements, the officers' application queue and the 帮办员's assisted applying. */
export function WorkbenchSection() {
  return (
    <Routes>
      <Route index element={<WorkbenchHome />} />
      <Route
        path="rights-review"
        element={
          <RequireRole roles={["legal_reviewer"]}>
            <ReviewQueuePage />
          </RequireRole>
        }
      />
      <Route
        path="rights-review/:id"
        element={
          <RequireRole roles={["legal_reviewer"]}>
            <ReviewProposalPage />
          </RequireRole>
        }
      />
      <Route
        path="rights"
        element={
          <RequireRole roles={["dept_admin"]}>
            <DeptRightsPage />
          </RequireRole>
        }
      />
      <Route
        path="who-may-read"
        element={
          <RequireRole roles={["dept_admin", "legal_reviewer"]}>
            <WorkbenchWhoMayRead />
          </RequireRole>
        }
      />
      <Route
        path="agreements"
        element={
          <RequireRole roles={["officer", "dept_admin"]}>
            <AgreementsPage section="workbench" />
          </RequireRole>
        }
      />
      <Route
        path="queue"
        element={
          <RequireRole roles={["officer"]}>
            <QueuePage />
          </RequireRole>
        }
      />
      <Route
        path="applications/:id"
        element={
          <RequireRole roles={["officer"]}>
            <TaskReviewPage />
          </RequireRole>
        }
      />
      <Route
        path="rectifications"
        element={
          <RequireRole roles={["officer", "dept_admin"]}>
            <RectificationsPage section="workbench" />
          </RequireRole>
        }
      />
      <Route
        path="requests"
        element={
          <RequireRole roles={["officer", "dept_admin", "leader", "auditor"]}>
            <RequestQueuePage />
          </RequireRole>
        }
      />
      <Route
        path="requests/:id"
        element={
          <RequireRole roles={["officer", "dept_admin", "leader", "auditor"]}>
            <RequestDetailPage section="workbench" />
          </RequireRole>
        }
      />
      <Route
        path="hotline"
        element={
          <RequireRole roles={["officer"]}>
            <HotlinePage />
          </RequireRole>
        }
      />
      <Route
        path="assist"
        element={
          <RequireRole roles={["helper"]}>
            <AssistPage />
          </RequireRole>
        }
      />
      <Route
        path="assist/apply/:code"
        element={
          <RequireRole roles={["helper"]}>
            <ApplyPage assisted />
          </RequireRole>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
