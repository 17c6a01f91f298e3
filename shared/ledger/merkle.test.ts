import fc from "fast-check";
import { describe, expect, it } from "vitest";
import vectors from "../../src/modules/ledger/testdata/merkle-vectors.json" with { type: "json" };
import {
  consistencyProofRanges,
  fromBase64,
  type Hash,
  inclusionProofRanges,
  leafHash,
  type NodeId,
  rangeHash,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from "./merkle.js";

const b = (s: string | null | undefined): Hash => (s ? fromBase64(s) : new Uint8Array(0));
const bs = (list: (string | null)[] | null | undefined): Hash[] => (list ?? []).map((s) => b(s));

describe("RFC 9162 inclusion vectors (transparency-dev/merkle)", () => {
  for (const v of vectors.inclusion) {
    it(`${v.file}: ${v.desc}`, () => {
      const run = () => verifyInclusion(v.leafIdx, v.treeSize, b(v.leafHash), bs(v.proof), b(v.root));
      if (v.wantErr) {
        expect(run).toThrow();
      } else {
        expect(run).not.toThrow();
      }
    });
  }
});

describe("RFC 9162 consistency vectors (transparency-dev/merkle)", () => {
  for (const v of vectors.consistency) {
    it(`${v.file}: ${v.desc}`, () => {
      const run = () => verifyConsistency(v.size1, v.size2, b(v.root1), b(v.root2), bs(v.proof));
      if (v.wantErr) {
        expect(run).toThrow();
      } else {
        expect(run).not.toThrow();
      }
    });
  }
});

function tree(size: number) {
  const leaves = Array.from({ length: size }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
  const getNode = ({ level, index }: NodeId) =>
    rootFromLeafHashes(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level));
  const hashOf = ([s, e]: [number, number]) => rangeHash(s, e, getNode);
  return { leaves, root: (n: number) => rootFromLeafHashes(leaves.slice(0, n)), hashOf };
}

describe("proofs built from stored subtrees verify (property)", () => {
  it("inclusion, for every index of random trees", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), (size, seed) => {
        const t = tree(size);
        const index = seed % size;
        const proof = inclusionProofRanges(index, size).map(t.hashOf);
        verifyInclusion(index, size, t.leaves[index] as Hash, proof, t.root(size));
      }),
      { numRuns: 200 },
    );
  });

  it("consistency, for every pair of sizes, and a changed leaf breaks it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 200 }), (a, extra) => {
        const size2 = a + extra;
        const t = tree(size2);
        const proof = consistencyProofRanges(a, size2).map(t.hashOf);
        verifyConsistency(a, size2, t.root(a), t.root(size2), proof);
        if (a < size2) {
          const forged = [...t.leaves];
          forged[a - 1] = leafHash(new TextEncoder().encode("forged"));
          const forgedRoot1 = rootFromLeafHashes(forged.slice(0, a));
          expect(() => verifyConsistency(a, size2, forgedRoot1, t.root(size2), proof)).toThrow();
        }
      }),
      { numRuns: 200 },
    );
  });
});
