/**
 * Verifies a Yimen ledger (or any C2SP tlog-tiles log of JSON entries) from its public endpoints:
 * the checkpoint's signature, consistency with a checkpoint seen before, and every entry's
 * inclusion. Runs in Node (the CLI) and in the browser (a single entry's proof).
 */
import {
  EMPTY_ROOT,
  fromBase64,
  type Hash,
  leafHash,
  nodeHash,
  ProofError,
  toBase64,
  verifyConsistency,
  verifyInclusion,
} from "./merkle.js";
import { type Checkpoint, NoteError, verifyCheckpoint } from "./note.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** MTH of a list of leaf hashes, iteratively (a million leaves in one pass). */
export function rootOf(leaves: readonly Hash[]): Hash {
  const stack: { hash: Hash; size: number }[] = [];
  for (const leaf of leaves) {
    let node = { hash: leaf, size: 1 };
    while (stack.length > 0 && (stack[stack.length - 1] as { size: number }).size === node.size) {
      const left = stack.pop() as { hash: Hash; size: number };
      node = { hash: nodeHash(left.hash, node.hash), size: node.size * 2 };
    }
    stack.push(node);
  }
  if (stack.length === 0) {
    return EMPTY_ROOT;
  }
  let acc = (stack.pop() as { hash: Hash }).hash;
  while (stack.length > 0) {
    acc = nodeHash((stack.pop() as { hash: Hash }).hash, acc);
  }
  return acc;
}

/** One entry as the API returns it, with its proof and the checkpoint it is proved against. */
export interface EntryProof {
  index: number;
  body: string;
  treeSize: number;
  checkpoint: string;
  proof: string[];
}

/** Checks one entry's inclusion proof against a checkpoint signed by the log's key. */
export function verifyEntryProof(e: EntryProof, vkey: string): Checkpoint {
  const checkpoint = verifyCheckpoint(e.checkpoint, vkey);
  if (checkpoint.size !== e.treeSize) {
    throw new ProofError(`the proof is for size ${e.treeSize} but the checkpoint is for ${checkpoint.size}`);
  }
  verifyInclusion(
    e.index,
    e.treeSize,
    leafHash(encoder.encode(e.body)),
    e.proof.map(fromBase64),
    checkpoint.root,
  );
  return checkpoint;
}

/** Parses an entry bundle: entries of a 2-byte big-endian length followed by the bytes. */
export function parseEntryBundle(data: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < data.length) {
    if (offset + 2 > data.length) {
      throw new ProofError("truncated entry bundle");
    }
    const length = ((data[offset] as number) << 8) | (data[offset + 1] as number);
    offset += 2;
    if (offset + length > data.length) {
      throw new ProofError("truncated entry bundle");
    }
    entries.push(data.subarray(offset, offset + length));
    offset += length;
  }
  return entries;
}

/** Encodes a tile index (tlog-tiles): 1234067 → "x001/x234/067". */
export function encodeTileIndex(n: number): string {
  let text = String(n).padStart(3, "0");
  text = text.padStart(Math.ceil(text.length / 3) * 3, "0");
  const groups = text.match(/.{3}/g) as string[];
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join("/");
}

export interface SeenCheckpoint {
  size: number;
  root: string;
}

export interface VerifyLogOptions {
  /** Base URL of the platform, e.g. http://localhost:3000 */
  url: string;
  /** The log's verifier key; fetched from /ledger/verifier-key when absent (trust on first use). */
  vkey?: string | undefined;
  /** The checkpoint this verifier saw last, to check that the log only grew. */
  previous?: SeenCheckpoint | undefined;
  fetch?: typeof fetch;
  concurrency?: number;
}

export interface VerifyLogResult {
  ok: boolean;
  vkey: string;
  checkpoint: SeenCheckpoint;
  /** The first entry that is missing, changed, inserted or out of order; null when none is. */
  firstBadIndex: number | null;
  problems: string[];
  entries: number;
}

async function get(f: typeof fetch, url: string): Promise<Response> {
  const res = await f(url);
  if (!res.ok) {
    throw new Error(`GET ${url}: HTTP ${res.status}`);
  }
  return res;
}

