import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
} from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { signatureLine, verifierKey } from "../../../shared/ledger/note.js";
import type { Config } from "../../platform/config.js";

// DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows.
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export interface LedgerKeys {
  origin: string;
  publicKey: Uint8Array;
  vkey: string;
  /** Signs a note text (which ends with a newline) and returns the whole signed note. */
  signNote(text: string): string;
  /** The keyed hash that stands for a personal identifier in published entries. */
  keyedHash(type: string, id: string): string;
}

/** Reads a key file, or creates it with fresh random bytes (first start); safe against a concurrent start. */
function fileKey(file: string, bytes: number): Buffer {
  try {
    return Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw error;
    }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, `${randomBytes(bytes).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      throw error;
    }
  }
  return Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
}

/**
 * The ledger's signing key and keyed-hash key: from configuration, else from the data folder's keys/
 * (generated on first start), else (in-memory databases, i.e. tests) fresh for this process.
 */
export function loadLedgerKeys(config: Config): LedgerKeys {
  const memory = config.dataDir.startsWith("memory://");
  const keyDir = path.join(config.dataDir, "keys");
  const seed =
    config.ledgerSigningSeed ??
    (memory ? randomBytes(32) : fileKey(path.join(keyDir, "ledger-ed25519.seed"), 32));
  const hmacKey =
    config.ledgerHmacKey ?? (memory ? randomBytes(32) : fileKey(path.join(keyDir, "ledger-hmac.key"), 32));
  const privateKey: KeyObject = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  const publicKey = new Uint8Array(Buffer.from(jwk.x as string, "base64url"));
  const origin = config.ledgerOrigin;
  return {
    origin,
    publicKey,
    vkey: verifierKey(origin, publicKey),
    signNote(text: string): string {
      const signature = sign(null, Buffer.from(text, "utf8"), privateKey);
      return `${text}\n${signatureLine(origin, publicKey, signature)}`;
    },
    keyedHash(type: string, id: string): string {
      return `k1:${createHmac("sha256", hmacKey).update(`${type}:${id}`).digest("hex")}`;
    },
  };
}
