import { lazy } from "react";
import { Route, Routes } from "react-router-dom";
import { NotFoundPage } from "../shared/components/ErrorPages";
import { OversightHome } from "./OversightHome";

// The ledger page (tables, forms, drawer) loads when it is opened, not with the oversight home.
const LedgerPage = lazy(() => import("./LedgerPage").then((m) => ({ default: m.LedgerPage })));

const OversightWhoMayRead = lazy(() =>
  import("./OversightWhoMayRead").then((m) => ({ default: m.OversightWhoMayRead })),
);

/** /oversight/*: the auditors' home, the transparency ledger and who may read what. */
export function OversightSection() {
  return (
    <Routes>
      <Route index element={<OversightHome />} />
      <Route path="ledger" element={<LedgerPage />} />
      <Route path="who-may-read" element={<OversightWhoMayRead />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
