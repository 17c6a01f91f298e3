import { sql } from "kysely";
import { createToken } from "../../src/modules/identity/auth.service.js";
import { accounts, makeIdNumber } from "../../src/modules/identity/index.js";
import { SYSTEM } from "../../src/modules/ledger/index.js";
import type { openPlatform } from "../../src/platform/bootstrap.js";

const FIELDS = ["certificateNumber", "ownerName", "ownerIdNumber", "location", "areaSqm", "usage"];

/**
 * What the exchange benchmark reads, on a database with the demo: `persons` persons who own a flat
 * each, an agreement for the public-security system to read the real-estate register, and an API
 * token with exchange:query for that system.
 */
export async function seedExchangeBench(
  platform: Awaited<ReturnType<typeof openPlatform>>,
  persons: number,
): Promise<{ ids: string[]; agreement: { id: string }; token: { token: string } }> {
  const db = platform.database.db;
  const ids: string[] = [];
  for (let i = 0; i < persons; i++) {
    const birth = new Date(Date.UTC(1960, 0, 1) + (i % 15000) * 86_400_000).toISOString().slice(0, 10);
    ids.push(makeIdNumber("330106", birth, 500 + Math.floor(i / 15000)));
  }
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    await db
      .insertInto("persons")
      .values(
        chunk.map((id, j) => ({
          name: `测试${i + j}`,
          id_number: id,
          birth_date: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
          gender: Number(id[16]) % 2 === 1 ? ("male" as const) : ("female" as const),
          division_code: "330106",
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await db
      .insertInto("registry_real_estate")
      .values(
        chunk.map((id, j) => ({
          certificate_number: `浙(2024)杭州市不动产权第${String(900000 + i + j).padStart(7, "0")}号`,
          owner_name: `测试${i + j}`,
          owner_id_number: id,
          location: `浙江省杭州市西湖区北山街道测试路${i + j}号`,
          area_sqm: "89.50",
          usage: "住宅",
          share: "单独所有",
          registered_on: "2024-03-01",
          mortgaged: false,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const agreement = await db
    .insertInto("exchange_agreements")
    .values({
      resource_id: "real-estate-register",
      consumer_code: "HZ-GA",
      requested_fields: JSON.stringify(FIELDS),
      fields: JSON.stringify(FIELDS),
      clearance: 2,
      purpose: "户口迁移（购房落户）",
      legal_basis: "《中华人民共和国户口登记条例》第十条",
      valid_from: "2026-01-01",
      valid_until: "2027-12-31",
      expected_daily_volume: 10_000_000,
      daily_quota: 10_000_000,
      rate_per_minute: 10_000_000,
      requires_consent: false,
      status: "approved",
      applied_by: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await sql`analyze`.execute(db);
  const system = await accounts.findAccountByUsernameOrThrow(platform.ctx, "hz-gongan-system");
  const token = await createToken(
    platform.ctx,
    { actor: SYSTEM, requestId: null },
    {
      accountId: system.id,
      name: "bench",
      scopes: ["exchange:query"],
      expiresInDays: 1,
    },
  );
  return { ids, agreement, token };
}
