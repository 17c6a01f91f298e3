import { createHash, randomUUID } from "node:crypto";
import { type RawBuilder, sql } from "kysely";
import { canonicalJson, type Json } from "../../../shared/ledger/canonical.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import type { Db } from "../../platform/db/database.js";
import { groupCommitPerDb } from "../../platform/db/group-commit.js";
import { jsonRows } from "../../platform/db/json-rows.js";
import { runShapedMany, type SlotType } from "../../platform/db/shaped.js";
import { inTransaction } from "../../platform/db/tx.js";
import { DomainError, validationError } from "../../platform/errors.js";
import { directory } from "../identity/index.js";
import type { RecordInput } from "../ledger/index.js";
import {
  chinaDay,
  evaluateRead,
  NO_ACCOUNT,
  noteReadsSql,
  type RawReadFacts,
  readFactsSql,
} from "../policy/index.js";
import { prefetchFor } from "../registries/index.js";
import { type AgreementRow, effectiveStatus } from "./agreements.service.js";
import { type CatalogueResource, getResource } from "./catalogue.service.js";
import {
  type ConsentCheckRow,
  checkConsentRows,
  consentCheckRowsSql,
  type Subject,
} from "./consent.service.js";
import { maskValue, needsMask } from "./masking.js";
import type { ProviderRecord, SubjectKey } from "./provider.js";
import { providerFor } from "./providers.js";

export interface QueryInput {
  resource: string;
  agreement: string;
  subject: { idNumber?: string | undefined; creditCode?: string | undefined };
  purpose: string;
  /** The fields wanted; all the agreement grants when omitted. */
  fields?: string[] | undefined;
  /** What the use serves, e.g. an application number: supervision asks for it. */
  reference?: string | undefined;
}

export interface FieldValue {
  value: ProviderRecord["values"][string];
  masked: boolean;
  source: { department: string; resource: string };
  updatedAt: string;
}

export interface QueryResult {
  resource: string;
  agreement: string;
  consent: string | null;
  records: { fields: Record<string, FieldValue> }[];
  /** The nonce hashed with the request (see docs/exchange.md for how to recompute the hashes). */
  nonce: string;
  /** SHA-256 of the canonical request and response: the ledger entry binds the two. */
  requestHash: string;
  responseHash: string;
  requestId: string | null;
  /** The ledger entry recording this call: its proof is at /api/ledger/mine or the auditor's views. */
  ledgerSeq: number;
}

const SHARDS = 32;
/**
 * Group commit of successful calls: batch size, and statements at once per database. One at a time
 * measured cheapest (larger batches; a write takes about a millisecond, so the wait is short).
 */
const GROUP = { maxBatch: 64, maxInFlight: 1 };
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Calls per agreement in the current minute, in this process (a sliding window of 60 one-second slots). */
const minuteWindows = new Map<string, { slots: Int32Array; stamps: Float64Array }>();
function callsThisMinute(agreement: string, now: number, add: boolean): number {
  let w = minuteWindows.get(agreement);
  if (!w) {
    w = { slots: new Int32Array(60), stamps: new Float64Array(60) };
    minuteWindows.set(agreement, w);
  }
  const second = Math.floor(now / 1000);
  const slot = second % 60;
  if (w.stamps[slot] !== second) {
    w.stamps[slot] = second;
    w.slots[slot] = 0;
  }
  if (add) {
    w.slots[slot] = (w.slots[slot] ?? 0) + 1;
  }
  let total = 0;
  for (let i = 0; i < 60; i++) {
    if (second - (w.stamps[i] ?? 0) < 60) {
      total += w.slots[i] ?? 0;
    }
  }
  return total;
}

interface Attempt {
  nonce: string;
  requestHash: string;
  resource: string;
  agreement: AgreementRow | null;
  consumer: string | null;
  subject: Subject | null;
  fields: string[];
}

