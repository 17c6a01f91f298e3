import { App as AntApp, ConfigProvider, Result } from "antd";
import enUS from "antd/es/locale/en_US";
import zhCN from "antd/es/locale/zh_CN";
import { lazy, type ReactNode, Suspense } from "react";
import { BrowserRouter, Navigate, Outlet, Route, Routes } from "react-router-dom";
import { AuthProvider, useAuth, useMe } from "./shared/AuthProvider";
import { NotFoundPage } from "./shared/components/ErrorPages";
import { RequireAuth, RequireRole } from "./shared/components/Guards";
import { PageLoading } from "./shared/components/PageLoading";
import { I18nProvider, useI18n } from "./shared/I18nProvider";
import { AppShell } from "./shared/layout/AppShell";
import { homeFor, SECTION_ROLES } from "./shared/roles";
import { theme } from "./shared/theme";

// Each persona's code is its own chunk, so the portal never downloads the admin screens.
const LoginPage = lazy(() => import("./account/LoginPage").then((m) => ({ default: m.LoginPage })));
const ContactPage = lazy(() => import("./account/ContactPage").then((m) => ({ default: m.ContactPage })));
const ChangePasswordPage = lazy(() =>
  import("./account/ChangePasswordPage").then((m) => ({ default: m.ChangePasswordPage })),
);
const PortalHome = lazy(() => import("./portal/PortalHome").then((m) => ({ default: m.PortalHome })));
const WorkbenchSection = lazy(() =>
  import("./workbench/WorkbenchSection").then((m) => ({ default: m.WorkbenchSection })),
);
const CockpitHome = lazy(() => import("./cockpit/CockpitHome").then((m) => ({ default: m.CockpitHome })));
const DataUsePage = lazy(() => import("./portal/DataUsePage").then((m) => ({ default: m.DataUsePage })));
const OversightSection = lazy(() =>
  import("./oversight/OversightSection").then((m) => ({ default: m.OversightSection })),
);
const RightsPage = lazy(() => import("./rights/RightsPage").then((m) => ({ default: m.RightsPage })));
const CataloguePage = lazy(() =>
  import("./catalogue/CataloguePage").then((m) => ({ default: m.CataloguePage })),
);
const PerformancePage = lazy(() =>
  import("./performance/PerformancePage").then((m) => ({ default: m.PerformancePage })),
);
const PublicRequestsPage = lazy(() =>
  import("./requests/public/PublicRequestsPage").then((m) => ({ default: m.PublicRequestsPage })),
);
const PublicRequestPage = lazy(() =>
  import("./requests/public/PublicRequestPage").then((m) => ({ default: m.PublicRequestPage })),
);
const StatsPage = lazy(() => import("./cockpit/StatsPage").then((m) => ({ default: m.StatsPage })));
const RatesPage = lazy(() => import("./cockpit/RatesPage").then((m) => ({ default: m.RatesPage })));
const RectificationsPage = lazy(() =>
  import("./workbench/rectifications/RectificationsPage").then((m) => ({ default: m.RectificationsPage })),
);
const ServicesPage = lazy(() => import("./services/ServicesPage").then((m) => ({ default: m.ServicesPage })));
const ServiceDetailPage = lazy(() =>
  import("./services/ServiceDetailPage").then((m) => ({ default: m.ServiceDetailPage })),
);
const BundleDetailPage = lazy(() =>
  import("./services/BundleDetailPage").then((m) => ({ default: m.BundleDetailPage })),
);
const VerifyFilePage = lazy(() =>
  import("./certificates/VerifyFilePage").then((m) => ({ default: m.VerifyFilePage })),
);
const VerifyCertificatePage = lazy(() =>
  import("./certificates/VerifyCertificatePage").then((m) => ({ default: m.VerifyCertificatePage })),
);
const CertificatesPage = lazy(() =>
  import("./portal/CertificatesPage").then((m) => ({ default: m.CertificatesPage })),
);
const ConsentsPage = lazy(() => import("./portal/ConsentsPage").then((m) => ({ default: m.ConsentsPage })));
const ApplyPage = lazy(() => import("./portal/apply/ApplyPage").then((m) => ({ default: m.ApplyPage })));
const MyApplicationsPage = lazy(() =>
  import("./portal/applications/MyApplicationsPage").then((m) => ({ default: m.MyApplicationsPage })),
);
const ApplicationPage = lazy(() =>
  import("./portal/applications/ApplicationPage").then((m) => ({ default: m.ApplicationPage })),
);
const AgreementsPage = lazy(() =>
  import("./workbench/exchange/AgreementsPage").then((m) => ({ default: m.AgreementsPage })),
);
const MyRequestsPage = lazy(() =>
  import("./requests/MyRequestsPage").then((m) => ({ default: m.MyRequestsPage })),
);
const FileRequestPage = lazy(() =>
  import("./requests/FileRequestPage").then((m) => ({ default: m.FileRequestPage })),
);
const RequestDetailPage = lazy(() =>
  import("./requests/RequestDetailPage").then((m) => ({ default: m.RequestDetailPage })),
);
const AdminSection = lazy(() => import("./admin/AdminSection").then((m) => ({ default: m.AdminSection })));

