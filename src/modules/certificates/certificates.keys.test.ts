import { randomBytes } from "node:crypto";
import fc from "fast-check";
import encodeQR from "qr";
import decodeQR from "qr/decode.js";
import { describe, expect, it } from "vitest";
import {
  type CertificateBody,
  type CertificateDocument,
  certificateDigest,
  formatCertificate,
  fromBase64Url,
  keyIdOf,
  parseCertificate,
  verificationCode,
  verificationUrl,
  verifySignature,
} from "../../../shared/certificates/certificate.js";
import { maskHolder } from "../../../shared/certificates/masked.js";
import { canonicalJson, type Json } from "../../../shared/ledger/canonical.js";
import { type CertificateSigner, signerFromSeed } from "./certificates.keys.js";

const body: CertificateBody = {
  version: 1,
  id: "0f8fad5b-d9cb-469f-a165-70867728950e",
  type: "marriage-certificate",
  name: "结婚证",
  nameEn: "Marriage certificate",
  holder: { type: "person", name: "林晓雨", idNumber: "330106199205171243" },
  issuer: { department: "XH-MZ", name: "杭州市西湖区民政局", nameEn: "Xihu District Civil Affairs Bureau" },
  issuedAt: "2026-11-27T06:30:00.000Z",
  validUntil: "2036-11-26",
  claims: [
    {
      key: "certificateNumber",
      label: "结婚证字号",
      labelEn: "Certificate number",
      value: "J330106-2024-001358",
    },
    { key: "registeredOn", label: "登记日期", labelEn: "Registered on", value: "2024-05-20" },
    { key: "children", label: "子女数", labelEn: "Children", value: 1 },
    { key: "ratio", label: "比例", labelEn: "Ratio", value: 0.1 },
    { key: "remarried", label: "再婚", labelEn: "Remarriage", value: false },
    { key: "note", label: "备注", labelEn: "Note", value: null },
    { key: "emoji", label: "表情", labelEn: "Emoji", value: "😀 €" },
  ],
  application: { id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", serviceCode: "330100-MZ-QR-001-01" },
};

const signerA = signerFromSeed(randomBytes(32));
const signerB = signerFromSeed(randomBytes(32));
const keysOf = (...signers: CertificateSigner[]) =>
  new Map(signers.map((s) => [s.keyId, fromBase64Url(s.x, 32) as Uint8Array]));

/** Every path to a scalar in a JSON value, with the value there. */
function leaves(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; value: unknown }[] {
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) =>
      leaves(v, [...path, Array.isArray(value) ? Number(k) : k]),
    );
  }
  return [{ path, value }];
}

function withLeaf(doc: CertificateDocument, path: (string | number)[], next: unknown): unknown {
  const copy = structuredClone(doc) as unknown as Record<string | number, unknown>;
  let at = copy;
  for (const step of path.slice(0, -1)) {
    at = at[step] as Record<string | number, unknown>;
  }
  at[path[path.length - 1] as string | number] = next;
  return copy;
}

function changed(value: unknown): unknown {
  if (typeof value === "string") {
    const last = value.charCodeAt(value.length - 1);
    // Stays in the same character class (a digit, a letter), so only the signature can tell.
    return value.slice(0, -1) + String.fromCharCode(last === 0x30 ? 0x31 : last - 1);
  }
  if (typeof value === "number") {
    return value + 1;
  }
  if (typeof value === "boolean") {
    return !value;
  }
  return "x";
}

