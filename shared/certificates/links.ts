/**
 * Where certificates are checked: pure constants and links, without the cryptography (so that pages
 * which only show a QR code do not download it).
 */

/** Where a Yimen installation publishes its certificate keys (JWK set, RFC 7517 / RFC 8037). */
export const CERTIFICATE_KEYS_PATH = "/.well-known/yimen-certificate-keys.json";

/** Length of the digest prefix the QR code carries: 22 base64url characters, 132 bits. */
export const VERIFICATION_CODE_LENGTH = 22;

/** The verification page of a certificate on an installation, with its code after the "#". */
export function verificationUrl(origin: string, id: string, code: string): string {
  return `${origin.replace(/\/+$/, "")}/verify/${id}#${code}`;
}
