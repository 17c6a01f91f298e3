import { randomUUID, timingSafeEqual } from "node:crypto";
import type { Transaction } from "kysely";
import {
  type CertificateClaim,
  type CertificateDocument,
  CertificateFormatError,
  type CertificateHolder,
  type CertificateKeySet,
  certificateDigest,
  chinaToday,
  fromBase64Url,
  parseCertificate,
  VERIFICATION_CODE_LENGTH,
  type VerifyReason,
  verifySignature,
} from "../../../shared/certificates/certificate.js";
import { type PublicCertificateFacts, publicFacts } from "../../../shared/certificates/masked.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import type { Db } from "../../platform/db/database.js";
import type { DB } from "../../platform/db/schema.js";
import { inTransaction } from "../../platform/db/tx.js";
import { conflict, DomainError, forbidden, notFound, validationError } from "../../platform/errors.js";
import { consents } from "../exchange/index.js";
import { directory } from "../identity/index.js";
import { type CertificateSigner, currentSigner, replaceSigner } from "./certificates.keys.js";
import * as repo from "./certificates.repository.js";

/** What a certificate is now: valid, past its validUntil, or revoked by its issuer. */
export type CertificateStatus = "valid" | "expired" | "revoked";

/** What the applications module (or any issuer) says when an approval issues a certificate. */
export interface IssueCertificateInput {
  /** 证照类型代码, e.g. the service item's `certificate.type` ("birth-registration"). */
  type: string;
  name: string;
  nameEn: string;
  /** The person or organisation (identity module ids) the certificate is issued to. */
  holder: { type: "person" | "organisation"; id: string };
  /** Code of the issuing department (颁证单位), e.g. "HZ-GA". */
  issuer: string;
  /** The certificate's facts in display order, labelled in both languages. */
  claims: CertificateClaim[];
  /** Last day of validity (YYYY-MM-DD, China); absent or null: does not expire. */
  validUntil?: string | null;
  application?: { id: string; serviceCode: string } | null;
}

/** A certificate as its holder or its issuing department sees it. */
export interface CertificateRecord {
  document: CertificateDocument;
  status: CertificateStatus;
  digest: string;
  revokedAt: Date | null;
  revocationReason: string | null;
}

/** The issuer registry's answer about a document someone presents. */
export interface VerificationResult {
  /** The signature verifies with a published key and this registry issued exactly this document. */
  valid: boolean;
  status: CertificateStatus | "invalid";
  reason: VerifyReason | null;
  detail: string | null;
  keyId: string | null;
  revoked: boolean;
  revokedAt: Date | null;
}

/** What anyone with a certificate's number may see: the masked facts and the status. */
export interface PublicCertificate {
  facts: PublicCertificateFacts;
  status: CertificateStatus;
  revokedAt: Date | null;
}

const STAFF_ROLES = ["officer", "dept_admin"];
const HOLDER_ROLES = ["citizen", "enterprise_agent"];

function statusOf(row: repo.CertificateRow, today = chinaToday()): CertificateStatus {
  if (row.revoked_at) {
    return "revoked";
  }
  return row.valid_until !== null && row.valid_until < today ? "expired" : "valid";
}

function recordOf(row: repo.CertificateRow): CertificateRecord {
  return {
    document: parseCertificate(row.document),
    status: statusOf(row),
    digest: row.digest,
    revokedAt: row.revoked_at,
    revocationReason: row.revocation_reason,
  };
}

async function holderOf(
  ctx: ServiceContext,
  holder: IssueCertificateInput["holder"],
): Promise<CertificateHolder> {
  if (holder.type === "person") {
    const person = await directory.findPerson(ctx, holder.id);
    if (!person) {
      throw validationError("holder.id", "No person has this id");
    }
    return { type: "person", name: person.name, idNumber: person.id_number };
  }
  const organisation = await directory.findOrganisation(ctx, holder.id);
  if (!organisation) {
    throw validationError("holder.id", "No organisation has this id");
  }
  return { type: "organisation", name: organisation.name, creditCode: organisation.credit_code };
}

