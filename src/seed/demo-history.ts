import { type DemoApplicant, seedDemoHistory } from "../modules/applications/index.js";
import { accounts, directory } from "../modules/identity/index.js";
import type { Caller, ServiceContext } from "../platform/context.js";
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS, DEMO_PERSONS } from "./demo-data.js";
import { personIdNumber } from "./demo-ids.js";
import { DEMO_ENTERPRISE_AGENTS, DEMO_RESIDENTS } from "./demo-residents.js";

/**
 * The demo's last 60 days of applications, ratings and rectifications, made by residents of several
 * districts and two enterprises (accounts of their own), decided by the demo's officers.
 */
export async function seedDemoApplicationHistory(
  ctx: ServiceContext,
  seed: Caller,
  ids: {
    persons: Map<string, string>;
    organisations: Map<string, string>;
    accounts: Map<string, string>;
  },
): Promise<string[]> {
  const created: string[] = [];
  const persons: DemoApplicant[] = [];
  for (const r of DEMO_RESIDENTS) {
    const person = await directory.registerPerson(ctx, seed, {
      name: r.name,
      idNumber: personIdNumber(r),
      mobile: r.mobile,
      divisionCode: r.divisionCode,
    });
    const account = await accounts.createAccount(ctx, seed, {
      username: r.username,
      displayName: r.name,
      password: ctx.config.demoPassword,
      roles: ["citizen"],
      departmentIds: [],
      personId: person.id,
      organisationId: null,
    });
    created.push(r.username);
    persons.push({
      accountId: account.id,
      subject: { type: "person", id: person.id, name: r.name },
      names: [r.name],
    });
  }
  const organisations: DemoApplicant[] = [];
  for (const a of DEMO_ENTERPRISE_AGENTS) {
    const org = DEMO_ORGANISATIONS.find((o) => o.key === a.organisation);
    const agent = DEMO_PERSONS.find((p) => p.key === a.person);
    const orgId = ids.organisations.get(a.organisation);
    if (!org || !agent || !orgId) {
      continue;
    }
    const account = await accounts.createAccount(ctx, seed, {
      username: a.username,
      displayName: a.displayName,
      password: ctx.config.demoPassword,
      roles: ["enterprise_agent"],
      departmentIds: [],
      personId: ids.persons.get(a.person) ?? null,
      organisationId: orgId,
    });
    created.push(a.username);
    organisations.push({
      accountId: account.id,
      subject: { type: "organisation", id: orgId, name: org.name },
      names: [agent.name, org.legalRepresentative],
    });
  }
  const officers = new Map<string, { accountId: string; name: string }>();
  for (const a of DEMO_ACCOUNTS) {
    const department = a.departments[0];
    const accountId = ids.accounts.get(a.username);
    if (a.roles.includes("officer") && department && accountId && !officers.has(department)) {
      officers.set(department, { accountId, name: a.displayName });
    }
  }
  const reviewer = ids.accounts.get("leader");
  if (reviewer) {
    await seedDemoHistory(ctx, seed, { persons, organisations, officers, reviewer });
  }
  return created;
}
