import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeCreditCode,
  makeIdNumber,
  parseCreditCode,
  parseIdNumber,
} from "../../src/modules/identity/index.js";
import { type Client, signIn } from "../support/http.js";
import { startTestPlatform, type TestPlatform, testDatabases } from "../support/platform.js";

describe.each(testDatabases())("divisions, departments, persons and organisations (%s)", (kind) => {
  let t: TestPlatform;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestPlatform(kind);
    admin = await signIn(t.app, "admin");
  });
  afterAll(() => t?.close());

  it("browses divisions from province to street with their GB/T 2260 codes", async () => {
    const provinces = (await t.app.inject({ url: "/api/divisions" })).json().items;
    expect(provinces).toContainEqual(
      expect.objectContaining({ code: "330000", name: "浙江省", level: "province" }),
    );
    const districts = (await t.app.inject({ url: "/api/divisions?parent=330100" })).json().items;
    expect(districts.map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining(["上城区", "西湖区", "临平区", "钱塘区"]),
    );
    const streets = (await t.app.inject({ url: "/api/divisions?parent=330106" })).json().items;
    expect(streets).toContainEqual(
      expect.objectContaining({ code: "330106002", name: "北山街道", level: "township" }),
    );
    const path = (await t.app.inject({ url: "/api/divisions/330106002" })).json().path;
    expect(path.map((p: { name: string }) => p.name)).toEqual(["浙江省", "杭州市", "西湖区", "北山街道"]);
    const search = (await t.app.inject({ url: `/api/divisions?q=${encodeURIComponent("灵隐")}` })).json()
      .items;
    expect(search[0]).toMatchObject({ name: "灵隐街道", parentCode: "330106" });
    expect((await t.app.inject({ url: "/api/divisions/999999" })).statusCode).toBe(404);
    const bad = await t.app.inject({ url: "/api/divisions/33x" });
    expect(bad.json()).toMatchObject({ status: 400, field: "params.code" });
  });

  it("lists the city's departments with sub-units, and district counterparts", async () => {
    const city = (await t.app.inject({ url: "/api/departments?divisionCode=330100&limit=100" })).json();
    expect(city.total).toBeGreaterThanOrEqual(12);
    const names = city.items.map((d: { name: string }) => d.name);
    for (const n of [
      "杭州市公安局",
      "杭州市市场监督管理局",
      "杭州市人力资源和社会保障局",
      "杭州市卫生健康委员会",
      "杭州市医疗保障局",
      "杭州市民政局",
    ]) {
      expect(names).toContain(n);
    }
    const police = city.items.find((d: { code: string }) => d.code === "HZ-GA");
    expect(police.units.map((u: { name: string }) => u.name)).toContain("户政管理处");
    expect(parseCreditCode(police.creditCode).ok).toBe(true);
    const district = (await t.app.inject({ url: "/api/departments?divisionCode=330106" })).json();
    expect(district.items.map((d: { name: string }) => d.name)).toContain("杭州市公安局西湖区分局");
    const one = (await t.app.inject({ url: `/api/departments/${police.id}` })).json();
    expect(one).toMatchObject({ code: "HZ-GA", divisionName: "杭州市", kind: "department" });
  });

  it("registers a person with a valid 身份证号 and derives birth date and gender", async () => {
    const idNumber = makeIdNumber("330106", "1995-03-08", 123);
    const res = await admin.post("/api/persons", {
      name: "测试人",
      idNumber,
      mobile: "13912345678",
      divisionCode: "330106",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: "测试人",
      idNumberMasked: `330106********${idNumber.slice(14)}`,
      mobileMasked: "139****5678",
    });
    const row = await t.platform.database.db
      .selectFrom("persons")
      .selectAll()
      .where("id_number", "=", idNumber)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ birth_date: "1995-03-08", gender: "male" });
    const again = await admin.post("/api/persons", { name: "测试人", idNumber });
    expect(again.json()).toMatchObject({ status: 409, field: "body.idNumber" });
  });

  it("refuses a 身份证号 with a wrong check digit or impossible date, naming the field", async () => {
    const good = makeIdNumber("330106", "1995-03-08", 124);
    const wrongCheck = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    expect(parseIdNumber(wrongCheck).ok).toBe(false);
    for (const idNumber of [wrongCheck, "330106199502300012", "33010619950308012"]) {
      const res = await admin.post("/api/persons", { name: "X", idNumber });
      expect(res.statusCode, idNumber).toBe(400);
      expect(res.json()).toMatchObject({ field: "body.idNumber" });
      expect(res.json().detail).toContain("居民身份证号");
    }
    const badMobile = await admin.post("/api/persons", { name: "X", idNumber: good, mobile: "12345678901" });
    expect(badMobile.json()).toMatchObject({ status: 400, field: "body.mobile" });
  });

  it("registers enterprises, social organisations and media by 统一社会信用代码", async () => {
    const code = makeCreditCode("91", "330106", "MA2H9X1B");
    const res = await admin.post("/api/organisations", {
      kind: "enterprise",
      name: "杭州测试科技有限公司",
      creditCode: code.toLowerCase(),
      legalRepresentative: "张三",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ creditCode: code, kind: "enterprise" });
    const wrongCheck = await admin.post("/api/organisations", {
      kind: "enterprise",
      name: "X",
      creditCode: code.slice(0, 17) + (code[17] === "0" ? "1" : "0"),
      legalRepresentative: "张三",
    });
    expect(wrongCheck.json()).toMatchObject({ status: 400, field: "body.creditCode" });
    const socialWithEnterpriseCode = await admin.post("/api/organisations", {
      kind: "social_organisation",
      name: "X",
      creditCode: makeCreditCode("91", "330106", "MA2H9X1C"),
      legalRepresentative: "张三",
    });
    expect(socialWithEnterpriseCode.json()).toMatchObject({ status: 400, field: "body.creditCode" });
    const list = (await admin.get("/api/organisations?kind=media")).json();
    expect(list.items[0]).toMatchObject({ kind: "media", name: "杭州城市之声融媒体中心" });
  });

  it("keeps demo identifiers valid", async () => {
    const persons = await t.platform.database.db.selectFrom("persons").select("id_number").execute();
    expect(persons.length).toBeGreaterThanOrEqual(8);
    for (const p of persons) {
      expect(parseIdNumber(p.id_number).ok, p.id_number).toBe(true);
    }
    const orgs = await t.platform.database.db
      .selectFrom("organisations")
      .select(["credit_code", "kind"])
      .execute();
    expect(new Set(orgs.map((o) => o.kind))).toEqual(new Set(["enterprise", "social_organisation", "media"]));
    for (const o of orgs) {
      expect(parseCreditCode(o.credit_code).ok, o.credit_code).toBe(true);
    }
  });
});
