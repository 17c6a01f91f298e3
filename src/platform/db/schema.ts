import type { ApplicationTables } from "../../modules/applications/applications.tables.js";
import type { CatalogTables } from "../../modules/catalog/catalog.tables.js";
import type { CertificatesTables } from "../../modules/certificates/certificates.tables.js";
import type { ExchangeTables } from "../../modules/exchange/exchange.tables.js";
import type { IdentityTables } from "../../modules/identity/identity.tables.js";
import type { LedgerTables } from "../../modules/ledger/ledger.tables.js";
import type { NotificationTables } from "../../modules/notifications/notifications.tables.js";
import type { PolicyTables } from "../../modules/policy/policy.tables.js";
import type { RegistryTables } from "../../modules/registries/registries.tables.js";
import type { CalendarTables } from "../calendar/calendar.tables.js";

/** Tables not owned by a module. */
interface PlatformTables {
  schema_migrations: { name: string; applied_at: Date };
  platform_state: { key: string; value: unknown; updated_at: Date };
}

/** The whole database as Kysely sees it: each module declares its own tables. */
export interface DB
  extends PlatformTables,
    IdentityTables,
    LedgerTables,
    PolicyTables,
    RegistryTables,
    ExchangeTables,
    CalendarTables,
    ApplicationTables,
    CatalogTables,
    NotificationTables,
    CertificatesTables {}
