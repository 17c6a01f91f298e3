/**
 * 电子证照 (e-certificates), format version 1: a JSON document signed with Ed25519 over the RFC 8785
 * canonical form of the document without its `signature` member. Pure code shared by the server, the
 * command line and the browser, which checks a certificate offline with the published public keys.
 * docs/certificates.md describes the format and the choices behind it.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { canonicalJson, type Json } from "../ledger/canonical.js";
import { fromBase64, toBase64 } from "../ledger/merkle.js";
import { VERIFICATION_CODE_LENGTH } from "./links.js";

export { CERTIFICATE_KEYS_PATH, VERIFICATION_CODE_LENGTH, verificationUrl } from "./links.js";

export const CERTIFICATE_VERSION = 1;

/** The person or organisation the certificate is issued to, with the identifier in full. */
export type CertificateHolder =
  | { type: "person"; name: string; idNumber: string }
  | { type: "organisation"; name: string; creditCode: string };

export type ClaimValue = string | number | boolean | null;

/**
 * One fact the certificate states (照面信息), labelled in both languages so that any verifier can show
 * it without knowing the certificate type; a list, because canonical JSON sorts an object's keys.
 */
export interface CertificateClaim {
  key: string;
  label: string;
  labelEn: string;
  value: ClaimValue;
}

/** Everything the signature covers. */
export interface CertificateBody {
  version: 1;
  /** UUID; also the certificate's number on the verification page. */
  id: string;
  /** 证照类型代码, e.g. "birth-registration" (the service catalogue's CertificateKind.type). */
  type: string;
  name: string;
  nameEn: string;
  holder: CertificateHolder;
  issuer: { department: string; name: string; nameEn: string };
  /** RFC 3339 UTC time with milliseconds. */
  issuedAt: string;
  /** Last day of validity (a China calendar date), or null when it does not expire. */
  validUntil: string | null;
  claims: CertificateClaim[];
  /** The application (办件) whose approval issued it; null for certificates issued otherwise. */
  application: { id: string; serviceCode: string } | null;
}

export interface CertificateSignature {
  alg: "Ed25519";
  /** RFC 7638 thumbprint of the signing key's JWK. */
  keyId: string;
  /** base64url (no padding) of the 64-byte signature. */
  value: string;
}

export interface CertificateDocument extends CertificateBody {
  signature: CertificateSignature;
}

/** A published verification key: an OKP JWK (RFC 8037) with its thumbprint as kid and its lifetime. */
export interface CertificateKey {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  alg: "EdDSA";
  use: "sig";
  status: "current" | "retired";
  created: string;
  retired: string | null;
}

export interface CertificateKeySet {
  keys: CertificateKey[];
}

/** Why a certificate does not verify; "not-issued" only the issuer's registry can say. */
export type VerifyReason =
  | "malformed"
  | "unsupported-version"
  | "unsupported-algorithm"
  | "unknown-key"
  | "bad-signature"
  | "not-issued";

export class CertificateFormatError extends Error {
  constructor(
    readonly reason: "malformed" | "unsupported-version" | "unsupported-algorithm",
    message: string,
  ) {
    super(message);
    this.name = "CertificateFormatError";
  }
}

const encoder = new TextEncoder();

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes unpadded base64url of exactly `length` bytes, or returns null. */
export function fromBase64Url(text: string, length: number): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length !== Math.ceil((length * 4) / 3)) {
    return null;
  }
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  const bytes = fromBase64(padded);
  // Reject non-canonical encodings (stray bits in the last character) by encoding back.
  return bytes.length === length && toBase64Url(bytes) === text ? bytes : null;
}

