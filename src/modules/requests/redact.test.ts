import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeCreditCode, makeIdNumber } from "../identity/index.js";
import { personNameWords } from "../insight/index.js";
import { generaliseAddress, luhnValid, redactForPublic, removeHouseNumbers, TOKENS } from "./redact.js";

const nobody = { names: [], phones: [], emails: [] };
const redact = (text: string) => redactForPublic(text, nobody);

describe("phone numbers", () => {
  it.each([
    ["电话13857160218", "电话【电话】"],
    ["电话 138 5716 0218 谢谢", "电话 【电话】 谢谢"],
    ["电话138-5716-0218", "电话【电话】"],
    ["+86 138 5716 0218", "【电话】"],
    ["+86-13857160218", "【电话】"],
    ["0086 13857160218", "【电话】"],
    ["座机0571-87654321", "座机【电话】"],
    ["座机(0571) 8765 4321", "座机【电话】"],
    ["座机 010 6512 3456 转 802", "座机 【电话】"],
    ["打87654321找值班室", "打【电话】找值班室"],
    ["０５７１－８７６５４３２１", "【电话】"],
  ])("masks %s", (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it("leaves dates, times, sums and counts alone", () => {
    const text = "2026-11-27 晚上23:00，罚款3000000元，涉及1200000人次，2026年11月";
    expect(redact(text)).toBe(text);
  });

  it("never leaves a mobile number, however it is spaced or prefixed", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 3, max: 9 }),
        fc.nat(999_999_999),
        fc.constantFrom("", "+86", "+86 ", "86-", "0086 "),
        fc.constantFrom("", " ", "-"),
        fc.string(),
        (pre, second, rest, prefix, sep, post) => {
          const digits = `1${second}${String(rest).padStart(9, "0")}`;
          const written = `${prefix}${digits.slice(0, 3)}${sep}${digits.slice(3, 7)}${sep}${digits.slice(7)}`;
          const out = redact(`${pre} ${written} ${post}`);
          expect(out.replace(/\D/g, "")).not.toContain(digits);
        },
      ),
    );
  });
});

describe("identity, organisation, card and vehicle numbers", () => {
  const id = makeIdNumber("330106", "19920517", 124);

  it("masks an 18-digit ID number with a valid check character, also spaced", () => {
    expect(redact(`身份证号${id}。`)).toBe("身份证号【身份证号】。");
    expect(redact(`身份证 ${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`)).toBe("身份证 【身份证号】");
    const withX = makeIdNumber(
      "330106",
      "19920517",
      [...Array(1000).keys()].find((n) => makeIdNumber("330106", "19920517", n).endsWith("X")) ?? 0,
    );
    expect(redact(`ID ${withX.toLowerCase()}`)).toBe("ID 【身份证号】");
  });

  it("never leaves the digits of an ID number, whatever surrounds it", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom("330106", "110101", "440305"),
        fc.date({ min: new Date("1930-01-01"), max: new Date("2020-12-31"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.string(),
        (pre, region, birth, sequence, post) => {
          const id = makeIdNumber(region, birth.toISOString().slice(0, 10), sequence);
          expect(redact(`${pre}${id}${post}`)).not.toContain(id.slice(0, 17));
        },
      ),
    );
  });

  it("still hides an 18-digit number whose check character is wrong (as a number)", () => {
    const wrong = `${id.slice(0, 17)}${id.endsWith("0") ? "1" : "0"}`;
    expect(redact(wrong)).toBe(TOKENS.number);
  });

  it("masks a 统一社会信用代码 that passes its check", () => {
    const code = makeCreditCode("91", "330106", "MA2KXXXX");
    expect(redact(`公司代码${code}`)).toBe("公司代码【信用代码】");
  });

  it("masks bank cards (Luhn) and other long numbers", () => {
    expect(luhnValid("6222021234567890128")).toBe(true);
    expect(redact("卡号6222 0212 3456 7890 128")).toBe("卡号【银行卡号】");
    expect(redact("订单号 2026112700001234")).toBe("订单号 【号码】");
  });

  it("masks e-mail addresses and licence plates", () => {
    expect(redact("邮箱 wang.fang@example.cn，车牌浙A·12345和浙AD12345")).toBe(
      "邮箱 【邮箱】，车牌【车牌】和【车牌】",
    );
  });
});

