/**
 * Personal data out of free text for the public view of requests (issue 7, point 7). Numbers are
 * found by their form (and checked where a check character exists); names are found by what the
 * platform knows (the requester's own name, phone and e-mail), by the common written forms (王先生,
 * 我叫张伟, 联系人：李娜, 姓王) and by jieba's person-name tag. What is found becomes a token such as
 * 【姓名】 or 【电话】. Names that fit none of these (a neighbour's full name written bare, a nickname)
 * can pass: the limits are in docs/requests-public.md.
 */
import { parseCreditCode, parseIdNumber } from "../identity/index.js";

export const TOKENS = {
  name: "【姓名】",
  phone: "【电话】",
  idNumber: "【身份证号】",
  creditCode: "【信用代码】",
  email: "【邮箱】",
  plate: "【车牌】",
  bankCard: "【银行卡号】",
  number: "【号码】",
  houseNumber: "【门牌号】",
} as const;

/** What the platform knows about the requester, removed wherever it appears. */
export interface KnownPerson {
  names: readonly (string | null | undefined)[];
  phones: readonly (string | null | undefined)[];
  emails: readonly (string | null | undefined)[];
}

/** A tagger of personal names (jieba's `nr`), plugged so that the pure rules test without it. */
export type NameTagger = (text: string) => readonly string[];

// The commonest single-character surnames (about 90 % of people in the 2020 census) and the
// compound ones still in use. Characters that are far more often ordinary words in requests
// (时, 路, 于, 向, 成, 应, 安, 常, 高, 方, 白, 金, 石, 文, 万, 车, 米, 华, 和, 全, 班) are left out of
// the patterns that would otherwise mask 小时, 路面, 成本 and the like; jieba's tag still finds them.
const SURNAMES = new Set([
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖贾夏付傅邹熊孟秦邱侯江尹薛闫阎段雷龙黎史陶贺毛郝顾龚邵覃武钱戴严莫孔汤康易乔赖施洪辛柯庄樊祝兰殷耿阮甘倪鲁葛温申欧骆邢牛关凌聂齐章宁霍岳单纪舒包左盛季童屈项焦游尤蓝涂鲍柴宫滕翟卜詹简牟颜饶麦房卓梅景晏褚谷裴苗邬尚毕符伍丛查冉缪闵佟俞解连窦迟蔚桂费隋宗鞠巫商楼郎虞卞茅娄祁",
]);
const COMPOUND_SURNAMES = [
  "欧阳",
  "司马",
  "上官",
  "诸葛",
  "东方",
  "皇甫",
  "令狐",
  "慕容",
  "尉迟",
  "公孙",
  "夏侯",
  "司徒",
  "端木",
  "长孙",
  "宇文",
  "轩辕",
  "申屠",
  "独孤",
];
const SURNAME_CLASS = `[${[...SURNAMES].join("")}]`;
const SURNAME = `(?:${COMPOUND_SURNAMES.join("|")}|${SURNAME_CLASS})`;
const HAN = "[\\u4e00-\\u9fff]";

// 王先生, 李女士, 张老师, 陈师傅, 刘经理 …: surname + a form of address.
const TITLES =
  "先生|女士|小姐|老师|师傅|阿姨|大爷|大妈|大姐|大哥|同志|经理|主任|老板|医生|律师|警官|书记|科长|处长|局长|所长|站长|队长|村长|组长|总";
const TITLED = new RegExp(`${SURNAME}(?=(?:${TITLES}))`, "gu");
// 老王, 小李: only with the surnames least likely to make an ordinary word (小时, 老人, 小高层).
const FAMILIAR =
  /(?<=[老小])[王李张刘陈杨黄赵吴周徐孙朱胡郭林罗郑梁谢宋唐许韩冯邓曹彭曾肖董潘袁蔡蒋杜叶程魏苏吕丁卢姚沈钟姜崔谭陆范汪廖贾邹熊孟秦邱侯尹薛钱](?!区|时|麦|卖|吃|说|学|事|型|孩|姐|弟|妹|家|伙)/gu;
// Strong cues: what follows is a name (我叫张伟, 联系人：李娜, 姓名 王小明, 署名陈).
const STRONG_CUE = new RegExp(
  `(?<=(?:我叫|名叫|叫做|姓名|联系人|联系人是|署名|称呼我|我的名字是|我的名字叫)[:：\\s]*)${SURNAME}${HAN}{1,2}`,
  "gu",
);
// Weak cues: only a short name closed by punctuation or the end (我是王芳。but not 我是周边居民).
const WEAK_CUE = new RegExp(
  `(?<=(?:我是|本人|来电人|投诉人|反映人|举报人|户主|业主|申请人|当事人|房东|租户|患者)[:：\\s]*)${SURNAME}${HAN}{1,2}(?=[\\s,，。.;；!！?？:：()（）、]|$)`,
  "gu",
);
// 姓王, 我姓欧阳 → 姓【姓名】 (the cue stays so the sentence still reads).
const SURNAME_CUE = new RegExp(`(?<=姓)${SURNAME}(?!名)`, "gu");

