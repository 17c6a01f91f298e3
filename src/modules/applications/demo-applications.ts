import type { Caller, ServiceContext } from "../../platform/context.js";
import { listItems } from "../catalog/index.js";
import { seedPrefillAgreements } from "../exchange/demo-exchange.js";
import { agreements } from "../exchange/index.js";
import { directory } from "../identity/index.js";
import * as applications from "./applications.service.js";

/** A one-page PDF, as an applicant's scanned material. */
const SCAN = Buffer.from(
  "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n",
).toString("base64");

/**
 * Agreements for every department to pre-fill its items' forms from the registries they name (where
 * the demo has none yet), so that pre-fill works across the whole catalogue.
 */
export async function seedDemoPrefillAgreements(ctx: ServiceContext, caller: Caller): Promise<number> {
  const needs = new Map<string, { consumer: string; resource: string; fields: Set<string> }>();
  for (const item of await listItems(ctx)) {
    const add = (resource: string, fields: readonly string[]) => {
      const key = `${item.department} ${resource}`;
      const need = needs.get(key) ?? { consumer: item.department, resource, fields: new Set<string>() };
      for (const f of fields) {
        need.fields.add(f);
      }
      needs.set(key, need);
    };
    for (const rule of item.prefill) {
      add(rule.resource, [rule.sourceField]);
    }
    for (const m of item.materials) {
      if (m.obtainedVia) {
        add(m.obtainedVia.resource, m.obtainedVia.fields);
      }
    }
  }
  const missing: { consumer: string; resource: string; fields: string[] }[] = [];
  for (const n of needs.values()) {
    const fields = [...n.fields];
    const usable = await agreements.findUsable(ctx, {
      consumers: [n.consumer],
      resource: n.resource,
      fields,
    });
    if (!usable) {
      missing.push({ consumer: n.consumer, resource: n.resource, fields });
    }
  }
  return seedPrefillAgreements(ctx, caller, missing);
}

const person = (accountId: string): Caller => ({
  actor: { accountId, roles: ["citizen"], departmentIds: [], via: "session" },
  requestId: null,
});

async function officerOf(ctx: ServiceContext, accountId: string, department: string): Promise<Caller> {
  const dept = await directory.departmentByCode(ctx, department);
  return {
    actor: { accountId, roles: ["officer"], departmentIds: dept ? [dept.id] : [], via: "session" },
    requestId: null,
  };
}

/**
 * Applications in progress, made through the real flow (consent, pre-fill through the exchange,
 * submission), so that officers' queues and the applicants' progress pages have something to show:
 * a move of household that is overdue, an unemployment benefit waiting for a 补正, an elderly
 * citizen's filing for treatment elsewhere due today, and an enterprise's change of registration.
 */
export async function seedDemoApplications(
  ctx: ServiceContext,
  accounts: { citizen: string; elder: string; enterprise: string; officerRs: string },
): Promise<void> {
  const citizen = person(accounts.citizen);
  const elder = person(accounts.elder);
  const enterprise: Caller = {
    actor: { accountId: accounts.enterprise, roles: ["enterprise_agent"], departmentIds: [], via: "session" },
    requestId: null,
  };
  const run = async (
    caller: Caller,
    service: string,
    form: Record<string, unknown>,
    uploads: string[] = [],
    prefill = true,
  ) => {
    const draft = (await applications.createDraft(ctx, caller, { kind: "item", service })).app;
    if (prefill) {
      await applications.prefill(ctx, caller, draft.id);
    }
    await applications.saveDraft(ctx, caller, draft.id, form);
    for (const material of uploads) {
      await applications.upload(ctx, caller, draft.id, {
        material,
        filename: `${material}.pdf`,
        mediaType: "application/pdf",
        content: SCAN,
      });
    }
    return (await applications.submit(ctx, caller, draft.id)).app;
  };

  const move = await run(citizen, "330100-GA-QR-001-02", {
    newAddress: "浙江省杭州市西湖区文新街道学院路 77 号 3 幢 502 室",
    moveReason: "购房",
    applicantMobile: "13857160218",
  });
  // Submitted a week ago: its three working days have run out.
  await applications.backdateForDemo(ctx, move.id, 7);

  const benefit = await run(
    citizen,
    "330100-RS-JF-001-01",
    {
      separationDate: "2026-10-30",
      separationReason: "劳动合同期满终止",
      bankAccount: "6222021202001234567",
      applicantMobile: "13857160218",
    },
    ["separation-certificate"],
  );
  const [task] = await applications.tasksOf(ctx, benefit.id);
  if (task) {
    await applications.act(ctx, await officerOf(ctx, accounts.officerRs, "HZ-RS"), task.id, {
      action: "supplement",
      items: ["separation-certificate"],
      comment: "终止劳动合同证明未加盖单位公章，请重新上传盖章件",
    });
  }

  await run(elder, "330100-YB-QT-001-01", {
    filingType: "异地长期居住",
    destinationCity: "上海市",
    startDate: "2026-12-01",
    applicantMobile: "13706810395",
  });

  await run(
    enterprise,
    "330100-SCJG-XK-001-02",
    { changeItem: "住所", changeDescription: "杭州市滨江区长河街道江虹路 1750 号 2 幢 1101 室" },
    ["shareholder-resolution", "articles-of-association"],
  );
}
