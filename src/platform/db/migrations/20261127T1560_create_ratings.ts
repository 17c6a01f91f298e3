import type { Migration } from "../migrate.js";

export const createRatings: Migration = {
  name: "20261127T1560_create_ratings",
  sql: /* sql */ `
-- 好差评 (国办发〔2019〕51号): the applicant rates a concluded application once, 1 (非常不满意) to 5
-- (非常满意). The department and service are copied from the application so that the public
-- performance page aggregates one table. public_comment is the comment with names, ID numbers,
-- mobile numbers and e-mail addresses removed when it was written: the only form published.
create table application_ratings (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null unique references applications (id) on delete cascade,
  rater_account uuid not null references accounts (id),
  score smallint not null check (score between 1 and 5),
  comment text,
  public_comment text,
  department text not null,
  service_code text not null,
  service_name text not null,
  service_name_en text not null,
  rated_at timestamptz not null default now(),
  ledger_seq bigint
);
create index application_ratings_rated on application_ratings (rated_at);
create index application_ratings_department on application_ratings (department, rated_at);

-- 差评整改: a bad rating (1–2) opens one for the department concerned, with a deadline in working
-- days (due_on; null with due_unknown_year set when the calendar has no data for that year), the
-- department's reply to the applicant (回访) and a review closing it with a finding.
create table rating_rectifications (
  id uuid primary key default gen_random_uuid(),
  rating_id uuid not null unique references application_ratings (id) on delete cascade,
  application_id uuid not null references applications (id) on delete cascade,
  department text not null,
  status text not null check (status in ('open', 'replied', 'closed')),
  opened_on date not null,
  limit_days integer not null,
  due_on date,
  due_unknown_year integer,
  reply text,
  replied_at timestamptz,
  replied_by uuid references accounts (id),
  finding text check (finding in ('verified', 'not-verified')),
  review_note text,
  reviewed_at timestamptz,
  reviewed_by uuid references accounts (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'closed') = (finding is not null)),
  check (status = 'open' or reply is not null)
);
-- The departments' list, open ones by deadline.
create index rating_rectifications_department on rating_rectifications (department, status, due_on);

-- Leaders' statistics filter applications and tasks by when they were submitted and concluded.
create index applications_submitted_at on applications (submitted_at) where submitted_at is not null;
create index applications_concluded_at on applications (concluded_at) where status = 'concluded';
create index application_tasks_concluded_at on application_tasks (concluded_at)
  where status in ('approved', 'rejected');
`,
};
