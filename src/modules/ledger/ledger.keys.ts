import { createHmac, createPublicKey, randomBytes, sign } from "node:crypto";
import path from "node:path";
import { signatureLine, verifierKey } from "../../../shared/ledger/note.js";
import type { Config } from "../../platform/config.js";
import { ed25519PrivateKey, readOrCreateKeyFile } from "../../platform/key-files.js";

const KEYED_HASHES_KEPT = 10_000;

export interface LedgerKeys {
  origin: string;
  publicKey: Uint8Array;
  vkey: string;
  /** Signs a note text (which ends with a newline) and returns the whole signed note. */
  signNote(text: string): string;
  /** The keyed hash that stands for a personal identifier in published entries. */
  keyedHash(type: string, id: string): string;
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
    (memory ? randomBytes(32) : readOrCreateKeyFile(path.join(keyDir, "ledger-ed25519.seed"), 32));
  const hmacKey =
    config.ledgerHmacKey ??
    (memory ? randomBytes(32) : readOrCreateKeyFile(path.join(keyDir, "ledger-hmac.key"), 32));
  const privateKey = ed25519PrivateKey(seed);
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  const publicKey = new Uint8Array(Buffer.from(jwk.x as string, "base64url"));
  const origin = config.ledgerOrigin;
  const keyedHashes = new Map<string, string>();
  return {
    origin,
    publicKey,
    vkey: verifierKey(origin, publicKey),
    signNote(text: string): string {
      const signature = sign(null, Buffer.from(text, "utf8"), privateKey);
      return `${text}\n${signatureLine(origin, publicKey, signature)}`;
    },
    keyedHash(type: string, id: string): string {
      // The same accounts and persons recur (an officer's every read): their hashes are kept, up to
      // a bound. Holding them reveals nothing the key in memory does not.
      const input = `${type}:${id}`;
      let hash = keyedHashes.get(input);
      if (hash === undefined) {
        hash = `k1:${createHmac("sha256", hmacKey).update(input).digest("hex")}`;
        if (keyedHashes.size >= KEYED_HASHES_KEPT) {
          keyedHashes.clear();
        }
        keyedHashes.set(input, hash);
      }
      return hash;
    },
  };
}
