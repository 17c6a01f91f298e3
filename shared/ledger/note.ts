/**
 * C2SP signed notes (signed-note) with Ed25519 keys, and tlog-checkpoint bodies. Verification is
 * pure and runs in the browser; signing happens on the server with node:crypto.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { fromBase64, type Hash, toBase64, toHex } from "./merkle.js";

const ED25519_ALG = 0x01;
const encoder = new TextEncoder();

export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoteError";
  }
}

/** The 4-byte key id: SHA-256(name || "\n" || 0x01 || public key)[:4]. */
export function keyHash(name: string, publicKey: Uint8Array): Uint8Array {
  const nameBytes = encoder.encode(name);
  const data = new Uint8Array(nameBytes.length + 2 + publicKey.length);
  data.set(nameBytes, 0);
  data[nameBytes.length] = 0x0a;
  data[nameBytes.length + 1] = ED25519_ALG;
  data.set(publicKey, nameBytes.length + 2);
  return sha256(data).slice(0, 4);
}

/** The verifier key string: <name>+<hex key hash>+<base64(0x01 || key)>. */
export function verifierKey(name: string, publicKey: Uint8Array): string {
  const key = new Uint8Array(publicKey.length + 1);
  key[0] = ED25519_ALG;
  key.set(publicKey, 1);
  return `${name}+${toHex(keyHash(name, publicKey))}+${toBase64(key)}`;
}

export interface Verifier {
  name: string;
  keyHash: Uint8Array;
  publicKey: Uint8Array;
}

export function parseVerifierKey(vkey: string): Verifier {
  // <name>+<hash>+<key>: the name has no "+", but the base64 key may.
  const text = vkey.trim();
  const first = text.indexOf("+");
  const second = text.indexOf("+", first + 1);
  const name = text.slice(0, first);
  const hashHex = text.slice(first + 1, second);
  if (first <= 0 || second < 0 || !/^[0-9a-f]{8}$/.test(hashHex)) {
    throw new NoteError("malformed verifier key");
  }
  const key = fromBase64(text.slice(second + 1));
  if (key.length !== 33 || key[0] !== ED25519_ALG) {
    throw new NoteError("the verifier key is not an Ed25519 key");
  }
  const publicKey = key.slice(1);
  if (toHex(keyHash(name, publicKey)) !== hashHex) {
    throw new NoteError("the verifier key's hash does not match its key");
  }
  return { name, keyHash: keyHash(name, publicKey), publicKey };
}

/** One signature line: "— <name> <base64(key hash || signature)>". */
export function signatureLine(name: string, publicKey: Uint8Array, signature: Uint8Array): string {
  const blob = new Uint8Array(4 + signature.length);
  blob.set(keyHash(name, publicKey), 0);
  blob.set(signature, 4);
  return `\u2014 ${name} ${toBase64(blob)}\n`;
}

/** Splits a signed note and checks one signature by the verifier; returns the note's text. */
export function openNote(note: string, verifier: Verifier): string {
  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) {
    throw new NoteError("malformed note: no signature block");
  }
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split("\n");
  for (const line of lines) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!match) {
      throw new NoteError("malformed signature line");
    }
    if (match[1] !== verifier.name) {
      continue;
    }
    const blob = fromBase64(match[2] as string);
    if (blob.length !== 68 || toHex(blob.slice(0, 4)) !== toHex(verifier.keyHash)) {
      continue;
    }
    if (!ed25519.verify(blob.slice(4), encoder.encode(text), verifier.publicKey)) {
      throw new NoteError("the note's signature is invalid");
    }
    return text;
  }
  throw new NoteError(`the note has no signature by ${verifier.name}`);
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Hash;
  extensions: string[];
}

/** The checkpoint body: origin, tree size and base64 root hash, each on its own line. */
export function formatCheckpoint(c: Omit<Checkpoint, "extensions"> & { extensions?: string[] }): string {
  return `${c.origin}\n${c.size}\n${toBase64(c.root)}\n${(c.extensions ?? []).map((e) => `${e}\n`).join("")}`;
}

export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split("\n");
  if (lines.length < 4 || lines[lines.length - 1] !== "") {
    throw new NoteError("malformed checkpoint");
  }
  const [origin, sizeText, rootText] = lines;
  if (!origin || !/^(0|[1-9]\d*)$/.test(sizeText ?? "")) {
    throw new NoteError("malformed checkpoint: origin or size");
  }
  const root = fromBase64(rootText ?? "");
  if (root.length !== 32) {
    throw new NoteError("malformed checkpoint: root hash");
  }
  return { origin, size: Number(sizeText), root, extensions: lines.slice(3, -1) };
}

/** Verifies a signed checkpoint against the log's verifier key and origin. */
export function verifyCheckpoint(note: string, vkey: string, origin?: string): Checkpoint {
  const verifier = parseVerifierKey(vkey);
  const checkpoint = parseCheckpoint(openNote(note, verifier));
  if (checkpoint.origin !== (origin ?? verifier.name)) {
    throw new NoteError(`the checkpoint is for ${checkpoint.origin}, not ${origin ?? verifier.name}`);
  }
  return checkpoint;
}
