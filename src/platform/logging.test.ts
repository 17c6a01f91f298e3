import { describe, expect, it } from "vitest";
import { scrub, scrubDeep } from "./logging.js";

describe("log scrubbing", () => {
  it("removes 身份证号, mobile numbers and API tokens from text", () => {
    expect(scrub("/api/x?id=11010519491231002X&m=13812345678&t=ymn_abcDEF-123_x")).toBe(
      "/api/x?id=[id-number]&m=[mobile]&t=ymn_[redacted]",
    );
    expect(scrub("电话+86 13812345678，证件11010519491231002x")).toBe("电话[mobile]，证件[id-number]");
    expect(scrub("/open311/v2/requests.json?api_key=o311_Ab-9_zz")).toBe(
      "/open311/v2/requests.json?api_key=o311_[redacted]",
    );
  });

  it("leaves ordinary numbers alone", () => {
    expect(scrub("order 20261127093000 took 12ms, division 330106002")).toBe(
      "order 20261127093000 took 12ms, division 330106002",
    );
  });

  it("drops values of secret-named keys and scrubs nested plain objects", () => {
    expect(
      scrubDeep({
        password: "x",
        nested: { idNumber: "1", note: "call 13812345678" },
        list: ["13812345678"],
      }),
    ).toEqual({
      password: "[redacted]",
      nested: { idNumber: "[redacted]", note: "call [mobile]" },
      list: ["[mobile]"],
    });
  });
});
