import { type RawBuilder, sql, type Transaction } from "kysely";
import { canonicalJson, type Json } from "../../../shared/ledger/canonical.js";
import type { LedgerEntryV1, Outcome, SubjectRef } from "../../../shared/ledger/entry.js";
import {
  consistencyProofRanges,
  EMPTY_ROOT,
  type Hash,
  inclusionProofRanges,
  leafHash,
  type NodeId,
  nodeHash,
  rangeHash,
  rangeNodes,
  toBase64,
} from "../../../shared/ledger/merkle.js";
import { formatCheckpoint } from "../../../shared/ledger/note.js";
import type { Db } from "../../platform/db/database.js";
import type { DB } from "../../platform/db/schema.js";
import { DomainError, notFound, validationError } from "../../platform/errors.js";
import type { LedgerKeys } from "./ledger.keys.js";
import type { Companion } from "./ledger.repository.js";
import * as repo from "./ledger.repository.js";

/** Who acted: an account with its roles and departments, or nobody (anonymous, failed sign-in). */
export interface Actor {
  accountId: string | null;
  roles: readonly string[];
  departmentIds: readonly string[];
  via: "session" | "token" | "system" | "anonymous";
}

export const ANONYMOUS: Actor = { accountId: null, roles: [], departmentIds: [], via: "anonymous" };
export const SYSTEM: Actor = { accountId: null, roles: [], departmentIds: [], via: "system" };

export interface RecordInput {
  action: string;
  actor: Actor;
  subjects?: { type: SubjectRef["type"]; id: string }[];
  resource?: string | null;
  purpose?: string | null;
  legalBasis?: string | null;
  reference?: string | null;
  outcome: Outcome;
  policies?: string[];
  requestId?: string | null;
  details?: LedgerEntryV1["details"];
  time?: Date;
}

/** The ledger as other modules see it: one call to append inside their own transaction. */
export interface Ledger {
  keys: LedgerKeys;
  /**
   * Appends an entry in the caller's transaction: it exists exactly when the action it records does.
   * Returns the entry's sequence number (its place in the log once integrated).
   */
  record(tx: Db | Transaction<DB>, input: RecordInput): Promise<number>;
  /**
   * Appends an entry together with other data-modifying statements, in one SQL statement: atomic
   * without a transaction round trip. Each companion may refer to the entry's sequence number.
   */
  recordAlong(
    db: Db | Transaction<DB>,
    input: RecordInput,
    companions: (seq: RawBuilder<number>) => Companion[],
  ): Promise<number>;
  /**
   * recordAlong, returning also a value the same statement computes (`select`), e.g. the rows the
   * companions wrote, from their RETURNING (`(select row_to_json(x) from x)`): no read afterwards.
   */
  recordAlongSelecting<T>(
    db: Db | Transaction<DB>,
    input: RecordInput,
    companions: (seq: RawBuilder<number>) => Companion[],
    select: RawBuilder<T>,
  ): Promise<{ seq: number; selected: T }>;
  /**
   * Appends many entries with other data-modifying statements, all in one SQL statement (a group
   * commit of concurrent calls: see groupCommit). The companions may read the CTE `entry_seqs`:
   * `ord`, an entry's place in `inputs` counted from 1, and its `seq`. Returns the sequence
   * numbers in the order of `inputs`.
   */
  recordAlongMany(
    db: Db | Transaction<DB>,
    inputs: RecordInput[],
    companions: Companion[],
  ): Promise<number[]>;
  /**
   * As `recordAlongMany`, and returns the rows of `read`: the statement's final SELECT, which may
   * read the companions' results (their RETURNING, by CTE name) and `entry_seqs`, so that what was
   * written need not be read again.
   */
  recordAlongManyReading<R>(
    db: Db | Transaction<DB>,
    inputs: RecordInput[],
    companions: Companion[],
    read: RawBuilder<R>,
  ): Promise<R[]>;
  /** Appends many entries in one statement (bulk actions, imports). */
  recordMany(tx: Db | Transaction<DB>, inputs: RecordInput[]): Promise<void>;
}

const MAX_ENTRY_BYTES = 65_535;

