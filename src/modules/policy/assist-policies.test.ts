import { describe, expect, it } from "vitest";
import { PolicyEngine } from "./policy.engine.js";

const engine = PolicyEngine.create([]);
const assist = (roles: string[], applicant = "me") =>
  engine.decide({
    action: "assist",
    principal: { id: "me", roles, departments: roles.includes("citizen") ? [] : ["XH-BS-BM"] },
    resource: { id: "new:330100-GA-QR-002-01", applicant, department: "" },
  });

describe("who may apply for another person (帮办代办)", () => {
  it("lets a 帮办员 and a citizen apply for someone, each under their own policy", () => {
    expect(assist(["helper"])).toMatchObject({ allow: true, decidedBy: ["policy:assist-helper"] });
    expect(assist(["citizen"])).toMatchObject({ allow: true, decidedBy: ["policy:assist-citizen"] });
  });

  it("refuses officers, enterprise agents and others, and an application that is not the caller's", () => {
    for (const roles of [["officer"], ["enterprise_agent"], ["dept_admin"], ["auditor"]]) {
      expect(assist(roles), roles.join()).toMatchObject({ allow: false, reason: "no-permit" });
    }
    expect(assist(["helper"], "someone-else").allow).toBe(false);
  });
});
