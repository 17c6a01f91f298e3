import { randomBytes } from "node:crypto";
import type { Caller, ServiceContext } from "../../platform/context.js";
import { inTransaction } from "../../platform/db/tx.js";
import { createChannel } from "./channels.service.js";
import { notify } from "./notifications.service.js";

/**
 * The demo's notifications: one SMS gateway channel, disabled (its address is an example, so
 * nothing is sent until an admin points it at a real gateway and enables it), and a welcome for
 * the demo citizen.
 */
export async function seedDemoNotifications(
  ctx: ServiceContext,
  caller: Caller,
  input: { citizenAccountId: string },
): Promise<void> {
  await createChannel(ctx, caller, {
    name: "短信网关（示例）",
    kind: "sms",
    url: "https://sms-gateway.example.gov.cn/yimen/notify",
    secret: randomBytes(24).toString("base64url"),
    enabled: false,
  });
  await inTransaction(ctx.db, (tx) =>
    notify(ctx, tx, {
      accountId: input.citizenAccountId,
      kind: "account.welcome",
      title: "欢迎使用一门",
      titleEn: "Welcome to Yimen",
      body: "您可以在这里办理政务服务、查看办件进度，并查看哪些部门因何使用了您的数据。办件有进展时，我们会在这里通知您。",
      bodyEn:
        "Here you can use public services, follow your applications and see which departments used your data and why. We will tell you here when an application moves on.",
      link: "/portal",
    }),
  );
}
