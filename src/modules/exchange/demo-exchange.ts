import type { Caller, ServiceContext } from "../../platform/context.js";
import { chinaDay } from "../policy/index.js";
import { agreementsChanged } from "./agreements.service.js";
import { decideConsent, requestConsent } from "./consent.service.js";
import { DEMO_CATALOGUE } from "./demo-catalogue.js";
import { query } from "./gateway.service.js";

const allFields = (id: string, except: string[] = []) =>
  (DEMO_CATALOGUE.find((r) => r.id === id)?.fields ?? [])
    .map((f) => f.name)
    .filter((n) => !except.includes(n));

/** Purpose of the newborn one-thing bundle's reads (新生儿出生一件事). */
export const NEWBORN_PURPOSE = "新生儿出生登记";

/**
 * The demo's sharing agreements: approved ones for the newborn bundle (with consent), one narrowed
 * and masked, one granted on application, one about to expire, one awaiting the owner's review.
 */
export async function seedDemoExchange(ctx: ServiceContext, caller: Caller): Promise<void> {
  const today = chinaDay(new Date());
  const inDays = (n: number) => chinaDay(new Date(Date.now() + n * 86_400_000));
  const base = {
    valid_from: "2026-01-01",
    applied_by: null,
    reviewed_by: null,
    status_reason: null,
    expiry_warned_at: null,
  };
  const rows = [
    {
      ...base,
      resource_id: "birth-certificates",
      consumer_code: "HZ-GA",
      fields: allFields("birth-certificates", ["weightGrams"]),
      requested: allFields("birth-certificates"),
      clearance: 3,
      purpose: NEWBORN_PURPOSE,
      legal_basis: "《中华人民共和国户口登记条例》第七条",
      valid_until: "2027-12-31",
      expected_daily_volume: 5_000,
      daily_quota: 5_000,
      rate_per_minute: 600,
      requires_consent: true,
      status: "approved" as const,
      review_reason: "同意；出生体重与户口登记无关，不予提供",
    },
    {
      ...base,
      resource_id: "marriage-register",
      consumer_code: "HZ-GA",
      fields: allFields("marriage-register", ["certificateNumber"]),
      requested: allFields("marriage-register", ["certificateNumber"]),
      clearance: 3,
      purpose: NEWBORN_PURPOSE,
      legal_basis: "《中华人民共和国户口登记条例》第七条",
      valid_until: "2027-12-31",
      expected_daily_volume: 5_000,
      daily_quota: 5_000,
      rate_per_minute: 600,
      requires_consent: true,
      status: "approved" as const,
      review_reason: "同意，须经当事人授权",
    },
    {
      ...base,
      resource_id: "household-register",
      consumer_code: "HZ-RS",
      fields: ["name", "idNumber", "gender", "birthDate", "address"],
      requested: ["name", "idNumber", "gender", "birthDate", "address", "ethnicity", "householdNumber"],
      clearance: 2,
      purpose: "社会保险登记",
      legal_basis: "《中华人民共和国社会保险法》第五十七条",
      valid_until: inDays(20),
      expected_daily_volume: 2_000,
      daily_quota: 2_000,
      rate_per_minute: 300,
      requires_consent: false,
      status: "approved" as const,
      review_reason: "同意，缩减为办理社会保险登记所需字段；身份证号、地址脱敏提供",
    },
    {
      ...base,
      resource_id: "enterprise-register",
      consumer_code: "HZ-RS",
      fields: allFields("enterprise-register"),
      requested: allFields("enterprise-register"),
      clearance: 2,
      purpose: "社会保险登记",
      legal_basis: "《中华人民共和国社会保险法》第五十七条",
      valid_until: "2028-12-31",
      expected_daily_volume: 1_000,
      daily_quota: 1_000,
      rate_per_minute: 120,
      requires_consent: false,
      status: "approved" as const,
      review_reason: "无条件共享：申请即授权 (shared without conditions: granted on application)",
    },
    {
      ...base,
      resource_id: "household-register",
      consumer_code: "HZ-WJ",
      fields: [],
      requested: ["name", "idNumber", "gender", "birthDate", "householdHead", "relationToHead"],
      clearance: 2,
      purpose: "出生医学证明签发核验",
      legal_basis: "《中华人民共和国母婴保健法》第二十三条",
      valid_from: today,
      valid_until: "2027-12-31",
      expected_daily_volume: 800,
      daily_quota: 800,
      rate_per_minute: 60,
      requires_consent: false,
      status: "applied" as const,
      review_reason: null,
    },
  ];
  const inserted = await ctx.db
    .insertInto("exchange_agreements")
    .values(
      rows.map(({ requested, fields, ...r }) => ({
        ...r,
        requested_fields: JSON.stringify(requested),
        fields: JSON.stringify(fields),
        reviewed_at: r.status === "applied" ? null : new Date(),
      })),
    )
    .returning(["id", "resource_id", "consumer_code", "status"])
    .execute();
  agreementsChanged(ctx);
  await ctx.ledger.recordMany(
    ctx.db,
    inserted.map((a) => ({
      action: a.status === "applied" ? "exchange.agreement.apply" : "exchange.agreement.approve",
      actor: caller.actor,
      resource: `exchange/agreements/${a.id}`,
      outcome: "success" as const,
      requestId: caller.requestId,
      details: { resource: a.resource_id, consumer: a.consumer_code, seeded: true },
    })),
  );
}

