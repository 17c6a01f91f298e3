import { describe, expect, it } from "vitest";
import { DomainError } from "../../platform/errors.js";
import { parseRequestsCsv, requestText } from "./requests-csv.js";

describe("parseRequestsCsv", () => {
  it("reads quoted fields holding commas, quotes and line breaks, with and without a subject", () => {
    const csv = [
      "id,user,subject,time,detail,label",
      '1,U1,小区停车难,2020-01-06 12:09:38,"小区里车位不够，\n晚上停车""一位难求""。",城乡建设',
      ",,,,学校食堂饭菜质量差，学生吃不饱,教育文体",
      '3,U3,"公交, 改线",2020-01-07 08:00:00,"303路改线后\r\n老人出行不便",交通运输',
    ].join("\n");
    expect(parseRequestsCsv(csv)).toEqual([
      { text: '小区停车难小区里车位不够，\n晚上停车"一位难求"。', label: "城乡建设" },
      { text: "学校食堂饭菜质量差，学生吃不饱", label: "教育文体" },
      { text: "公交, 改线303路改线后\r\n老人出行不便", label: "交通运输" },
    ]);
  });

  it("accepts a byte-order mark, only detail and label, and a Buffer", () => {
    const csv = Buffer.from("\uFEFFdetail,label\n医院挂号难,卫生计生\n", "utf8");
    expect(parseRequestsCsv(csv)).toEqual([{ text: "医院挂号难", label: "卫生计生" }]);
  });

  it("refuses a file without the needed columns, an unlabelled row, and broken quoting, with clear messages", () => {
    expect(() => parseRequestsCsv("id,subject\n1,x\n", "old.csv")).toThrow(/old.csv has no "detail" column/);
    expect(() => parseRequestsCsv("detail,label\n有事,\n", "a.csv")).toThrow(/a.csv, line 2: label is empty/);
    expect(() => parseRequestsCsv("detail,label\n,城乡建设\n")).toThrow(
      /line 2: subject and detail are both empty/,
    );
    expect(() => parseRequestsCsv('detail,label\n"没有结束的引号,城乡建设\n')).toThrow(/is not valid CSV/);
    expect(() => parseRequestsCsv("detail,label\n")).toThrow(/holds no rows/);
    expect(() => parseRequestsCsv("detail,label\n有事,\n")).toThrow(DomainError);
  });
});

describe("requestText", () => {
  it("puts the subject before the detail unless the detail already starts with it", () => {
    expect(requestText("路灯不亮", "XX路的路灯坏了")).toBe("路灯不亮XX路的路灯坏了");
    expect(requestText("路灯不亮", "路灯不亮XX路的路灯坏了")).toBe("路灯不亮XX路的路灯坏了");
    expect(requestText("", " 只有正文 ")).toBe("只有正文");
    expect(requestText("只有标题", null)).toBe("只有标题");
  });
});