/** Builds the canonical entry: personal identifiers become keyed hashes; the clear ones go to a private table. */
export function buildEntry(keys: LedgerKeys, input: RecordInput): { body: string; entry: LedgerEntryV1 } {
  const subjects = [...new Map((input.subjects ?? []).map((s) => [`${s.type}:${s.id}`, s])).values()];
  // Keys written in sorted order, so that the canonical form is one JSON.stringify (see canonicalJson).
  const entry: LedgerEntryV1 = {
    action: input.action,
    actor: {
      account: input.actor.accountId ? keys.keyedHash("account", input.actor.accountId) : null,
      departments: [...input.actor.departmentIds].sort(),
      roles: [...input.actor.roles].sort(),
      via: input.actor.via,
    },
    details: input.details ?? {},
    legalBasis: input.legalBasis ?? null,
    outcome: input.outcome,
    policies: input.policies ?? [],
    purpose: input.purpose ?? null,
    reference: input.reference ?? null,
    requestId: input.requestId ?? null,
    resource: input.resource ?? null,
    subjects: subjects.map((s) => ({ ref: keys.keyedHash(s.type, s.id), type: s.type })),
    time: (input.time ?? new Date()).toISOString(),
    v: 1,
  };
  const body = canonicalJson(entry as unknown as Json);
  if (Buffer.byteLength(body, "utf8") > MAX_ENTRY_BYTES) {
    throw new DomainError("INTERNAL", "ledger entry too large");
  }
  return { body, entry };
}

function identitiesOf(input: RecordInput) {
  const identities: { kind: "actor" | "subject"; subject_type: SubjectRef["type"]; subject_id: string }[] =
    [];
  if (input.actor.accountId) {
    identities.push({ kind: "actor", subject_type: "account", subject_id: input.actor.accountId });
  }
  for (const s of input.subjects ?? []) {
    identities.push({ kind: "subject", subject_type: s.type, subject_id: s.id });
  }
  return identities;
}

export function createLedger(keys: LedgerKeys): Ledger {
  const row = (input: RecordInput) => {
    const { body, entry } = buildEntry(keys, input);
    return {
      body,
      action: entry.action,
      time: new Date(entry.time),
      department_ids: entry.actor.departments,
    };
  };
  return {
    keys,
    record(tx, input) {
      return repo.insertEntry(tx, row(input), identitiesOf(input));
    },
    recordAlong(db, input, companions) {
      return repo.insertEntry(db, row(input), identitiesOf(input), companions);
    },
    recordAlongSelecting(db, input, companions, select) {
      return repo.insertEntrySelecting(db, row(input), identitiesOf(input), companions, select);
    },
    recordAlongMany(db, inputs, companions) {
      return repo.insertEntriesAlong(db, inputs.map(row), inputs.map(identitiesOf), companions);
    },
    recordAlongManyReading(db, inputs, companions, read) {
      return repo.entriesAlong(db, inputs.map(row), inputs.map(identitiesOf), companions, read);
    },
    async recordMany(tx, inputs) {
      await repo.insertEntries(tx, inputs.map(row), inputs.map(identitiesOf));
    },
  };
}

const nodeKey = (n: NodeId) => `${n.level}/${n.index}`;
const LEDGER_LOCK = 72647;

export interface IntegrationResult {
  size: number;
  added: number;
}

/**
 * Adds pending entries to the tree and signs a checkpoint, all in one transaction under an advisory
 * lock: a crash loses nothing (the entries stay pending), two processes never integrate at once, and
 * every signed checkpoint extends the one before it.
 */
