import { hash, verify } from "@node-rs/argon2";
import { validationError } from "../../platform/errors.js";

// OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane).
// algorithm 2 is Argon2id (a const enum in the package's types, not importable here).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A hash of a fixed password, verified against when the account does not exist (equal timing). */
let dummyHash: Promise<string> | null = null;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword("timing-equaliser-password");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** The password rules: length, not the username, not trivially repetitive. */
export function checkPasswordPolicy(password: string, username: string, field: string): void {
  if (password.length < 10) {
    throw validationError(field, "The password must be at least 10 characters");
  }
  if (password.length > 256) {
    throw validationError(field, "The password must be at most 256 characters");
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw validationError(field, "The password must not contain the username");
  }
  if (new Set(password).size < 4) {
    throw validationError(field, "The password must use at least 4 different characters");
  }
}