/**
 * The gateway: one governed read of a registry for one subject. Deny by default: the agreement,
 * the requested fields, the subject, consent, the policy decision point (negative list included)
 * and the quotas are each checked, in that order; then the registry answers, fields are masked by
 * sensitivity, and the ledger entry (who, whose data, which fields, purpose, agreement, outcome,
 * request and response hashes) is written in the same transaction as the call's accounting. A
 * refusal or fault is recorded too, and nothing partial is returned.
 */
export async function query(ctx: ServiceContext, caller: Caller, input: QueryInput): Promise<QueryResult> {
  // A fresh nonce in the hashed request: the hash in the public ledger cannot be brute-forced back
  // to the ID number asked about, while the consumer, who holds the nonce, can recompute it. 32 hex
  // digits with 122 random bits, from Node's buffered CSPRNG (randomUUID), rather than a
  // randomBytes call of its own on every query.
  const nonce = randomUUID().replaceAll("-", "");
  const requestHash = sha256(
    // Keys in sorted order: the canonical form is then one JSON.stringify (see canonicalJson).
    canonicalJson({
      agreement: input.agreement,
      fields: input.fields ?? null,
      nonce,
      purpose: input.purpose,
      reference: input.reference ?? null,
      requestId: caller.requestId,
      resource: input.resource,
      subject: input.subject as Json,
    }),
  );
  const attempt: Attempt = {
    nonce,
    requestHash,
    resource: input.resource,
    agreement: null,
    consumer: null,
    subject: null,
    fields: input.fields ?? [],
  };
  try {
    return await run(ctx, caller, input, attempt);
  } catch (error) {
    if (error instanceof DomainError) {
      await recordRefusal(ctx, caller, input, attempt, error);
    }
    throw error;
  }
}

