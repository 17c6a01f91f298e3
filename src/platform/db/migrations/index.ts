import type { Migration } from "../migrate.js";
import { createIdentity } from "./20261127T0900_create_identity.js";
import { createLedger } from "./20261127T1000_create_ledger.js";
import { createPolicy } from "./20261127T1100_create_policy.js";
import { createDeclaredRelations } from "./20261127T1130_create_declared_relations.js";
import { createRegistries } from "./20261127T1200_create_registries.js";
import { createExchange } from "./20261127T1300_create_exchange.js";
import { createCalendar } from "./20261127T1400_create_calendar.js";
import { createCatalog } from "./20261127T1500_create_catalog.js";
import { createApplications } from "./20261127T1550_create_applications.js";
import { createRatings } from "./20261127T1560_create_ratings.js";
import { createCertificates } from "./20261127T1600_create_certificates.js";
import { createNotifications } from "./20261127T1700_create_notifications.js";
import { createRequests } from "./20261127T1800_create_requests.js";
import { indexRequestsDispatched } from "./20261127T1900_index_requests_dispatched.js";
import { requestsPublicView } from "./20261127T1910_requests_public_view.js";
import { requestsIntake } from "./20261127T1920_requests_intake.js";
import { addHelperRole } from "./20261127T1940_add_helper_role.js";
import { queueCountsAndEmail } from "./20261127T1950_queue_counts_and_email.js";
import { principalsChanged } from "./20261127T2000_principals_changed.js";
import { applicationsChangedMeanwhile } from "./20261127T2020_applications_changed_meanwhile.js";

/** Every migration, in the order they apply. Add new ones at the end. */
export const migrations: readonly Migration[] = [
  createIdentity,
  createLedger,
  createPolicy,
  createDeclaredRelations,
  createRegistries,
  createExchange,
  createCalendar,
  createCatalog,
  createApplications,
  createRatings,
  createCertificates,
  createNotifications,
  createRequests,
  indexRequestsDispatched,
  requestsPublicView,
  requestsIntake,
  addHelperRole,
  queueCountsAndEmail,
  principalsChanged,
  applicationsChangedMeanwhile,
];
