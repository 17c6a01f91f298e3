import { sql } from "kysely";
import { PREFILL_PURPOSE } from "../../src/modules/exchange/demo-exchange.js";
import { accounts, makeIdNumber } from "../../src/modules/identity/index.js";
import { SYSTEM } from "../../src/modules/ledger/index.js";
import { openPlatform } from "../../src/platform/bootstrap.js";
import { seedDemo } from "../../src/seed/seed.js";
import { benchConfig, serve, serveIfWorker } from "./cluster.js";

/**
 * Yimen on PostgreSQL (DATABASE_URL) with the demo, APPLICANTS citizens with accounts and household
 * records (so that pre-fill reads something), and OPEN open tasks at 杭州市医疗保障局 (the queue of its
 * officer, officer5). Prints SETUP {…} and LISTENING url.
 */
const applicants = Number(process.env.BENCH_APPLICANTS ?? 40);
const open = Number(process.env.BENCH_OPEN ?? 100_000);
const password = "Bench-password-2026";
await serveIfWorker({ YIMEN_DEMO_PASSWORD: password });
const platform = await openPlatform(benchConfig({ YIMEN_DEMO_PASSWORD: password }));
await seedDemo(platform.ctx, { provinces: ["33"] });
const db = platform.database.db;
const seed = { actor: SYSTEM, requestId: null };

const usernames: string[] = [];
for (let i = 0; i < applicants; i++) {
  const birth = new Date(Date.UTC(1970, 0, 1) + i * 97 * 86_400_000).toISOString().slice(0, 10);
  const idNumber = makeIdNumber("330106", birth, 700 + i);
  const person = await db
    .insertInto("persons")
    .values({
      name: `申请人${i}`,
      id_number: idNumber,
      birth_date: birth,
      gender: i % 2 ? "male" : "female",
      division_code: "330106",
      mobile: `1385716${String(i).padStart(4, "0")}`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("registry_household")
    .values({
      id_number: idNumber,
      name: `申请人${i}`,
      gender: i % 2 ? "男" : "女",
      ethnicity: "汉族",
      birth_date: birth,
      household_number: `3301060${String(i).padStart(5, "0")}`,
      household_head: `申请人${i}`,
      relation_to_head: "户主",
      address: `浙江省杭州市西湖区文三路 ${i + 1} 号`,
      division_code: "330106",
    })
    .execute();
  const username = `bench-applicant-${i}`;
  await accounts.createAccount(platform.ctx, seed, {
    username,
    displayName: `申请人${i}`,
    password,
    roles: ["citizen"],
    departmentIds: [],
    personId: person.id,
  });
  usernames.push(username);
}

// The queue: OPEN tasks of 异地就医备案 waiting at 杭州市医疗保障局, due over the next months.
const citizen = await accounts.findAccountByUsernameOrThrow(platform.ctx, "citizen");
await sql`
  insert into applications (number, kind, service_code, service_name, service_name_en, lead_department,
    applicant_account, subject_type, subject_id, subject_name, status, promised_days, accepted_on, due_on,
    submitted_at, form)
  select '330100-20260101-' || lpad(g::text, 7, '0'), 'item', '330100-YB-QT-001-01', '异地就医备案',
    'Filing for treatment elsewhere', 'HZ-YB', ${citizen.id}, 'person', ${citizen.person_id}, '林晓雨',
    'submitted', 0, date '2026-11-02' + (g % 20), date '2026-11-02' + (g % 20) + (g % 40),
    now() - (g % 20) * interval '1 day', '{}'::jsonb
  from generate_series(1, ${open}) g`.execute(db);
await sql`
  insert into application_tasks (application_id, item_code, item_name, item_name_en, department, steps,
    step_index, current_department, status, limit_days, statutory_days, accepted_on, due_on, started_at)
  select a.id, '330100-YB-QT-001-01', '异地就医备案', 'Filing for treatment elsewhere', 'HZ-YB',
    '[{"kind":"accept","department":"HZ-YB"},{"kind":"decide","department":"HZ-YB"},{"kind":"conclude","department":"HZ-YB"}]'::jsonb,
    0, 'HZ-YB', case when a.number like '%0' then 'supplement' else 'active' end, 0, 20, a.accepted_on, a.due_on,
    a.submitted_at
  from applications a where a.number like '330100-20260101-%'`.execute(db);
// The demo's pre-fill agreements allow 3,000 reads a minute and 20,000 a day (one read per
// submission): sized as a department would for the load the bench puts on them (300/s and more).
await db
  .updateTable("exchange_agreements")
  .set({ rate_per_minute: 1_000_000, daily_quota: 100_000_000 })
  .where("purpose", "=", PREFILL_PURPOSE)
  .execute();
// As autovacuum would soon after such a load: statistics and the visibility map (index-only scans).
await sql`vacuum analyze`.execute(db);
await serve(platform, { usernames, password, open });
