import { describe, expect, it } from "vitest";
import { el, escapeXml, xmlDocument } from "./xml.js";

describe("the Open311 XML writer", () => {
  it("escapes markup so that a citizen's text never becomes elements", () => {
    const doc = xmlDocument("service_requests", [
      el("request", {
        description: '<script>alert("x")</script> & <b>bold</b>',
        lat: 30.25,
        media_url: null,
      }),
    ]);
    expect(doc).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<service_requests><request><description>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</description><lat>30.25</lat><media_url/></request></service_requests>',
    );
    expect(doc).not.toContain("<script>");
  });

  it("drops characters XML 1.0 cannot hold", () => {
    expect(escapeXml("a\u0001b\u000bc\td")).toBe("abc\td");
  });

  it("writes nested lists and records", () => {
    expect(xmlDocument("service_definition", { service_code: "x", attributes: [] })).toContain(
      "<service_definition><service_code>x</service_code><attributes></attributes></service_definition>",
    );
  });
});