/**
 * The demo's use of the exchange, through the real gateway so the citizen's data tracker has a story:
 * 林晓雨 consented to the newborn registration's reads, the public-security system read her baby's
 * birth certificate and her marriage registration, the social-insurance office read her household
 * entry (masked); a further consent request (for settling by property) awaits her answer.
 */
export async function seedDemoUse(
  ctx: ServiceContext,
  input: {
    citizen: { accountId: string; idNumber: string };
    system: Caller;
    officer: Caller;
    rsOfficer: Caller;
  },
): Promise<void> {
  const consent = await requestConsent(ctx, input.officer, {
    subject: { idNumber: input.citizen.idNumber },
    scope: [
      { resource: "birth-certificates", fields: allFields("birth-certificates", ["weightGrams"]) },
      { resource: "marriage-register", fields: allFields("marriage-register", ["certificateNumber"]) },
    ],
    purpose: NEWBORN_PURPOSE,
    validUntil: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    reference: "出生一件事 CS-2026-000118",
  });
  const citizen: Caller = {
    actor: { accountId: input.citizen.accountId, roles: ["citizen"], departmentIds: [], via: "session" },
    requestId: null,
  };
  await decideConsent(ctx, citizen, consent.id, "grant");
  const agreements = await ctx.db
    .selectFrom("exchange_agreements")
    .select(["id", "resource_id", "consumer_code"])
    .execute();
  const agreementFor = (resource: string, consumer: string) =>
    agreements.find((a) => a.resource_id === resource && a.consumer_code === consumer)?.id as string;
  for (const resource of ["birth-certificates", "marriage-register"]) {
    await query(ctx, input.system, {
      resource,
      agreement: agreementFor(resource, "HZ-GA"),
      subject: { idNumber: input.citizen.idNumber },
      purpose: NEWBORN_PURPOSE,
      reference: "出生一件事 CS-2026-000118",
    });
  }
  await query(ctx, input.rsOfficer, {
    resource: "household-register",
    agreement: agreementFor("household-register", "HZ-RS"),
    subject: { idNumber: input.citizen.idNumber },
    purpose: "社会保险登记",
    reference: "社保登记 SB-2026-004512",
  });
  await requestConsent(ctx, input.officer, {
    subject: { idNumber: input.citizen.idNumber },
    scope: [
      { resource: "real-estate-register", fields: ["certificateNumber", "ownerName", "location", "share"] },
    ],
    purpose: "户口迁移（购房落户）",
    validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    reference: "户口迁移 HK-2026-000733",
  });
}

/** Purpose of the agreements under which the platform pre-fills application forms. */
export const PREFILL_PURPOSE = "政务服务事项申请表预填";

/**
 * Agreements for pre-filling the demo catalogue's forms: one per department and resource its items
 * read, with the fields they need, on the applicant's consent. A department reading its own register
 * for an application goes through the gateway like anyone else, so the person sees that use too.
 */
export async function seedPrefillAgreements(
  ctx: ServiceContext,
  caller: Caller,
  needs: readonly { consumer: string; resource: string; fields: readonly string[] }[],
): Promise<number> {
  if (needs.length === 0) {
    return 0;
  }
  const inserted = await ctx.db
    .insertInto("exchange_agreements")
    .values(
      needs.map((n) => ({
        resource_id: n.resource,
        consumer_code: n.consumer,
        requested_fields: JSON.stringify(n.fields),
        fields: JSON.stringify(n.fields),
        clearance: 3,
        purpose: PREFILL_PURPOSE,
        legal_basis:
          "《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》（国发〔2018〕27号）；《中华人民共和国个人信息保护法》第十三条第一款第一项",
        valid_from: "2026-01-01",
        valid_until: "2028-12-31",
        expected_daily_volume: 20_000,
        daily_quota: 20_000,
        rate_per_minute: 3_000,
        requires_consent: true,
        status: "approved" as const,
        applied_by: null,
        reviewed_by: null,
        reviewed_at: new Date(),
        review_reason: "同意：仅用于申请人本人授权的申请表预填",
        status_reason: null,
        expiry_warned_at: null,
      })),
    )
    .returning(["id", "resource_id", "consumer_code"])
    .execute();
  agreementsChanged(ctx);
  await ctx.ledger.recordMany(
    ctx.db,
    inserted.map((a) => ({
      action: "exchange.agreement.approve",
      actor: caller.actor,
      resource: `exchange/agreements/${a.id}`,
      outcome: "success" as const,
      requestId: caller.requestId,
      details: { resource: a.resource_id, consumer: a.consumer_code, purpose: PREFILL_PURPOSE, seeded: true },
    })),
  );
  return inserted.length;
}
