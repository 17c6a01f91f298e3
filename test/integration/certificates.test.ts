import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CertificateDocument, verifySignature } from "../../shared/certificates/certificate.js";
import type { IssueCertificateInput } from "../../src/modules/certificates/index.js";
import { issueCertificate, rotateSigningKey } from "../../src/modules/certificates/index.js";
import { SYSTEM } from "../../src/modules/ledger/index.js";
import type { Caller } from "../../src/platform/context.js";
import { inTransaction } from "../../src/platform/db/tx.js";
import { type Client, signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

const PLATFORM: Caller = { actor: SYSTEM, requestId: null };

type Presented = {
  status: string;
  revokedAt: string | null;
  revocationReason: string | null;
  verificationCode: string;
  document: CertificateDocument;
};

describe.each(testDatabases())("e-certificates (%s)", (kind) => {
  let t: TestPlatform;
  let citizen: Client;
  let citizen2: Client;
  let officer: Client; // HZ-GA
  let officer2: Client; // HZ-SCJG
  let holderId: string;
  let officerCaller: Caller;

  const db = () => t.platform.database.db;
  const ctx = () => t.platform.ctx;
  const input = (overrides: Partial<IssueCertificateInput> = {}): IssueCertificateInput => ({
    type: "household-registration",
    name: "户口登记证明",
    nameEn: "Household registration record",
    holder: { type: "person", id: holderId },
    issuer: "HZ-GA",
    claims: [
      { key: "household", label: "户号", labelEn: "Household number", value: "102617384" },
      { key: "members", label: "户内人数", labelEn: "Members", value: 3 },
      { key: "share", label: "份额", labelEn: "Share", value: 0.1 },
      { key: "note", label: "备注", labelEn: "Note", value: "陈思语 新生儿入户 😀" },
    ],
    validUntil: "2036-12-31",
    application: { id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", serviceCode: "330100-GA-QR-001-01" },
    ...overrides,
  });
  const issue = (overrides: Partial<IssueCertificateInput> = {}, caller: Caller = officerCaller) =>
    inTransaction(db(), (tx) => issueCertificate(ctx(), tx, caller, input(overrides)));
  const count = async (table: "certificates" | "ledger_entries", action?: string) => {
    let q = db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"));
    if (action) {
      q = q.where("action" as never, "=", action as never);
    }
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const verify = (doc: unknown) =>
    t.app.inject({ method: "POST", url: "/api/certificates/verify", payload: doc as object });

  beforeAll(async () => {
    t = await startTestPlatform(kind);
    citizen = await signIn(t.app, "citizen");
    citizen2 = await signIn(t.app, "citizen2");
    officer = await signIn(t.app, "officer");
    officer2 = await signIn(t.app, "officer2");
    const account = await db()
      .selectFrom("accounts")
      .select(["id", "person_id"])
      .where("username", "=", "officer")
      .executeTakeFirstOrThrow();
    const ga = await db()
      .selectFrom("departments")
      .select("id")
      .where("code", "=", "HZ-GA")
      .executeTakeFirstOrThrow();
    officerCaller = {
      actor: { accountId: account.id, roles: ["officer"], departmentIds: [ga.id], via: "session" },
      requestId: null,
    };
    holderId = (
      await db()
        .selectFrom("accounts")
        .select("person_id")
        .where("username", "=", "citizen")
        .executeTakeFirstOrThrow()
    ).person_id as string;
  });
  afterAll(() => t?.close());

  it("leaves nothing behind when the issuing transaction rolls back", async () => {
    const certificates = await count("certificates");
    const entries = await count("ledger_entries", "certificates.issue");
    let issued: CertificateDocument | undefined;
    await expect(
      inTransaction(db(), async (tx) => {
        issued = await issueCertificate(ctx(), tx, officerCaller, input());
        throw new Error("the approval failed later");
      }),
    ).rejects.toThrow("the approval failed later");
    expect(issued?.id).toBeDefined();
    expect(await count("certificates")).toBe(certificates);
    expect(await count("ledger_entries", "certificates.issue")).toBe(entries);
    // A document from a rolled-back approval does not verify: the registry never issued it.
    expect((await verify(issued)).json()).toMatchObject({
      valid: false,
      status: "invalid",
      reason: "not-issued",
    });
  });

  it("issues a signed certificate and records it in the ledger in the same transaction", async () => {
    const doc = await issue();
    expect(doc).toMatchObject({
      version: 1,
      holder: { type: "person", name: "林晓雨", idNumber: expect.stringMatching(/^330106\d{11}[\dX]$/) },
      issuer: { department: "HZ-GA", name: "杭州市公安局" },
      signature: { alg: "Ed25519" },
    });
    const entry = await db()
      .selectFrom("ledger_entries")
      .select("body")
      .where("action", "=", "certificates.issue")
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    const body = JSON.parse(entry.body);
    expect(body).toMatchObject({
      resource: `certificates/${doc.id}`,
      reference: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
      details: { type: "household-registration", issuer: "HZ-GA", keyId: doc.signature.keyId },
    });
    // The public entry names the holder by a keyed hash only.
    expect(entry.body).not.toContain(doc.holder.type === "person" ? doc.holder.idNumber : "");
    expect(entry.body).not.toContain(holderId);
  });

  it("refuses issuers that are not the department's staff, unknown holders and text that is not I-JSON", async () => {
    await expect(issue({ issuer: "HZ-SCJG" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(issue({ issuer: "NO-SUCH" })).rejects.toMatchObject({ code: "VALIDATION", field: "issuer" });
    await expect(
      issue({ holder: { type: "person", id: "00000000-0000-4000-8000-000000000000" } }),
    ).rejects.toMatchObject({ code: "VALIDATION", field: "holder.id" });
    await expect(
      issue({ claims: [{ key: "bad", label: "坏", labelEn: "Bad", value: "\uD800" }] }),
    ).rejects.toMatchObject({ code: "VALIDATION", field: "certificate" });
    await expect(issue({ validUntil: "2020-01-01" })).rejects.toMatchObject({ field: "validUntil" });
  });

  it("shows the holder their certificates, the issuing department too, and nobody else", async () => {
    const doc = await issue();
    const mine = await citizen.get("/api/certificates");
    expect(mine.statusCode).toBe(200);
    const items = mine.json().items as Presented[];
    expect(items.map((c) => c.document.id)).toContain(doc.id);
    // The demo's 结婚证 is there too.
    expect(items.map((c) => c.document.type)).toContain("marriage-certificate");

    const own = await citizen.get(`/api/certificates/${doc.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ status: "valid", document: doc });

    expect((await citizen2.get(`/api/certificates/${doc.id}`)).statusCode).toBe(404);
    expect((await citizen2.get("/api/certificates")).json().items).toEqual([]);
    expect((await officer2.get(`/api/certificates/${doc.id}`)).statusCode).toBe(404);
    expect((await officer2.get("/api/certificates")).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: `/api/certificates/${doc.id}` })).statusCode).toBe(401);

    const reads = await count("ledger_entries", "certificates.read");
    expect((await officer.get(`/api/certificates/${doc.id}`)).statusCode).toBe(200);
    expect(await count("ledger_entries", "certificates.read")).toBe(reads + 1);
  });

  it("shows an enterprise's certificates to its agent, with the credit code in the document", async () => {
    const org = await db()
      .selectFrom("accounts")
      .select("organisation_id")
      .where("username", "=", "enterprise")
      .executeTakeFirstOrThrow();
    const doc = await issue(
      {
        type: "business-licence",
        name: "营业执照",
        nameEn: "Business licence",
        holder: { type: "organisation", id: org.organisation_id as string },
        issuer: "HZ-GA",
        validUntil: null,
      },
      PLATFORM,
    );
    expect(doc.holder).toMatchObject({ type: "organisation", name: "杭州云栖数智科技有限公司" });
    const agent = await signIn(t.app, "enterprise");
    const mine = (await agent.get("/api/certificates")).json().items as Presented[];
    expect(mine.map((c) => c.document)).toEqual([doc]);
    expect((await citizen.get(`/api/certificates/${doc.id}`)).statusCode).toBe(404);
    const view = (await t.app.inject({ method: "GET", url: `/api/certificates/${doc.id}/public` })).json();
    expect(view.holder).toEqual(doc.holder);
  });

  it("downloads the signed JSON as a file that verifies offline and at the registry", async () => {
    const doc = await issue();
    const res = await citizen.get(`/api/certificates/${doc.id}/download`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="certificate-${doc.id}.json"`);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const file = JSON.parse(res.body);
    expect(file).toEqual(doc);

    const keys = await t.app.inject({ method: "GET", url: "/.well-known/yimen-certificate-keys.json" });
    expect(keys.statusCode).toBe(200);
    expect(keys.headers["access-control-allow-origin"]).toBe("*");
    const { parseKeySet } = await import("../../shared/certificates/certificate.js");
    expect(verifySignature(file, parseKeySet(keys.json())).valid).toBe(true);

    const answer = await verify(file);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      valid: true,
      status: "valid",
      reason: null,
      detail: null,
      keyId: doc.signature.keyId,
      revoked: false,
      revokedAt: null,
    });
    const tampered = {
      ...file,
      claims: [{ ...file.claims[0], value: "102617385" }, ...file.claims.slice(1)],
    };
    expect((await verify(tampered)).json()).toMatchObject({
      valid: false,
      status: "invalid",
      reason: "bad-signature",
    });
    expect((await verify({ hello: "world" })).json()).toMatchObject({ valid: false, reason: "malformed" });
  });

  it("shows the public a masked view, and the document to whoever has the QR code", async () => {
    const doc = await issue();
    const res = await t.app.inject({ method: "GET", url: `/api/certificates/${doc.id}/public` });
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      id: doc.id,
      status: "valid",
      holder: { type: "person", name: "林**", idNumber: expect.stringMatching(/^330106\*{8}\d{3}[\dX]$/) },
      issuer: { department: "HZ-GA" },
      keyId: doc.signature.keyId,
    });
    expect(res.body).not.toContain("102617384");
    expect(
      (await t.app.inject({ method: "GET", url: `/api/certificates/${crypto.randomUUID()}/public` }))
        .statusCode,
    ).toBe(404);

    const { verificationCode } = (await citizen.get(`/api/certificates/${doc.id}`)).json() as Presented;
    const scan = (code: string) =>
      t.app.inject({ method: "POST", url: `/api/certificates/${doc.id}/document`, payload: { code } });
    const wrong = `${verificationCode.slice(0, -1)}${verificationCode.endsWith("A") ? "B" : "A"}`;
    expect((await scan(wrong)).statusCode).toBe(404);
    const scanned = await scan(verificationCode);
    expect(scanned.statusCode).toBe(200);
    expect(scanned.json().document).toEqual(doc);
    // The holder's data tracker shows that someone checked the certificate through its QR code.
    const mine = (await citizen.get("/api/ledger/mine?limit=20")).json();
    expect(JSON.stringify(mine)).toContain("certificates.verify");
  });

  it("lets the issuing department revoke with a reason, and then says revoked everywhere", async () => {
    const doc = await issue();
    const url = `/api/certificates/${doc.id}/revoke`;
    expect((await citizen.post(url, { reason: "不再需要" })).statusCode).toBe(403);
    expect((await officer2.post(url, { reason: "不再需要" })).statusCode).toBe(404);
    expect((await officer.post(url, {})).statusCode).toBe(400);
    const revoked = await officer.post(url, { reason: "户籍信息已变更" });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: "revoked", revocationReason: "户籍信息已变更" });
    expect((await officer.post(url, { reason: "再次撤销" })).statusCode).toBe(409);

    const entry = await db()
      .selectFrom("ledger_entries")
      .select("body")
      .where("action", "=", "certificates.revoke")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.body).details).toMatchObject({ reason: "户籍信息已变更", issuer: "HZ-GA" });

    expect((await verify(doc)).json()).toMatchObject({ valid: true, status: "revoked", revoked: true });
    const view = (await t.app.inject({ method: "GET", url: `/api/certificates/${doc.id}/public` })).json();
    expect(view).toMatchObject({ status: "revoked", revokedAt: expect.any(String) });
    expect(view).not.toHaveProperty("revocationReason");
    expect((await citizen.get(`/api/certificates/${doc.id}`)).json()).toMatchObject({
      status: "revoked",
      revocationReason: "户籍信息已变更",
    });
  });

  it("keeps verifying what a rotated-out key signed, and publishes both keys", async () => {
    const before = await issue();
    const { keyId, previous } = await rotateSigningKey(ctx(), PLATFORM);
    expect(previous).toBe(before.signature.keyId);
    expect(keyId).not.toBe(previous);
    const after = await issue();
    expect(after.signature.keyId).toBe(keyId);
    expect((await verify(before)).json()).toMatchObject({ valid: true, status: "valid" });
    expect((await verify(after)).json()).toMatchObject({ valid: true, status: "valid" });
    const { keys } = (
      await t.app.inject({ method: "GET", url: "/.well-known/yimen-certificate-keys.json" })
    ).json();
    expect(keys).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kid: previous, status: "retired", kty: "OKP", crv: "Ed25519" }),
        expect.objectContaining({ kid: keyId, status: "current", retired: null }),
      ]),
    );
  });
});
