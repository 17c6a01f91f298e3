/**
 * RFC 9162 (RFC 6962) Merkle tree hashing and proof verification. Pure code, used by the server,
 * the command-line verifier and the browser alike.
 */
import { sha256 } from "@noble/hashes/sha2.js";

export type Hash = Uint8Array;

const LEAF_PREFIX = new Uint8Array([0]);
const NODE_PREFIX = new Uint8Array([1]);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** MTH({d}) = SHA-256(0x00 || d) */
export function leafHash(data: Uint8Array): Hash {
  return sha256(concat(LEAF_PREFIX, data));
}

/** SHA-256(0x01 || left || right) */
export function nodeHash(left: Hash, right: Hash): Hash {
  return sha256(concat(NODE_PREFIX, left, right));
}

/** The hash of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = sha256(new Uint8Array(0));

export function equalHashes(a: Hash, b: Hash): boolean {
  if (a.length !== b.length) {
    return false;
  }
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    diff |= (a[i] as number) ^ (b[i] as number);
  }
  return diff === 0;
}

/** The largest power of two strictly smaller than n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

/** MTH over a list of leaf hashes (for small trees and tests; the server uses stored subtrees). */
export function rootFromLeafHashes(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) {
    return EMPTY_ROOT;
  }
  if (leaves.length === 1) {
    return leaves[0] as Hash;
  }
  const k = splitPoint(leaves.length);
  return nodeHash(rootFromLeafHashes(leaves.slice(0, k)), rootFromLeafHashes(leaves.slice(k)));
}

export class ProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProofError";
  }
}

function checkHash(h: Hash, what: string): void {
  if (h.length !== 32) {
    throw new ProofError(`${what} is not a 32-byte hash`);
  }
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to. Throws ProofError on malformed input. */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Hash,
  proof: readonly Hash[],
): Hash {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new ProofError(`index ${index} is beyond the tree size ${size}`);
  }
  checkHash(leaf, "the leaf hash");
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    checkHash(p, "a proof hash");
    if (sn === 0) {
      throw new ProofError("the proof is too long");
    }
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) {
    throw new ProofError("the proof is too short");
  }
  return r;
}

/** True when the proof shows the leaf at index in the tree of the given size and root. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Hash,
  proof: readonly Hash[],
  root: Hash,
): void {
  checkHash(root, "the root");
  const computed = rootFromInclusionProof(index, size, leaf, proof);
  if (!equalHashes(computed, root)) {
    throw new ProofError("the inclusion proof does not lead to the root");
  }
}

/** RFC 9162 §2.1.4.2: checks that the tree of size2 extends the tree of size1. */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Hash,
  root2: Hash,
  proof: readonly Hash[],
): void {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < size1) {
    throw new ProofError(`size1 ${size1} and size2 ${size2} are not a growing pair`);
  }
  if (size1 === 0) {
    // Every tree extends the empty one: a proof of it proves nothing and is refused (as in Go's merkle).
    throw new ProofError("a consistency proof from the empty tree is meaningless");
  }
  if (size1 === size2) {
    if (proof.length > 0) {
      throw new ProofError("a proof between equal sizes must be empty");
    }
    if (!equalHashes(root1, root2)) {
      throw new ProofError("equal sizes with different roots");
    }
    return;
  }
  checkHash(root1, "root1");
  checkHash(root2, "root2");
  if (proof.length === 0) {
    throw new ProofError("the proof is empty");
  }
  for (const p of proof) {
    checkHash(p, "a proof hash");
  }
  // Step 1: if size1 is a power of two, prepend root1.
  const path = (size1 & (size1 - 1)) === 0 ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  // Step 3: shift while LSB(fn) is set.
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Hash;
  let sr = path[0] as Hash;
  for (const c of path.slice(1)) {
    if (sn === 0) {
      throw new ProofError("the proof is too long");
    }
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) {
    throw new ProofError("the proof is too short");
  }
  if (!equalHashes(fr, root1)) {
    throw new ProofError("the proof does not lead to root1");
  }
  if (!equalHashes(sr, root2)) {
    throw new ProofError("the proof does not lead to root2");
  }
}

/** A perfect subtree: the 2^level leaves starting at index * 2^level. */
export interface NodeId {
  level: number;
  index: number;
}

/** Perfect subtrees that make up the range [start, end) (each aligned, largest first). */
export function rangeNodes(start: number, end: number): NodeId[] {
  const nodes: NodeId[] = [];
  let s = start;
  while (s < end) {
    let level = 0;
    while (s % 2 ** (level + 1) === 0 && s + 2 ** (level + 1) <= end) {
      level++;
    }
    nodes.push({ level, index: s / 2 ** level });
    s += 2 ** level;
  }
  return nodes;
}

/**
 * The subtree ranges whose hashes make up the inclusion proof of index in a tree of size n
 * (RFC 9162 PATH), from the leaf upwards. Each range's hash is MTH over it.
 */
export function inclusionProofRanges(index: number, size: number): [number, number][] {
  const ranges: [number, number][] = [];
  const walk = (m: number, start: number, n: number): void => {
    if (n <= 1) {
      return;
    }
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, k);
      ranges.push([start + k, start + n]);
    } else {
      walk(m - k, start + k, n - k);
      ranges.push([start, start + k]);
    }
  };
  walk(index, 0, size);
  return ranges;
}

/** The subtree ranges of the consistency proof from size1 to size2 (RFC 9162 SUBPROOF). */
export function consistencyProofRanges(size1: number, size2: number): [number, number][] {
  const ranges: [number, number][] = [];
  const sub = (m: number, start: number, n: number, whole: boolean): void => {
    if (m === n) {
      if (!whole) {
        ranges.push([start, start + n]);
      }
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, k, whole);
      ranges.push([start + k, start + n]);
    } else {
      sub(m - k, start + k, n - k, false);
      ranges.push([start, start + k]);
    }
  };
  if (size1 > 0 && size1 < size2) {
    sub(size1, 0, size2, true);
  }
  return ranges;
}

/** MTH of [start, end) from perfect-subtree hashes given by getNode. */
export function rangeHash(start: number, end: number, getNode: (node: NodeId) => Hash): Hash {
  const nodes = rangeNodes(start, end).map(getNode);
  // Combine right to left: the range's tree is a left-heavy fold of its perfect subtrees.
  let acc = nodes[nodes.length - 1] as Hash;
  for (let i = nodes.length - 2; i >= 0; i--) {
    acc = nodeHash(nodes[i] as Hash, acc);
  }
  return acc;
}

export const toBase64 = (bytes: Uint8Array): string => {
  let s = "";
  for (const b of bytes) {
    s += String.fromCharCode(b);
  }
  return btoa(s);
};

export const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
