import { encodeTileIndex } from "../../../shared/ledger/verify.js";

export { encodeTileIndex };

/** tlog-tiles paths: <L>/<N>[.p/<W>] and entries/<N>[.p/<W>], N in 3-digit groups with "x" prefixes. */

export interface TilePath {
  level: number | "entries";
  index: number;
  /** 256 for a full tile, else the partial width 1–255. */
  width: number;
}

export function tilePath(t: TilePath): string {
  return `${t.level}/${encodeTileIndex(t.index)}${t.width < 256 ? `.p/${t.width}` : ""}`;
}

/** Parses the part after /tile/; null when it is not a canonical tile path. */
export function parseTilePath(path: string): TilePath | null {
  const parts = path.split("/");
  const levelText = parts.shift();
  let level: number | "entries";
  if (levelText === "entries") {
    level = "entries";
  } else if (levelText && /^(0|[1-9]\d?)$/.test(levelText) && Number(levelText) <= 63) {
    level = Number(levelText);
  } else {
    return null;
  }
  let width = 256;
  const last = parts[parts.length - 1];
  const beforeLast = parts[parts.length - 2];
  if (beforeLast?.endsWith(".p")) {
    if (!last || !/^[1-9]\d{0,2}$/.test(last) || Number(last) > 255) {
      return null;
    }
    width = Number(last);
    parts.pop();
    parts[parts.length - 1] = beforeLast.slice(0, -2);
  }
  if (parts.length === 0) {
    return null;
  }
  let digits = "";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const expected = i < parts.length - 1 ? /^x\d{3}$/ : /^\d{3}$/;
    if (!expected.test(part)) {
      return null;
    }
    digits += part.replace("x", "");
  }
  const index = Number(digits);
  if (!Number.isSafeInteger(index) || (parts.length > 1 && digits.startsWith("000"))) {
    return null;
  }
  return { level, index, width };
}
