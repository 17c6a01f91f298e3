import { lazy } from "react";
import { Route, Routes } from "react-router-dom";
import { NotFoundPage } from "../shared/components/ErrorPages";
import { OversightHome } from "./OversightHome";

// The ledger page (tables, forms, drawer) loads when it is opened, not with the oversight home.
const LedgerPage = lazy(() => import("./LedgerPage").then((m) => ({ default: m.LedgerPage })));

const OversightWhoMayRead = lazy(() =>
  import("./OversightWhoMayRead").then((m) => ({ default: m.OversightWhoMayRead })),
);
const SupervisionPage = lazy(() =>
  import("./exchange/SupervisionPage").then((m) => ({ default: m.SupervisionPage })),
);
const NotificationOutboxPage = lazy(() =>
  import("./NotificationOutboxPage").then((m) => ({ default: m.NotificationOutboxPage })),
);
const StatsPage = lazy(() => import("../cockpit/StatsPage").then((m) => ({ default: m.StatsPage })));
const RatesPage = lazy(() => import("../cockpit/RatesPage").then((m) => ({ default: m.RatesPage })));
const AgreementsPage = lazy(() =>
  import("../workbench/exchange/AgreementsPage").then((m) => ({ default: m.AgreementsPage })),
);

/** /oversight/*: the auditors' home, the transparency ledger, who may read what, the exchange's supervision, the notifications' deliveries, the application statistics and the requests' three rates (read-only). */
export function OversightSection() {
  return (
    <Routes>
      <Route index element={<OversightHome />} />
      <Route path="ledger" element={<LedgerPage />} />
      <Route path="who-may-read" element={<OversightWhoMayRead />} />
      <Route path="exchange" element={<SupervisionPage />} />
      <Route path="agreements" element={<AgreementsPage section="oversight" />} />
      <Route path="notifications" element={<NotificationOutboxPage />} />
      <Route path="stats" element={<StatsPage section="oversight" />} />
      <Route path="rates" element={<RatesPage section="oversight" />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
