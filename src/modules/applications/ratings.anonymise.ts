/**
 * What a rating's comment may show in public: the comment with the names of the people involved,
 * identity-card numbers, phone numbers (any run of seven or more digits), e-mail addresses and
 * licence plates replaced by a mask. Names are those the platform knows (the applicant, the person
 * applied for, the agent, the officers who handled the application); the digit rule also covers ID
 * numbers, bank cards and application numbers. A comment with nothing left is not published.
 */

const MASK = "＊＊";
// Seven or more digits, allowing spaces and hyphens inside (0571-8765 4321), or an ID number ending in X.
const DIGITS = /(?:\+?\d[\d\s-]{5,}\d[Xx]?)|(?:\d{17}[Xx])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// 浙A·12345, 浙A12345 (including new-energy plates with six characters).
const PLATE = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][·\s]?[A-Z0-9]{5,6}/g;
// Full-width digits, letters and @ are folded first so that they cannot slip past the rules.
const FULL_WIDTH = /[０-９Ａ-Ｚａ-ｚ＠]/g;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The comment as it may be published, or null when nothing is left of it. */
export function anonymiseComment(
  comment: string | null | undefined,
  names: readonly string[],
): string | null {
  if (!comment) {
    return null;
  }
  let text = comment.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  // Longest first, so that 林晓雨 is masked whole before 林晓 could be.
  const known = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  for (const name of known) {
    text = text.replace(new RegExp(escapeRegExp(name), "gi"), MASK);
    // A Chinese name is often written as surname + 女士/先生/老师/同志 or with the given name alone.
    if (/^[\u4e00-\u9fff]{2,4}$/.test(name)) {
      const given = name.slice(1);
      if (given.length >= 2) {
        text = text.replaceAll(given, MASK);
      }
      text = text.replace(
        new RegExp(`${escapeRegExp(name[0] as string)}(?=(?:女士|先生|老师|同志|阿姨|师傅))`, "g"),
        MASK,
      );
    }
  }
  text = text.replace(EMAIL, MASK).replace(PLATE, MASK).replace(DIGITS, MASK).trim();
  return text.replaceAll(MASK, "").trim().length === 0 ? null : text;
}
