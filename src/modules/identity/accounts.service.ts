import type { Caller, ServiceContext } from "../../platform/context.js";
import { inTransaction } from "../../platform/db/tx.js";
import { conflict, forbidden, notFound, validationError } from "../../platform/errors.js";
import * as repo from "./identity.repository.js";
import type { AccountKind, AccountStatus, Role } from "./identity.tables.js";
import { checkPasswordPolicy, hashPassword } from "./passwords.js";
import { forgetPrincipals } from "./principal-cache.js";
import { DEPARTMENT_ROLES } from "./roles.js";

export interface NewAccount {
  username: string;
  displayName: string;
  /** Omitted for system clients, which sign in only with API tokens. */
  password?: string | undefined;
  roles: Role[];
  departmentIds: string[];
  kind?: AccountKind | undefined;
  personId?: string | null | undefined;
  organisationId?: string | null | undefined;
}

function inferKind(input: NewAccount): AccountKind {
  if (input.kind) {
    return input.kind;
  }
  if (input.roles.includes("system")) {
    return "system";
  }
  if (input.organisationId) {
    return "organisation";
  }
  if (input.personId && input.roles.every((r) => r === "citizen")) {
    return "person";
  }
  return "staff";
}

async function checkRolesAndDepartments(
  ctx: ServiceContext,
  kind: AccountKind,
  roles: readonly Role[],
  departmentIds: readonly string[],
): Promise<void> {
  if (roles.length === 0) {
    throw validationError("body.roles", "An account needs at least one role");
  }
  if (kind === "system" ? roles.some((r) => r !== "system") : roles.includes("system")) {
    throw validationError(
      "body.roles",
      "The system role is only for system clients, and they hold no other role",
    );
  }
  if (roles.some((r) => DEPARTMENT_ROLES.includes(r)) && departmentIds.length === 0) {
    throw validationError(
      "body.departmentIds",
      "Officers, department admins, leaders and helpers must belong to a department",
    );
  }
  const found = new Set((await repo.findDepartmentsByIds(ctx.db, [...departmentIds])).map((d) => d.id));
  const missing = departmentIds.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    throw validationError(`body.departmentIds[${missing}]`, "No such department");
  }
}

/** Creates an account with its roles and departments in one transaction. */
export async function createAccount(
  ctx: ServiceContext,
  caller: Caller,
  input: NewAccount,
): Promise<repo.AccountRow> {
  const username = input.username.trim().toLowerCase();
  const kind = inferKind(input);
  const roles = [...new Set(input.roles)];
  const departmentIds = [...new Set(input.departmentIds)];
  await checkRolesAndDepartments(ctx, kind, roles, departmentIds);
  if (kind !== "system" && !input.password) {
    throw validationError("body.password", "A password is required");
  }
  if (input.password) {
    checkPasswordPolicy(input.password, username, "body.password");
  }
  if (await repo.findAccountByUsername(ctx.db, username)) {
    throw conflict("This username is taken", "body.username");
  }
  const passwordHash = input.password && kind !== "system" ? await hashPassword(input.password) : null;
  const id = await inTransaction(ctx.db, async (tx) => {
    const accountId = await repo.insertAccount(tx, {
      username,
      display_name: input.displayName.trim(),
      kind,
      person_id: input.personId ?? null,
      organisation_id: input.organisationId ?? null,
      password_hash: passwordHash,
    });
    await repo.replaceRoles(tx, accountId, roles);
    await repo.replaceDepartments(tx, accountId, departmentIds);
    await ctx.ledger.record(tx, {
      action: "identity.account.create",
      actor: caller.actor,
      subjects: [
        { type: "account", id: accountId },
        ...(input.personId ? [{ type: "person" as const, id: input.personId }] : []),
        ...(input.organisationId ? [{ type: "organisation" as const, id: input.organisationId }] : []),
      ],
      resource: "identity/accounts",
      outcome: "success",
      requestId: caller.requestId,
      details: { kind, roles: [...roles].sort(), departments: [...departmentIds].sort() },
    });
    return accountId;
  });
  return findAccountOrThrow(ctx, id);
}

