import { makeCreditCode, makeIdNumber } from "../modules/identity/index.js";
import {
  DEMO_DEPARTMENTS,
  DEMO_ORGANISATIONS,
  DEMO_PERSONS,
  type DemoDepartment,
  type DemoOrganisation,
  type DemoPerson,
} from "./demo-data.js";

function byKey<T>(list: readonly T[], pick: (item: T) => string, key: string, what: string): T {
  const found = list.find((item) => pick(item) === key);
  if (!found) {
    throw new Error(`no demo ${what} ${key}`);
  }
  return found;
}

/** The 身份证号 of a demo person, as the seed registers it (GB 11643 check character). */
export function personIdNumber(p: DemoPerson): string {
  return makeIdNumber(p.regionCode, p.birthDate, p.sequence);
}

/** The 统一社会信用代码 of a demo organisation, as the seed registers it (GB 32100 check character). */
export function organisationCreditCode(o: DemoOrganisation): string {
  return makeCreditCode(o.prefix, o.regionCode, o.org);
}

/** The 统一社会信用代码 of a demo department (11 = 机关). */
export function departmentCreditCode(d: DemoDepartment): string {
  return makeCreditCode("11", d.divisionCode.slice(0, 6), d.org);
}

export const demoPerson = (key: string): DemoPerson => byKey(DEMO_PERSONS, (p) => p.key, key, "person");
export const demoOrganisation = (key: string): DemoOrganisation =>
  byKey(DEMO_ORGANISATIONS, (o) => o.key, key, "organisation");
export const demoDepartment = (code: string): DemoDepartment =>
  byKey(DEMO_DEPARTMENTS, (d) => d.code, code, "department");