// A jieba name is masked unless what follows makes it a place (白杨街道, 凤起路) or an organisation.
const PLACE_AFTER =
  /^(?:街道|街|路|区|镇|乡|村|县|市|省|桥|河|湖|山|社区|小区|花园|公园|广场|大厦|大道|弄|巷|苑|府|站|港|湾|岛|门|公司|集团|医院|学校|中学|小学|大学)/u;

// Full-width digits, letters, @ and + are folded first so that they cannot slip past the rules.
const FULL_WIDTH = /[０-９Ａ-Ｚａ-ｚ＠＋－]/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// 18 characters of the credit code's set (no I, O, S, V, Z), checked by MOD 31 before masking.
const CREDIT_CODE = /(?<![0-9A-Za-z])[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}(?![0-9A-Za-z])/g;
// 17 digits and a check character, allowing the spaces people type (330106 19920517 1243).
const ID_NUMBER = /(?<![0-9A-Za-z])\d{6}[\s-]?\d{8}[\s-]?\d{3}[\dXx](?![0-9A-Za-z])/g;
// 1[3-9]x xxxx xxxx with +86/86/0086 and spaces or dashes in any of the usual places.
const MOBILE = /(?<![\d+])(?:(?:\+|00)?86[\s-]*)?1[3-9]\d(?:[\s-]*\d){8}(?!\d)/g;
// 0571-87654321, (0571) 8765 4321, 010 6512 3456, 87654321 (seven or eight digits), 转 extension.
const LANDLINE =
  /(?<![\d+])(?:(?:\+|00)?86[\s-]*)?(?:\(?0\d{2,3}\)?[\s-]*)?[2-9]\d{2,3}[\s-]?\d{4}(?:\s*(?:转|ext\.?|-)\s*\d{1,5})?(?!\d|\s*[元万亿块平米人户次个年岁吨件份])/gi;
// Bank cards: 16 to 19 digits in groups, Luhn-checked before masking.
const CARD = /(?<!\d)\d{4}(?:[\s-]?\d){12,15}(?!\d)/g;
// 浙A12345, 浙A·12345, 浙AD12345 (new energy), 浙A1234学.
const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•.\s]?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳领]/g;
// A count or a sum is not a number to hide (3000000元, 1200000人次).
const QUANTITY = "(?!\\d|\\s*[元万亿块平米人户次个年岁吨件份])";
// Anything else that is seven or more digits in groups of three or more: card, account, order or
// phone numbers written oddly. Dates (2026-11-27) and sums (12000元) stay.
const LONG_NUMBER = new RegExp(`(?<!\\d)\\d{3,}(?:[\\s-]\\d{3,})*${QUANTITY}`, "g");

// House and room numbers: 12幢3单元501室, 3号楼, 5栋, 66号, 12-3-501, 二单元.
const NUMERAL = "(?:\\d+|[零〇一二三四五六七八九十百两]+)";
// Not a date (11月27号) nor a metro line (1号线).
const HOUSE_PART = `(?:(?<![月\\d零〇一二三四五六七八九十百两])${NUMERAL}\\s*(?:号楼|号院|号(?![线码])|栋|幢|座|单元|室|楼|层|户|弄)|[A-Za-z]\\s*(?:座|栋|幢))`;
const HOUSE_NUMBER = new RegExp(`(?:${HOUSE_PART}\\s*)+`, "gu");
const ROOM_TRIPLE = /(?<!\d)\d{1,3}-\d{1,2}-\d{2,4}(?!\d)/g;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** ISO 7064 Luhn check of a card number (digits only). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

const digitsOf = (s: string) => s.replace(/\D/g, "");

/** A known value as a pattern that tolerates separators between its characters (138 5716-0218). */
function loosely(value: string): RegExp {
  const chars = [...value].map(escapeRegExp);
  return new RegExp(chars.join("[\\s\\-.·_]*"), "giu");
}

