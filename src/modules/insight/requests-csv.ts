import { CsvError, parse } from "csv-parse/sync";
import { DomainError } from "../../platform/errors.js";

/** One labelled message: its text (subject and detail joined) and first-level category. */
export interface LabelledText {
  text: string;
  label: string;
}

/**
 * The text the classifier reads for a request: subject then detail. Joined without a separator,
 * which is the form of the historical rows that hold only `detail` (subject and detail joined,
 * whitespace removed), so both kinds of row look alike to the classifier.
 */
export function requestText(subject: string | null | undefined, detail: string | null | undefined): string {
  const s = subject?.trim() ?? "";
  const d = detail?.trim() ?? "";
  return s && !d.startsWith(s) ? `${s}${d}` : d || s;
}

/**
 * Reads historical requests from CSV (RFC 4180: quoted fields may hold commas, quotes and line
 * breaks; a UTF-8 byte-order mark is ignored). The header must name `detail` and `label`; `subject`
 * is used when present; `id`, `user` and `time` may be there and are not used. Every row needs a
 * text and a label: a row without either is refused, naming its line, rather than silently dropped.
 */
export function parseRequestsCsv(content: string | Buffer, source = "CSV"): LabelledText[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(content, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      info: true,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      throw new DomainError("VALIDATION", `${source} is not valid CSV: ${error.message}`, "--csv");
    }
    throw error;
  }
  const first = records[0]?.record;
  if (!first) {
    throw new DomainError("VALIDATION", `${source} holds no rows`, "--csv");
  }
  for (const column of ["detail", "label"]) {
    if (!(column in first)) {
      throw new DomainError(
        "VALIDATION",
        `${source} has no "${column}" column (expected id,user,subject,time,detail,label)`,
        "--csv",
      );
    }
  }
  return records.map(({ record: row, info }) => {
    const text = requestText(row.subject, row.detail);
    const label = row.label?.trim() ?? "";
    // info.lines is the line the record ends on, so a message with line breaks is named by its last line.
    if (!text) {
      throw new DomainError(
        "VALIDATION",
        `${source}, line ${info.lines}: subject and detail are both empty`,
        "--csv",
      );
    }
    if (!label) {
      throw new DomainError("VALIDATION", `${source}, line ${info.lines}: label is empty`, "--csv");
    }
    return { text, label };
  });
}