describe("e-certificate signatures", () => {
  const doc = signerA.sign(body);

  it("verify after signing, with the key named by its RFC 7638 thumbprint", () => {
    const check = verifySignature(doc, keysOf(signerA), "2026-11-27");
    expect(check).toMatchObject({ valid: true, reason: null, keyId: signerA.keyId, expired: false });
    expect(doc.signature.keyId).toBe(signerA.keyId);
    expect(doc.signature.value).toMatch(/^[A-Za-z0-9_-]{86}$/);
  });

  it("names a key by its JWK thumbprint as RFC 8037 appendix A.3 computes it", () => {
    const x = fromBase64Url("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", 32) as Uint8Array;
    expect(keyIdOf(x)).toBe("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  });

  it("refuse a document in which any field was changed", () => {
    const all = leaves(doc);
    expect(all.length).toBeGreaterThan(30);
    for (const { path, value } of all) {
      const check = verifySignature(withLeaf(doc, path, changed(value)), keysOf(signerA), "2026-11-27");
      expect(check.valid, path.join(".")).toBe(false);
    }
  });

  it("refuse the document's file with any one byte changed", () => {
    const bytes = new TextEncoder().encode(canonicalJson(doc as unknown as Json));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, delta) => {
          const copy = bytes.slice();
          copy[at] = ((copy[at] as number) + delta) % 256;
          let parsed: unknown;
          try {
            parsed = JSON.parse(new TextDecoder().decode(copy));
          } catch {
            return; // no longer JSON: nothing to accept
          }
          expect(verifySignature(parsed, keysOf(signerA), "2026-11-27").valid).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  }, 30_000);

  it("refuse a document signed by another key, or whose key is not published", () => {
    const other = signerB.sign(body);
    expect(verifySignature(other, keysOf(signerA))).toMatchObject({ valid: false, reason: "unknown-key" });
    // Pointing the key id at a published key does not make another key's signature fit it.
    const relabelled = { ...other, signature: { ...other.signature, keyId: signerA.keyId } };
    expect(verifySignature(relabelled, keysOf(signerA, signerB))).toMatchObject({
      valid: false,
      reason: "bad-signature",
    });
  });

  it("do not depend on the order of members or on the file's layout", () => {
    const reordered = JSON.parse(
      JSON.stringify(doc, (_k, v: unknown) =>
        v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ),
    ) as unknown;
    expect(Object.keys(reordered as object)[0]).toBe("signature");
    expect(verifySignature(reordered, keysOf(signerA)).valid).toBe(true);
    const file = formatCertificate(doc);
    expect(file).toContain('\n  "version": 1,\n  "id": ');
    expect(verifySignature(JSON.parse(file), keysOf(signerA)).valid).toBe(true);
    expect(certificateDigest(parseCertificate(JSON.parse(file)))).toBe(certificateDigest(doc));
  });

  it("still verify what a rotated-out key signed while its public key stays published", () => {
    const before = signerA.sign(body);
    const after = signerB.sign({ ...body, id: "9b2f6f3e-3c55-4b8e-a1d2-6a1e0d6e7c11" });
    const published = keysOf(signerA, signerB);
    expect(verifySignature(before, published).valid).toBe(true);
    expect(verifySignature(after, published).valid).toBe(true);
    expect(verifySignature(before, keysOf(signerB))).toMatchObject({ valid: false, reason: "unknown-key" });
  });

  it("say when a certificate is past its last day of validity (a China date)", () => {
    expect(verifySignature(doc, keysOf(signerA), "2036-11-26").expired).toBe(false);
    expect(verifySignature(doc, keysOf(signerA), "2036-11-27")).toMatchObject({ valid: true, expired: true });
  });
});

describe("reading a certificate", () => {
  const doc = signerA.sign(body);

  it("refuses unknown members, other versions and other algorithms", () => {
    expect(verifySignature({ ...doc, extra: 1 }, keysOf(signerA))).toMatchObject({ reason: "malformed" });
    expect(verifySignature({ ...doc, version: 2 }, keysOf(signerA))).toMatchObject({
      reason: "unsupported-version",
    });
    expect(
      verifySignature({ ...doc, signature: { ...doc.signature, alg: "RS256" } }, keysOf(signerA)),
    ).toMatchObject({ reason: "unsupported-algorithm" });
    expect(verifySignature("not a certificate", keysOf(signerA))).toMatchObject({ reason: "malformed" });
    expect(verifySignature([doc], keysOf(signerA))).toMatchObject({ reason: "malformed" });
  });

  it("refuses text that is not I-JSON (a lone surrogate) rather than sign or verify it", () => {
    const lone = { ...doc, name: "结婚\uD800证" };
    expect(() => parseCertificate(lone)).toThrow(/name/);
    expect(verifySignature(lone, keysOf(signerA))).toMatchObject({ valid: false, reason: "malformed" });
  });

  it("masks a person's name and ID number for the public page, not an organisation's credit code", () => {
    expect(maskHolder(doc.holder)).toEqual({ type: "person", name: "林**", idNumber: "330106********1243" });
    const org = {
      type: "organisation",
      name: "杭州云栖数智科技有限公司",
      creditCode: "91330106MA2B3C4D5E",
    } as const;
    expect(maskHolder(org)).toEqual(org);
  });
});

describe("the QR link", () => {
  it("carries the verification page and a code that names this exact document", () => {
    const doc = signerA.sign(body);
    const code = verificationCode(doc);
    expect(code).toHaveLength(22);
    expect(certificateDigest(doc).startsWith(code)).toBe(true);
    const url = verificationUrl("https://yimen.example/", doc.id, code);
    expect(url).toBe(`https://yimen.example/verify/${doc.id}#${code}`);
    // Drawn as a QR code and read back by a decoder, the link survives whole.
    const matrix = encodeQR(url, "raw", { ecc: "medium", border: 4 });
    const scale = 4;
    const size = matrix.length * scale;
    const data = new Uint8Array(size * size * 4);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const dark = matrix[Math.floor(y / scale)]?.[Math.floor(x / scale)] === true;
        data.fill(dark ? 0 : 255, (y * size + x) * 4, (y * size + x) * 4 + 3);
        data[(y * size + x) * 4 + 3] = 255;
      }
    }
    expect(decodeQR({ width: size, height: size, data })).toBe(url);
  });
});
