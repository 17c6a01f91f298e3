import fs from "node:fs";
import {
  CERTIFICATE_KEYS_PATH,
  parseKeySet,
  verifySignature,
} from "../../shared/certificates/certificate.js";
import { maskHolder } from "../../shared/certificates/masked.js";
import { DomainError } from "../platform/errors.js";

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new DomainError("VALIDATION", `cannot read ${what} ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError("VALIDATION", `${what} ${file} is not JSON`);
  }
}

async function fetchKeys(base: string): Promise<unknown> {
  const url = new URL(CERTIFICATE_KEYS_PATH, base).toString();
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new DomainError("UNAVAILABLE", `cannot fetch the keys from ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new DomainError("UNAVAILABLE", `${url} answered ${response.status}`);
  }
  return response.json() as Promise<unknown>;
}

/**
 * `yimen certificates verify FILE`: checks a certificate's form and Ed25519 signature with the
 * published keys, from a file (offline) or fetched from the platform. Revocation is the issuer's to
 * tell: the output names the page that does.
 */
export async function certificatesVerify(
  file: string,
  options: { keys?: string; url: string; json?: boolean },
): Promise<boolean> {
  const document = readJson(file, "certificate");
  const keys = parseKeySet(options.keys ? readJson(options.keys, "key set") : await fetchKeys(options.url));
  if (keys.size === 0) {
    throw new DomainError("VALIDATION", "the key set holds no Ed25519 key", "--keys");
  }
  const check = verifySignature(document, keys);
  if (options.json) {
    const { document: doc, ...rest } = check;
    console.log(JSON.stringify({ ...rest, id: doc?.id ?? null }));
    return check.valid;
  }
  const doc = check.document;
  if (doc) {
    const holder = maskHolder(doc.holder);
    console.log(`certificate ${doc.id}: ${doc.name} / ${doc.nameEn} (${doc.type})`);
    console.log(`issued by ${doc.issuer.name} (${doc.issuer.department}) at ${doc.issuedAt}`);
    console.log(`holder: ${holder.name} ${holder.type === "person" ? holder.idNumber : holder.creditCode}`);
    console.log(`valid until: ${doc.validUntil ?? "no expiry"}${check.expired ? " (EXPIRED)" : ""}`);
    console.log(`key: ${doc.signature.keyId}`);
  }
  if (check.valid) {
    console.log("OK: the signature verifies with the issuer's published key");
  } else {
    console.log(`FAILED (${check.reason}): ${check.detail}`);
  }
  if (doc) {
    console.log(`whether it was revoked only the issuer knows: see /verify/${doc.id} on its platform`);
  }
  return check.valid;
}
