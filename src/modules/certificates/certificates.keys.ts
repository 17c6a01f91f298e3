import { createPublicKey, randomBytes, sign } from "node:crypto";
import path from "node:path";
import {
  type CertificateBody,
  type CertificateDocument,
  keyIdOf,
  signingInput,
  toBase64Url,
} from "../../../shared/certificates/certificate.js";
import type { Config } from "../../platform/config.js";
import { conflict } from "../../platform/errors.js";
import { ed25519PrivateKey, readOrCreateKeyFile, replaceKeyFile } from "../../platform/key-files.js";

/** The platform's current e-certificate signing key. */
export interface CertificateSigner {
  /** RFC 7638 thumbprint of the public key. */
  keyId: string;
  /** base64url of the raw 32-byte public key (the JWK's x). */
  x: string;
  /** Signs a body: the document with its signature. */
  sign(body: CertificateBody): CertificateDocument;
}

/** The signer of a 32-byte Ed25519 seed (node:crypto). */
export function signerFromSeed(seed: Buffer): CertificateSigner {
  const privateKey = ed25519PrivateKey(seed);
  const x = createPublicKey(privateKey).export({ format: "jwk" }).x as string;
  const keyId = keyIdOf(new Uint8Array(Buffer.from(x, "base64url")));
  return {
    keyId,
    x,
    sign(body) {
      const value = toBase64Url(new Uint8Array(sign(null, signingInput(body), privateKey)));
      return { ...body, signature: { alg: "Ed25519", keyId, value } };
    },
  };
}

const seedFile = (config: Config) => path.join(config.dataDir, "keys", "certificate-ed25519.seed");
const isMemory = (config: Config) => config.dataDir.startsWith("memory://");

// One signer per platform configuration; rotation replaces it.
const signers = new WeakMap<Config, CertificateSigner>();

/**
 * The signing key: YIMEN_CERTIFICATE_SIGNING_SEED, else the data folder's
 * keys/certificate-ed25519.seed (created on first use), else (in-memory databases, i.e. tests) a
 * fresh key for this platform.
 */
export function currentSigner(config: Config): CertificateSigner {
  let signer = signers.get(config);
  if (!signer) {
    const seed =
      config.certificateSigningSeed ??
      (isMemory(config) ? randomBytes(32) : readOrCreateKeyFile(seedFile(config), 32));
    signer = signerFromSeed(seed);
    signers.set(config, signer);
  }
  return signer;
}

/**
 * Makes a new signing key current. The old private key is overwritten (nothing can sign with it
 * again); its public key stays published, so what it signed still verifies. A key given in the
 * environment is rotated there, not here.
 */
export function replaceSigner(config: Config): CertificateSigner {
  if (config.certificateSigningSeed) {
    throw conflict(
      "The signing key comes from YIMEN_CERTIFICATE_SIGNING_SEED: set a new seed there and restart every process",
    );
  }
  const signer = signerFromSeed(isMemory(config) ? randomBytes(32) : replaceKeyFile(seedFile(config), 32));
  signers.set(config, signer);
  return signer;
}
