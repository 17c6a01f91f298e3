import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { plugClassifier } from "../../src/modules/requests/index.js";
import { calendarFor, chinaDate } from "../../src/platform/calendar/index.js";
import { type Client, signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
const CALLER_PHONE = "13588812345";

describe.each(testDatabases())(
  "citizens' requests: intake, dispatch, handling, return visits (%s)",
  (kind) => {
    let t: TestPlatform;
    const as: Record<string, Client> = {};

    const db = () => t.platform.database.db;
    const file = async (who: Client, body: Record<string, unknown>) => {
      const res = await who.post("/api/requests", body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as {
        id: string;
        number: string;
        status: string;
        department: { code: string } | null;
      };
    };
    const detail = async (who: Client, id: string) => (await who.get(`/api/requests/${id}`)).json();
    const act = async (who: Client, id: string, action: string, body?: unknown, status = 200) => {
      const res = await who.post(`/api/requests/${id}/${action}`, body);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(status);
      return res.json();
    };
    const route = (category: string, department: string, confidence = 0.95) =>
      plugClassifier(() => ({ category, department, confidence }));

    beforeAll(async () => {
      t = await startTestPlatform(kind);
      for (const u of [
        "citizen",
        "citizen2",
        "officer",
        "officer2",
        "officer3",
        "officer8",
        "officer9",
        "hotline",
        "dispatcher",
        "leader",
        "admin",
      ]) {
        as[u] = await signIn(t.app, u);
      }
    });
    afterEach(() => {
      plugClassifier(null);
    });
    afterAll(() => t?.close());

    describe("intake", () => {
      it("requires a citizen or enterprise account (or a token with requests:submit)", async () => {
        const anonymous = await t.app.inject({
          method: "POST",
          url: "/api/requests",
          payload: { description: "x" },
        });
        expect(anonymous.statusCode).toBe(401);
        expect((await as.officer2?.post("/api/requests", { description: "路灯坏了" }))?.statusCode).toBe(403);
      });

      it("takes requests from a department system with a requests:submit token (the API channel)", async () => {
        const system = (await as.admin?.get("/api/accounts?role=system"))?.json().items[0];
        const token = (
          await as.admin?.post("/api/tokens", {
            accountId: system.id,
            name: "城市服务 App",
            scopes: ["requests:submit"],
            expiresInDays: 30,
          })
        )?.json().token;
        const res = await t.app.inject({
          method: "POST",
          url: "/api/requests",
          headers: { authorization: `Bearer ${token}` },
          payload: { description: "路灯不亮，晚上很黑", address: "上城区东坡路" },
        });
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json()).toMatchObject({ channel: "api" });
        const other = (
          await as.admin?.post("/api/tokens", {
            accountId: system.id,
            name: "无权限",
            scopes: ["identity:read"],
            expiresInDays: 30,
          })
        )?.json().token;
        const refused = await t.app.inject({
          method: "POST",
          url: "/api/requests",
          headers: { authorization: `Bearer ${other}` },
          payload: { description: "路灯不亮" },
        });
        expect(refused.statusCode).toBe(403);
      });

      it("refuses empty, oversize and NUL text, invalid coordinates and unknown categories, naming the field", async () => {
        const c = as.citizen as Client;
        const refuse = async (body: Record<string, unknown>, field: string, detailPattern: RegExp) => {
          const res = await c.post("/api/requests", body);
          expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
          expect(res.json()).toMatchObject({
            code: "VALIDATION",
            field,
            detail: expect.stringMatching(detailPattern),
          });
        };
        await refuse({ description: "  \n " }, "body.description", /cannot be empty/);
        await refuse(
          { description: "灯".repeat(4001) },
          "body.description",
          /at most 4,000 characters \(got 4,001\)/,
        );
        await refuse({ description: "a\u0000b" }, "body.description", /NUL/);
        await refuse({ description: "路灯", lat: 91, lng: 120 }, "body.lat", /between -90 and 90/);
        await refuse({ description: "路灯", lat: 30, lng: -181 }, "body.lng", /between -180 and 180/);
        await refuse({ description: "路灯", lat: 30 }, "body.lng", /both/);
        await refuse(
          { description: "路灯", category: "unicorns" },
          "body.category",
          /Unknown category unicorns/,
        );
        await refuse(
          { description: "路灯", contactPhone: "call me" },
          "body.contactPhone",
          /not a phone number/,
        );
        expect((await c.post("/api/requests", { description: "灯".repeat(4000) })).statusCode).toBe(201);
      });

      it("stores HTML and script as the text typed, and returns it as text", async () => {
        const text = '<img src=x onerror="alert(1)"><script>document.cookie</script> 路灯不亮';
        const r = await file(as.citizen as Client, { description: text, title: "<b>标题</b>" });
        const row = await db()
          .selectFrom("requests")
          .select(["description", "title"])
          .where("id", "=", r.id)
          .executeTakeFirstOrThrow();
        expect(row).toEqual({ description: text, title: "<b>标题</b>" });
        expect((await detail(as.citizen as Client, r.id)).description).toBe(text);
      });

      it("sends a confident proposal straight to the department and a doubtful one to the dispatcher", async () => {
        route("commerce-food", "HZ-SCJG", 0.71);
        const sure = await file(as.citizen as Client, { description: "面馆后厨有老鼠" });
        expect(sure).toMatchObject({ status: "dispatched", department: { code: "HZ-SCJG" } });
        route("commerce-food", "HZ-SCJG", 0.69);
        const unsure = await file(as.citizen as Client, { description: "面馆后厨有老鼠吗" });
        expect(unsure).toMatchObject({ status: "pending", department: null });
        const queue = (await as.dispatcher?.get("/api/requests/queue?view=dispatch"))?.json();
        expect(queue.items.map((i: { id: string }) => i.id)).toContain(unsure.id);
        expect(queue.items.find((i: { id: string }) => i.id === unsure.id)).toMatchObject({
          proposedCategory: { code: "commerce-food" },
          proposedConfidence: expect.closeTo(0.69, 5),
        });
      });

      it("uses the keyword rule on the category names when no classifier is plugged in", async () => {
        const r = await file(as.citizen as Client, {
          description: "外卖送来的饭菜已经变质了，这家店后厨卫生很差",
        });
        expect(r).toMatchObject({ status: "dispatched", department: { code: "HZ-SCJG" } });
        const row = await db()
          .selectFrom("requests")
          .select(["proposed_by", "category_code"])
          .where("id", "=", r.id)
          .executeTakeFirstOrThrow();
        expect(row).toEqual({ proposed_by: "keywords", category_code: "commerce-food" });
      });

      it("lets only 12345 agents take calls; keeps the caller's phone masked and out of the log; links repeat callers", async () => {
        const call = {
          description: "来电人反映：楼道灯坏了一个月",
          callerName: "张先生",
          callerPhone: CALLER_PHONE,
        };
        expect((await as.officer2?.post("/api/requests/hotline", call))?.statusCode).toBe(403);
        const first = await as.hotline?.post("/api/requests/hotline", call);
        expect(first?.statusCode).toBe(201);
        expect(first?.json()).toMatchObject({
          channel: "hotline",
          contactPhone: "135****2345",
          contactName: "张先生",
        });
        const second = (
          await as.hotline?.post("/api/requests/hotline", {
            ...call,
            description: "来电人再次反映：楼道灯还是坏的",
          })
        )?.json();
        const seen = await detail(as.hotline as Client, second.id);
        expect(seen.links).toContainEqual(
          expect.objectContaining({ id: first?.json().id, kind: "repeat", reason: "same_phone" }),
        );
        expect(
          (await as.hotline?.post("/api/requests/hotline", { ...call, callerPhone: "" }))?.json(),
        ).toMatchObject({
          field: "body.callerPhone",
        });
        expect(t.logs()).not.toContain(CALLER_PHONE);
      });

      it("answers intake with the detail the request's page then reads (built from what the write returned)", async () => {
        route("construction-cityscape", "HZ-CG", 0.95);
        const point = { lat: 30.2861, lng: 120.1517 };
        const earlier = await file(as.citizen2 as Client, { description: "人行道地砖翘起来了", ...point });
        const filed = await as.citizen?.post("/api/requests", {
          title: "地砖",
          description: "这段人行道的地砖翘起，老人容易绊倒",
          contactPhone: "13900001111",
          ...point,
        });
        expect(filed?.statusCode).toBe(201);
        const dispatched = filed?.json();
        expect(dispatched).toMatchObject({ status: "dispatched", duplicateOf: earlier.id });
        expect(dispatched.events.map((e: { kind: string }) => e.kind)).toEqual(["submitted", "dispatched"]);
        expect(dispatched).toEqual(await detail(as.citizen as Client, dispatched.id));

        route("construction-cityscape", "HZ-CG", 0.5);
        const pending = (await as.citizen?.post("/api/requests", { description: "路灯一闪一闪的" }))?.json();
        expect(pending).toMatchObject({ status: "pending", department: null });
        expect(pending).toEqual(await detail(as.citizen as Client, pending.id));

        // The centre's staff view: the proposal, the lead assignment, every event and the links.
        route("construction-cityscape", "HZ-CG", 0.95);
        const call = { description: "来电人反映：人行道地砖翘起", callerPhone: "13900002222", ...point };
        const first = (await as.hotline?.post("/api/requests/hotline", call))?.json();
        const again = await as.hotline?.post("/api/requests/hotline", {
          ...call,
          description: "来电人又反映地砖",
        });
        expect(again?.statusCode).toBe(201);
        const answer = again?.json();
        expect(answer.view).toBe("staff");
        expect(answer.assignments).toHaveLength(1);
        expect(answer.links).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ id: first.id, kind: "duplicate", direction: "to" }),
            expect.objectContaining({ id: first.id, kind: "repeat", reason: "same_phone" }),
          ]),
        );
        const read = await detail(as.hotline as Client, answer.id);
        const byLink = (l: { id: string; kind: string }) => `${l.id}|${l.kind}`;
        expect({
          ...answer,
          links: [...answer.links].sort((a, b) => byLink(a).localeCompare(byLink(b))),
        }).toEqual({
          ...read,
          links: [...read.links].sort((a: { id: string; kind: string }, b: { id: string; kind: string }) =>
            byLink(a).localeCompare(byLink(b)),
          ),
        });
      });

      it("files concurrent requests together, each with its own ledger entry, events and answer", async () => {
        plugClassifier((text) => ({
          category: "construction-cityscape",
          department: "HZ-CG",
          confidence: text.includes("急") ? 0.95 : 0.5,
        }));
        const bodies = Array.from({ length: 10 }, (_, i) => ({
          description: `${i % 2 === 0 ? "急：" : ""}第${i}号路口的垃圾桶满了，气味很大`,
          ...(i % 3 === 0 ? { contactPhone: "13900003333" } : {}),
        }));
        const answers = await Promise.all(
          bodies.map(async (body, i) => {
            const res = await (i % 2 === 0 ? as.citizen : as.citizen2)?.post("/api/requests", body);
            expect(res?.statusCode, res?.body).toBe(201);
            return res?.json();
          }),
        );
        expect(new Set(answers.map((a) => a.id)).size).toBe(10);
        expect(new Set(answers.map((a) => a.number)).size).toBe(10);
        for (const [i, a] of answers.entries()) {
          expect(a.description).toBe(bodies[i]?.description);
          expect(a.status).toBe(i % 2 === 0 ? "dispatched" : "pending");
          expect(a.events.map((e: { kind: string }) => e.kind)).toEqual(
            i % 2 === 0 ? ["submitted", "dispatched"] : ["submitted"],
          );
          expect(a).toEqual(await detail((i % 2 === 0 ? as.citizen : as.citizen2) as Client, a.id));
          const seqs = new Set(a.events.map((e: { ledgerSeq: number }) => e.ledgerSeq));
          expect(seqs.size).toBe(1);
          const entry = await db()
            .selectFrom("ledger_entries")
            .select(["action", "body"])
            .where("seq", "=", [...seqs][0] as number)
            .executeTakeFirstOrThrow();
          expect(entry.action).toBe("requests.submit");
          expect(JSON.parse(entry.body)).toMatchObject({
            resource: `requests/${a.id}`,
            details: { number: a.number, dispatchedTo: i % 2 === 0 ? "HZ-CG" : null },
          });
        }
      });

      it("links likely duplicates: same category nearby, or near-identical text", async () => {
        route("construction-utilities", "HZ-CG", 0.5);
        const a = await file(as.citizen as Client, {
          description: "井盖松动，车开过去哐哐响",
          lat: 30.2567,
          lng: 120.1689,
        });
        const b = await file(as.citizen2 as Client, {
          description: "这里有个井盖不稳",
          lat: 30.2569,
          lng: 120.169,
        });
        const far = await file(as.citizen2 as Client, {
          description: "那里有个井盖不稳",
          lat: 30.3,
          lng: 120.2,
        });
        const near = (await detail(as.dispatcher as Client, b.id)).links;
        expect(near).toContainEqual(
          expect.objectContaining({ id: a.id, kind: "duplicate", reason: "nearby" }),
        );
        expect(
          (await detail(as.dispatcher as Client, far.id)).links.filter(
            (l: { kind: string }) => l.kind === "duplicate",
          ),
        ).toEqual([]);
        plugClassifier(null);
        const text = "西溪路与紫金港路交叉口的红绿灯已经坏了三天，早晚高峰车辆混行非常危险，请尽快修复";
        const x = await file(as.citizen as Client, { description: text });
        const y = await file(as.citizen2 as Client, { description: `${text}！` });
        expect((await detail(as.dispatcher as Client, y.id)).links).toContainEqual(
          expect.objectContaining({ id: x.id, kind: "duplicate", reason: "similar_text" }),
        );
        // The requester does not see other people's requests linked to theirs.
        expect((await detail(as.citizen2 as Client, y.id)).links).toEqual([]);
        // A request filed before the bigram count was kept (null), which this process never saw.
        const older = "文三路学院路口的人行道护栏被撞倒了一大段，行人只能走机动车道，很不安全";
        const old = await db()
          .insertInto("requests")
          .values({
            number: "YM20260101999999",
            token: "older-request-token",
            channel: "web",
            status: "pending",
            description: older,
            anonymous: false,
            reply: null,
            reply_by: null,
            created_at: new Date(Date.now() - 3_600_000),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const z = await file(as.citizen as Client, { description: `${older}。` });
        expect((await detail(as.dispatcher as Client, z.id)).links).toContainEqual(
          expect.objectContaining({ id: old.id, kind: "duplicate", reason: "similar_text" }),
        );
      });
    });

    describe("handling", () => {
      it("runs dispatch, accept, contact, reply, return visit (re-open) and close, with deadlines and the ledger", async () => {
        const r = await file(as.citizen as Client, {
          description: "小区门口的夜宵摊油烟很大",
          contactName: "林晓雨",
          contactPhone: "13857160218",
          lat: 30.26,
          lng: 120.13,
        });
        expect(r.status).toBe("pending");
        // Only the centre dispatches; the override of the (missing) proposal leaves no correction.
        await act(as.officer2 as Client, r.id, "dispatch", { category: "environment-air" }, 403);
        const dispatched = await act(as.dispatcher as Client, r.id, "dispatch", {
          category: "commerce-food",
        });
        expect(dispatched).toMatchObject({
          status: "dispatched",
          department: { code: "HZ-SCJG" },
          category: { code: "commerce-food" },
        });

        const row = await db()
          .selectFrom("requests")
          .selectAll()
          .where("id", "=", r.id)
          .executeTakeFirstOrThrow();
        const calendar = await calendarFor(t.platform.ctx);
        expect(row.resolve_due).toBe(
          calendar.dueDate({ acceptedOn: chinaDate(row.dispatched_at as Date), limitDays: 7 }),
        );
        expect((row.contact_due_at as Date).getTime() - (row.dispatched_at as Date).getTime()).toBe(
          12 * 3_600_000,
        );

        await act(as.officer3 as Client, r.id, "accept", undefined, 403);
        await act(as.officer2 as Client, r.id, "reply", { text: "先回复" }, 409);
        expect(await act(as.officer2 as Client, r.id, "accept")).toMatchObject({ status: "in_progress" });
        await act(as.officer2 as Client, r.id, "contact");
        await act(as.officer2 as Client, r.id, "notes", { text: "内部：摊主是回头客", public: false });
        await act(as.officer2 as Client, r.id, "notes", { text: "已安排周五晚间检查", public: true });

        // The phone is masked everywhere but the handling department's contact view, which is recorded.
        expect((await detail(as.officer2 as Client, r.id)).contactPhone).toBe("138****0218");
        expect((await detail(as.citizen as Client, r.id)).contactPhone).toBe("138****0218");
        expect((await as.officer2?.get(`/api/requests/${r.id}/contact`))?.json()).toEqual({
          name: "林晓雨",
          phone: "13857160218",
          email: null,
        });
        expect((await as.officer3?.get(`/api/requests/${r.id}/contact`))?.statusCode).toBe(403);
        expect((await as.citizen?.get(`/api/requests/${r.id}/contact`))?.statusCode).toBe(403);

        await act(as.officer2 as Client, r.id, "reply", { text: "已责令摊主加装油烟净化器。" });
        const mine = await detail(as.citizen as Client, r.id);
        expect(mine).toMatchObject({
          status: "replied",
          reply: "已责令摊主加装油烟净化器。",
          view: "requester",
        });
        const messages = mine.events.map((e: { message: string | null }) => e.message);
        expect(messages).toContain("已安排周五晚间检查");
        expect(messages).not.toContain("内部：摊主是回头客");
        expect(mine.can.returnVisit).toBe(true);

        // Not resolved: the request re-opens with the same department.
        await act(as.citizen2 as Client, r.id, "return-visit", { resolved: true, satisfied: true }, 404);
        const reopened = await act(as.citizen as Client, r.id, "return-visit", {
          resolved: false,
          satisfied: false,
          comment: "还是有油烟",
        });
        expect(reopened).toMatchObject({
          status: "in_progress",
          reopenedCount: 1,
          department: { code: "HZ-SCJG" },
        });
        await act(as.officer2 as Client, r.id, "reply", { text: "净化器已安装并复查合格。" });
        await act(as.citizen as Client, r.id, "return-visit", { resolved: true, satisfied: true });
        const closed = await detail(as.citizen as Client, r.id);
        expect(closed).toMatchObject({ status: "closed", resolved: true, satisfied: true });
        expect(closed.returnVisits).toHaveLength(2);
        await act(as.citizen as Client, r.id, "return-visit", { resolved: true, satisfied: true }, 409);

        const final = await db()
          .selectFrom("requests")
          .selectAll()
          .where("id", "=", r.id)
          .executeTakeFirstOrThrow();
        for (const stamp of [
          "dispatched_at",
          "accepted_at",
          "first_contact_at",
          "replied_at",
          "closed_at",
          "return_visit_at",
        ] as const) {
          expect(final[stamp], stamp).toBeInstanceOf(Date);
        }
        const actions = (
          await db()
            .selectFrom("ledger_entries")
            .select(["action", "body"])
            .where("action", "like", "requests.%")
            .execute()
        )
          .filter((e) => e.body.includes(`requests/${r.id}`))
          .map((e) => e.action);
        for (const a of [
          "requests.submit",
          "requests.dispatch",
          "requests.accept",
          "requests.contact",
          "requests.note",
          "requests.reply",
          "requests.return_visit",
          "requests.contact.read",
        ]) {
          expect(actions, a).toContain(a);
        }
        expect(t.logs()).not.toContain("13857160218");
      });

      it("lets the lead department return a misrouted request; the correction is training data", async () => {
        route("labour-employment", "HZ-RS", 0.9);
        const r = await file(as.citizen as Client, { description: "孩子秋季入学报名去哪个学校" });
        expect(r.department?.code).toBe("HZ-RS");
        await act(as.officer2 as Client, r.id, "return", { reason: "不是我们的" }, 403);
        await act(as.officer3 as Client, r.id, "return", { reason: "  " }, 400);
        expect(
          await act(as.officer3 as Client, r.id, "return", { reason: "入学咨询属教育局职责" }),
        ).toBeDefined();
        expect((await detail(as.dispatcher as Client, r.id)).status).toBe("pending");
        expect((await as.officer3?.get(`/api/requests/${r.id}`))?.statusCode).toBe(200);
        const queue = (await as.officer3?.get("/api/requests/queue?view=department"))?.json();
        expect(queue.items.map((i: { id: string }) => i.id)).not.toContain(r.id);
        await act(as.dispatcher as Client, r.id, "dispatch", { category: "education-enrolment" });
        const corrections = (await as.dispatcher?.get("/api/requests/corrections"))?.json();
        expect(corrections.items.find((c: { requestId: string }) => c.requestId === r.id)).toMatchObject({
          source: "returned",
          text: "孩子秋季入学报名去哪个学校",
          fromCategory: "labour-employment",
          fromDepartment: "HZ-RS",
          fromConfidence: expect.closeTo(0.9, 5),
          toCategory: "education-enrolment",
          toDepartment: "HZ-JY",
          reason: "入学咨询属教育局职责",
        });
        expect((await as.officer2?.get("/api/requests/corrections"))?.statusCode).toBe(403);
        // A dispatcher overriding a proposal is a correction too.
        route("commerce-food", "HZ-SCJG", 0.5);
        const other = await file(as.citizen as Client, { description: "河里有死鱼" });
        await act(as.dispatcher as Client, other.id, "dispatch", { category: "environment-water" });
        const again = (await as.dispatcher?.get("/api/requests/corrections"))?.json();
        expect(again.items.find((c: { requestId: string }) => c.requestId === other.id)).toMatchObject({
          source: "dispatcher",
          fromCategory: "commerce-food",
          toCategory: "environment-water",
          toDepartment: "HZ-ST",
        });
      });

      it("escalates from a district department to the city's, which then leads", async () => {
        route("commerce-food", "HZ-SCJG", 0.1);
        const r = await file(as.citizen as Client, { description: "连锁超市多家门店卖过期奶粉" });
        await act(as.dispatcher as Client, r.id, "dispatch", {
          category: "commerce-food",
          department: "XH-SCJG",
        });
        await act(as.officer8 as Client, r.id, "accept");
        const up = await act(as.officer8 as Client, r.id, "escalate", { reason: "涉及全市门店" });
        expect(up).toMatchObject({ status: "dispatched", department: { code: "HZ-SCJG" } });
        expect(up.assignments).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              department: expect.objectContaining({ code: "XH-SCJG" }),
              role: "lead",
              status: "escalated",
            }),
            expect.objectContaining({
              department: expect.objectContaining({ code: "XH-SCJG" }),
              role: "co",
              status: "accepted",
            }),
            expect.objectContaining({
              department: expect.objectContaining({ code: "HZ-SCJG" }),
              role: "lead",
              status: "dispatched",
            }),
          ]),
        );
        await act(as.officer8 as Client, r.id, "reply", { text: "x" }, 403);
        await act(as.officer2 as Client, r.id, "accept");
        // The city department has no department above it.
        const top = await as.officer2?.post(`/api/requests/${r.id}/escalate`, { reason: "再上一级" });
        expect(top?.statusCode).toBe(409);
        expect(top?.json().detail).toMatch(/no department above/);
      });

      it("handles jointly: the lead adds a co-handler, who accepts and gives its part", async () => {
        route("transport-traffic", "HZ-GA-JJ", 0.95);
        const r = await file(as.citizen as Client, { description: "公交站台天天被私家车违停占用" });
        // An officer of 杭州市公安局 handles what is sent to its 交通警察支队.
        await act(as.officer as Client, r.id, "accept");
        await act(as.officer as Client, r.id, "co-handlers", { department: "HZ-CG" });
        await act(as.officer as Client, r.id, "co-handlers", { department: "HZ-CG" }, 409);
        await act(as.officer9 as Client, r.id, "reply", { text: "x" }, 403);
        await act(as.officer9 as Client, r.id, "contribution", { text: "先接单" }, 409);
        await act(as.officer9 as Client, r.id, "accept");
        await act(as.officer9 as Client, r.id, "contribution", { text: "城管将在站台两侧增设护栏" });
        const lead = await detail(as.officer as Client, r.id);
        expect(lead.assignments).toContainEqual(
          expect.objectContaining({ role: "co", status: "done", contribution: "城管将在站台两侧增设护栏" }),
        );
        const citizen = await detail(as.citizen as Client, r.id);
        expect(citizen.assignments).toEqual([]);
        expect(citizen.events.map((e: { message: string | null }) => e.message)).not.toContain(
          "城管将在站台两侧增设护栏",
        );
        expect(
          (await as.officer9?.get("/api/requests/queue?view=department"))
            ?.json()
            .items.map((i: { id: string }) => i.id),
        ).toContain(r.id);
      });

      it("lets the 12345 centre record a return visit by phone for a hotline request", async () => {
        route("construction-utilities", "HZ-CG", 0.95);
        const call = (
          await as.hotline?.post("/api/requests/hotline", {
            description: "停水两天了",
            callerPhone: "13700001111",
          })
        )?.json();
        await act(as.officer9 as Client, call.id, "accept");
        await act(as.officer9 as Client, call.id, "reply", { text: "管道已抢修完毕" });
        await act(as.officer9 as Client, call.id, "return-visit", { resolved: true, satisfied: true }, 403);
        const visited = await act(as.hotline as Client, call.id, "return-visit", {
          resolved: true,
          satisfied: false,
        });
        expect(visited).toMatchObject({ status: "closed", satisfied: false });
        expect(visited.returnVisits[0]).toMatchObject({ channel: "phone" });
      });
    });

    describe("reading", () => {
      it("shows a request to its requester, the departments on it, the centre and leaders, and no one else", async () => {
        route("commerce-consumer", "HZ-SCJG", 0.95);
        const r = await file(as.citizen as Client, { description: "预付卡商家跑路了" });
        expect((await as.citizen?.get(`/api/requests/${r.id}`))?.statusCode).toBe(200);
        expect((await as.citizen2?.get(`/api/requests/${r.id}`))?.statusCode).toBe(404);
        expect((await as.officer3?.get(`/api/requests/${r.id}`))?.statusCode).toBe(403);
        for (const who of ["officer2", "dispatcher", "leader"]) {
          expect((await as[who]?.get(`/api/requests/${r.id}`))?.statusCode, who).toBe(200);
        }
        const mine = (await as.citizen?.get("/api/requests/mine"))?.json();
        expect(mine.items.map((i: { id: string }) => i.id)).toContain(r.id);
        expect(mine.items.every((i: { proposedCategory: unknown }) => i.proposedCategory === null)).toBe(
          true,
        );
        expect((await as.officer2?.get("/api/requests/queue?view=dispatch"))?.statusCode).toBe(403);
        expect((await as.citizen?.get("/api/requests/queue?view=department"))?.statusCode).toBe(403);
      });
    });

    describe("photos", () => {
      it("accepts PNG and JPEG up to 5 MB by their magic bytes, from the requester only", async () => {
        const r = await file(as.citizen as Client, { description: "路面塌陷" });
        const upload = (who: Client, type: string, payload: Buffer) =>
          who.request({
            method: "POST",
            url: `/api/requests/${r.id}/photos`,
            headers: { "content-type": type },
            payload,
          });
        const ok = await upload(as.citizen as Client, "image/png", PNG);
        expect(ok.statusCode).toBe(201);
        expect(
          (await upload(as.citizen as Client, "image/gif", Buffer.from("GIF89a......"))).statusCode,
        ).toBe(415);
        expect((await upload(as.citizen as Client, "image/jpeg", PNG)).statusCode).toBe(415);
        expect(
          (await upload(as.citizen as Client, "image/png", Buffer.from("<svg onload=alert(1)>"))).statusCode,
        ).toBe(415);
        const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
        expect((await upload(as.citizen as Client, "image/png", big)).statusCode).toBe(413);
        expect((await upload(as.citizen2 as Client, "image/png", PNG)).statusCode).toBe(404);
        const photo = await as.citizen?.get(`/api/requests/${r.id}/photos/${ok.json().id}`);
        expect(photo?.headers["content-type"]).toBe("image/png");
        expect(photo?.rawPayload.equals(PNG)).toBe(true);
        expect((await detail(as.citizen as Client, r.id)).photos).toHaveLength(1);
      });
    });

    describe("categories", () => {
      it("lists the tree with departments and imports a level1,level2,level3 CSV (platform admins)", async () => {
        const tree = (await t.app.inject({ method: "GET", url: "/api/requests/categories" })).json().items;
        expect(
          tree.filter((c: { level: number }) => c.level === 1).map((c: { name: string }) => c.name),
        ).toEqual(["城乡建设", "劳动和社会保障", "教育文体", "商贸旅游", "卫生计生", "环境保护", "交通运输"]);
        expect(tree.find((c: { code: string }) => c.code === "labour-wages")).toMatchObject({
          department: { code: "HZ-RS", name: "杭州市人力资源和社会保障局" },
          power: "330100-RS-JC-001",
          resolveDays: 10,
        });
        const csv =
          "level1,level2,level3\n城乡建设,安全生产,事故处理\n城乡建设,安全生产,安全隐患\n党务政务,政务公开,\n";
        expect((await as.officer2?.post("/api/requests/categories/import", { csv }))?.statusCode).toBe(403);
        const res = await as.admin?.post("/api/requests/categories/import", { csv });
        expect(res?.json()).toEqual({ rows: 3, created: 5, existing: 3 });
        const after = (await t.app.inject({ method: "GET", url: "/api/requests/categories" })).json().items;
        const hazard = after.find((c: { name: string; level: number }) => c.name === "安全隐患");
        expect(hazard).toMatchObject({ level: 3, department: { code: "HZ-JW" }, source: "import" });
        const bad = await as.admin?.post("/api/requests/categories/import", { csv: "a,b\n1,2\n" });
        expect(bad?.json()).toMatchObject({ code: "VALIDATION", field: "csv" });
      });
    });
  },
);
