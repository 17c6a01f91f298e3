import type { ColumnType, Generated } from "kysely";

/** Written as Date or ISO string, read as Date; defaults to now(). */
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** `numeric` columns: read as strings (exact), written as numbers or strings. */
type Numeric = ColumnType<string, number | string, number | string>;
type NullableNumeric = ColumnType<string | null, number | string | null, number | string | null>;

/** The departments' registries the demo hosts (prefix registry_), in each department's own terms. */
export interface RegistryTables {
  registry_household: {
    id_number: string;
    name: string;
    gender: "男" | "女";
    ethnicity: string;
    birth_date: string;
    household_number: string;
    household_head: string;
    relation_to_head: string;
    address: string;
    division_code: string;
    updated_at: UpdatedAt;
  };
  registry_enterprises: {
    credit_code: string;
    name: string;
    entity_type: string;
    legal_representative: string;
    registered_capital: Numeric;
    established_on: string;
    address: string;
    business_scope: string;
    status: string;
    registration_authority: string;
    updated_at: UpdatedAt;
  };
  registry_social_insurance: {
    id: Generated<string>;
    id_number: string;
    name: string;
    insurance_types: string[];
    employer_name: string | null;
    employer_credit_code: string | null;
    insured_since: string;
    months_paid: number;
    contribution_base: NullableNumeric;
    status: string;
    updated_at: UpdatedAt;
  };
  registry_birth_certificates: {
    certificate_number: string;
    child_name: string;
    child_gender: "男" | "女";
    birth_time: ColumnType<Date, Date | string, Date | string>;
    birth_place: string;
    weight_grams: number;
    mother_name: string;
    mother_id_number: string;
    father_name: string | null;
    father_id_number: string | null;
    issued_by: string;
    updated_at: UpdatedAt;
  };
  registry_real_estate: {
    id: Generated<string>;
    certificate_number: string;
    owner_name: string;
    owner_id_number: string;
    location: string;
    area_sqm: Numeric;
    usage: string;
    share: string;
    registered_on: string;
    mortgaged: boolean;
    updated_at: UpdatedAt;
  };
  registry_marriages: {
    certificate_number: string;
    registration_type: "结婚登记" | "离婚登记" | "补发婚姻登记证";
    party_a_name: string;
    party_a_id_number: string;
    party_b_name: string;
    party_b_id_number: string;
    registered_on: string;
    registration_office: string;
    updated_at: UpdatedAt;
  };
  registry_health_records: {
    id_number: string;
    name: string;
    blood_type: string | null;
    chronic_conditions: ColumnType<string[], string[] | undefined, string[]>;
    immunisations: ColumnType<string[], string[] | undefined, string[]>;
    family_doctor: string | null;
    updated_at: UpdatedAt;
  };
  registry_criminal_records: {
    id_number: string;
    has_record: boolean;
    summary: string | null;
    updated_at: UpdatedAt;
  };
}
