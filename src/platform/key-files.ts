import { createPrivateKey, type KeyObject, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows.
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/** The Ed25519 private key of a 32-byte seed. */
export function ed25519PrivateKey(seed: Buffer): KeyObject {
  return createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
}

/** Reads a key file, or creates it with fresh random bytes (first start); safe against a concurrent start. */
export function readOrCreateKeyFile(file: string, bytes: number): Buffer {
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

/** Replaces a key file with fresh random bytes at once (write beside it, then rename over it). */
export function replaceKeyFile(file: string, bytes: number): Buffer {
  const key = randomBytes(bytes);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const next = `${file}.next`;
  fs.writeFileSync(next, `${key.toString("base64")}\n`, { mode: 0o600 });
  fs.renameSync(next, file);
  return key;
}
