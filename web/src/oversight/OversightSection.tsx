import { Route, Routes } from "react-router-dom";
import { NotFoundPage } from "../shared/components/ErrorPages";
import { LedgerPage } from "./LedgerPage";
import { OversightHome } from "./OversightHome";

/** /oversight/*: the auditors' home and the transparency ledger. */
export function OversightSection() {
  return (
    <Routes>
      <Route index element={<OversightHome />} />
      <Route path="ledger" element={<LedgerPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