async function run(
  ctx: ServiceContext,
  caller: Caller,
  input: QueryInput,
  attempt: Attempt,
): Promise<QueryResult> {
  const resource = await getResource(ctx, input.resource, "body.resource");
  const today = chinaDay(new Date());
  // One round trip for what the checks below need, in their order: the agreement with today's use,
  // the subject's id, and the negative list's facts about reading this person.
  const key = subjectKeyOf(resource, input);
  const mine = await directory.departmentCodes(ctx, caller.actor.departmentIds);
  // A built-in registry is read in the same statement, but only under an approved agreement of the
  // caller's department for this resource and purpose, in force today, and only the agreed fields'
  // columns (see prefetchFor); what the checks below refuse is never returned.
  const prefetch =
    key && resource.provider.kind !== "http"
      ? prefetchFor(resource.id, key.type, sql`agreed.fields`)
      : undefined;
  // Every call has one of a few shapes, compiled once each; the values vary. A shape's values are
  // named, and concurrent calls of one shape are read together, in one statement (see readFor).
  const given: Record<string, unknown> = {
    agreementId: input.agreement,
    day: today,
    ...(key ? { subjectKey: key.type === "person" ? key.idNumber : key.creditCode } : {}),
    ...(key?.type === "person" ? { account: caller.actor.accountId ?? NO_ACCOUNT } : {}),
    ...(prefetch ? { purpose: input.purpose, departments: mine, resourceId: resource.id } : {}),
  };
  const names = Object.keys(given) as SlotName[];
  const shape = `exchange:gateway-read:${key?.type ?? "-"}:${prefetch ? resource.id : "-"}`;
  const row = await readFor(
    ctx,
    shape,
    names,
    names.map((n) => given[n]),
    (slots) => {
      const { agreementId, day, subjectKey, account, purpose, departments, resourceId } = slots;
      const subjectSql =
        key?.type === "person"
          ? directory.personIdSql(subjectKey)
          : key?.type === "organisation"
            ? directory.organisationIdSql(subjectKey)
            : sql<string | null>`null::uuid`;
      return sql<GatewayRead>`
      with subject as (select ${subjectSql} as id)
      select
        (select row_to_json(x) from (
          select a.*, (select coalesce(sum(q.calls), 0)::int from exchange_quota q
                       where q.agreement_id = a.id and q.day = ${day}) as used_today
          from exchange_agreements a where a.id = ${agreementId}) x) as agreement,
        (select id from subject) as subject_id,
        (select ${consentCheckRowsSql(sql`subject.id`, sql`needs.consumer_code`)}
           from subject, exchange_agreements needs
           where subject.id is not null and needs.id = ${agreementId} and needs.requires_consent) as consents,
        ${
          key?.type === "person"
            ? sql`(select ${readFactsSql(account, day, sql`subject.id`)}
                   from subject where subject.id is not null)`
            : sql`null::json`
        } as facts,
        ${
          prefetch
            ? sql`(select ${prefetch.sql(subjectKey)} from exchange_agreements agreed
                   where agreed.id = ${agreementId} and agreed.resource_id = ${resourceId}
                     and agreed.status = 'approved' and agreed.purpose = ${purpose}
                     and agreed.consumer_code = any(${departments})
                     and ${day} between agreed.valid_from and agreed.valid_until)`
            : sql`null::json`
        } as held`;
    },
  );
  const agreement = row.agreement ?? undefined;
  if (!agreement || agreement.resource_id !== resource.id || !mine.includes(agreement.consumer_code)) {
    throw new DomainError(
      "AGREEMENT_REQUIRED",
      `Your department has no agreement ${input.agreement} for ${resource.name}`,
      "body.agreement",
    );
  }
  attempt.agreement = agreement;
  attempt.consumer = agreement.consumer_code;
  const status = effectiveStatus(agreement, today);
  if (status === "suspended") {
    throw new DomainError(
      "AGREEMENT_SUSPENDED",
      `The agreement is suspended: ${agreement.status_reason ?? ""}`,
      "body.agreement",
    );
  }
  if (status === "expired") {
    throw new DomainError(
      "AGREEMENT_EXPIRED",
      `The agreement expired on ${agreement.valid_until}`,
      "body.agreement",
    );
  }
  if (status !== "approved" || agreement.valid_from > today) {
    throw new DomainError(
      "AGREEMENT_REQUIRED",
      status === "approved"
        ? `The agreement is in force from ${agreement.valid_from}`
        : `The agreement is ${status}`,
      "body.agreement",
    );
  }
  if (input.purpose !== agreement.purpose) {
    throw new DomainError(
      "AGREEMENT_REQUIRED",
      `The agreement covers the purpose “${agreement.purpose}” only`,
      "body.purpose",
    );
  }
  const fields = input.fields ?? agreement.fields;
  attempt.fields = fields;
  fields.forEach((name, i) => {
    if (!agreement.fields.includes(name)) {
      throw new DomainError(
        "FIELD_NOT_AGREED",
        `The agreement does not cover the field ${name}`,
        `body.fields[${i}]`,
      );
    }
  });
  if (fields.length === 0) {
    throw validationError("body.fields", "Ask for at least one field");
  }
  if (!key) {
    const field = resource.subjectType === "person" ? "idNumber" : "creditCode";
    throw validationError(
      `body.subject.${field}`,
      resource.subjectType === "person"
        ? `${resource.name} is queried by a person's ID number`
        : `${resource.name} is queried by a unified social credit code`,
    );
  }
  if (!row.subject_id) {
    throw new DomainError(
      "SUBJECT_UNKNOWN",
      key.type === "person" ? "No person has this ID number" : "No organisation has this credit code",
      `body.subject.${key.type === "person" ? "idNumber" : "creditCode"}`,
    );
  }
  const subject: Subject = { type: key.type, id: row.subject_id };
  attempt.subject = subject;
  const consent = agreement.requires_consent
    ? checkConsentRows(row.consents ?? [], { resource: resource.id, fields, purpose: input.purpose })
    : null;
  const decision = await evaluateRead(
    ctx,
    caller,
    {
      resource: {
        id: resource.id,
        owner: resource.owner,
        sharingClass: resource.sharingClass,
        dataClass: resource.dataClass,
        purposes: [...resource.purposes],
      },
      subject,
      purpose: input.purpose,
      legalBasis: agreement.legal_basis,
      viaExchange: true,
    },
    ctx.db,
    row.facts ?? undefined,
  );
  if (!decision.allow) {
    throw new DomainError("POLICY_DENIED", "The policy decision point refused this read", undefined, {
      policies: decision.decidedBy,
      reason: decision.reason,
    });
  }
  if ((agreement.used_today ?? 0) >= agreement.daily_quota) {
    throw new DomainError(
      "QUOTA_EXCEEDED",
      `The agreement's ${agreement.daily_quota} calls for today are used`,
      undefined,
      {
        limit: "daily",
      },
    );
  }
  if (callsThisMinute(agreement.id, Date.now(), false) >= agreement.rate_per_minute) {
    throw new DomainError(
      "QUOTA_EXCEEDED",
      `The agreement allows ${agreement.rate_per_minute} calls a minute`,
      undefined,
      {
        limit: "rate",
      },
    );
  }
  callsThisMinute(agreement.id, Date.now(), true);

  const held =
    prefetch && row.held !== null && row.held !== undefined
      ? prefetch.records(row.held, fields, given.subjectKey as string)
      : await providerFor(resource).lookup(ctx, key, fields);
  const records = held.map((r) => ({ fields: present(resource, agreement, fields, r) }));
  const responseHash = sha256(
    canonicalJson({ records: records as unknown as Json, requestHash: attempt.requestHash }),
  );
  const masked = fields.filter((name) => {
    const def = resource.fields.find((f) => f.name === name);
    return def ? needsMask(def, agreement.clearance) : false;
  });
  // The ledger entry, the call log, today's quota count and the daily-cap count of the negative
  // list, written in one statement together with those of concurrent calls (see recordSuccess).
  const ledgerSeq = await recordSuccess(ctx, {
    caller,
    entry: {
      action: "exchange.query",
      actor: caller.actor,
      subjects: [subject],
      resource: `data/${resource.id}`,
      purpose: input.purpose,
      legalBasis: agreement.legal_basis,
      reference: input.reference ?? null,
      outcome: "success",
      policies: decision.decidedBy,
      requestId: caller.requestId,
      details: {
        agreement: agreement.id,
        consent,
        consumer: agreement.consumer_code,
        fields,
        masked,
        owner: resource.owner,
        records: records.length,
        requestHash: attempt.requestHash,
        responseHash,
      },
    },
    call: {
      requestId: caller.requestId,
      agreement: agreement.id,
      resource: resource.id,
      consumer: agreement.consumer_code,
      account: caller.actor.accountId,
      subject,
      purpose: input.purpose,
      reference: input.reference ?? null,
      fields,
      requestHash: attempt.requestHash,
      responseHash,
    },
    day: today,
  });
  return {
    resource: resource.id,
    agreement: agreement.id,
    consent,
    records,
    nonce: attempt.nonce,
    requestHash: attempt.requestHash,
    responseHash,
    requestId: caller.requestId,
    ledgerSeq,
  };
}

