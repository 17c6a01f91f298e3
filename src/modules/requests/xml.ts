/** A small XML writer for the Open311 responses: every text is escaped, so nothing a citizen types becomes markup. */

export type XmlValue = string | number | boolean | null | undefined | XmlNode | XmlNode[];
export interface XmlNode {
  name: string;
  children: Record<string, XmlValue> | XmlNode[];
}

// Characters XML 1.0 does not allow at all (besides tab, newline, carriage return) are dropped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

function render(name: string, value: XmlValue): string {
  if (value === null || value === undefined) {
    return `<${name}/>`;
  }
  if (Array.isArray(value)) {
    return `<${name}>${value.map((n) => render(n.name, n)).join("")}</${name}>`;
  }
  if (typeof value === "object") {
    const inner = Array.isArray(value.children)
      ? value.children.map((n) => render(n.name, n)).join("")
      : Object.entries(value.children)
          .map(([k, v]) => render(k, v))
          .join("");
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A UTF-8 XML document with one root element holding the given children. */
export function xmlDocument(root: string, children: Record<string, XmlValue> | XmlNode[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root, { name: root, children })}`;
}

/** An element with named children (values are escaped; null gives an empty element). */
export const el = (name: string, children: Record<string, XmlValue> | XmlNode[]): XmlNode => ({
  name,
  children,
});
