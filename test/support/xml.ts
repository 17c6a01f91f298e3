/** A minimal XML reader for tests: elements, text and the five predefined entities; no attributes. */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ENTITIES[e] as string);

/** Parses a document (after its XML declaration) into its root element; throws on malformed input. */
export function parseXml(doc: string): XmlElement {
  const body = doc.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: XmlElement[] = [{ name: "#document", children: [], text: "" }];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null = tag.exec(body);
  while (m !== null) {
    const top = stack[stack.length - 1] as XmlElement;
    if (m[4] !== undefined) {
      top.text += decode(m[4]);
    } else if (m[1] === "/") {
      if (top.name !== m[2]) {
        throw new Error(`mismatched </${m[2]}> in <${top.name}>`);
      }
      stack.pop();
    } else {
      const el: XmlElement = { name: m[2] as string, children: [], text: "" };
      top.children.push(el);
      if (m[3] !== "/") {
        stack.push(el);
      }
    }
    m = tag.exec(body);
  }
  if (stack.length !== 1 || stack[0]?.children.length !== 1) {
    throw new Error("not one root element");
  }
  if (body.replace(tag, "").trim() !== "") {
    throw new Error("stray characters");
  }
  return stack[0].children[0] as XmlElement;
}

/** An element's children as a name → text record (for flat records such as a <request>). */
export function record(el: XmlElement): Record<string, string> {
  return Object.fromEntries(el.children.map((c) => [c.name, c.text]));
}
