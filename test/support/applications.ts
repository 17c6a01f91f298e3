import { expect } from "vitest";
import { makeCreditCode, makeIdNumber } from "../../src/modules/identity/index.js";
import type { Client } from "./http.js";

/** The officer account of each department the demo has one for. */
export const DEMO_OFFICERS: Record<string, string> = {
  "HZ-GA": "officer",
  "HZ-SCJG": "officer2",
  "HZ-RS": "officer3",
  "XH-GA": "officer4",
  "HZ-YB": "officer5",
  "HZ-WJ": "officer6",
  "HZ-FG": "officer7",
  "XH-SCJG": "officer8",
  "XH-MZ": "officer10",
  "XH-BS": "officer11",
  "SC-GA": "officer12",
};

/** The smallest file the upload check takes for a PDF, base64-encoded. */
export const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n").toString("base64");

export interface Prop {
  type: string;
  format?: string;
  enum?: string[];
  pattern?: string;
  minLength?: number;
  minimum?: number;
}
export interface AppBody {
  id: string;
  number: string;
  status: string;
  outcome: string | null;
  form: Record<string, unknown>;
  prefill: Record<string, { resource: string; department: string; updatedAt: string; ledgerSeq: number }>;
  formDefinition: {
    schema: { required: string[]; properties: Record<string, Prop> };
    ui: { hints?: Record<string, { widget?: string }> };
  };
  materials: { id: string; required: boolean; obtainable: boolean; state: { via: string } | null }[];
  problems: { field: string; message: string }[];
  tasks: {
    id: string;
    itemCode: string;
    department: string;
    currentDepartment: string;
    status: string;
    step: { index: number; kind: string; count: number };
    certificateId: string | null;
    after: string[];
    dueOn: string | null;
    acceptedOn: string | null;
    pauses: { from: string; to: string }[];
  }[];
  events: { action: string; ledgerSeq: number | null }[];
}

/** A value the form accepts for a property, as an applicant would type it. */
export function valueFor(name: string, prop: Prop, widget: string | undefined): unknown {
  if (prop.enum) {
    return prop.enum[0];
  }
  if (prop.type === "boolean") {
    return true;
  }
  if (prop.type === "number" || prop.type === "integer") {
    return Math.max(prop.minimum ?? 1, 1);
  }
  if (widget === "idNumber" || /idNumber$/i.test(name)) {
    return makeIdNumber("330106", "1990-01-01", 321);
  }
  if (widget === "creditCode" || /creditCode$/i.test(name)) {
    return makeCreditCode("91", "330106", "70461276");
  }
  if (widget === "mobile" || /mobile|phone/i.test(name)) {
    return "13800138000";
  }
  if (prop.format === "date") {
    return "2026-11-20";
  }
  if (prop.format === "date-time") {
    return "2026-11-20T09:00:00+08:00";
  }
  if (prop.format === "email") {
    return "applicant@example.cn";
  }
  if (prop.pattern) {
    // Every pattern in the demo catalogue is satisfied by one of these.
    for (const candidate of ["330106", "310000", "123456", "A123456789", "A1", "浙A12345", "1"]) {
      if (new RegExp(prop.pattern).test(candidate)) {
        return candidate;
      }
    }
  }
  return "测试填写内容".padEnd(Math.max(prop.minLength ?? 1, 6), "内");
}

/** Fills every required field the registries did not and uploads every material still missing. */
export async function complete(client: Client, app: AppBody): Promise<AppBody> {
  const entries: Record<string, unknown> = {};
  for (const name of app.formDefinition.schema.required) {
    if (app.form[name] === undefined) {
      const prop = app.formDefinition.schema.properties[name] as Prop;
      entries[name] = valueFor(name, prop, app.formDefinition.ui.hints?.[name]?.widget);
    }
  }
  const saved = await client.patch(`/api/applications/${app.id}`, { form: entries });
  expect(saved.statusCode, saved.body).toBe(200);
  for (const m of app.materials.filter((x) => x.required && !x.state)) {
    const up = await client.post(`/api/applications/${app.id}/uploads`, {
      material: m.id,
      filename: `${m.id}.pdf`,
      mediaType: "application/pdf",
      content: PDF,
    });
    expect(up.statusCode, up.body).toBe(201);
  }
  return (await client.get(`/api/applications/${app.id}`)).json();
}