/** The key the registry is queried by, or null when the request lacks the one the resource needs. */
function subjectKeyOf(resource: CatalogueResource, input: QueryInput): SubjectKey | null {
  if (resource.subjectType === "person") {
    return input.subject.idNumber
      ? { type: "person", idNumber: input.subject.idNumber.trim().toUpperCase() }
      : null;
  }
  return input.subject.creditCode
    ? { type: "organisation", creditCode: input.subject.creditCode.trim().toUpperCase() }
    : null;
}

/** What the gateway's one read returns (see run). */
interface GatewayRead {
  agreement: (AgreementRow & { used_today: number }) | null;
  subject_id: string | null;
  facts: RawReadFacts | null;
  consents: ConsentCheckRow[] | null;
  held: unknown;
}

/** The values a gateway read's shape may take, and their SQL types. */
type SlotName = "agreementId" | "day" | "subjectKey" | "account" | "purpose" | "departments" | "resourceId";
const SLOT_TYPES: Record<SlotName, SlotType> = {
  agreementId: "uuid",
  day: "date",
  subjectKey: "text",
  account: "uuid",
  purpose: "text",
  departments: "text[]",
  resourceId: "text",
};
/**
 * Concurrent reads of one shape go in one statement (group commit's batching, for a read): items
 * per statement, and statements at once per shape and database.
 */
