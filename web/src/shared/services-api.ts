// Wire types of the service catalogue (GET /api/services, /api/bundles) as the client sees them:
// the shared definitions of shared/services/catalogue.ts with what the presenters add.

import type { PowerType } from "../../../shared/policy/rights.js";
import type { BundleMaterial } from "../../../shared/services/bundle-form.js";
import type {
  CertificateKind,
  PrefillRule,
  ServiceBundle,
  ServiceForm,
  ServiceItem,
  ServiceStep,
} from "../../../shared/services/catalogue.js";

export type { BundleMaterial } from "../../../shared/services/bundle-form.js";
export type {
  Audience,
  Channel,
  FormProperty,
  LifeEvent,
  PrefillRule,
  ServiceForm,
  ServiceItem,
  ServiceMaterial,
  ServiceStep,
  StepKind,
} from "../../../shared/services/catalogue.js";
export { LIFE_EVENT_LABELS, LIFE_EVENTS, STEP_LABELS } from "../../../shared/services/catalogue.js";

/** A service item as lists show it (GET /api/services). */
export type ServiceSummary = Pick<
  ServiceItem,
  | "code"
  | "name"
  | "nameEn"
  | "summary"
  | "summaryEn"
  | "powerCode"
  | "itemType"
  | "department"
  | "level"
  | "audience"
  | "lifeEvents"
  | "fee"
  | "promisedDays"
  | "statutoryDays"
  | "visits"
  | "channels"
> & { materialsTotal: number; materialsObtained: number; version: number };

/** A short reference to an item or a bundle. */
export interface ServiceRef {
  code: string;
  name: string;
  nameEn: string;
}

/** One item in full (GET /api/services/:code). */
export interface ServiceDetail extends ServiceItem {
  version: number;
  updatedAt: string;
  power: { code: string; name: string; nameEn: string; type: PowerType; department: string } | null;
  bundles: ServiceRef[];
}

/** A bundle as lists show it (GET /api/bundles). */
export interface BundleSummary extends Omit<ServiceBundle, "items"> {
  version: number;
  updatedAt: string;
  items: {
    code: string;
    after: string[];
    name: string;
    nameEn: string;
    department: string | null;
    promisedDays: number | null;
  }[];
}

/** A bundle with everything one application to it needs (GET /api/bundles/:code). */
export interface BundleDetail extends Omit<ServiceBundle, "items"> {
  version: number;
  updatedAt: string;
  items: (ServiceSummary & { after: string[]; steps: ServiceStep[]; certificate: CertificateKind | null })[];
  form: ServiceForm;
  materials: BundleMaterial[];
  prefill: PrefillRule[];
}