export async function integrate(
  db: Db,
  keys: LedgerKeys,
  maxBatch = 10_000,
): Promise<IntegrationResult | null> {
  const result = await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${LEDGER_LOCK})`.execute(tx);
    const pending = await repo.pendingEntries(tx, maxBatch);
    if (pending.length === 0) {
      return null;
    }
    const latest = await repo.latestCheckpoint(tx);
    const size = latest?.size ?? 0;
    const frontier = rangeNodes(0, size);
    const stored = await repo.findNodes(
      tx,
      frontier.map((n) => ({ level: n.level, idx: n.index })),
    );
    const nodes = new Map<string, Hash>();
    for (const n of frontier) {
      const h = stored.get(nodeKey(n));
      if (!h) {
        throw new DomainError("INTERNAL", `ledger node ${nodeKey(n)} is missing`);
      }
      nodes.set(nodeKey(n), h);
    }
    const fresh: { level: number; idx: number; hash: Uint8Array }[] = [];
    const encoder = new TextEncoder();
    pending.forEach((entry, i) => {
      let index = size + i;
      let level = 0;
      let hash = leafHash(encoder.encode(entry.body));
      nodes.set(nodeKey({ level, index }), hash);
      fresh.push({ level, idx: index, hash });
      // A right child completes its parent: climb while the node is the right one of a pair.
      while (index % 2 === 1) {
        const left = nodes.get(nodeKey({ level, index: index - 1 })) as Hash;
        hash = nodeHash(left, hash);
        level++;
        index = (index - 1) / 2;
        nodes.set(nodeKey({ level, index }), hash);
        fresh.push({ level, idx: index, hash });
      }
    });
    const newSize = size + pending.length;
    const root = rangeHash(0, newSize, (n) => nodes.get(nodeKey(n)) as Hash);
    await repo.assignIndices(
      tx,
      pending.map((p) => p.seq),
      size,
    );
    await repo.insertNodes(tx, fresh);
    const note = keys.signNote(formatCheckpoint({ origin: keys.origin, size: newSize, root }));
    await tx
      .insertInto("ledger_checkpoints")
      .values({ size: newSize, root: Buffer.from(root), note })
      .execute();
    return { size: newSize, added: pending.length, checkpoint: { size: newSize, root, note } };
  });
  if (!result) {
    return null;
  }
  recent.set(db, { at: Date.now(), checkpoint: result.checkpoint });
  return { size: result.size, added: result.added };
}

/** Integrates until nothing is pending (tests, start-up, the CLI). */
export async function integrateAll(db: Db, keys: LedgerKeys): Promise<number> {
  let size = (await repo.latestCheckpoint(db))?.size ?? 0;
  for (;;) {
    const result = await integrate(db, keys);
    if (!result) {
      return size;
    }
    size = result.size;
  }
}

/** The signed checkpoint of the current tree; an empty tree gets a freshly signed size-0 checkpoint. */
type SignedCheckpoint = { size: number; root: Hash; note: string };
// The latest checkpoint this process signed or read, per database: proofs are computed against it
// for up to a second, which saves a round trip. A proof against a checkpoint that is a moment old
// is as valid as one against the newest: every checkpoint is signed and stays verifiable.
const recent = new WeakMap<object, { at: number; checkpoint: SignedCheckpoint }>();
const RECENT_MS = 1_000;

async function recentCheckpoint(db: Db, keys: LedgerKeys): Promise<SignedCheckpoint> {
  const cached = recent.get(db);
  if (cached && Date.now() - cached.at < RECENT_MS) {
    return cached.checkpoint;
  }
  const checkpoint = await currentCheckpoint(db, keys);
  recent.set(db, { at: Date.now(), checkpoint });
  return checkpoint;
}

export async function currentCheckpoint(
  db: Db,
  keys: LedgerKeys,
): Promise<{ size: number; root: Hash; note: string }> {
  const latest = await repo.latestCheckpoint(db);
  if (latest) {
    return { size: latest.size, root: new Uint8Array(latest.root), note: latest.note };
  }
  return {
    size: 0,
    root: EMPTY_ROOT,
    note: keys.signNote(formatCheckpoint({ origin: keys.origin, size: 0, root: EMPTY_ROOT })),
  };
}

async function rangeHashes(db: Db, ranges: [number, number][]): Promise<Hash[]> {
  const ids = ranges.flatMap(([s, e]) => rangeNodes(s, e));
  const stored = await repo.findNodes(
    db,
    ids.map((n) => ({ level: n.level, idx: n.index })),
  );
  return ranges.map(([s, e]) =>
    rangeHash(s, e, (n) => {
      const h = stored.get(nodeKey(n));
      if (!h) {
        throw new DomainError("INTERNAL", `ledger node ${nodeKey(n)} is missing`);
      }
      return h;
    }),
  );
}

/** An entry with its inclusion proof in the tree of the given size (the latest by default). */
export async function entryWithProof(db: Db, keys: LedgerKeys, index: number, treeSize?: number) {
  const checkpoint =
    treeSize === undefined ? await recentCheckpoint(db, keys) : await repo.checkpointAt(db, treeSize);
  if (!checkpoint) {
    throw validationError("querystring.treeSize", `No checkpoint was signed at size ${treeSize}`);
  }
  if (index >= checkpoint.size) {
    throw notFound(`Ledger entry ${index}`);
  }
  // The entry and the proof's hashes are independent reads: fetch them at once.
  const [entry, proof] = await Promise.all([
    repo.findEntryByIndex(db, index),
    rangeHashes(db, inclusionProofRanges(index, checkpoint.size)),
  ]);
  if (!entry) {
    throw notFound(`Ledger entry ${index}`);
  }
  return {
    index,
    body: entry.body,
    seq: entry.seq,
    treeSize: checkpoint.size,
    checkpoint: checkpoint.note,
    proof: proof.map(toBase64),
  };
}

/** The consistency proof between two signed tree sizes. */
export async function consistencyProof(db: Db, from: number, to: number) {
  const [a, b] = await Promise.all([repo.checkpointAt(db, from), repo.checkpointAt(db, to)]);
  if (from > to) {
    throw validationError("querystring.from", "from must not exceed to");
  }
  if (from > 0 && !a) {
    throw validationError("querystring.from", `No checkpoint was signed at size ${from}`);
  }
  if (!b) {
    throw validationError("querystring.to", `No checkpoint was signed at size ${to}`);
  }
  const proof = await rangeHashes(db, consistencyProofRanges(from, to));
  return { from, to, proof: proof.map(toBase64) };
}

export const TILE_WIDTH = 256;

/** A hash tile (tlog-tiles): hashes at tree level 8·L, from 256·N, width W (≤ 256), as raw bytes. */
export async function hashTile(
  db: Db,
  level: number,
  index: number,
  width: number,
  size: number,
): Promise<Buffer | null> {
  const treeLevel = level * 8;
  const start = index * TILE_WIDTH;
  const available = Math.floor(size / 2 ** treeLevel) - start;
  if (available < width) {
    return null;
  }
  const hashes = await repo.nodeRange(db, treeLevel, start, width);
  if (hashes.length !== width) {
    throw new DomainError("INTERNAL", `ledger tile ${level}/${index} is incomplete`);
  }
  return Buffer.concat(hashes);
}

/** An entry bundle (tlog-tiles): each entry as a 2-byte big-endian length and its bytes. */
export async function entryBundle(
  db: Db,
  index: number,
  width: number,
  size: number,
): Promise<Buffer | null> {
  const start = index * TILE_WIDTH;
  if (size - start < width) {
    return null;
  }
  const entries = await repo.entryRange(db, start, width);
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.body, "utf8");
    const len = Buffer.alloc(2);
    len.writeUInt16BE(data.length);
    parts.push(len, data);
  }
  return Buffer.concat(parts);
}

/**
 * Integrates in the background every `intervalMs`, off the request path. Returns a stop function
 * that waits for a running integration and integrates what is left.
 */
export function startIntegrator(
  db: Db,
  keys: LedgerKeys,
  intervalMs: number,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = running.then(async () => {
      try {
        while (!stopped && (await integrate(db, keys))) {
          // keep going while batches are full of pending entries
        }
      } catch (error) {
        onError(error);
      }
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    await integrateAll(db, keys).catch(onError);
  };
}

export const EXPORT_MAX = 1000;

/** A range of entries with inclusion proofs against the current checkpoint, for offline checking. */
export async function exportRange(db: Db, keys: LedgerKeys, from: number, to: number) {
  if (to <= from) {
    throw validationError("querystring.to", "to must be greater than from");
  }
  if (to - from > EXPORT_MAX) {
    throw validationError("querystring.to", `at most ${EXPORT_MAX} entries per export`);
  }
  const checkpoint = await currentCheckpoint(db, keys);
  if (to > checkpoint.size) {
    throw validationError("querystring.to", `the signed tree holds ${checkpoint.size} entries`);
  }
  const entries = await repo.entryRange(db, from, to - from);
  const ranges = entries.map((e) => inclusionProofRanges(e.idx, checkpoint.size));
  const hashes = await rangeHashes(db, ranges.flat());
  let offset = 0;
  return {
    origin: keys.origin,
    vkey: keys.vkey,
    checkpoint: checkpoint.note,
    treeSize: checkpoint.size,
    entries: entries.map((e, i) => {
      const n = (ranges[i] as [number, number][]).length;
      const proof = hashes.slice(offset, offset + n).map(toBase64);
      offset += n;
      return { index: e.idx, body: e.body, proof };
    }),
  };
}