/** Masks the requester's own name, phone and e-mail wherever they appear. */
function removeKnown(text: string, known: KnownPerson): string {
  let out = text;
  for (const email of known.emails) {
    if (email?.trim()) {
      out = out.replace(new RegExp(escapeRegExp(email.trim()), "gi"), TOKENS.email);
    }
  }
  for (const phone of known.phones) {
    const digits = digitsOf(phone ?? "");
    if (digits.length >= 5) {
      // Also without a +86 or a trunk prefix, as people write their own number.
      const bare = digits.replace(/^(?:0086|86)(?=1\d{10}$)/, "");
      out = out.replace(loosely(bare), TOKENS.phone);
    }
  }
  // Longest first, so that 林晓雨 is masked whole before 林晓 could be.
  const names = [...new Set(known.names.map((n) => n?.trim() ?? "").filter((n) => [...n].length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  for (const name of names) {
    out = out.replace(loosely(name), TOKENS.name);
    if (/^[\u4e00-\u9fff]{2,4}$/u.test(name)) {
      const compound = COMPOUND_SURNAMES.find((s) => name.startsWith(s) && name.length > s.length);
      const surname = compound ?? (name[0] as string);
      const given = name.slice(surname.length);
      // The given name alone (晓雨) when it is two characters or more.
      if (given.length >= 2) {
        out = out.replaceAll(given, TOKENS.name);
      }
      // 林女士, 林先生 — even when the surname is not in the common list.
      out = out.replace(new RegExp(`${escapeRegExp(surname)}(?=(?:${TITLES}))`, "gu"), TOKENS.name);
    }
  }
  return out;
}

/** Numbers by form: e-mail, credit codes and ID numbers (checked), bank cards (Luhn), phones, plates, long digit runs. */
function removeNumbers(text: string): string {
  return text
    .replace(EMAIL, TOKENS.email)
    .replace(CREDIT_CODE, (m) => (parseCreditCode(m).ok ? TOKENS.creditCode : m))
    .replace(ID_NUMBER, (m) =>
      parseIdNumber(digitsOf(m.slice(0, -1)) + m.slice(-1)).ok ? TOKENS.idNumber : m,
    )
    .replace(CARD, (m) => (luhnValid(digitsOf(m)) ? TOKENS.bankCard : m))
    .replace(MOBILE, TOKENS.phone)
    .replace(PLATE, TOKENS.plate)
    .replace(LANDLINE, (m) => (digitsOf(m).length >= 7 ? TOKENS.phone : m))
    .replace(LONG_NUMBER, (m) => (digitsOf(m).length >= 7 ? TOKENS.number : m))
    .replace(/(?:\+|00)?86[\s-]*【电话】/g, TOKENS.phone);
}

/** Names by their written forms, then by the tagger. */
function removeNames(text: string, tagger: NameTagger | null): string {
  let out = text
    .replace(STRONG_CUE, TOKENS.name)
    .replace(WEAK_CUE, TOKENS.name)
    .replace(TITLED, TOKENS.name)
    .replace(SURNAME_CUE, TOKENS.name)
    .replace(FAMILIAR, TOKENS.name);
  if (tagger) {
    const found = new Set<string>();
    for (const word of tagger(out)) {
      const chars = [...word];
      // jieba's dictionary tags many two-character words as names (许可, 白杨): only three or four
      // characters (surname and a two-character given name, or a compound surname) are taken.
      if (chars.length < 3 || chars.length > 4 || !/^[\u4e00-\u9fff]+$/u.test(word)) {
        continue;
      }
      // A tagged word that starts with no surname at all is more often a place or a thing.
      if (!SURNAMES.has(chars[0] as string) && !COMPOUND_SURNAMES.some((s) => word.startsWith(s))) {
        continue;
      }
      found.add(word);
    }
    for (const word of [...found].sort((a, b) => b.length - a.length)) {
      out = out.replace(new RegExp(escapeRegExp(word), "gu"), (m, offset: number, whole: string) =>
        PLACE_AFTER.test(whole.slice(offset + m.length)) ? m : TOKENS.name,
      );
    }
  }
  return out;
}

/** House, building, unit and room numbers (12幢3单元501室 → 【门牌号】). */
export function removeHouseNumbers(text: string): string {
  return text.replace(ROOM_TRIPLE, TOKENS.houseNumber).replace(HOUSE_NUMBER, (m) => {
    // Keep the space that separated the number from what follows.
    return /\s$/u.test(m) ? `${TOKENS.houseNumber} ` : TOKENS.houseNumber;
  });
}

/**
 * A request's text as the public may read it: the requester's known name, phone and e-mail, then
 * personal numbers by form, then names by their written forms and the tagger, then house numbers.
 */
export function redactForPublic(
  text: string | null | undefined,
  known: KnownPerson,
  tagger: NameTagger | null = null,
): string {
  if (!text) {
    return "";
  }
  let out = text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  out = removeKnown(out, known);
  out = removeNumbers(out);
  out = removeNames(out, tagger);
  out = removeHouseNumbers(out);
  // Two tokens of the same kind side by side read as one.
  return out.replace(/(【[^】]+】)(?:\s*\1)+/gu, "$1");
}

/**
 * An address as the public may read it: numbers of houses, buildings, units and rooms removed,
 * and the requester's known data removed; what is left is the road, the 小区 or the 街道.
 */
export function generaliseAddress(
  address: string | null | undefined,
  known: KnownPerson,
  tagger: NameTagger | null = null,
): string | null {
  if (!address?.trim()) {
    return null;
  }
  const text = removeNames(removeNumbers(removeKnown(address, known)), tagger);
  const stripped = text
    .replace(ROOM_TRIPLE, "")
    .replace(HOUSE_NUMBER, "")
    .replace(/【[^】]+】/gu, "")
    .replace(/\s{2,}/g, " ")
    .trim();
  return stripped === "" ? null : stripped;
}