/** The key id: the RFC 7638 JWK thumbprint (SHA-256, base64url) of the Ed25519 public key. */
export function keyIdOf(publicKey: Uint8Array): string {
  const x = toBase64Url(publicKey);
  // RFC 7638 §3.2 / RFC 8037 §2: the required members in lexicographic order, no whitespace.
  return toBase64Url(sha256(encoder.encode(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`)));
}

/** The document without its signature: what is signed. */
export function certificateBody(doc: CertificateDocument): CertificateBody {
  const { signature: _signature, ...body } = doc;
  return body;
}

/** The bytes the signature covers: UTF-8 of the canonical JSON of the body. */
export function signingInput(body: CertificateBody): Uint8Array {
  return encoder.encode(canonicalJson(body as unknown as Json));
}

/** SHA-256 (base64url) of the whole signed document's canonical form: it names this exact document. */
export function certificateDigest(doc: CertificateDocument): string {
  return toBase64Url(sha256(encoder.encode(canonicalJson(doc as unknown as Json))));
}

/** The code in the QR link's fragment: a prefix of the document's digest. */
export function verificationCode(doc: CertificateDocument): string {
  return certificateDigest(doc).slice(0, VERIFICATION_CODE_LENGTH);
}

// ---- parsing ----

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TYPE_CODE = /^[a-z0-9][a-z0-9-]{1,59}$/;
const DEPARTMENT_CODE = /^[A-Z0-9][A-Z0-9-]{1,30}$/;
const ID_NUMBER = /^[0-9]{17}[0-9X]$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CLAIM_KEY = /^[A-Za-z][A-Za-z0-9_]{0,59}$/;
const SERVICE_CODE = /^[0-9A-Za-z][0-9A-Za-z-]{0,59}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const MAX_CLAIMS = 50;
const MAX_TEXT = 1000;

type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function malformed(message: string): CertificateFormatError {
  return new CertificateFormatError("malformed", message);
}

function exactKeys(value: unknown, keys: readonly string[], where: string): Obj {
  if (!isObject(value)) {
    throw malformed(`${where} must be an object`);
  }
  const extra = Object.keys(value).find((k) => !keys.includes(k));
  if (extra !== undefined) {
    throw malformed(`${where} has an unknown member "${extra}"`);
  }
  const missing = keys.find((k) => !(k in value));
  if (missing !== undefined) {
    throw malformed(`${where} lacks "${missing}"`);
  }
  return value;
}

/** A string of I-JSON (no lone surrogates, RFC 7493) without NUL, of 1 to `max` characters. */
export function isCertificateText(value: unknown, max = MAX_TEXT): value is string {
  return (
    typeof value === "string" &&
    value.length > 0 &&
    value.length <= max &&
    !value.includes("\u0000") &&
    !LONE_SURROGATE.test(value)
  );
}

function text(value: unknown, where: string, pattern?: RegExp, max = MAX_TEXT): string {
  if (!isCertificateText(value, max) || (pattern && !pattern.test(value))) {
    throw malformed(`${where} is not valid`);
  }
  return value;
}

/** A claim's value: a text, a finite number, a boolean or null. */
export function isClaimValue(value: unknown): value is ClaimValue {
  return (
    value === null ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value)) ||
    (typeof value === "string" && (value === "" || isCertificateText(value)))
  );
}

function parseClaims(value: unknown): CertificateClaim[] {
  if (!Array.isArray(value) || value.length > MAX_CLAIMS) {
    throw malformed(`claims must be a list of at most ${MAX_CLAIMS}`);
  }
  const seen = new Set<string>();
  return value.map((item, i) => {
    const c = exactKeys(item, ["key", "label", "labelEn", "value"], `claims[${i}]`);
    const key = text(c.key, `claims[${i}].key`, CLAIM_KEY);
    if (seen.has(key)) {
      throw malformed(`claims[${i}].key "${key}" repeats`);
    }
    seen.add(key);
    if (!isClaimValue(c.value)) {
      throw malformed(`claims[${i}].value must be a text, a number, true, false or null`);
    }
    return {
      key,
      label: text(c.label, `claims[${i}].label`, undefined, 100),
      labelEn: text(c.labelEn, `claims[${i}].labelEn`, undefined, 200),
      value: c.value,
    };
  });
}

function parseHolder(value: unknown): CertificateHolder {
  if (isObject(value) && value.type === "organisation") {
    const h = exactKeys(value, ["type", "name", "creditCode"], "holder");
    return {
      type: "organisation",
      name: text(h.name, "holder.name", undefined, 200),
      creditCode: text(h.creditCode, "holder.creditCode", CREDIT_CODE),
    };
  }
  const h = exactKeys(value, ["type", "name", "idNumber"], "holder");
  if (h.type !== "person") {
    throw malformed('holder.type must be "person" or "organisation"');
  }
  return {
    type: "person",
    name: text(h.name, "holder.name", undefined, 100),
    idNumber: text(h.idNumber, "holder.idNumber", ID_NUMBER),
  };
}

const BODY_KEYS = [
  "version",
  "id",
  "type",
  "name",
  "nameEn",
  "holder",
  "issuer",
  "issuedAt",
  "validUntil",
  "claims",
  "application",
] as const;

/**
 * Reads a certificate document (e.g. a parsed file) strictly: every member present, none unknown,
 * each of its form. Returns a fresh copy with members in the documented order. Throws
 * CertificateFormatError.
 */
export function parseCertificate(value: unknown): CertificateDocument {
  if (!isObject(value)) {
    throw malformed("a certificate is a JSON object");
  }
  if (!("version" in value)) {
    throw malformed("a certificate has a version");
  }
  if (value.version !== CERTIFICATE_VERSION) {
    throw new CertificateFormatError(
      "unsupported-version",
      `version ${JSON.stringify(value.version ?? null)} is not supported (this verifier reads version 1)`,
    );
  }
  const d = exactKeys(value, [...BODY_KEYS, "signature"], "the certificate");
  const signature = exactKeys(d.signature, ["alg", "keyId", "value"], "signature");
  if (signature.alg !== "Ed25519") {
    throw new CertificateFormatError("unsupported-algorithm", "signature.alg must be Ed25519");
  }
  const issuer = exactKeys(d.issuer, ["department", "name", "nameEn"], "issuer");
  const issuedAt = text(d.issuedAt, "issuedAt", INSTANT);
  if (Number.isNaN(Date.parse(issuedAt))) {
    throw malformed("issuedAt is not a real time");
  }
  if (d.validUntil !== null && (!isCertificateText(d.validUntil) || !isDay(d.validUntil))) {
    throw malformed("validUntil must be a date (YYYY-MM-DD) or null");
  }
  let application: CertificateBody["application"] = null;
  if (d.application !== null) {
    const a = exactKeys(d.application, ["id", "serviceCode"], "application");
    application = {
      id: text(a.id, "application.id", UUID),
      serviceCode: text(a.serviceCode, "application.serviceCode", SERVICE_CODE),
    };
  }
  return {
    version: 1,
    id: text(d.id, "id", UUID),
    type: text(d.type, "type", TYPE_CODE),
    name: text(d.name, "name", undefined, 100),
    nameEn: text(d.nameEn, "nameEn", undefined, 200),
    holder: parseHolder(d.holder),
    issuer: {
      department: text(issuer.department, "issuer.department", DEPARTMENT_CODE),
      name: text(issuer.name, "issuer.name", undefined, 100),
      nameEn: text(issuer.nameEn, "issuer.nameEn", undefined, 200),
    },
    issuedAt,
    validUntil: d.validUntil as string | null,
    claims: parseClaims(d.claims),
    application,
    signature: {
      alg: "Ed25519",
      keyId: text(signature.keyId, "signature.keyId", /^[A-Za-z0-9_-]{43}$/),
      value: text(signature.value, "signature.value", /^[A-Za-z0-9_-]{86}$/),
    },
  };
}

/** A real calendar date YYYY-MM-DD. */
export function isDay(value: string): boolean {
  if (!DAY.test(value)) {
    return false;
  }
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The document as a file: pretty JSON in the documented member order (verifiers canonicalise it). */
export function formatCertificate(doc: CertificateDocument): string {
  return `${JSON.stringify(parseCertificate(doc), null, 2)}\n`;
}

/** Today's date in China (UTC+8, no summer time), to compare with validUntil. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

// ---- keys and verification ----

/** Reads a published key set (or a single JWK): the Ed25519 keys in it, by their thumbprint. */
export function parseKeySet(value: unknown): Map<string, Uint8Array> {
  const list = isObject(value) && Array.isArray(value.keys) ? value.keys : [value];
  const keys = new Map<string, Uint8Array>();
  for (const jwk of list) {
    if (isObject(jwk) && jwk.kty === "OKP" && jwk.crv === "Ed25519" && typeof jwk.x === "string") {
      const publicKey = fromBase64Url(jwk.x, 32);
      if (publicKey) {
        keys.set(keyIdOf(publicKey), publicKey);
      }
    }
  }
  return keys;
}

export interface SignatureCheck {
  valid: boolean;
  reason: VerifyReason | null;
  /** What went wrong, in English, for logs and the command line. */
  detail: string | null;
  keyId: string | null;
  /** The document as read (null when it could not be read). */
  document: CertificateDocument | null;
  /** Past its validUntil (China date); says nothing about the signature. */
  expired: boolean;
}

/**
 * Verifies a certificate offline: its form, then its Ed25519 signature with the key the set holds
 * under the document's keyId (keys are found by their thumbprint, so a mislabelled kid cannot
 * substitute a key). Revocation is known only to the issuer: ask its registry for that.
 */
export function verifySignature(
  value: unknown,
  keys: ReadonlyMap<string, Uint8Array>,
  today: string = chinaToday(),
): SignatureCheck {
  let doc: CertificateDocument;
  try {
    doc = parseCertificate(value);
  } catch (error) {
    if (error instanceof CertificateFormatError) {
      return {
        valid: false,
        reason: error.reason,
        detail: error.message,
        keyId: null,
        document: null,
        expired: false,
      };
    }
    throw error;
  }
  const expired = doc.validUntil !== null && doc.validUntil < today;
  const keyId = doc.signature.keyId;
  const publicKey = keys.get(keyId);
  if (!publicKey) {
    return {
      valid: false,
      reason: "unknown-key",
      detail: `no published key has the id ${keyId}`,
      keyId,
      document: doc,
      expired,
    };
  }
  const signature = fromBase64Url(doc.signature.value, 64);
  let ok = false;
  try {
    // Strict RFC 8032 verification (as node:crypto does), not ZIP-215's permissive rules.
    ok =
      signature !== null &&
      ed25519.verify(signature, signingInput(certificateBody(doc)), publicKey, { zip215: false });
  } catch {
    ok = false;
  }
  return ok
    ? { valid: true, reason: null, detail: null, keyId, document: doc, expired }
    : {
        valid: false,
        reason: "bad-signature",
        detail:
          "the signature does not match the document: it was changed after signing, or signed by another key",
        keyId,
        document: doc,
        expired,
      };
}
