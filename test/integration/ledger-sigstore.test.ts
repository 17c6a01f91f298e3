import { createPublicKey } from "node:crypto";
import { verifyCheckpoint as sigstoreVerifyCheckpoint } from "@sigstore/verify/dist/tlog/checkpoint.js";
import { verifyMerkleInclusion } from "@sigstore/verify/dist/tlog/merkle.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromBase64 } from "../../shared/ledger/merkle.js";
import { keyHash } from "../../shared/ledger/note.js";
import { integrateAll } from "../../src/modules/ledger/index.js";
import { signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform } from "../support/platform.js";

/**
 * An independent verifier: Sigstore's own checkpoint and RFC 6962 inclusion code (the one that
 * checks Rekor) accepts our signed checkpoint and our inclusion proofs, and refuses altered ones.
 */
describe("an independent verifier (@sigstore/verify 3.1.1)", () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform("pglite");
    await signIn(t.app, "citizen");
    await integrateAll(t.platform.database.db, t.platform.ctx.ledger.keys);
  });
  afterAll(() => t?.close());

  function tlogAuthority() {
    const keys = t.platform.ctx.ledger.keys;
    const der = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), Buffer.from(keys.publicKey)]);
    return {
      // Sigstore finds the log by the signature's 4-byte key hint and its name in the base URL.
      logID: Buffer.concat([Buffer.from(keyHash(keys.origin, keys.publicKey)), Buffer.alloc(28)]),
      baseURL: `https://${keys.origin}`,
      publicKey: createPublicKey({ key: der, format: "der", type: "spki" }),
      validFor: { start: new Date(0), end: new Date(8.64e15) },
    };
  }

  async function entry(index: number) {
    const e = (await t.app.inject({ url: `/ledger/entries/${index}` })).json();
    return {
      canonicalizedBody: Buffer.from(e.body, "utf8"),
      inclusionProof: {
        logIndex: String(index),
        treeSize: String(e.treeSize),
        rootHash: Buffer.alloc(0),
        hashes: e.proof.map((h: string) => Buffer.from(fromBase64(h))),
        checkpoint: { envelope: e.checkpoint },
      },
    };
  }

  it("verifies our checkpoint's signature and an entry's inclusion", async () => {
    const size = Number((await t.app.inject({ url: "/ledger/checkpoint" })).body.split("\n")[1]);
    for (const index of [0, Math.floor(size / 3), size - 1]) {
      const e = await entry(index);
      const checkpoint = sigstoreVerifyCheckpoint(e as never, [tlogAuthority()]);
      expect(Number(checkpoint.logSize)).toBe(size);
      expect(() => verifyMerkleInclusion(e as never, checkpoint)).not.toThrow();
    }
  });

  it("refuses a forged checkpoint and an altered entry", async () => {
    const e = await entry(1);
    const forged = {
      ...e,
      inclusionProof: {
        ...e.inclusionProof,
        checkpoint: {
          envelope: e.inclusionProof.checkpoint.envelope.replace(
            /\n(\d+)\n/,
            (_m: string, n: string) => `\n${Number(n) + 1}\n`,
          ),
        },
      },
    };
    expect(() => sigstoreVerifyCheckpoint(forged as never, [tlogAuthority()])).toThrow(/signature/);
    const checkpoint = sigstoreVerifyCheckpoint(e as never, [tlogAuthority()]);
    const altered = {
      ...e,
      canonicalizedBody: Buffer.from(e.canonicalizedBody.toString().replace('"v":1', '"v":2')),
    };
    expect(() => verifyMerkleInclusion(altered as never, checkpoint)).toThrow(/does not match/);
  });
});
