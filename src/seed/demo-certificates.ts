import type { IssueCertificateInput } from "../modules/certificates/index.js";
import { DEMO_REGISTRY_ROWS } from "./demo-registries.js";

/**
 * The demo citizen's e-certificate: the electronic 结婚证 of her 2024 marriage registration at the
 * 西湖区婚姻登记处, issued by 西湖区民政局 from the marriage register, so that 我的证照 has something to
 * show and verify before any application has been approved.
 */
export function demoMarriageCertificate(holderId: string): IssueCertificateInput {
  const marriage = DEMO_REGISTRY_ROWS.registry_marriages?.find((m) => m.party_b_name === "林晓雨");
  if (!marriage) {
    throw new Error("the demo registries lost 林晓雨's marriage");
  }
  return {
    type: "marriage-certificate",
    name: "结婚证",
    nameEn: "Marriage certificate",
    holder: { type: "person", id: holderId },
    issuer: "XH-MZ",
    claims: [
      {
        key: "certificateNumber",
        label: "结婚证字号",
        labelEn: "Certificate number",
        value: marriage.certificate_number,
      },
      { key: "partyA", label: "男方", labelEn: "Husband", value: marriage.party_a_name },
      { key: "partyB", label: "女方", labelEn: "Wife", value: marriage.party_b_name },
      { key: "registeredOn", label: "登记日期", labelEn: "Registered on", value: marriage.registered_on },
      {
        key: "registrationOffice",
        label: "登记机关",
        labelEn: "Registration office",
        value: marriage.registration_office,
      },
    ],
    validUntil: null,
    application: null,
  };
}
