import type { ColumnType } from "kysely";
import type { Audience } from "../../../shared/services/catalogue.js";

type Json<T> = ColumnType<T, string, string>;
type Version = ColumnType<number, number | undefined, number>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

/** The service catalogue's tables: definitions as jsonb, with the columns they are looked up by. */
export interface CatalogTables {
  service_items: {
    code: string;
    department_code: string;
    power_code: string;
    name: string;
    name_en: string;
    audience: Audience;
    life_events: string[];
    search_text: string;
    definition: Json<unknown>;
    version: Version;
    updated_at: UpdatedAt;
  };
  service_bundles: {
    code: string;
    lead_department_code: string;
    name: string;
    name_en: string;
    audience: Audience;
    life_events: string[];
    item_codes: string[];
    search_text: string;
    definition: Json<unknown>;
    version: Version;
    updated_at: UpdatedAt;
  };
}
