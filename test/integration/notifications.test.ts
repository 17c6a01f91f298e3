import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/modules/ledger/index.js";
import {
  deliverDue,
  notify,
  notifyAlongMany,
  startDeliveryWorker,
} from "../../src/modules/notifications/index.js";
import type { ServiceContext } from "../../src/platform/context.js";
import { openDatabase } from "../../src/platform/db/database.js";
import { inTransaction } from "../../src/platform/db/tx.js";
import { DEMO_PERSONS } from "../../src/seed/demo-data.js";
import { personIdNumber } from "../../src/seed/demo-ids.js";
import { type Client, signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";
import { type Reply, startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";

const CITIZEN = DEMO_PERSONS.find((p) => p.key === "citizen") as (typeof DEMO_PERSONS)[number];
const SECRET = "s3cret-for-signing-0123456789";
const TIMEOUT_MS = 300;
const MAX_ATTEMPTS = 3;

const seconds = (from: Date, s: number) => new Date(from.getTime() + s * 1000);

describe.each(testDatabases())("notifications (%s)", (kind) => {
  let t: TestPlatform;
  let admin: Client;
  let citizen: Client;
  let citizenId: string;
  const receivers: WebhookReceiver[] = [];
  const channels: string[] = [];

  const db = () => t.platform.database.db;
  const ctx = (): ServiceContext => t.platform.ctx;

  /** A receiver and an enabled channel pointing at it; both removed after the test. */
  async function gateway(kindOf: "sms" | "email" = "sms", fallback: Reply = { status: 204 }) {
    const receiver = await startWebhookReceiver(fallback);
    receivers.push(receiver);
    const res = await admin.post("/api/notifications/channels", {
      name: `${kindOf} gateway`,
      kind: kindOf,
      url: receiver.url,
      secret: SECRET,
      enabled: true,
    });
    expect(res.statusCode).toBe(201);
    const channel = res.json().id as string;
    channels.push(channel);
    return { receiver, channel };
  }

  const notifyCitizen = (title = "您的申请已受理") =>
    inTransaction(db(), (tx) =>
      notify(ctx(), tx, {
        accountId: citizenId,
        kind: "application.accepted",
        title,
        titleEn: "Your application was accepted",
        body: "新生儿出生一件事已受理，承诺 5 个工作日内办结。",
        bodyEn: "The newborn bundle was accepted; it will be decided within 5 working days.",
        link: "/portal",
      }),
    );

  const outboxRow = (id: string) =>
    db().selectFrom("notification_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const outboxOf = (notificationId: string) =>
    db()
      .selectFrom("notification_outbox")
      .selectAll()
      .where("notification_id", "=", notificationId)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await startTestPlatform(kind, {
      notificationTimeoutMs: TIMEOUT_MS,
      notificationMaxAttempts: MAX_ATTEMPTS,
    });
    admin = await signIn(t.app, "admin");
    citizen = await signIn(t.app, "citizen");
    citizenId = (await citizen.get("/api/me")).json().id;
  });
  afterEach(async () => {
    // Deleting a channel gives up its waiting deliveries, so the next test's deliverDue sees only its own.
    for (const id of channels.splice(0)) {
      await admin.delete(`/api/notifications/channels/${id}`);
    }
    for (const r of receivers.splice(0)) {
      await r.close();
    }
  });
  afterAll(() => t?.close());

  it("delivers to an SMS webhook with the HMAC signature and delivery id; e-mail is skipped without an address", async () => {
    const { receiver, channel } = await gateway("sms");
    const email = await gateway("email");
    const result = await notifyCitizen();
    expect(result.deliveries).toEqual([{ channelId: channel, kind: "sms" }]);
    expect(result.skipped).toEqual([{ channelId: email.channel, kind: "email", reason: "no-email" }]);

    const report = await deliverDue(ctx());
    expect(report).toMatchObject({ claimed: 1, delivered: 1, failed: 0, dead: 0 });
    const [request] = await receiver.waitFor(1);
    const row = await outboxOf(result.id);
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["x-yimen-delivery"]).toBe(row.id);
    const expected = createHmac("sha256", SECRET)
      .update(request?.body ?? "")
      .digest("hex");
    expect(request?.headers["x-yimen-signature"]).toBe(expected);
    const body = JSON.parse(request?.body ?? "{}");
    expect(body).toMatchObject({
      delivery: row.id,
      attempt: 1,
      channel: "sms",
      to: CITIZEN.mobile,
      notification: {
        id: result.id,
        kind: "application.accepted",
        title: "您的申请已受理",
        titleEn: "Your application was accepted",
        link: "/portal",
      },
    });
    expect(request?.body).not.toContain(personIdNumber(CITIZEN));
    expect(email.receiver.received).toHaveLength(0);

    // Settled: delivered once, and the stored address is masked from now on.
    expect(row).toMatchObject({ status: "delivered", attempts: 1, last_error: null });
    expect(row.delivered_at).toBeInstanceOf(Date);
    expect(row.payload.to).toBe("138****0218");
    expect((await deliverDue(ctx())).claimed).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  it("writes many notifications along another change's statement, each with its outbox rows (notifyAlongMany)", async () => {
    const { receiver } = await gateway("sms");
    const titles = ["已受理：甲", "已受理：乙"];
    const { companions, wake } = await notifyAlongMany(
      ctx(),
      titles.map((title) => ({
        accountId: citizenId,
        kind: "application.submitted",
        title,
        titleEn: "Received",
        body: "办件编号 X。",
        bodyEn: "Application X.",
        link: "/portal",
      })),
    );
    await ctx().ledger.recordAlongMany(
      db(),
      [{ action: "test.along", actor: SYSTEM, outcome: "success" }],
      companions,
    );
    await wake();
    const written = await db()
      .selectFrom("notifications")
      .select(["id", "title"])
      .where("title", "in", titles)
      .execute();
    expect(written.map((n) => n.title).sort()).toEqual([...titles].sort());
    for (const n of written) {
      expect((await outboxOf(n.id)).payload.to).toBe(CITIZEN.mobile);
    }
    expect(await deliverDue(ctx())).toMatchObject({ claimed: 2, delivered: 2 });
    expect((await receiver.waitFor(2)).map((r) => JSON.parse(r.body).notification.title).sort()).toEqual(
      [...titles].sort(),
    );
  });

  it("delivers e-mail to the address the holder gave in their account, and to no one once they remove it", async () => {
    const bad = await citizen.patch("/api/me", { email: "not-an-address" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("body.email");
    const set = await citizen.patch("/api/me", { email: "lin.xiaoyu@example.cn" });
    expect(set.statusCode).toBe(200);
    expect(set.json().email).toBe("lin.xiaoyu@example.cn");
    expect((await citizen.get("/api/me")).json().email).toBe("lin.xiaoyu@example.cn");
    const entry = await db()
      .selectFrom("ledger_entries")
      .select("body")
      .where("action", "=", "identity.account.email")
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(entry.body)).toContain("l***@example.cn");
    expect(JSON.stringify(entry.body)).not.toContain("lin.xiaoyu@");

    const { receiver, channel } = await gateway("email");
    const result = await notifyCitizen();
    expect(result.deliveries).toEqual([{ channelId: channel, kind: "email" }]);
    expect(await deliverDue(ctx())).toMatchObject({ claimed: 1, delivered: 1 });
    const [request] = await receiver.waitFor(1);
    expect(JSON.parse(request?.body ?? "{}")).toMatchObject({
      channel: "email",
      to: "lin.xiaoyu@example.cn",
    });

    expect((await citizen.patch("/api/me", { email: null })).json().email).toBeNull();
    const after = await notifyCitizen();
    expect(after.skipped).toEqual([{ channelId: channel, kind: "email", reason: "no-email" }]);
  });
  it("retries a 500 after the backoff (30 s ± 20 %), then delivers", async () => {
    const { receiver } = await gateway();
    receiver.script({ status: 500, body: "gateway overloaded, call 13857160218 support" });
    const { id } = await notifyCitizen();
    const t0 = new Date();

    const first = await deliverDue(ctx(), { now: t0 });
    expect(first).toMatchObject({ claimed: 1, failed: 1 });
    let row = await outboxOf(id);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.last_error).toMatch(/^HTTP 500: gateway overloaded/);
    expect(row.last_error).not.toContain("13857160218");
    const wait = row.next_attempt_at.getTime() - t0.getTime();
    expect(wait).toBeGreaterThanOrEqual(24_000);
    expect(wait).toBeLessThanOrEqual(36_000);

    expect((await deliverDue(ctx(), { now: seconds(t0, 20) })).claimed).toBe(0);
    const second = await deliverDue(ctx(), { now: seconds(t0, 37) });
    expect(second).toMatchObject({ claimed: 1, delivered: 1 });
    row = await outboxOf(id);
    expect(row).toMatchObject({ status: "delivered", attempts: 2, last_error: null });
    expect(receiver.received.map((r) => r.headers["x-yimen-delivery"])).toEqual([row.id, row.id]);
    expect(receiver.received.map((r) => JSON.parse(r.body).attempt)).toEqual([1, 2]);
  });

  it("counts a timeout as a failed attempt and retries it", async () => {
    const { receiver } = await gateway();
    receiver.script({ status: 200, delayMs: TIMEOUT_MS * 5 });
    const { id } = await notifyCitizen();
    const t0 = new Date();
    const started = Date.now();
    expect(await deliverDue(ctx(), { now: t0 })).toMatchObject({ claimed: 1, failed: 1 });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 4);
    const row = await outboxOf(id);
    expect(row).toMatchObject({
      status: "failed",
      attempts: 1,
      last_error: `timed out after ${TIMEOUT_MS} ms`,
    });

    expect(await deliverDue(ctx(), { now: seconds(t0, 40) })).toMatchObject({ claimed: 1, delivered: 1 });
    expect((await outboxRow(row.id)).status).toBe("delivered");
  });

  it("gives a delivery up as dead after the last attempt, and shows operators why", async () => {
    const { receiver } = await gateway("sms", { status: 503 });
    const { id } = await notifyCitizen();
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const report = await deliverDue(ctx(), { now });
      expect(report.claimed).toBe(1);
      const row = await outboxOf(id);
      expect(row.attempts).toBe(attempt);
      expect(row.status).toBe(attempt < MAX_ATTEMPTS ? "failed" : "dead");
      now = new Date(row.next_attempt_at.getTime() + 1);
    }
    expect((await deliverDue(ctx(), { now: seconds(now, 86_400 * 30) })).claimed).toBe(0);
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    // Backoff grew: 30 s, then 2 min (each ± 20 %).
    const row = await outboxOf(id);
    expect(row).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS, last_error: "HTTP 503" });
    expect(row.payload.to).toBe("138****0218");

    const auditor = await signIn(t.app, "auditor");
    const res = await auditor.get("/api/notifications/outbox?status=dead");
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: { id: string }) => i.id === row.id);
    expect(item).toMatchObject({
      status: "dead",
      attempts: MAX_ATTEMPTS,
      lastError: "HTTP 503",
      recipient: "138****0218",
      channelKind: "sms",
      notificationKind: "application.accepted",
      nextAttemptAt: null,
    });
    expect(res.json().counts.dead).toBeGreaterThanOrEqual(1);
    expect(res.body).not.toContain(CITIZEN.mobile);
  });

  it("never delivers a row twice when two workers (two processes on PostgreSQL) run at once", async () => {
    const { receiver } = await gateway("sms", { status: 204, delayMs: 5 });
    const n = 24;
    for (let i = 0; i < n; i++) {
      await notifyCitizen(`通知 ${i}`);
    }
    // On PostgreSQL the second worker has its own connection pool, as another server process would.
    const other =
      kind === "postgres"
        ? await openDatabase({
            databaseUrl: t.platform.config.databaseUrl,
            dataDir: "memory://",
            poolSize: 4,
          })
        : null;
    const second: ServiceContext = other ? { ...ctx(), db: other.db } : ctx();
    try {
      const drain = async (c: ServiceContext) => {
        let claimed = 0;
        for (;;) {
          const report = await deliverDue(c, { limit: 4 });
          if (report.claimed === 0) {
            return claimed;
          }
          claimed += report.claimed;
        }
      };
      const [a, b] = await Promise.all([drain(ctx()), drain(second)]);
      expect(a + b).toBe(n);
      if (kind === "postgres") {
        expect(a).toBeGreaterThan(0);
        expect(b).toBeGreaterThan(0);
      }
    } finally {
      await other?.close();
    }
    const ids = receiver.received.map((r) => r.headers["x-yimen-delivery"]);
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    const rows = await db()
      .selectFrom("notification_outbox")
      .select(["status", "attempts"])
      .where("id", "in", ids as string[])
      .execute();
    expect(rows.every((r) => r.status === "delivered" && r.attempts === 1)).toBe(true);
  });

  it("leaves no notification and no outbox row when the caller's transaction rolls back", async () => {
    const { receiver } = await gateway();
    const count = async () => ({
      notifications: (
        await db().selectFrom("notifications").select(db().fn.countAll().as("n")).executeTakeFirstOrThrow()
      ).n,
      outbox: (
        await db()
          .selectFrom("notification_outbox")
          .select(db().fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    });
    const before = await count();
    let notified: string | undefined;
    await expect(
      inTransaction(db(), async (tx) => {
        notified = (
          await notify(ctx(), tx, {
            accountId: citizenId,
            kind: "application.approved",
            title: "已批准",
            titleEn: "Approved",
            body: "正文",
            bodyEn: "Body",
          })
        ).id;
        throw new Error("the caller's own change failed");
      }),
    ).rejects.toThrow("the caller's own change failed");
    expect(notified).toBeDefined();
    expect(await count()).toEqual(before);
    expect((await deliverDue(ctx())).claimed).toBe(0);
    expect(receiver.received).toHaveLength(0);
  });

  it("refuses a notification whose link leaves the site, or for an unknown account", async () => {
    const bad = (link: string) =>
      inTransaction(db(), (tx) =>
        notify(ctx(), tx, {
          accountId: citizenId,
          kind: "x.y",
          title: "t",
          titleEn: "t",
          body: "b",
          bodyEn: "b",
          link,
        }),
      );
    for (const link of ["https://evil.example/", "//evil.example/", "/\\evil.example", "portal"]) {
      await expect(bad(link), link).rejects.toMatchObject({ code: "VALIDATION", field: "link" });
    }
    await expect(
      inTransaction(db(), (tx) =>
        notify(ctx(), tx, {
          accountId: "00000000-0000-4000-8000-000000000000",
          kind: "x.y",
          title: "t",
          titleEn: "t",
          body: "b",
          bodyEn: "b",
        }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("wakes a worker through LISTEN/NOTIFY when a notification commits, without waiting for the poll", async () => {
    const { receiver } = await gateway();
    const quiet: ServiceContext = { ...ctx(), config: { ...ctx().config, notificationPollMs: 3_600_000 } };
    const logs: string[] = [];
    const stop = await startDeliveryWorker(quiet, t.platform.database, {
      info: (_o, m) => logs.push(m),
      warn: (o, m) => logs.push(`${m} ${JSON.stringify(o)}`),
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100)); // the worker's first pass finds nothing
      expect(receiver.received).toHaveLength(0);
      const { id } = await notifyCitizen("唤醒测试");
      const [request] = await receiver.waitFor(1, 5_000);
      expect(JSON.parse(request?.body ?? "{}").notification.id).toBe(id);
    } finally {
      await stop();
    }
    expect((await outboxOf(JSON.parse(receiver.received[0]?.body ?? "{}").notification.id)).status).toBe(
      "delivered",
    );
    expect(logs.join("\n")).not.toContain(CITIZEN.mobile);
  });

  describe("in the app", () => {
    it("lists my notifications newest first with the unread count; the demo citizen is welcomed", async () => {
      const before = (await citizen.get("/api/notifications?limit=100")).json();
      expect(before.items.some((n: { kind: string }) => n.kind === "account.welcome")).toBe(true);
      const { id } = await notifyCitizen("最新的通知");
      const res = await citizen.get("/api/notifications?limit=5");
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items[0]).toMatchObject({ id, title: "最新的通知", readAt: null, link: "/portal" });
      expect(body.items).toHaveLength(5);
      expect(body.total).toBe(before.total + 1);
      expect(body.unread).toBe(before.unread + 1);
      const times = body.items.map((n: { createdAt: string }) => n.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      const unreadOnly = (await citizen.get("/api/notifications?unread=true&limit=100")).json();
      expect(unreadOnly.items.every((n: { readAt: string | null }) => n.readAt === null)).toBe(true);
      expect(unreadOnly.total).toBe(body.unread);
    });

    it("marks one read and all read; another account can neither see nor mark mine (404)", async () => {
      const { id } = await notifyCitizen("请查收");
      const other = await signIn(t.app, "citizen2");
      expect(
        (await other.get("/api/notifications?limit=100")).json().items.map((n: { id: string }) => n.id),
      ).not.toContain(id);
      const stolen = await other.post(`/api/notifications/${id}/read`);
      expect(stolen.statusCode).toBe(404);
      expect(stolen.json()).toMatchObject({ code: "NOT_FOUND" });
      const theirs = await other.post("/api/notifications/read-all");
      expect(theirs.statusCode).toBe(200);
      expect((await citizen.get("/api/notifications?limit=1")).json().items[0]).toMatchObject({
        id,
        readAt: null,
      });

      const read = await citizen.post(`/api/notifications/${id}/read`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ id, readAt: expect.any(String) });
      const again = await citizen.post(`/api/notifications/${id}/read`);
      expect(again.json().readAt).toBe(read.json().readAt);

      await notifyCitizen("第二条");
      expect((await citizen.get("/api/notifications?limit=1")).json().unread).toBeGreaterThan(0);
      const all = await citizen.post("/api/notifications/read-all");
      expect(all.statusCode).toBe(200);
      expect(all.json().updated).toBeGreaterThan(0);
      expect((await citizen.get("/api/notifications?limit=1")).json().unread).toBe(0);

      expect((await citizen.post("/api/notifications/not-a-uuid/read")).statusCode).toBe(400);
      expect((await t.app.inject({ url: "/api/notifications" })).statusCode).toBe(401);
    });
  });

  describe("channels", () => {
    it("are managed by platform admins only, never return the secret, and are recorded in the ledger", async () => {
      const secret = "never-show-this-secret-9f8e7d";
      const created = await admin.post("/api/notifications/channels", {
        name: "邮件网关",
        kind: "email",
        url: "https://mail.example.gov.cn/hooks/yimen?tenant=hz",
        secret,
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      channels.push(id);
      expect(created.json()).toEqual({
        id,
        name: "邮件网关",
        kind: "email",
        url: "https://mail.example.gov.cn/hooks/yimen?tenant=hz",
        enabled: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const list = await admin.get("/api/notifications/channels");
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((c: { id: string }) => c.id)).toContain(id);
      expect(
        list
          .json()
          .items.some((c: { name: string; enabled: boolean }) => c.name === "短信网关（示例）" && !c.enabled),
      ).toBe(true);

      const rotated = "rotated-secret-value-1234567";
      const patched = await admin.patch(`/api/notifications/channels/${id}`, {
        secret: rotated,
        enabled: true,
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ id, enabled: true });
      for (const body of [created.body, list.body, patched.body]) {
        expect(body).not.toContain(secret);
        expect(body).not.toContain(rotated);
        expect(body).not.toContain("secret");
      }
      const stored = await db()
        .selectFrom("notification_channels")
        .select("secret")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(stored.secret).toBe(rotated);

      const entries = await db()
        .selectFrom("ledger_entries")
        .select(["action", "body"])
        .where("action", "like", "notifications.channel.%")
        .where("body", "like", `%${id}%`)
        .orderBy("seq")
        .execute();
      expect(entries.map((e) => e.action)).toEqual([
        "notifications.channel.create",
        "notifications.channel.update",
      ]);
      expect(JSON.parse(entries[0]?.body ?? "{}")).toMatchObject({
        resource: `notifications/channels/${id}`,
        details: { kind: "email", origin: "https://mail.example.gov.cn", enabled: false },
        actor: { roles: ["platform_admin"] },
      });
      expect(JSON.parse(entries[1]?.body ?? "{}").details).toEqual({
        changed: ["enabled", "secret"],
        enabled: true,
      });
      for (const e of entries) {
        expect(e.body).not.toContain(secret);
        expect(e.body).not.toContain(rotated);
        expect(e.body).not.toContain("tenant=hz");
      }

      const deleted = await admin.delete(`/api/notifications/channels/${id}`);
      expect(deleted.statusCode).toBe(204);
      expect((await admin.delete(`/api/notifications/channels/${id}`)).statusCode).toBe(404);
      expect((await admin.patch(`/api/notifications/channels/${id}`, { enabled: false })).statusCode).toBe(
        404,
      );
    });

    it("validate addresses and secrets, naming the field", async () => {
      const post = (body: object) =>
        admin.post("/api/notifications/channels", {
          name: "x",
          kind: "sms",
          url: "https://sms.example/",
          secret: SECRET,
          ...body,
        });
      expect((await post({ url: "ftp://sms.example/" })).json()).toMatchObject({
        code: "VALIDATION",
        field: "body.url",
      });
      expect((await post({ url: "https://user:pw@sms.example/" })).json()).toMatchObject({
        field: "body.url",
      });
      expect((await post({ secret: "short" })).json()).toMatchObject({
        code: "VALIDATION",
        field: "body.secret",
      });
      expect((await post({ kind: "fax" })).json()).toMatchObject({ code: "VALIDATION", field: "body.kind" });
      const ok = await post({});
      channels.push(ok.json().id);
      expect((await admin.patch(`/api/notifications/channels/${ok.json().id}`, {})).json()).toMatchObject({
        code: "VALIDATION",
        field: "body",
      });
    });

    it("are refused to citizens and auditors; the outbox is open to auditors", async () => {
      const auditor = await signIn(t.app, "auditor");
      expect((await citizen.get("/api/notifications/channels")).statusCode).toBe(403);
      expect((await auditor.get("/api/notifications/channels")).statusCode).toBe(403);
      expect((await citizen.get("/api/notifications/outbox")).statusCode).toBe(403);
      expect((await auditor.get("/api/notifications/outbox")).statusCode).toBe(200);
      expect(
        (
          await auditor.post("/api/notifications/channels", {
            name: "x",
            kind: "sms",
            url: "https://x.example/",
            secret: SECRET,
          })
        ).statusCode,
      ).toBe(403);
    });

    it("gives up a deleted channel's waiting deliveries", async () => {
      const { channel } = await gateway("sms", { status: 500 });
      const { id } = await notifyCitizen();
      await deliverDue(ctx());
      expect((await outboxOf(id)).status).toBe("failed");
      expect((await admin.delete(`/api/notifications/channels/${channel}`)).statusCode).toBe(204);
      expect(await outboxOf(id)).toMatchObject({ status: "dead", last_error: "channel deleted" });
    });
  });
});
