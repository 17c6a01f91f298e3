import { ApiError, api, apiText } from "../api";
import type { LedgerEntryProof } from "../api-types";

export type VerifyFailure = "mismatch" | "signature" | "proof" | "unavailable";

export type VerifyResult =
  | { ok: true; index: number; treeSize: number; root: string; origin: string; key: string }
  | { ok: false; reason: VerifyFailure; detail: string; error?: ApiError };

function toBase64(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) {
    text += String.fromCharCode(byte);
  }
  return btoa(text);
}

/**
 * Checks in the browser that the entry shown (its exact canonical JSON) is leaf `index` of a tree
 * whose checkpoint the log's key signed. The proof code and its cryptography load only now.
 */
export async function verifyLedgerEntry(index: number, shownBody: string): Promise<VerifyResult> {
  let vkey: string;
  let proof: LedgerEntryProof;
  let lib: typeof import("../../../../shared/ledger/verify.js");
  try {
    [vkey, proof, lib] = await Promise.all([
      apiText("/ledger/verifier-key").then((text) => text.trim()),
      api<LedgerEntryProof>(`/ledger/entries/${index}`),
      import("../../../../shared/ledger/verify.js"),
    ]);
  } catch (error) {
    if (error instanceof ApiError) {
      return { ok: false, reason: "unavailable", detail: error.problem.detail ?? error.problem.title, error };
    }
    // The verifier's code could not be loaded (offline, or a new release replaced it).
    return {
      ok: false,
      reason: "unavailable",
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  // A valid proof of some other text would prove nothing about the entry on the screen.
  if (proof.index !== index || proof.body !== shownBody) {
    return { ok: false, reason: "mismatch", detail: proof.body };
  }
  const { verifyEntryProof, NoteError } = lib;
  try {
    const checkpoint = verifyEntryProof(proof, vkey);
    return {
      ok: true,
      index,
      treeSize: checkpoint.size,
      root: toBase64(checkpoint.root),
      origin: checkpoint.origin,
      // name+keyhash identifies the key; the base64 public key after it adds nothing for a reader.
      key: vkey.split("+").slice(0, 2).join("+"),
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: error instanceof NoteError ? "signature" : "proof", detail };
  }
}
