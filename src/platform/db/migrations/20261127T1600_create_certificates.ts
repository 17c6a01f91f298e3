import type { Migration } from "../migrate.js";

export const createCertificates: Migration = {
  name: "20261127T1600_create_certificates",
  sql: /* sql */ `
-- The Ed25519 keys that have signed e-certificates (电子证照), published at
-- /.well-known/yimen-certificate-keys.json. A rotated key stays here (retired) so that what it
-- signed still verifies; its private half is gone from the data folder.
create table certificate_keys (
  kid text primary key,
  public_key text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);

-- 电子证照: every certificate issued, with the signed document exactly as issued.
create table certificates (
  id uuid primary key,
  type text not null,
  holder_type text not null check (holder_type in ('person', 'organisation')),
  holder_id uuid not null,
  issuer_code text not null,
  application_id uuid,
  service_code text,
  document jsonb not null,
  -- SHA-256 (base64url) of the signed document's canonical form; its prefix is the QR code's.
  digest text not null,
  key_id text not null references certificate_keys (kid),
  issued_at timestamptz not null,
  valid_until date,
  issued_by uuid references accounts (id),
  revoked_at timestamptz,
  revoked_by uuid references accounts (id),
  revocation_reason text,
  check ((revoked_at is null) = (revocation_reason is null))
);
create index certificates_holder_idx on certificates (holder_id, issued_at desc);
create index certificates_application_idx on certificates (application_id) where application_id is not null;
create index certificates_issuer_idx on certificates (issuer_code, issued_at desc);
`,
};
