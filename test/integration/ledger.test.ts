import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromBase64, leafHash, verifyConsistency } from "../../shared/ledger/merkle.js";
import { verifyCheckpoint } from "../../shared/ledger/note.js";
import {
  type EntryProof,
  parseEntryBundle,
  rootOf,
  verifyEntryProof,
  verifyLog,
} from "../../shared/ledger/verify.js";
import { integrateAll } from "../../src/modules/ledger/index.js";
import { signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

describe.each(testDatabases())("the transparency ledger (%s)", (kind) => {
  let t: TestPlatform;
  let url: string;
  let vkey: string;
  const integrate = () => integrateAll(t.platform.database.db, t.platform.ctx.ledger.keys);

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    await integrate();
    url = await t.app.listen({ port: 0, host: "127.0.0.1" });
    vkey = (await t.app.inject({ url: "/ledger/verifier-key" })).body.trim();
  });
  afterAll(() => t?.close());

  it("publishes a signed checkpoint and its verifier key in the C2SP formats", async () => {
    expect(vkey).toMatch(/^yimen\.local\/ledger\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    const res = await t.app.inject({ url: "/ledger/checkpoint" });
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.body).toMatch(
      /^yimen\.local\/ledger\n\d+\n[A-Za-z0-9+/]{43}=\n\n\u2014 yimen\.local\/ledger [A-Za-z0-9+/]+=*\n$/,
    );
    const checkpoint = verifyCheckpoint(res.body, vkey);
    // The demo seed (departments, people, accounts) is itself recorded.
    expect(checkpoint.size).toBeGreaterThan(20);
    expect(() => verifyCheckpoint(res.body.replace(/\n\d+\n/, "\n999999\n"), vkey)).toThrow();
  });

  it("records sign-ins and failures with keyed hashes, never names, in the public entry", async () => {
    await t.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "officer2", password: "wrong-password-1" },
    });
    await t.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "nobody.here", password: "wrong-password-1" },
    });
    const officer = await signIn(t.app, "officer2");
    const size = await integrate();
    const bodies = (
      await t.platform.database.db
        .selectFrom("ledger_entries")
        .select("body")
        .where("action", "=", "identity.sign_in")
        .execute()
    ).map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => `${b.outcome}:${b.details.reason ?? ""}`)).toEqual(
      expect.arrayContaining(["failure:wrong_password", "failure:unknown_username", "success:"]),
    );
    const success = bodies.find((b) => b.outcome === "success");
    expect(success).toMatchObject({
      v: 1,
      action: "identity.sign_in",
      actor: { via: "session", roles: ["officer"] },
      resource: "identity/session",
    });
    expect(success.actor.account).toMatch(/^k1:[0-9a-f]{64}$/);
    expect(success.subjects[0].ref).toBe(success.actor.account);
    const raw = JSON.stringify(bodies);
    expect(raw).not.toContain("officer2");
    expect(raw).not.toContain("nobody.here");
    const me = (await officer.get("/api/me")).json();
    expect(raw).not.toContain(me.id);
    expect(size).toBeGreaterThan(0);
  });

  it("serves every entry with an inclusion proof that verifies in shared (browser) code", async () => {
    const { size } = verifyCheckpoint((await t.app.inject({ url: "/ledger/checkpoint" })).body, vkey);
    for (const index of [0, 1, Math.floor(size / 2), size - 1]) {
      const e = (await t.app.inject({ url: `/ledger/entries/${index}` })).json() as EntryProof;
      expect(e.treeSize).toBe(size);
      verifyEntryProof(e, vkey);
      expect(() => verifyEntryProof({ ...e, body: e.body.replace('"v":1', '"v":1 ') }, vkey)).toThrow();
    }
    expect((await t.app.inject({ url: `/ledger/entries/${size}` })).statusCode).toBe(404);
  });

  it("proves that each signed checkpoint extends the previous ones", async () => {
    const before = verifyCheckpoint((await t.app.inject({ url: "/ledger/checkpoint" })).body, vkey);
    await signIn(t.app, "leader");
    await integrate();
    const after = verifyCheckpoint((await t.app.inject({ url: "/ledger/checkpoint" })).body, vkey);
    expect(after.size).toBeGreaterThan(before.size);
    const { proof } = (
      await t.app.inject({ url: `/ledger/consistency?from=${before.size}&to=${after.size}` })
    ).json();
    verifyConsistency(before.size, after.size, before.root, after.root, proof.map(fromBase64));
    expect(
      (await t.app.inject({ url: `/ledger/consistency?from=${after.size}&to=${before.size}` })).statusCode,
    ).toBe(400);
  });

  it("serves tlog-tiles: hash tiles and entry bundles that reproduce the signed root", async () => {
    const { size, root } = verifyCheckpoint((await t.app.inject({ url: "/ledger/checkpoint" })).body, vkey);
    expect(size).toBeLessThan(256);
    const entries = await t.app.inject({ url: `/ledger/tile/entries/000.p/${size}` });
    expect(entries.headers["content-type"]).toBe("application/octet-stream");
    const bodies = parseEntryBundle(new Uint8Array(entries.rawPayload));
    expect(bodies).toHaveLength(size);
    const hashes = new Uint8Array((await t.app.inject({ url: `/ledger/tile/0/000.p/${size}` })).rawPayload);
    expect(hashes.length).toBe(32 * size);
    expect(Buffer.from(leafHash(bodies[0] as Uint8Array))).toEqual(Buffer.from(hashes.subarray(0, 32)));
    expect(Buffer.from(rootOf(bodies.map((b) => leafHash(b))))).toEqual(Buffer.from(root));
    expect((await t.app.inject({ url: "/ledger/tile/0/000" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/ledger/tile/0/000.p/${size + 1}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/ledger/tile/0/x000/001" })).statusCode).toBe(404);
  });

  it("verifies the whole log over HTTP, and its consistency with what it saw before", async () => {
    const first = await verifyLog({ url, vkey });
    expect(first).toMatchObject({ ok: true, firstBadIndex: null, problems: [] });
    await signIn(t.app, "auditor");
    await integrate();
    const second = await verifyLog({ url, vkey, previous: first.checkpoint });
    expect(second.ok).toBe(true);
    expect(second.checkpoint.size).toBeGreaterThan(first.checkpoint.size);
    const forgedPast = { size: first.checkpoint.size, root: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" };
    const third = await verifyLog({ url, vkey, previous: forgedPast });
    expect(third.ok).toBe(false);
    expect(third.problems[0]).toMatch(/not consistent/);
  });

  it("shows auditors who did what to whom, and records the search", async () => {
    const auditor = await signIn(t.app, "auditor");
    const res = await auditor.get("/api/ledger/entries?action=identity.sign_in&actor=officer2");
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items[0].identities).toContainEqual(
      expect.objectContaining({ kind: "actor", type: "account", label: "刘洋 (officer2)" }),
    );
    const searches = await t.platform.database.db
      .selectFrom("ledger_entries")
      .select("body")
      .where("action", "=", "ledger.search")
      .execute();
    expect(searches.length).toBeGreaterThanOrEqual(1);
    expect((await (await signIn(t.app, "officer")).get("/api/ledger/entries")).statusCode).toBe(403);
  });

  it("shows a citizen who read their data (谁用了我的数据)", async () => {
    const admin = await signIn(t.app, "admin");
    await admin.get("/api/accounts?q=citizen");
    const citizen = await signIn(t.app, "citizen");
    const { items } = (await citizen.get("/api/ledger/mine")).json();
    const read = items.find((i: { body: string }) => JSON.parse(i.body).action === "identity.accounts.read");
    expect(read).toBeDefined();
    expect(read.identities).toContainEqual(
      expect.objectContaining({ kind: "actor", label: "平台管理员 (admin)" }),
    );
    // Other people in the same read are not shown to the citizen.
    expect(read.identities.filter((i: { kind: string }) => i.kind === "subject")).toHaveLength(1);
    // Only what others did: the citizen's own sign-ins drop out.
    const others = (await citizen.get("/api/ledger/mine?others=true")).json().items;
    const actions = others.map((i: { body: string }) => JSON.parse(i.body).action);
    expect(actions).toContain("identity.accounts.read");
    expect(actions).not.toContain("identity.sign_in");
    // One entry by its number (a pre-filled field links to the read behind it); another's is not shown.
    const one = (await citizen.get(`/api/ledger/mine?seqs=${read.seq}`)).json();
    expect(one.items.map((i: { seq: number }) => i.seq)).toEqual([read.seq]);
    expect(one.total).toBe(1);
    const all = (await citizen.get("/api/ledger/mine?limit=200")).json().items;
    const notMine = await t.platform.database.db
      .selectFrom("ledger_entries")
      .select("seq")
      .where(
        "seq",
        "not in",
        all.map((i: { seq: number }) => i.seq),
      )
      .executeTakeFirstOrThrow();
    expect((await citizen.get(`/api/ledger/mine?seqs=${notMine.seq}`)).json().items).toEqual([]);
  });

  it("appends in the caller's transaction: a rolled-back action leaves no entry", async () => {
    const db = t.platform.database.db;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("ledger_entries")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await expect(
      db.transaction().execute(async (tx) => {
        await t.platform.ctx.ledger.record(tx, {
          action: "test.rolled_back",
          actor: { accountId: null, roles: [], departmentIds: [], via: "system" },
          outcome: "success",
        });
        throw new Error("the action failed");
      }),
    ).rejects.toThrow("the action failed");
    expect(await count()).toBe(before);
  });

  it("refuses to change or delete entries and tree hashes", async () => {
    const db = t.platform.database.db;
    await expect(sql`update ledger_entries set body = 'x' where idx = 0`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from ledger_entries where idx = 0`.execute(db)).rejects.toThrow(/append-only/);
    await expect(
      sql`update ledger_nodes set hash = hash where level = 0 and idx = 0`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_checkpoints`.execute(db)).rejects.toThrow(/append-only/);
  });
});