function LocalisedAntd({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === "en" ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** "/" sends the account to its first role's home. */
function HomeRedirect() {
  const me = useMe();
  const { t } = useI18n();
  const home = homeFor(me.roles);
  if (!home) {
    return (
      <Result
        status="info"
        title={<h1 className="result-title">{t("app.noWorkspace")}</h1>}
        subTitle={t("app.noWorkspaceHint")}
      />
    );
  }
  return <Navigate to={home} replace />;
}

/** /login, or straight home for an account that is already signed in. */
function LoginRoute() {
  const { state } = useAuth();
  if (state.status === "loading") {
    return <PageLoading />;
  }
  if (state.status === "signed-in") {
    return <Navigate to={homeFor(state.me.roles) ?? "/"} replace />;
  }
  return (
    <Suspense fallback={<PageLoading />}>
      <LoginPage />
    </Suspense>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      <Route
        path="/rights"
        element={
          <Suspense fallback={<PageLoading />}>
            <RightsPage />
          </Suspense>
        }
      />
      <Route
        path="/services"
        element={
          <Suspense fallback={<PageLoading />}>
            <ServicesPage />
          </Suspense>
        }
      />
      <Route
        path="/services/bundles/:code"
        element={
          <Suspense fallback={<PageLoading />}>
            <BundleDetailPage />
          </Suspense>
        }
      />
      <Route
        path="/services/:code"
        element={
          <Suspense fallback={<PageLoading />}>
            <ServiceDetailPage />
          </Suspense>
        }
      />
      <Route
        path="/data/catalogue"
        element={
          <Suspense fallback={<PageLoading />}>
            <CataloguePage />
          </Suspense>
        }
      />
      <Route
        path="/verify"
        element={
          <Suspense fallback={<PageLoading />}>
            <VerifyFilePage />
          </Suspense>
        }
      />
      <Route
        path="/verify/:id"
        element={
          <Suspense fallback={<PageLoading />}>
            <VerifyCertificatePage />
          </Suspense>
        }
      />
      <Route
        path="/requests/public"
        element={
          <Suspense fallback={<PageLoading />}>
            <PublicRequestsPage />
          </Suspense>
        }
      />
      <Route
        path="/requests/public/:id"
        element={
          <Suspense fallback={<PageLoading />}>
            <PublicRequestPage />
          </Suspense>
        }
      />
      <Route
        path="/performance"
        element={
          <Suspense fallback={<PageLoading />}>
            <PerformancePage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<HomeRedirect />} />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route path="account/contact" element={<ContactPage />} />
        <Route
          path="portal"
          element={
            <RequireRole roles={SECTION_ROLES.portal}>
              <Outlet />
            </RequireRole>
          }
        >
          <Route index element={<PortalHome />} />
          <Route path="data-use" element={<DataUsePage />} />
          <Route path="consents" element={<ConsentsPage />} />
          <Route path="certificates" element={<CertificatesPage />} />
          <Route path="apply/:code" element={<ApplyPage />} />
          <Route path="applications" element={<MyApplicationsPage />} />
          <Route path="applications/:id" element={<ApplicationPage />} />
          <Route path="requests" element={<MyRequestsPage />} />
          <Route path="requests/new" element={<FileRequestPage />} />
          <Route path="requests/:id" element={<RequestDetailPage section="portal" />} />
        </Route>
        <Route
          path="workbench/*"
          element={
            <RequireRole roles={SECTION_ROLES.workbench}>
              <WorkbenchSection />
            </RequireRole>
          }
        />
        <Route
          path="cockpit"
          element={
            <RequireRole roles={SECTION_ROLES.cockpit}>
              <CockpitHome />
            </RequireRole>
          }
        />
        <Route
          path="cockpit/agreements"
          element={
            <RequireRole roles={SECTION_ROLES.cockpit}>
              <AgreementsPage section="cockpit" />
            </RequireRole>
          }
        />
        <Route
          path="cockpit/stats"
          element={
            <RequireRole roles={SECTION_ROLES.cockpit}>
              <StatsPage section="cockpit" />
            </RequireRole>
          }
        />
        <Route
          path="cockpit/rates"
          element={
            <RequireRole roles={SECTION_ROLES.cockpit}>
              <RatesPage section="cockpit" />
            </RequireRole>
          }
        />
        <Route
          path="cockpit/rectifications"
          element={
            <RequireRole roles={SECTION_ROLES.cockpit}>
              <RectificationsPage section="cockpit" />
            </RequireRole>
          }
        />
        <Route
          path="oversight/*"
          element={
            <RequireRole roles={SECTION_ROLES.oversight}>
              <OversightSection />
            </RequireRole>
          }
        />
        <Route
          path="admin/*"
          element={
            <RequireRole roles={SECTION_ROLES.admin}>
              <AdminSection />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** The whole client: language, theme, session and routes. */
export function App() {
  return (
    <I18nProvider>
      <LocalisedAntd>
        <AuthProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AuthProvider>
      </LocalisedAntd>
    </I18nProvider>
  );
}