/** True when the caller is the platform itself or staff of the department. */
async function actsFor(ctx: ServiceContext, caller: Caller, department: string): Promise<boolean> {
  if (caller.actor.via === "system") {
    return true;
  }
  if (!caller.actor.roles.some((r) => [...STAFF_ROLES, "system"].includes(r))) {
    return false;
  }
  return (await directory.departmentCodes(ctx, caller.actor.departmentIds)).includes(department);
}

/** The caller's tie to a certificate: its holder (or the holder's agent), its issuer's staff, or none. */
async function relationTo(
  ctx: ServiceContext,
  caller: Caller,
  row: repo.CertificateRow,
): Promise<"holder" | "issuer" | null> {
  if (caller.actor.roles.some((r) => HOLDER_ROLES.includes(r))) {
    try {
      const subject = await consents.subjectOf(ctx, caller);
      if (subject.type === row.holder_type && subject.id === row.holder_id) {
        return "holder";
      }
    } catch (error) {
      if (!(error instanceof DomainError)) {
        throw error;
      }
    }
  }
  if (
    caller.actor.roles.some((r) => STAFF_ROLES.includes(r)) &&
    (await actsFor(ctx, caller, row.issuer_code))
  ) {
    return "issuer";
  }
  return null;
}

// Signers whose key is known to be in certificate_keys (after a committed registration).
const published = new WeakSet<CertificateSigner>();

async function publishCurrentKey(ctx: ServiceContext): Promise<void> {
  const signer = currentSigner(ctx.config);
  if (!published.has(signer)) {
    await inTransaction(ctx.db, (tx) => repo.registerKey(tx, signer.keyId, signer.x));
    published.add(signer);
  }
}

/**
 * Issues an e-certificate within the caller's transaction (the approval that issues it): signs the
 * document with the platform's current key, stores it and records `certificates.issue` in the ledger,
 * all of which vanish if the transaction rolls back. The caller must be the platform itself or staff
 * of the issuing department. Throws VALIDATION naming the input field, FORBIDDEN.
 */
export async function issueCertificate(
  ctx: ServiceContext,
  tx: Transaction<DB> | Db,
  caller: Caller,
  input: IssueCertificateInput,
): Promise<CertificateDocument> {
  // Every read goes through the caller's transaction: PGlite has one connection, which it holds.
  const tctx: ServiceContext = { ...ctx, db: tx };
  if (input.validUntil != null && input.validUntil < chinaToday()) {
    throw validationError("validUntil", "A certificate cannot expire before it is issued");
  }
  const issuer = await directory.departmentByCode(tctx, input.issuer);
  if (!issuer) {
    throw validationError("issuer", `No department has the code ${input.issuer}`);
  }
  if (!(await actsFor(tctx, caller, issuer.code))) {
    throw forbidden("Only the issuing department's staff or the platform issue its certificates");
  }
  const holder = await holderOf(tctx, input.holder);
  const signer = currentSigner(ctx.config);
  await repo.registerKey(tx, signer.keyId, signer.x);
  const signed = signer.sign({
    version: 1,
    id: randomUUID(),
    type: input.type,
    name: input.name,
    nameEn: input.nameEn,
    holder,
    issuer: { department: issuer.code, name: issuer.name, nameEn: issuer.name_en },
    issuedAt: new Date().toISOString(),
    validUntil: input.validUntil ?? null,
    claims: input.claims,
    application: input.application ?? null,
  });
  let document: CertificateDocument;
  try {
    // The same strict reading every verifier applies: what it would refuse is never issued.
    document = parseCertificate(signed);
  } catch (error) {
    if (error instanceof CertificateFormatError) {
      throw validationError("certificate", error.message);
    }
    throw error;
  }
  const digest = certificateDigest(document);
  await repo.insertCertificate(tx, {
    id: document.id,
    type: document.type,
    holder_type: input.holder.type,
    holder_id: input.holder.id,
    issuer_code: issuer.code,
    application_id: document.application?.id ?? null,
    service_code: document.application?.serviceCode ?? null,
    document: JSON.stringify(document),
    digest,
    key_id: signer.keyId,
    issued_at: document.issuedAt,
    valid_until: document.validUntil,
    issued_by: caller.actor.accountId,
  });
  await ctx.ledger.record(tx, {
    action: "certificates.issue",
    actor: caller.actor,
    subjects: [input.holder],
    resource: `certificates/${document.id}`,
    reference: document.application?.id ?? null,
    outcome: "success",
    requestId: caller.requestId,
    details: {
      type: document.type,
      issuer: issuer.code,
      keyId: signer.keyId,
      digest,
      service: document.application?.serviceCode ?? null,
    },
  });
  return document;
}