/** Verifies the whole log: signature, consistency with `previous`, and every entry's inclusion. */
export async function verifyLog(options: VerifyLogOptions): Promise<VerifyLogResult> {
  const f = options.fetch ?? fetch;
  const base = options.url.replace(/\/+$/, "");
  const vkey = options.vkey ?? (await (await get(f, `${base}/ledger/verifier-key`)).text()).trim();
  const problems: string[] = [];
  const note = await (await get(f, `${base}/ledger/checkpoint`)).text();
  let checkpoint: Checkpoint;
  try {
    checkpoint = verifyCheckpoint(note, vkey);
  } catch (error) {
    return {
      ok: false,
      vkey,
      checkpoint: { size: 0, root: "" },
      firstBadIndex: null,
      problems: [`checkpoint: ${(error as Error).message}`],
      entries: 0,
    };
  }
  const size = checkpoint.size;
  const seen = { size, root: toBase64(checkpoint.root) };
  const prev = options.previous;
  if (prev && prev.size > 0) {
    if (size < prev.size) {
      problems.push(`the log shrank from ${prev.size} to ${size} entries`);
    } else {
      try {
        const proof =
          size === prev.size
            ? []
            : (
                (await (await get(f, `${base}/ledger/consistency?from=${prev.size}&to=${size}`)).json()) as {
                  proof: string[];
                }
              ).proof;
        verifyConsistency(prev.size, size, fromBase64(prev.root), checkpoint.root, proof.map(fromBase64));
      } catch (error) {
        problems.push(
          `not consistent with the checkpoint seen before (size ${prev.size}): ${(error as Error).message}`,
        );
      }
    }
  }

  const tiles = Math.ceil(size / 256);
  const path = (kind: string, t: number) => {
    const width = Math.min(256, size - t * 256);
    return `${base}/ledger/tile/${kind}/${encodeTileIndex(t)}${width < 256 ? `.p/${width}` : ""}`;
  };
  const bundles: Uint8Array[][] = new Array(tiles);
  const hashTiles: (Uint8Array | null)[] = new Array(tiles).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < tiles) {
      const t = next++;
      try {
        bundles[t] = parseEntryBundle(new Uint8Array(await (await get(f, path("entries", t))).arrayBuffer()));
      } catch {
        bundles[t] = [];
      }
      try {
        hashTiles[t] = new Uint8Array(await (await get(f, path("0", t))).arrayBuffer());
      } catch {
        hashTiles[t] = null;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));

  const leaves: Hash[] = [];
  let firstBadIndex: number | null = null;
  const bad = (index: number, why: string) => {
    if (firstBadIndex === null || index < firstBadIndex) {
      firstBadIndex = index;
      problems.push(`entry ${index}: ${why}`);
    }
  };
  for (let t = 0; t < tiles; t++) {
    const width = Math.min(256, size - t * 256);
    const entries = bundles[t] as Uint8Array[];
    if (entries.length !== width) {
      bad(
        t * 256 + Math.min(entries.length, width),
        `the entry bundle holds ${entries.length} entries, not ${width}`,
      );
    }
    for (const data of entries.slice(0, width)) {
      const index = leaves.length;
      try {
        const entry = JSON.parse(decoder.decode(data)) as { v?: unknown };
        if (entry.v !== 1) {
          bad(index, "not a version 1 entry");
        }
      } catch {
        bad(index, "not valid JSON");
      }
      leaves.push(leafHash(data));
    }
  }
  const computed = leaves.length === size ? rootOf(leaves) : null;
  const rootOk = computed !== null && toBase64(computed) === seen.root;
  if (!rootOk) {
    // Locate the damage: the stored leaf hashes (hash tiles) are checked against the signed root,
    // and then each entry against its stored leaf hash.
    const stored: Hash[] = [];
    for (let t = 0; t < tiles; t++) {
      const tile = hashTiles[t];
      const width = Math.min(256, size - t * 256);
      for (let i = 0; i < width; i++) {
        stored.push(
          tile && tile.length === width * 32 ? tile.subarray(i * 32, i * 32 + 32) : new Uint8Array(32),
        );
      }
    }
    const tilesTrusted = toBase64(rootOf(stored)) === seen.root;
    if (!tilesTrusted) {
      problems.push("the stored hash tiles do not lead to the signed root either");
    }
    for (let i = 0; i < size; i++) {
      const leaf = leaves[i];
      if (!leaf || toBase64(leaf) !== toBase64(stored[i] as Hash)) {
        bad(i, leaf ? "its hash is not the one the signed tree holds" : "missing");
        break;
      }
    }
    if (firstBadIndex === null) {
      problems.push("the entries do not lead to the signed root");
    }
  }
  return {
    ok: problems.length === 0,
    vkey,
    checkpoint: seen,
    firstBadIndex,
    problems,
    entries: leaves.length,
  };
}

export { NoteError, ProofError };