export async function findAccountOrThrow(ctx: ServiceContext, id: string): Promise<repo.AccountRow> {
  const account = await repo.findAccount(ctx.db, id);
  if (!account) {
    throw notFound("Account");
  }
  return account;
}

/** How an account is reached outside the app. */
export interface AccountContact {
  status: "active" | "disabled";
  /** The address the account's holder gave (PATCH /api/me), if any. */
  email: string | null;
  /** The mobile number of the account's person (citizens, agents and staff registered as persons). */
  mobile: string | null;
}

/** The account's e-mail and mobile for notifications; undefined when there is no such account. */
export async function contactOf(ctx: ServiceContext, accountId: string): Promise<AccountContact | undefined> {
  const row = await repo.findContact(ctx.db, accountId);
  return row ? { status: row.status, email: row.email, mobile: row.mobile } : undefined;
}

/** `l***@example.cn`: how an e-mail address appears in the ledger and to others. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at > 0 ? `${email[0]}***${email.slice(at)}` : "***";
}

/**
 * The account's holder gives (or removes, with null) the address for e-mail notifications. Recorded in
 * the ledger with the address masked.
 */
export async function setOwnEmail(
  ctx: ServiceContext,
  caller: Caller,
  email: string | null,
): Promise<repo.AccountRow> {
  const accountId = caller.actor.accountId;
  if (!accountId) {
    throw forbidden("Sign in to change your e-mail address");
  }
  const address = email === null ? null : email.trim();
  if (address !== null && !EMAIL.test(address)) {
    throw validationError("body.email", "Give an e-mail address such as name@example.cn");
  }
  await inTransaction(ctx.db, async (tx) => {
    await tx
      .updateTable("accounts")
      .set({ email: address, updated_at: new Date() })
      .where("id", "=", accountId)
      .execute();
    await ctx.ledger.record(tx, {
      action: "identity.account.email",
      actor: caller.actor,
      subjects: [{ type: "account", id: accountId }],
      resource: "identity/accounts",
      outcome: "success",
      requestId: caller.requestId,
      details: { email: address === null ? "removed" : maskEmail(address) },
    });
  });
  return findAccountOrThrow(ctx, accountId);
}
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Changes roles, departments, name or status. The last active platform admin cannot be removed. */
export async function updateAccount(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  patch: {
    displayName?: string | undefined;
    roles?: Role[] | undefined;
    departmentIds?: string[] | undefined;
    status?: AccountStatus | undefined;
  },
): Promise<repo.AccountRow> {
  const account = await findAccountOrThrow(ctx, id);
  const roles = patch.roles ? [...new Set(patch.roles)] : account.roles;
  const departmentIds = patch.departmentIds ? [...new Set(patch.departmentIds)] : account.department_ids;
  await checkRolesAndDepartments(ctx, account.kind, roles, departmentIds);
  const losesAdmin =
    account.roles.includes("platform_admin") &&
    (!roles.includes("platform_admin") || patch.status === "disabled");
  if (losesAdmin && (await repo.countAccountsWithRole(ctx.db, "platform_admin")) <= 1) {
    throw conflict(
      "The last platform admin cannot lose that role or be disabled",
      patch.roles ? "body.roles" : "body.status",
    );
  }
  if (id === caller.actor.accountId && patch.status === "disabled") {
    throw conflict("You cannot disable your own account", "body.status");
  }
  await inTransaction(ctx.db, async (tx) => {
    await repo.updateAccount(tx, id, {
      ...(patch.displayName !== undefined ? { display_name: patch.displayName.trim() } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
    });
    if (patch.roles) {
      await repo.replaceRoles(tx, id, roles);
    }
    if (patch.departmentIds) {
      await repo.replaceDepartments(tx, id, departmentIds);
    }
    if (patch.status === "disabled") {
      await repo.deleteSessionsOfAccount(tx, id);
    }
    // Role and department changes are recorded with the state before and after.
    await ctx.ledger.record(tx, {
      action: "identity.account.update",
      actor: caller.actor,
      subjects: [{ type: "account", id }],
      resource: "identity/accounts",
      outcome: "success",
      requestId: caller.requestId,
      details: {
        changed: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined),
        rolesBefore: [...account.roles].sort(),
        rolesAfter: [...roles].sort(),
        departmentsBefore: [...account.department_ids].sort(),
        departmentsAfter: [...departmentIds].sort(),
        status: patch.status ?? account.status,
      },
    });
  });
  forgetPrincipals(ctx.db);
  return findAccountOrThrow(ctx, id);
}

