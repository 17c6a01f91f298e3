import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface CertificatesTables {
  certificate_keys: {
    /** RFC 7638 thumbprint of the public key. */
    kid: string;
    /** base64url of the 32-byte Ed25519 public key (the JWK's x). */
    public_key: string;
    created_at: ColumnType<Date, Date | string | undefined, never>;
    retired_at: NullableTimestamp;
  };
  certificates: {
    id: string;
    type: string;
    holder_type: "person" | "organisation";
    holder_id: string;
    issuer_code: string;
    application_id: string | null;
    service_code: string | null;
    /** The signed document (read back as a parsed value; checked with parseCertificate). */
    document: ColumnType<unknown, string, never>;
    digest: string;
    key_id: string;
    issued_at: Timestamp;
    /** `YYYY-MM-DD`, kept as text on both databases. */
    valid_until: string | null;
    issued_by: string | null;
    revoked_at: NullableTimestamp;
    revoked_by: string | null;
    revocation_reason: string | null;
  };
}