const READS = { maxBatch: 64, maxInFlight: 1 };
const readers = new Map<string, (ctx: ServiceContext, values: unknown[]) => Promise<GatewayRead>>();

/**
 * The gateway's one read for a call: the shape `shape` with the named values. Concurrent calls of
 * the same shape are read together in one statement (runShapedMany), each getting its own row;
 * inside a caller's transaction, at once. `build` gets each value as an SQL expression; it is used
 * when the shape is first compiled, so it must depend on nothing but the shape.
 */
function readFor(
  ctx: ServiceContext,
  shape: string,
  names: readonly SlotName[],
  values: unknown[],
  build: (slots: Partial<Record<SlotName, RawBuilder<unknown>>>) => RawBuilder<GatewayRead>,
): Promise<GatewayRead> {
  let read = readers.get(shape);
  if (!read) {
    const types = names.map((n) => SLOT_TYPES[n]);
    read = groupCommitPerDb(
      (c: ServiceContext, items: unknown[][]) =>
        runShapedMany(c.db, shape, types, items, (slots) =>
          build(Object.fromEntries(names.map((n, i) => [n, slots[i]]))),
        ),
      READS,
    );
    readers.set(shape, read);
  }
  return read(ctx, values);
}

function present(
  resource: CatalogueResource,
  agreement: AgreementRow,
  fields: readonly string[],
  record: ProviderRecord,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const name of fields) {
    const def = resource.fields.find((f) => f.name === name);
    if (!def) {
      continue;
    }
    const raw = record.values[name] ?? null;
    const mask = needsMask(def, agreement.clearance);
    // Keys in sorted order, for the response hash's canonical JSON.
    out[name] = {
      masked: mask,
      source: { department: resource.owner, resource: resource.id },
      updatedAt: record.updatedAt,
      value: mask ? maskValue(def.mask, raw) : raw,
    };
  }
  return out;
}

/** A refused or failed call is recorded too: in the ledger and the call log, in its own transaction. */
async function recordRefusal(
  ctx: ServiceContext,
  caller: Caller,
  input: QueryInput,
  attempt: Attempt,
  error: DomainError,
): Promise<void> {
  const outcome = error.code === "PROVIDER_UNAVAILABLE" ? "failure" : "denied";
  const policies = Array.isArray(error.extra?.policies) ? (error.extra.policies as string[]) : [];
  await inTransaction(ctx.db, async (tx) => {
    const seq = await ctx.ledger.record(tx, {
      action: "exchange.query",
      actor: caller.actor,
      subjects: attempt.subject ? [attempt.subject] : [],
      resource: `data/${input.resource}`,
      purpose: input.purpose,
      legalBasis: attempt.agreement?.legal_basis ?? null,
      reference: input.reference ?? null,
      outcome,
      policies,
      requestId: caller.requestId,
      details: {
        agreement: attempt.agreement?.id ?? input.agreement,
        consumer: attempt.consumer,
        fields: attempt.fields,
        error: error.code,
        message: error.message,
        requestHash: attempt.requestHash,
      },
    });
    await tx
      .insertInto("exchange_calls")
      .values({
        request_id: caller.requestId,
        agreement_id: attempt.agreement?.id ?? null,
        resource_id: input.resource.slice(0, 60),
        consumer_code: attempt.consumer,
        account_id: caller.actor.accountId,
        subject_type: attempt.subject?.type ?? null,
        subject_id: attempt.subject?.id ?? null,
        purpose: input.purpose,
        reference: input.reference ?? null,
        fields: JSON.stringify(attempt.fields),
        outcome,
        error_code: error.code,
        request_hash: attempt.requestHash,
        response_hash: null,
        ledger_seq: seq,
      })
      .execute();
  });
}

