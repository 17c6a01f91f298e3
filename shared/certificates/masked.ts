import type { CertificateDocument, CertificateHolder } from "./certificate.js";

/**
 * The holder as the public verification page shows it: a person's name and 身份证号 masked (the
 * document itself holds them in full); an organisation's name and 统一社会信用代码 are public registers.
 */
export type MaskedHolder =
  | { type: "person"; name: string; idNumber: string }
  | { type: "organisation"; name: string; creditCode: string };

/** 林晓雨 → 林**: the surname stays, enough to match a face to a paper, not to find a person. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? "*" : `${chars[0]}${"*".repeat(Math.min(chars.length - 1, 3))}`;
}

/** 330106199205171243 → 330106********1243 (region and check digits, as on the platform's other pages). */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length === 18 ? `${idNumber.slice(0, 6)}********${idNumber.slice(14)}` : "******";
}

export function maskHolder(holder: CertificateHolder): MaskedHolder {
  return holder.type === "person"
    ? { type: "person", name: maskName(holder.name), idNumber: maskIdNumber(holder.idNumber) }
    : { ...holder };
}

/** The facts of a certificate that anyone with its number may see: no claims, the holder masked. */
export interface PublicCertificateFacts {
  id: string;
  type: string;
  name: string;
  nameEn: string;
  holder: MaskedHolder;
  issuer: CertificateDocument["issuer"];
  issuedAt: string;
  validUntil: string | null;
  keyId: string;
}

export function publicFacts(doc: CertificateDocument): PublicCertificateFacts {
  return {
    id: doc.id,
    type: doc.type,
    name: doc.name,
    nameEn: doc.nameEn,
    holder: maskHolder(doc.holder),
    issuer: doc.issuer,
    issuedAt: doc.issuedAt,
    validUntil: doc.validUntil,
    keyId: doc.signature.keyId,
  };
}
