import { generateKeyPairSync, sign } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMPTY_ROOT } from "./merkle.js";
import {
  formatCheckpoint,
  openNote,
  parseVerifierKey,
  signatureLine,
  verifierKey,
  verifyCheckpoint,
} from "./note.js";

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const raw = new Uint8Array(Buffer.from(publicKey.export({ format: "jwk" }).x as string, "base64url"));
  return {
    raw,
    signNote: (name: string, text: string) =>
      `${text}\n${signatureLine(name, raw, sign(null, Buffer.from(text), privateKey))}`,
  };
}

describe("signed notes and checkpoints (C2SP)", () => {
  it("round-trips verifier keys whatever characters their base64 holds", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        const parsed = parseVerifierKey(verifierKey("example.com/log", key));
        expect(parsed.name).toBe("example.com/log");
        expect(Buffer.from(parsed.publicKey)).toEqual(Buffer.from(key));
      }),
    );
  });

  it("verifies a checkpoint signed by the key and refuses any change", () => {
    const k = keyPair();
    const note = k.signNote(
      "example.com/log",
      formatCheckpoint({ origin: "example.com/log", size: 0, root: EMPTY_ROOT }),
    );
    const vkey = verifierKey("example.com/log", k.raw);
    expect(verifyCheckpoint(note, vkey)).toMatchObject({ origin: "example.com/log", size: 0 });
    expect(() => verifyCheckpoint(note.replace("\n0\n", "\n1\n"), vkey)).toThrow(/signature/);
    expect(() => verifyCheckpoint(note, verifierKey("example.com/log", keyPair().raw))).toThrow(
      /no signature/,
    );
    expect(() => openNote("no signature block", parseVerifierKey(vkey))).toThrow(/malformed/);
  });

  it("checks the origin", () => {
    const k = keyPair();
    const note = k.signNote(
      "a.example/log",
      formatCheckpoint({ origin: "b.example/log", size: 0, root: EMPTY_ROOT }),
    );
    expect(() => verifyCheckpoint(note, verifierKey("a.example/log", k.raw))).toThrow(
      /is for b\.example\/log/,
    );
  });
});