/** What a successful call writes: its ledger entry, its row in the call log and its counts. */
interface Success {
  caller: Caller;
  entry: RecordInput;
  call: {
    requestId: string | null;
    agreement: string;
    resource: string;
    consumer: string;
    account: string | null;
    subject: Subject;
    purpose: string;
    reference: string | null;
    fields: string[];
    requestHash: string;
    responseHash: string;
  };
  day: string;
}

/**
 * Writes a successful call's ledger entry with its call log row and counts, and returns the entry's
 * sequence number once written. Concurrent calls are written together (group commit): one
 * statement for the batch, so each call's records are as atomic as before, and a call returns only
 * after the statement holding its records succeeded. Inside a caller's transaction, written at once.
 */
const recordSuccess = groupCommitPerDb(
  (ctx: ServiceContext, batch: Success[]) => writeSuccesses(ctx, ctx.db, batch),
  GROUP,
);

const CALL_TYPES = {
  request_id: "text",
  agreement_id: "uuid",
  resource_id: "text",
  consumer_code: "text",
  account_id: "uuid",
  subject_type: "text",
  subject_id: "uuid",
  purpose: "text",
  reference: "text",
  fields: "jsonb",
  request_hash: "text",
  response_hash: "text",
};

/** One statement: the batch's ledger entries, call log rows, quota counts and negative-list counts. */
function writeSuccesses(ctx: ServiceContext, db: Db, batch: Success[]): Promise<number[]> {
  const calls = batch.map((s) => s.call);
  // One row per agreement and day, on a shard chosen at random (concurrent batches rarely meet).
  const quota = new Map<string, { agreement: string; day: string; calls: number }>();
  for (const s of batch) {
    const key = `${s.call.agreement}|${s.day}`;
    const hit = quota.get(key);
    quota.set(key, { agreement: s.call.agreement, day: s.day, calls: (hit?.calls ?? 0) + 1 });
  }
  const counts = [...quota.values()];
  const shard = Math.floor(Math.random() * SHARDS);
  const persons = batch.filter((s) => s.call.subject.type === "person");
  return ctx.ledger.recordAlongMany(
    db,
    batch.map((s) => s.entry),
    [
      {
        name: "exchange_calls_batch",
        sql: sql`insert into exchange_calls (request_id, agreement_id, resource_id, consumer_code, account_id,
            subject_type, subject_id, purpose, reference, fields, outcome, request_hash, response_hash, ledger_seq)
          select c.request_id, c.agreement_id, c.resource_id, c.consumer_code, c.account_id, c.subject_type,
            c.subject_id, c.purpose, c.reference, c.fields, 'success', c.request_hash, c.response_hash, e.seq
          from ${jsonRows(
            calls.map((c) => ({
              request_id: c.requestId,
              agreement_id: c.agreement,
              resource_id: c.resource,
              consumer_code: c.consumer,
              account_id: c.account,
              subject_type: c.subject.type,
              subject_id: c.subject.id,
              purpose: c.purpose,
              reference: c.reference,
              fields: c.fields,
              request_hash: c.requestHash,
              response_hash: c.responseHash,
            })),
            CALL_TYPES,
            "c",
          )}
          join entry_seqs e on e.ord = c.n`,
      },
      {
        name: "exchange_quota_batch",
        sql: sql`insert into exchange_quota (agreement_id, day, shard, calls)
          select q.agreement_id, q.day, ${shard}, q.calls
          from unnest(${sql.val(counts.map((c) => c.agreement))}::uuid[],
                      ${sql.val(counts.map((c) => c.day))}::date[],
                      ${sql.val(counts.map((c) => c.calls))}::int[]) as q (agreement_id, day, calls)
          on conflict (agreement_id, day, shard) do update set calls = exchange_quota.calls + excluded.calls`,
      },
      ...(persons.length > 0
        ? noteReadsSql(persons.map((s) => ({ caller: s.caller, personId: s.call.subject.id })))
        : []),
    ],
  );
}
