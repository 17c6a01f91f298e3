import {
  CERTIFICATE_KEYS_PATH,
  type CertificateDocument,
  certificateDigest,
  parseKeySet,
  type SignatureCheck,
  verifySignature,
} from "../../../shared/certificates/certificate.js";
import { api } from "../shared/api";

export type { SignatureCheck };

/** The published key set, fetched from this platform (the only server call the offline check makes). */
export function fetchPublishedKeys(signal?: AbortSignal): Promise<unknown> {
  return api<unknown>(CERTIFICATE_KEYS_PATH, signal ? { signal } : {});
}

/** The Ed25519 keys a key set holds, by thumbprint; throws SyntaxError when the text is not JSON. */
export function keysFromText(text: string): ReadonlyMap<string, Uint8Array> {
  return parseKeySet(JSON.parse(text) as unknown);
}

export { parseKeySet };

/**
 * Checks a certificate in the browser with the shared code the server uses: strict form, RFC 8785
 * canonical bytes, Ed25519 (@noble/curves). Nothing is sent anywhere.
 */
export function checkCertificate(value: unknown, keys: ReadonlyMap<string, Uint8Array>): SignatureCheck {
  return verifySignature(value, keys);
}

/** True when the QR link's code is the start of this exact document's digest. */
export function codeMatches(doc: CertificateDocument, code: string): boolean {
  return certificateDigest(doc).startsWith(code);
}