/** An operator sets a new password: the lockout is lifted and every session of the account ends. */
export async function resetPassword(
  ctx: ServiceContext,
  caller: Caller,
  id: string,
  newPassword: string,
  field = "body.newPassword",
): Promise<void> {
  const account = await findAccountOrThrow(ctx, id);
  if (account.kind === "system") {
    throw validationError("id", "System clients have no password; issue an API token instead");
  }
  checkPasswordPolicy(newPassword, account.username, field);
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(ctx.db, async (tx) => {
    await repo.updateAccount(tx, id, {
      password_hash: passwordHash,
      password_changed_at: new Date(),
      failed_attempts: 0,
      locked_until: null,
    });
    await repo.deleteSessionsOfAccount(tx, id);
    await ctx.ledger.record(tx, {
      action: "identity.account.password_reset",
      actor: caller.actor,
      subjects: [{ type: "account", id }],
      resource: "identity/accounts",
      outcome: "success",
      requestId: caller.requestId,
    });
  });
  forgetPrincipals(ctx.db);
}

export async function findAccountByUsernameOrThrow(
  ctx: ServiceContext,
  username: string,
): Promise<repo.AccountRow> {
  const account = await repo.findAccountByUsername(ctx.db, username.trim().toLowerCase());
  if (!account) {
    throw notFound(`Account ${username}`);
  }
  return account;
}

/** Lists accounts (names of people): the read is recorded with every account shown. */
export async function listAccounts(
  ctx: ServiceContext,
  caller: Caller,
  filter: { q?: string | undefined; role?: Role | undefined; limit: number; offset: number },
): Promise<{ rows: repo.AccountRow[]; total: number }> {
  const result = await repo.listAccounts(ctx.db, filter);
  if (result.rows.length > 0 && caller.actor.via !== "system") {
    await ctx.ledger.record(ctx.db, {
      action: "identity.accounts.read",
      actor: caller.actor,
      subjects: result.rows.map((a) => ({ type: "account" as const, id: a.id })),
      resource: "identity/accounts",
      purpose: "account administration",
      outcome: "success",
      requestId: caller.requestId,
      details: { count: result.rows.length },
    });
  }
  return result;
}

/** Everything the client needs about the signed-in account. */
export async function loadProfile(ctx: ServiceContext, accountId: string): Promise<repo.ProfileRow> {
  const profile = await repo.findProfile(ctx.db, accountId);
  if (!profile) {
    throw notFound("Account");
  }
  return profile;
}

/** Accounts with the departments they belong to, for presenting lists. */
export async function withDepartments(ctx: ServiceContext, accounts: repo.AccountRow[]) {
  const ids = [...new Set(accounts.flatMap((a) => a.department_ids))];
  return { accounts, departments: await repo.findDepartmentsByIds(ctx.db, ids) };
}

export function findAccountByUsername(
  ctx: ServiceContext,
  username: string,
): Promise<repo.AccountRow | undefined> {
  return repo.findAccountByUsername(ctx.db, username.trim().toLowerCase());
}