async function findOrThrow(ctx: ServiceContext, id: string): Promise<repo.CertificateRow> {
  const row = await repo.findCertificate(ctx.db, id);
  if (!row) {
    throw notFound("Certificate");
  }
  return row;
}

/** The certificate and the caller's tie to it; to anyone without one it does not exist. */
async function findRelatedOrThrow(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<{ row: repo.CertificateRow; relation: "holder" | "issuer" }> {
  const row = await findOrThrow(ctx, id);
  const relation = await relationTo(ctx, caller, row);
  if (!relation) {
    throw notFound("Certificate");
  }
  return { row, relation };
}

/** Records an act on a certificate, about its holder, in the ledger. */
function recordAbout(
  ctx: ServiceContext,
  db: Db,
  caller: Caller,
  row: repo.CertificateRow,
  action: string,
  details: Record<string, string> = {},
): Promise<number> {
  return ctx.ledger.record(db, {
    action,
    actor: caller.actor,
    subjects: [{ type: row.holder_type, id: row.holder_id }],
    resource: `certificates/${row.id}`,
    outcome: "success",
    requestId: caller.requestId,
    details: { type: row.type, issuer: row.issuer_code, ...details },
  });
}

/**
 * A certificate for its holder (or the enterprise's agent) or the issuing department's staff, whose
 * reads are recorded. Anyone else is told it does not exist. Throws NOT_FOUND.
 */
export async function getCertificate(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
): Promise<CertificateRecord> {
  const { row, relation } = await findRelatedOrThrow(ctx, caller, id);
  if (relation === "issuer") {
    await recordAbout(ctx, ctx.db, caller, row, "certificates.read");
  }
  return recordOf(row);
}

/** The certificates of the person, or of the enterprise an agent acts for, newest first. */
export async function listHolderCertificates(
  ctx: ServiceContext,
  caller: Caller,
): Promise<CertificateRecord[]> {
  const subject = await consents.subjectOf(ctx, caller);
  return (await repo.listByHolder(ctx.db, subject, 200)).map(recordOf);
}

/**
 * The issuing department revokes a certificate, with a reason; recorded in the ledger. Throws
 * NOT_FOUND (not the caller's to see), FORBIDDEN (the holder), CONFLICT (already revoked).
 */
export async function revokeCertificate(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  reason: string,
): Promise<CertificateRecord> {
  const { row, relation } = await findRelatedOrThrow(ctx, caller, id);
  if (relation !== "issuer") {
    throw forbidden("Only the issuing department revokes a certificate");
  }
  const text = reason.trim();
  if (text.length < 2) {
    throw validationError("body.reason", "Give the reason for revoking");
  }
  await inTransaction(ctx.db, async (tx) => {
    if (!(await repo.markRevoked(tx, id, { at: new Date(), by: caller.actor.accountId, reason: text }))) {
      throw conflict("This certificate is already revoked");
    }
    await recordAbout(ctx, tx, caller, row, "certificates.revoke", { reason: text });
  });
  return recordOf(await findOrThrow(ctx, id));
}

/** What the public verification page shows for a certificate number. Throws NOT_FOUND. */
export async function publicCertificate(ctx: ServiceContext, id: string): Promise<PublicCertificate> {
  const row = await findOrThrow(ctx, id);
  return {
    facts: publicFacts(parseCertificate(row.document)),
    status: statusOf(row),
    revokedAt: row.revoked_at,
  };
}

/**
 * The signed document for whoever holds the code of its QR link (the link's fragment: a prefix of the
 * document's digest, seen only by those shown the certificate), so that their browser can check the
 * signature itself. Recorded in the ledger for the holder's data tracker. Throws NOT_FOUND for a
 * wrong code as for an unknown number.
 */
export async function documentByCode(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  code: string,
): Promise<CertificateRecord> {
  const row = await repo.findCertificate(ctx.db, id);
  const expected = Buffer.from(row?.digest.slice(0, VERIFICATION_CODE_LENGTH) ?? "", "utf8");
  const given = Buffer.from(code, "utf8");
  if (!row || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw notFound("Certificate");
  }
  await recordAbout(ctx, ctx.db, caller, row, "certificates.verify", { via: "qr" });
  // Why a certificate was revoked is for its holder and issuer; the public learns that and when.
  return { ...recordOf(row), revocationReason: null };
}

/** Every key that has signed certificates here, the current one first published if need be. */
export async function publishedKeys(ctx: ServiceContext): Promise<CertificateKeySet> {
  await publishCurrentKey(ctx);
  return {
    keys: (await repo.listKeys(ctx.db)).map((k) => ({
      kty: "OKP",
      crv: "Ed25519",
      x: k.public_key,
      kid: k.kid,
      alg: "EdDSA",
      use: "sig",
      status: k.retired_at ? "retired" : "current",
      created: k.created_at.toISOString(),
      retired: k.retired_at ? k.retired_at.toISOString() : null,
    })),
  };
}

/**
 * Checks a presented document: its form and signature with the published keys, then that this
 * registry issued exactly this document, and whether it was revoked or has expired.
 */
export async function verifyCertificate(ctx: ServiceContext, value: unknown): Promise<VerificationResult> {
  const keys = new Map<string, Uint8Array>();
  for (const k of await repo.listKeys(ctx.db)) {
    const publicKey = fromBase64Url(k.public_key, 32);
    if (publicKey) {
      keys.set(k.kid, publicKey);
    }
  }
  const check = verifySignature(value, keys);
  const invalid = (reason: VerifyReason, detail: string | null): VerificationResult => ({
    valid: false,
    status: "invalid",
    reason,
    detail,
    keyId: check.keyId,
    revoked: false,
    revokedAt: null,
  });
  if (!check.valid || !check.document) {
    return invalid(check.reason ?? "malformed", check.detail);
  }
  const row = await repo.findCertificate(ctx.db, check.document.id);
  if (!row || row.digest !== certificateDigest(check.document)) {
    return invalid("not-issued", "this registry has not issued this document");
  }
  const status = statusOf(row);
  return {
    valid: true,
    status,
    reason: null,
    detail: null,
    keyId: check.keyId,
    revoked: status === "revoked",
    revokedAt: row.revoked_at,
  };
}

/**
 * Makes a new signing key current (an operator's act, recorded); the old public key stays published
 * and what it signed still verifies. Throws CONFLICT when the key comes from the environment.
 */
export async function rotateSigningKey(
  ctx: ServiceContext,
  caller: Caller,
): Promise<{ keyId: string; previous: string }> {
  const previous = currentSigner(ctx.config).keyId;
  const signer = replaceSigner(ctx.config);
  await inTransaction(ctx.db, async (tx) => {
    // Every key that signed something was published when it did; the new one retires it.
    await repo.registerKey(tx, signer.keyId, signer.x);
    await ctx.ledger.record(tx, {
      action: "certificates.key.rotate",
      actor: caller.actor,
      resource: "certificates/keys",
      outcome: "success",
      requestId: caller.requestId,
      details: { keyId: signer.keyId, previous },
    });
  });
  published.add(signer);
  return { keyId: signer.keyId, previous };
}
