import type { Migration } from "../migrate.js";

export const createRegistries: Migration = {
  name: "20261127T1200_create_registries",
  sql: /* sql */ `
-- The demo's registries, each the owning department's own table. The exchange reads them only through
-- the registries module's providers, by the subject key it queries with (身份证号 or 统一社会信用代码).

-- 户籍人口 (HZ-GA): one entry per registered resident.
create table registry_household (
  id_number text primary key,
  name text not null,
  gender text not null check (gender in ('男', '女')),
  ethnicity text not null,
  birth_date date not null,
  household_number text not null,
  household_head text not null,
  relation_to_head text not null,
  address text not null,
  division_code text not null,
  updated_at timestamptz not null default now()
);

-- 市场主体登记 (HZ-SCJG).
create table registry_enterprises (
  credit_code text primary key,
  name text not null,
  entity_type text not null,
  legal_representative text not null,
  registered_capital numeric(14, 2) not null,
  established_on date not null,
  address text not null,
  business_scope text not null,
  status text not null,
  registration_authority text not null,
  updated_at timestamptz not null default now()
);

-- 社会保险参保 (HZ-RS): a person may hold more than one enrolment over time.
create table registry_social_insurance (
  id uuid primary key default gen_random_uuid(),
  id_number text not null,
  name text not null,
  insurance_types text[] not null,
  employer_name text,
  employer_credit_code text,
  insured_since date not null,
  months_paid integer not null check (months_paid >= 0),
  contribution_base numeric(10, 2),
  status text not null,
  updated_at timestamptz not null default now()
);
create index registry_social_insurance_id_number_idx on registry_social_insurance (id_number);

-- 出生医学证明 (HZ-WJ): found by either parent's number.
create table registry_birth_certificates (
  certificate_number text primary key,
  child_name text not null,
  child_gender text not null check (child_gender in ('男', '女')),
  birth_time timestamptz not null,
  birth_place text not null,
  weight_grams integer not null check (weight_grams > 0),
  mother_name text not null,
  mother_id_number text not null,
  father_name text,
  father_id_number text,
  issued_by text not null,
  updated_at timestamptz not null default now()
);
create index registry_birth_certificates_mother_idx on registry_birth_certificates (mother_id_number);
create index registry_birth_certificates_father_idx on registry_birth_certificates (father_id_number);

-- 不动产登记 (HZ-FG): one row per right holder, so co-owners each find the property.
create table registry_real_estate (
  id uuid primary key default gen_random_uuid(),
  certificate_number text not null,
  owner_name text not null,
  owner_id_number text not null,
  location text not null,
  area_sqm numeric(10, 2) not null check (area_sqm > 0),
  usage text not null,
  share text not null,
  registered_on date not null,
  mortgaged boolean not null,
  updated_at timestamptz not null default now(),
  unique (certificate_number, owner_id_number)
);
create index registry_real_estate_owner_idx on registry_real_estate (owner_id_number);

-- 婚姻登记 (HZ-MZ): one row per registration, found by either party's number.
create table registry_marriages (
  certificate_number text primary key,
  registration_type text not null check (registration_type in ('结婚登记', '离婚登记', '补发婚姻登记证')),
  party_a_name text not null,
  party_a_id_number text not null,
  party_b_name text not null,
  party_b_id_number text not null,
  registered_on date not null,
  registration_office text not null,
  updated_at timestamptz not null default now()
);
create index registry_marriages_party_a_idx on registry_marriages (party_a_id_number);
create index registry_marriages_party_b_idx on registry_marriages (party_b_id_number);

-- 居民电子健康档案 (HZ-WJ).
create table registry_health_records (
  id_number text primary key,
  name text not null,
  blood_type text,
  chronic_conditions text[] not null default '{}',
  immunisations text[] not null default '{}',
  family_doctor text,
  updated_at timestamptz not null default now()
);

-- 违法犯罪记录 (HZ-GA): 不予共享; held here so that the refusal is about a real registry.
create table registry_criminal_records (
  id_number text primary key,
  has_record boolean not null,
  summary text,
  updated_at timestamptz not null default now()
);
`,
};
