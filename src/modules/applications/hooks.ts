import type { CertificateClaim } from "../../../shared/certificates/certificate.js";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { issueCertificate } from "../certificates/index.js";
import { SYSTEM } from "../ledger/index.js";
import { notify, notifyAlongMany } from "../notifications/index.js";
import type { ApplicationRow, ConclusionHooks } from "./applications.service.js";

const link = (app: ApplicationRow) => `/portal/applications/${app.id}`;

/** Form values of an item worth stating on its certificate: everything but contact details. */
function claimsOf(
  app: ApplicationRow,
  item: {
    form: {
      schema: { properties: Record<string, { title: string; titleEn: string }> };
      ui: { order: string[]; hints?: Record<string, { widget?: string }> };
    };
  },
): CertificateClaim[] {
  const claims: CertificateClaim[] = [];
  const names = [...new Set([...item.form.ui.order, ...Object.keys(item.form.schema.properties)])];
  for (const name of names) {
    const prop = item.form.schema.properties[name];
    const value = app.form[name];
    const widget = item.form.ui.hints?.[name]?.widget;
    if (
      !prop ||
      value === undefined ||
      value === null ||
      value === "" ||
      widget === "mobile" ||
      /mobile|phone|bankAccount/i.test(name)
    ) {
      continue;
    }
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      claims.push({ key: name, label: prop.title, labelEn: prop.titleEn, value });
    }
  }
  return claims;
}

/**
 * What happens inside an officer's action when a task or an application concludes, and when an
 * application is submitted: e-certificates for approved items that issue one, and notifications to
 * the applicant (in the app, and through the e-mail/SMS outbox).
 */
export function conclusionHooks(ctx: ServiceContext): ConclusionHooks {
  return {
    async onSubmitted(apps) {
      const { companions, wake } = await notifyAlongMany(
        ctx,
        apps.map((app) => ({
          accountId: app.applicant_account,
          kind: "application.submitted",
          title: `已受理：${app.service_name}`,
          titleEn: `Received: ${app.service_name_en}`,
          body: `办件编号 ${app.number}。可在“我的办件”查看进度。`,
          bodyEn: `Application ${app.number}. Follow its progress under My applications.`,
          link: link(app),
        })),
      );
      return { companions, after: wake };
    },

    async onSupplement(tx, app, task, request) {
      await notify(ctx, tx, {
        accountId: app.applicant_account,
        kind: "application.supplement",
        title: `需要补正：${task.item_name}`,
        titleEn: `Supplements needed: ${task.item_name_en}`,
        body: `${request.note || request.items.join("、")}（办件编号 ${app.number}；补正期间不计入办理时限）`,
        bodyEn: `${request.note || request.items.join(", ")} (application ${app.number}; the clock stops until you supply them)`,
        link: link(app),
      });
    },

    async onTaskConcluded(tx, caller, app, task, service) {
      let certificate: string | null = null;
      const item = service.items.find((i) => i.item.code === task.item_code)?.item;
      if (task.status === "approved" && item?.certificate) {
        // The approving officer signs for the issuing department when they work for it; otherwise
        // (a last step at another office) the platform issues it in the department's name.
        const issuer: Caller =
          task.current_department === task.department
            ? caller
            : { actor: SYSTEM, requestId: caller.requestId };
        const doc = await issueCertificate(ctx, tx, issuer, {
          type: item.certificate.type,
          name: item.certificate.name,
          nameEn: item.certificate.nameEn,
          holder: { type: app.subject_type, id: app.subject_id },
          issuer: task.department,
          claims: claimsOf(app, item),
          validUntil: null,
          application: { id: app.id, serviceCode: item.code },
        });
        certificate = doc.id;
      }
      await notify(ctx, tx, {
        accountId: app.applicant_account,
        kind: task.status === "approved" ? "application.task.approved" : "application.task.rejected",
        title: task.status === "approved" ? `已办结：${task.item_name}` : `未予批准：${task.item_name}`,
        titleEn:
          task.status === "approved"
            ? `Approved: ${task.item_name_en}`
            : `Not approved: ${task.item_name_en}`,
        body:
          task.status === "approved"
            ? `${certificate ? `电子证照“${item?.certificate?.name}”已签发，可在“我的证照”查看。` : ""}办件编号 ${app.number}。`
            : `理由：${task.decision_reason ?? ""}；依据：${task.decision_basis ?? ""}。办件编号 ${app.number}。`,
        bodyEn:
          task.status === "approved"
            ? `${certificate ? `The e-certificate “${item?.certificate?.nameEn}” is issued (My certificates). ` : ""}Application ${app.number}.`
            : `Reasons: ${task.decision_reason ?? ""}; legal basis: ${task.decision_basis ?? ""}. Application ${app.number}.`,
        link: link(app),
      });
      return certificate;
    },

    async onConcluded(tx, app) {
      const outcome = {
        approved: ["已全部办结", "Concluded"],
        rejected: ["未予批准", "Not approved"],
        partial: ["部分办结", "Partly approved"],
      }[app.outcome ?? "approved"];
      await notify(ctx, tx, {
        accountId: app.applicant_account,
        kind: "application.concluded",
        title: `${outcome[0]}：${app.service_name}`,
        titleEn: `${outcome[1]}: ${app.service_name_en}`,
        body: `办件编号 ${app.number}。欢迎对本次服务作出评价（好差评）。`,
        bodyEn: `Application ${app.number}. Please rate the service.`,
        link: link(app),
      });
    },
  };
}
