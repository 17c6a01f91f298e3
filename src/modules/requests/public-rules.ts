/**
 * The rules of the public view of requests: which categories are never shown, which are about a
 * private home (the point is snapped to a coarse grid), and how far a point is generalised. Pure
 * functions and data; docs/requests-public.md explains each choice.
 */

/** How a category is shown publicly: `hidden` never, `private` at the coarse grid, `public` at the fine one. */
export type PublicClass = "hidden" | "private" | "public";

// Matters about one person's health, money, family or child: the text itself identifies them to
// anyone who knows them, whatever is masked, so these are never published.
const HIDDEN = new Set([
  "labour-wages",
  "labour-insurance",
  "labour-unemployment",
  "labour-medical-insurance",
  "labour-welfare",
  "health-medical",
  "health-maternal",
  "health-practitioners",
  "education-enrolment",
]);

// Matters about a public place (a road, a street light, a building site, a shop, a river): the
// place is the point, so it is kept, rounded to about 100 m.
const PUBLIC = new Set([
  "construction-sites",
  "construction-utilities",
  "construction-cityscape",
  "construction-planning",
  "environment-air",
  "environment-water",
  "environment-waste",
  "environment-greening",
  "transport-transit",
  "transport-taxi",
  "transport-roads",
  "transport-traffic",
  "transport-freight",
  "commerce-food",
  "commerce-tourism",
  "education-schools",
  "education-training",
  "education-culture",
  "health-public",
]);
// Everything else — 物业管理, 住房, 房屋征收, 噪声 (mostly neighbours), consumer and price
// disputes, business registration, employment, and any category imported later that does not
// inherit a rule — is treated as possibly at someone's home: the private grid.

/** A category's class: its own rule, else its parent's, else `private` (the safe default). */
export function classOf(
  code: string | null,
  parentOf: (code: string) => string | null | undefined,
): PublicClass | null {
  let current: string | null | undefined = code;
  for (let depth = 0; current && depth < 5; depth++) {
    if (HIDDEN.has(current)) {
      return "hidden";
    }
    if (PUBLIC.has(current)) {
      return "public";
    }
    current = parentOf(current);
  }
  // No category at all: nobody has decided what this is about, so it is not shown.
  return code ? "private" : null;
}

// Words that place the request at someone's home, whatever its category: a public-place category
// with one of these (楼下饭店油烟, 家里停水) is generalised like a private one.
const HOME =
  /(?:我家|家里|家中|家门口|住家|住户|住宅|居民楼|宿舍|公寓|单元|室|楼上|楼下|隔壁|邻居|对门|业主|房东|租户|租住|入户|户内|阳台|卧室)/u;

/** Whether the text or the address suggests the location is a private home. */
export function mentionsHome(...texts: (string | null | undefined)[]): boolean {
  return texts.some((t) => (t ? HOME.test(t) : false));
}

/** Cell sizes in degrees: private ≈ 445 m north–south × 385 m east–west in Hangzhou; public ≈ 111 m × 96 m. */
export const GRID = { private: 0.004, public: 0.001 } as const;

/** The centre of the grid cell holding a coordinate (rounded to 6 decimals so equal cells print alike). */
function snap(value: number, step: number): number {
  const centre = (Math.floor(value / step) + 0.5) * step;
  return Math.round(centre * 1e6) / 1e6;
}

/**
 * A point as published: the centre of its grid cell. Every point in one cell gives the same
 * answer, so the answer tells no more than which cell.
 */
export function generalisePoint(
  point: { lat: number; lng: number },
  kind: "private" | "public",
): { lat: number; lng: number; cellMetres: number } {
  const step = GRID[kind];
  return {
    lat: snap(point.lat, step),
    lng: snap(point.lng, step),
    cellMetres: Math.round(step * 111_320),
  };
}

/** The widest distance (degrees) between a point and its published cell centre: for prefiltering boxes. */
export const MAX_SHIFT = GRID.private;
