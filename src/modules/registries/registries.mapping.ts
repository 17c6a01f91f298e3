import type { RegistryTables } from "./registries.tables.js";

export type RegistryTable = keyof RegistryTables;

/**
 * How one catalogue resource is read from its registry table: the one place where the catalogue's
 * camelCase field names meet the departments' snake_case columns.
 */
export interface RegistrySpec {
  resourceId: string;
  table: RegistryTable;
  subjectType: "person" | "organisation";
  /** Columns compared with the subject key (any of them may match: either parent, either party). */
  keys: readonly string[];
  /** Catalogue field → column. */
  fields: Readonly<Record<string, string>>;
  /** Columns of type numeric (read as exact strings, answered as numbers). */
  numeric?: readonly string[];
  /** Columns of type timestamptz (answered as ISO 8601 in UTC). */
  timestamps?: readonly string[];
  /**
   * For registers holding two parties in one row (marriage): when the subject matched `key`, the
   * fields read these columns instead, so that "party" is always the person asked about.
   */
  otherSide?: { key: string; fields: Readonly<Record<string, string>> };
}

export const REGISTRY_SPECS: readonly RegistrySpec[] = [
  {
    resourceId: "household-register",
    table: "registry_household",
    subjectType: "person",
    keys: ["id_number"],
    fields: {
      name: "name",
      idNumber: "id_number",
      gender: "gender",
      ethnicity: "ethnicity",
      birthDate: "birth_date",
      householdNumber: "household_number",
      householdHead: "household_head",
      relationToHead: "relation_to_head",
      address: "address",
      divisionCode: "division_code",
    },
  },
  {
    resourceId: "enterprise-register",
    table: "registry_enterprises",
    subjectType: "organisation",
    keys: ["credit_code"],
    fields: {
      creditCode: "credit_code",
      name: "name",
      entityType: "entity_type",
      legalRepresentative: "legal_representative",
      registeredCapital: "registered_capital",
      establishedOn: "established_on",
      address: "address",
      businessScope: "business_scope",
      status: "status",
      registrationAuthority: "registration_authority",
    },
    numeric: ["registered_capital"],
  },
  {
    resourceId: "social-insurance",
    table: "registry_social_insurance",
    subjectType: "person",
    keys: ["id_number"],
    fields: {
      name: "name",
      idNumber: "id_number",
      insuranceTypes: "insurance_types",
      employerName: "employer_name",
      employerCreditCode: "employer_credit_code",
      insuredSince: "insured_since",
      monthsPaid: "months_paid",
      contributionBase: "contribution_base",
      status: "status",
    },
    numeric: ["contribution_base"],
  },
  {
    resourceId: "birth-certificates",
    table: "registry_birth_certificates",
    subjectType: "person",
    keys: ["mother_id_number", "father_id_number"],
    fields: {
      certificateNumber: "certificate_number",
      childName: "child_name",
      childGender: "child_gender",
      birthTime: "birth_time",
      birthPlace: "birth_place",
      weightGrams: "weight_grams",
      motherName: "mother_name",
      motherIdNumber: "mother_id_number",
      fatherName: "father_name",
      fatherIdNumber: "father_id_number",
      issuedBy: "issued_by",
    },
    timestamps: ["birth_time"],
  },
  {
    resourceId: "real-estate-register",
    table: "registry_real_estate",
    subjectType: "person",
    keys: ["owner_id_number"],
    fields: {
      certificateNumber: "certificate_number",
      ownerName: "owner_name",
      ownerIdNumber: "owner_id_number",
      location: "location",
      areaSqm: "area_sqm",
      usage: "usage",
      share: "share",
      registeredOn: "registered_on",
      mortgaged: "mortgaged",
    },
    numeric: ["area_sqm"],
  },
  {
    resourceId: "marriage-register",
    table: "registry_marriages",
    subjectType: "person",
    keys: ["party_a_id_number", "party_b_id_number"],
    fields: {
      registrationType: "registration_type",
      partyName: "party_a_name",
      partyIdNumber: "party_a_id_number",
      spouseName: "party_b_name",
      spouseIdNumber: "party_b_id_number",
      registeredOn: "registered_on",
      registrationOffice: "registration_office",
      certificateNumber: "certificate_number",
    },
    otherSide: {
      key: "party_b_id_number",
      fields: {
        partyName: "party_b_name",
        partyIdNumber: "party_b_id_number",
        spouseName: "party_a_name",
        spouseIdNumber: "party_a_id_number",
      },
    },
  },
  {
    resourceId: "health-records",
    table: "registry_health_records",
    subjectType: "person",
    keys: ["id_number"],
    fields: {
      name: "name",
      bloodType: "blood_type",
      chronicConditions: "chronic_conditions",
      immunisations: "immunisations",
      familyDoctor: "family_doctor",
    },
  },
  {
    resourceId: "criminal-records",
    table: "registry_criminal_records",
    subjectType: "person",
    keys: ["id_number"],
    fields: { hasRecord: "has_record", summary: "summary" },
  },
];
