import { type Static, Type } from "typebox";
import { Nullable } from "../../platform/http/schema.js";

/** The certificates' answers as the API sends them (the presenters build exactly these shapes). */

const DateTime = Type.String({ format: "date-time" });
const Day = Type.String({ format: "date" });
const Strict = { additionalProperties: false } as const;
const Status = Type.Enum(["valid", "expired", "revoked"] as const);

const Issuer = Type.Object({ department: Type.String(), name: Type.String(), nameEn: Type.String() }, Strict);

const Holder = (description: string) =>
  Type.Union(
    [
      Type.Object({ type: Type.Literal("person"), name: Type.String(), idNumber: Type.String() }, Strict),
      Type.Object(
        { type: Type.Literal("organisation"), name: Type.String(), creditCode: Type.String() },
        Strict,
      ),
    ],
    { description },
  );

/** The signed document, version 1 (shared/certificates/certificate.ts). */
export const DocumentSchema = Type.Object(
  {
    version: Type.Literal(1),
    id: Type.String({ format: "uuid" }),
    type: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    holder: Holder("The holder with the identifier in full"),
    issuer: Issuer,
    issuedAt: DateTime,
    validUntil: Nullable(Day),
    claims: Type.Array(
      Type.Object(
        {
          key: Type.String(),
          label: Type.String(),
          labelEn: Type.String(),
          value: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
        },
        Strict,
      ),
    ),
    application: Nullable(Type.Object({ id: Type.String(), serviceCode: Type.String() }, Strict)),
    signature: Type.Object(
      {
        alg: Type.Literal("Ed25519"),
        keyId: Type.String({ description: "RFC 7638 thumbprint of the signing key" }),
        value: Type.String({
          description: "base64url Ed25519 signature over the RFC 8785 form without signature",
        }),
      },
      Strict,
    ),
  },
  { ...Strict, description: "A signed e-certificate (电子证照), format version 1" },
);

export const CertificateSchema = Type.Object(
  {
    status: Status,
    revokedAt: Nullable(DateTime),
    revocationReason: Nullable(Type.String()),
    verificationCode: Type.String({
      description:
        "The code after the # of the QR link /verify/<id>#<code>: a prefix of the document's SHA-256",
    }),
    document: DocumentSchema,
  },
  Strict,
);
export type PresentedCertificate = Static<typeof CertificateSchema>;

export const PublicCertificateSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    holder: Holder("The holder, a person's name and ID number masked"),
    issuer: Issuer,
    issuedAt: DateTime,
    validUntil: Nullable(Day),
    keyId: Type.String(),
    status: Status,
    revokedAt: Nullable(DateTime),
  },
  Strict,
);
export type PresentedPublicCertificate = Static<typeof PublicCertificateSchema>;

export const VerificationSchema = Type.Object(
  {
    valid: Type.Boolean({ description: "Signed with a published key, and issued here exactly as presented" }),
    status: Type.Enum(["valid", "expired", "revoked", "invalid"] as const),
    reason: Nullable(
      Type.Enum([
        "malformed",
        "unsupported-version",
        "unsupported-algorithm",
        "unknown-key",
        "bad-signature",
        "not-issued",
      ] as const),
    ),
    detail: Nullable(Type.String()),
    keyId: Nullable(Type.String()),
    revoked: Type.Boolean(),
    revokedAt: Nullable(DateTime),
  },
  Strict,
);
export type PresentedVerification = Static<typeof VerificationSchema>;

export const KeySetSchema = Type.Object(
  {
    keys: Type.Array(
      Type.Object(
        {
          kty: Type.Literal("OKP"),
          crv: Type.Literal("Ed25519"),
          x: Type.String(),
          kid: Type.String(),
          alg: Type.Literal("EdDSA"),
          use: Type.Literal("sig"),
          status: Type.Enum(["current", "retired"] as const),
          created: DateTime,
          retired: Nullable(DateTime),
        },
        Strict,
      ),
    ),
  },
  {
    ...Strict,
    description: "JWK set (RFC 7517, OKP keys per RFC 8037) of every key that signed certificates",
  },
);
