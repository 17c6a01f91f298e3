import type { Caller, ServiceContext } from "../../platform/context.js";
import { inTransaction } from "../../platform/db/tx.js";
import { validationError } from "../../platform/errors.js";
import { accounts, directory } from "../identity/index.js";
import * as repo from "./ledger.repository.js";

export interface AuditorQuery {
  actor?: string | undefined;
  departmentId?: string | undefined;
  subjectIdNumber?: string | undefined;
  subjectCreditCode?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Comma-separated sequence numbers. */
  seqs?: string | undefined;
  limit: number;
  offset: number;
}

export interface EntryView {
  seq: number;
  index: number | null;
  body: string;
  /** Clear identifiers behind the entry's keyed hashes, with labels. */
  identities: { kind: "actor" | "subject"; type: string; id: string; label: string | null; ref: string }[];
}

async function present(ctx: ServiceContext, rows: repo.SearchRow[]): Promise<EntryView[]> {
  const identities = await repo.identitiesOf(
    ctx.db,
    rows.map((r) => r.seq),
  );
  const labels = await directory.labelsFor(ctx, {
    account: identities.filter((i) => i.subject_type === "account").map((i) => i.subject_id),
    person: identities.filter((i) => i.subject_type === "person").map((i) => i.subject_id),
    organisation: identities.filter((i) => i.subject_type === "organisation").map((i) => i.subject_id),
  });
  return rows.map((r) => ({
    seq: r.seq,
    index: r.idx,
    body: r.body,
    identities: identities
      .filter((i) => i.seq === r.seq)
      .map((i) => ({
        kind: i.kind,
        type: i.subject_type,
        id: i.subject_id,
        label: labels.get(`${i.subject_type}:${i.subject_id}`) ?? null,
        // The keyed hash that stands for this identity in the public entry.
        ref: ctx.ledger.keys.keyedHash(i.subject_type, i.subject_id),
      })),
  }));
}

/** Auditors search the ledger with clear identifiers; the search itself is recorded. */
export async function searchForAuditor(ctx: ServiceContext, caller: Caller, q: AuditorQuery) {
  let subject: repo.SearchFilter["subject"];
  if (q.subjectIdNumber) {
    const person = await directory.findPersonByIdNumber(ctx, q.subjectIdNumber);
    subject = { type: "person", id: person?.id ?? "none" };
  } else if (q.subjectCreditCode) {
    const org = await directory.findOrganisationByCreditCode(ctx, q.subjectCreditCode);
    subject = { type: "organisation", id: org?.id ?? "none" };
  }
  let actorAccountId: string | undefined;
  if (q.actor) {
    actorAccountId = (await accounts.findAccountByUsername(ctx, q.actor))?.id ?? "none";
  }
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from > to) {
    throw validationError("querystring.from", "from must be before to");
  }
  const { rows, total } = await repo.searchEntries(ctx.db, {
    action: q.action,
    departmentId: q.departmentId,
    subject,
    actorAccountId,
    from,
    to,
    seqs: q.seqs ? q.seqs.split(",").map(Number) : undefined,
    pending: true,
    limit: q.limit,
    offset: q.offset,
  });
  const items = await present(ctx, rows);
  // Reading who is in the ledger is itself a read of personal data.
  await inTransaction(ctx.db, (tx) =>
    ctx.ledger.record(tx, {
      action: "ledger.search",
      actor: caller.actor,
      subjects: subject && subject.id !== "none" ? [subject] : [],
      resource: "ledger/entries",
      purpose: "supervision",
      outcome: "success",
      requestId: caller.requestId,
      details: {
        results: rows.length,
        filters: Object.keys(q).filter(
          (k) => q[k as keyof AuditorQuery] !== undefined && k !== "limit" && k !== "offset",
        ),
      },
    }),
  );
  return { items, total };
}

/** The entries about the signed-in person, their account and (for agents) their organisation: 谁用了我的数据. */
export async function entriesAboutMe(
  ctx: ServiceContext,
  accountId: string,
  page: {
    limit: number;
    offset: number;
    othersOnly?: boolean | undefined;
    /** Only these entries (still only those about the account). */
    seqs?: number[] | undefined;
  },
) {
  const profile = await accounts.loadProfile(ctx, accountId);
  const subjects: { type: "person" | "organisation" | "account"; id: string }[] = [
    { type: "account", id: accountId },
  ];
  if (profile.person) {
    subjects.push({ type: "person", id: profile.person.id });
  }
  if (profile.organisation) {
    subjects.push({ type: "organisation", id: profile.organisation.id });
  }
  const results = await Promise.all(
    subjects.map((subject) =>
      repo.searchEntries(ctx.db, {
        subject,
        pending: true,
        limit: page.limit + page.offset,
        offset: 0,
        excludeActorAccountId: page.othersOnly ? accountId : undefined,
        seqs: page.seqs,
      }),
    ),
  );
  const merged = [...new Map(results.flatMap((r) => r.rows).map((r) => [r.seq, r])).values()].sort(
    (a, b) => b.seq - a.seq,
  );
  const rows = merged.slice(page.offset, page.offset + page.limit);
  const views = await present(ctx, rows);
  // The person sees themselves and the actors; subjects other than them are not shown.
  const mine = new Set(subjects.map((s) => `${s.type}:${s.id}`));
  return {
    items: views.map((v) => ({
      ...v,
      identities: v.identities.filter((i) => i.kind === "actor" || mine.has(`${i.type}:${i.id}`)),
    })),
    total: merged.length,
  };
}