describe("names", () => {
  it.each([
    ["我叫张伟，住在附近", "我叫【姓名】，住在附近"],
    ["联系人：李娜 电话见上", "联系人：【姓名】 电话见上"],
    ["姓名 欧阳明月", "姓名 【姓名】"],
    [
      "请王先生和李女士注意，张老师、陈师傅也反映过",
      "请【姓名】先生和【姓名】女士注意，【姓名】老师、【姓名】师傅也反映过",
    ],
    ["我姓王，物业的老刘不管", "我姓【姓名】，物业的老【姓名】不管"],
    ["我是王芳。", "我是【姓名】。"],
  ])("masks %s", (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it("leaves ordinary words that start like a surname alone", () => {
    const text = "我是周边居民，小区夜间施工一小时以上，老人休息不好，路面也坏了";
    expect(redact(text)).toBe(text);
  });

  it("removes the requester's own name in any of its forms and their own phone however written", () => {
    const known = { names: ["林晓雨"], phones: ["13857160218"], emails: ["lxy@example.cn"] };
    expect(
      redactForPublic("我是林晓雨（林女士），晓雨的电话 1 3 8 5 7 1 6 0 2 1 8，邮件 LXY@example.cn", known),
    ).toBe("我是【姓名】（【姓名】女士），【姓名】的电话 【电话】，邮件 【邮箱】");
  });

  it("never leaves a known requester's name or phone, whatever surrounds them", () => {
    const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ unit: han, minLength: 2, maxLength: 3 }),
        fc.nat(99_999_999),
        fc.string(),
        (pre, name, rest, post) => {
          const phone = `139${String(rest).padStart(8, "0")}`;
          const out = redactForPublic(`${pre}${name}${post}，电话${phone}`, {
            names: [name],
            phones: [phone],
            emails: [],
          });
          expect(out).not.toContain(name);
          expect(out).not.toContain(phone);
        },
      ),
    );
  });

  it("finds three-character names jieba tags, but not places or the words its dictionary mistags", () => {
    const text =
      "邻居李建国每天装修，物业经理陈志强不管，钱塘区白杨街道，该阳光房未取得规划许可，已下达通知书";
    expect(redactForPublic(text, nobody, personNameWords)).toBe(
      "邻居【姓名】每天装修，物业经理【姓名】不管，钱塘区白杨街道，该阳光房未取得规划许可，已下达通知书",
    );
  });
});

describe("addresses", () => {
  it.each([
    ["西湖区翠苑一区12幢3单元501室", "西湖区翠苑一区"],
    ["西湖区文二西路 66 号附近", "西湖区文二西路 附近"],
    ["拱墅区和睦街道某小区3号楼2单元", "拱墅区和睦街道某小区"],
    ["滨江区江南大道 A座 1203室", "滨江区江南大道"],
    ["上城区某新村十二幢二单元", "上城区某新村"],
    ["西湖区某小区 12-3-501", "西湖区某小区"],
    ["北山街与保俶路交叉口", "北山街与保俶路交叉口"],
  ])("generalises %s", (input, expected) => {
    expect(generaliseAddress(input, nobody)).toBe(expected);
  });

  it("strips the requester's name and phone from an address too", () => {
    expect(generaliseAddress("王建国家 13857160218", { names: ["王建国"], phones: [], emails: [] })).toBe(
      "家",
    );
  });

  it("marks house numbers in free text but keeps dates and metro lines", () => {
    expect(removeHouseNumbers("住在5栋1单元302室，11月27号晚上在1号线")).toBe(
      "住在【门牌号】，11月27号晚上在1号线",
    );
  });
});
