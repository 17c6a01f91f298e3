/**
 * The public view of citizens' requests (接诉即办 公开): what anyone may read without signing in.
 * Personal data is removed before it reaches these shapes (docs/requests-public.md).
 */
import type { CategoryRef, DeptRef, RequestStatus } from "./types.js";

/** A published location: the centre of a grid cell, never the exact point. */
export interface PublicLocation {
  lat: number;
  lng: number;
  /** `private`: possibly someone's home, the coarse grid (≈ 445 m); `public`: a public place (≈ 111 m). */
  kind: "private" | "public";
  /** The cell's north–south size in metres. */
  cellMetres: number;
}

export interface PublicRequest {
  id: string;
  /** The service request id (Open311's). */
  number: string;
  status: RequestStatus;
  category: CategoryRef | null;
  /** The department handling it (the lead). */
  department: DeptRef | null;
  /** Title, description and reply with personal data replaced by tokens such as 【姓名】 and 【电话】. */
  title: string | null;
  description: string;
  reply: string | null;
  /** The address without house, building, unit or room numbers. */
  address: string | null;
  district: { code: string; name: string } | null;
  location: PublicLocation | null;
  createdAt: string;
  dispatchedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
}

export interface PublicRequestPage {
  items: PublicRequest[];
  /** Pass as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

/** What the public page offers as filters. */
export interface PublicRequestFilters {
  districts: { code: string; name: string }[];
  categories: { code: string; parent: string | null; level: number; name: string; nameEn: string }[];
  statuses: RequestStatus[];
}

/** The tokens that stand for what was removed, for the page to explain. */
export const PUBLIC_TOKENS = [
  "【姓名】",
  "【电话】",
  "【身份证号】",
  "【信用代码】",
  "【邮箱】",
  "【车牌】",
  "【银行卡号】",
  "【号码】",
  "【门牌号】",
] as const;
