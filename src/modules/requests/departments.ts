import type { Caller, ServiceContext } from "../../platform/context.js";
import { conflict, validationError } from "../../platform/errors.js";
import { directory } from "../identity/index.js";

/** What the requests module needs to know of a department (through the identity module's directory). */
export interface Dept {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  divisionCode: string;
  parentId: string | null;
}

// Departments are never renamed or moved once created, so what was looked up stays true.
const byCode = new Map<string, Dept>();
const byId = new Map<string, Dept>();
const unitsOf = new Map<string, string[]>();

function remember(row: {
  id: string;
  code: string;
  name: string;
  name_en: string;
  division_code: string;
  parent_id: string | null;
}): Dept {
  const dept = {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    divisionCode: row.division_code,
    parentId: row.parent_id,
  };
  byCode.set(`${row.code}`, dept);
  byId.set(row.id, dept);
  return dept;
}

/** A department by code, or undefined. */
export async function deptByCode(ctx: ServiceContext, code: string): Promise<Dept | undefined> {
  const known = byCode.get(code);
  if (known) {
    return known;
  }
  const row = await directory.departmentByCode(ctx, code);
  return row ? remember(row) : undefined;
}

/** A department by code, or a VALIDATION error naming the field. */
export async function deptOrThrow(ctx: ServiceContext, code: string, field: string): Promise<Dept> {
  const dept = await deptByCode(ctx, code);
  if (!dept) {
    throw validationError(field, `No department with code ${code}`);
  }
  return dept;
}

async function deptById(ctx: ServiceContext, id: string): Promise<Dept | undefined> {
  const known = byId.get(id);
  if (known) {
    return known;
  }
  try {
    return remember(await directory.getDepartmentOrThrow(ctx, id));
  } catch {
    return undefined;
  }
}

/**
 * The codes of the departments a caller acts for: their own and their own departments' units (an
 * officer of 杭州市公安局 also sees what was sent to its 交通警察支队).
 */
export async function callerDepartmentCodes(ctx: ServiceContext, caller: Caller): Promise<string[]> {
  const codes = new Set<string>();
  for (const id of caller.actor.departmentIds) {
    let units = unitsOf.get(id);
    if (!units) {
      const dept = await directory.getDepartmentOrThrow(ctx, id);
      remember(dept);
      units = dept.units.map((u) => remember(u).code);
      unitsOf.set(id, units);
    }
    const own = byId.get(id);
    if (own) {
      codes.add(own.code);
    }
    for (const u of units) {
      codes.add(u);
    }
  }
  return [...codes].sort();
}

const suffix = (code: string) => code.split("-").slice(1).join("-");

/**
 * The department one level above: a unit's parent department; else the department of the same
 * function in the division above (西湖区市场监督管理局 XH-SCJG → 杭州市市场监督管理局 HZ-SCJG, matched
 * by the part of the code after the division's prefix). CONFLICT when there is none.
 */
export async function departmentAbove(ctx: ServiceContext, code: string): Promise<Dept> {
  const dept = await deptOrThrow(ctx, code, "department");
  if (dept.parentId) {
    const parent = await deptById(ctx, dept.parentId);
    if (parent) {
      return parent;
    }
  }
  const { division } = await directory.getDivisionOrThrow(ctx, dept.divisionCode);
  if (division.parent_code) {
    const { items } = await directory.listDepartments(ctx, {
      divisionCode: division.parent_code,
      limit: 500,
      offset: 0,
    });
    const match = items.find((d) => suffix(d.code) === suffix(dept.code));
    if (match) {
      return remember(match);
    }
  }
  throw conflict(`${dept.name} has no department above it to escalate to`);
}
