import { describe, expect, it } from "vitest";
import { DEMO_SERVICE_ITEMS } from "../catalog/demo-services.js";
import { DEMO_POWERS } from "../policy/demo-rights.js";

/**
 * The catalogue and the rights list agree: every registry a service item pre-fills from (or obtains a
 * material from) is one the power the item exercises lets the department's systems read. Otherwise
 * the decision point refuses the pre-fill, rightly.
 */
describe("pre-fill is authorised by the power each item exercises", () => {
  const cases = DEMO_SERVICE_ITEMS.flatMap((item) => {
    const resources = new Set([
      ...item.prefill.map((r) => r.resource),
      ...item.materials.flatMap((m) => (m.obtainedVia ? [m.obtainedVia.resource] : [])),
    ]);
    return [...resources].map((resource) => ({ item: item.code, power: item.powerCode, resource }));
  });

  it.each(cases)("$item reads $resource under $power", ({ power, resource }) => {
    const p = DEMO_POWERS.find((x) => x.code === power);
    expect(p, `power ${power}`).toBeDefined();
    const granted = p?.grants.some(
      (g) => g.action === "read" && g.roles.includes("system") && g.resources.includes(resource),
    );
    expect(granted).toBe(true);
  });
});
