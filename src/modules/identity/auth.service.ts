import { createHash, randomBytes } from "node:crypto";
import type { Transaction } from "kysely";
import type { Caller, ServiceContext } from "../../platform/context.js";
import type { Db } from "../../platform/db/database.js";
import type { DB } from "../../platform/db/schema.js";
import { inTransaction } from "../../platform/db/tx.js";
import { conflict, DomainError, notFound, validationError } from "../../platform/errors.js";
import type { Principal, PrincipalResolver } from "../../platform/http/auth.js";
import type { Actor } from "../ledger/index.js";
import { accountLocked, wrongCredentials } from "./identity.errors.js";
import * as repo from "./identity.repository.js";
import type { Role } from "./identity.tables.js";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "./passwords.js";
import { forgetPrincipals, type PrincipalCache } from "./principal-cache.js";
import { TOKEN_SCOPE_NAMES } from "./scopes.js";

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
const randomToken = (bytes: number): string => randomBytes(bytes).toString("base64url");

export interface NewSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  accountId: string;
}

async function startSession(ctx: ServiceContext, accountId: string): Promise<NewSession> {
  const sessionId = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + ctx.config.sessionHours * 3_600_000);
  await repo.insertSession(ctx.db, {
    id_hash: sha256(sessionId),
    account_id: accountId,
    csrf_token: csrfToken,
    expires_at: expiresAt,
  });
  return { sessionId, csrfToken, expiresAt, accountId };
}

/** The actor that an account is when it acts with its own session. */
function actorFor(account: repo.AccountRow, via: Actor["via"]): Actor {
  return { accountId: account.id, roles: account.roles, departmentIds: account.department_ids, via };
}

/**
 * Signs in with a password. A new session id is always issued and any session the client already
 * presented is ended (no fixation). Failures count towards a temporary lockout. Every attempt,
 * successful or not, is recorded in the ledger.
 */
export async function signIn(
  ctx: ServiceContext,
  input: { username: string; password: string; previousSessionId?: string | undefined },
  caller: Caller,
): Promise<NewSession> {
  const username = input.username.trim().toLowerCase();
  const account = await repo.findAccountByUsername(ctx.db, username);
  const attempt = (
    tx: Db | Transaction<DB>,
    outcome: "success" | "failure" | "denied",
    reason: string | null,
  ) =>
    ctx.ledger.record(tx, {
      action: "identity.sign_in",
      actor: account && outcome === "success" ? actorFor(account, "session") : caller.actor,
      subjects: account ? [{ type: "account", id: account.id }] : [],
      resource: "identity/session",
      outcome,
      requestId: caller.requestId,
      // An unknown name is kept only as a keyed hash: repeated guesses stay visible, the name does not.
      details: {
        ...(reason ? { reason } : {}),
        ...(account ? {} : { username: ctx.ledger.keys.keyedHash("username", username) }),
      },
    });
  if (account?.locked_until && account.locked_until > new Date()) {
    await attempt(ctx.db, "denied", "locked");
    throw accountLocked(account.locked_until);
  }
  const ok = await verifyPassword(account?.password_hash ?? null, input.password);
  if (account?.status !== "active") {
    await attempt(ctx.db, "failure", account ? "disabled" : "unknown_username");
    throw wrongCredentials();
  }
  if (!ok) {
    const lockedUntil = await inTransaction(ctx.db, async (tx) => {
      const until = await repo.recordFailedSignIn(
        tx,
        account.id,
        ctx.config.lockoutThreshold,
        ctx.config.lockoutMinutes,
      );
      await attempt(tx, "failure", until ? "wrong_password_locked" : "wrong_password");
      return until;
    });
    throw lockedUntil ? accountLocked(lockedUntil) : wrongCredentials();
  }
  return inTransaction(ctx.db, async (tx) => {
    if (input.previousSessionId) {
      await repo.deleteSession(tx, sha256(input.previousSessionId));
    }
    await repo.updateAccount(tx, account.id, {
      failed_attempts: 0,
      locked_until: null,
      last_sign_in_at: new Date(),
    });
    await attempt(tx, "success", null);
    return startSession({ ...ctx, db: tx }, account.id);
  });
}

/** Removes sessions past their expiry. */
export function deleteExpiredSessions(ctx: ServiceContext): Promise<void> {
  return repo.deleteExpiredSessions(ctx.db);
}

export async function signOut(ctx: ServiceContext, sessionId: string, caller: Caller): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    await repo.deleteSession(tx, sha256(sessionId));
    await ctx.ledger.record(tx, {
      action: "identity.sign_out",
      actor: caller.actor,
      resource: "identity/session",
      outcome: "success",
      requestId: caller.requestId,
    });
  });
  forgetPrincipals(ctx.db);
}

/** Changes the signed-in account's own password; every other session of the account ends. */
export async function changePassword(
  ctx: ServiceContext,
  caller: Caller,
  input: { currentPassword: string; newPassword: string },
): Promise<NewSession> {
  const accountId = caller.actor.accountId;
  const account = accountId ? await repo.findAccount(ctx.db, accountId) : undefined;
  if (!account) {
    throw notFound("Account");
  }
  const record = (tx: Db | Transaction<DB>, outcome: "success" | "failure", reason?: string) =>
    ctx.ledger.record(tx, {
      action: "identity.password.change",
      actor: caller.actor,
      subjects: [{ type: "account", id: account.id }],
      resource: "identity/accounts",
      outcome,
      requestId: caller.requestId,
      details: reason ? { reason } : {},
    });
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
    await record(ctx.db, "failure", "wrong_current_password");
    throw new DomainError("VALIDATION", "The current password is wrong", "body.currentPassword");
  }
  if (input.currentPassword === input.newPassword) {
    throw validationError("body.newPassword", "The new password must differ from the current one");
  }
  checkPasswordPolicy(input.newPassword, account.username, "body.newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  const session = await inTransaction(ctx.db, async (tx) => {
    await repo.updateAccount(tx, account.id, {
      password_hash: passwordHash,
      password_changed_at: new Date(),
    });
    await repo.deleteSessionsOfAccount(tx, account.id);
    await record(tx, "success");
    return startSession({ ...ctx, db: tx }, account.id);
  });
  forgetPrincipals(ctx.db);
  return session;
}

// Sessions are touched at most this often, so reads do not turn into writes.
const TOUCH_INTERVAL_MS = 5 * 60_000;

/**
 * Resolves cookies and bearer tokens to principals for the HTTP layer; with a cache, a credential
 * resolved before is answered from memory until the database says something changed (see
 * PrincipalCache), its expiry still checked on every request.
 */
export function principalResolver(ctx: ServiceContext, cache?: PrincipalCache): PrincipalResolver {
  const touchIfDue = async (key: string, touchedAt: number, touch: () => Promise<void>) => {
    if (Date.now() - touchedAt > TOUCH_INTERVAL_MS) {
      await touch();
      cache?.touched(key);
    }
  };
  return {
    async fromSession(sessionId: string): Promise<Principal | null> {
      if (sessionId.length > 100) {
        return null;
      }
      const idHash = sha256(sessionId);
      const key = `s:${idHash}`;
      const hit = cache?.get(key);
      if (hit) {
        await touchIfDue(key, hit.touchedAt, () => repo.touchSession(ctx.db, idHash));
        return hit.principal;
      }
      const generation = cache?.generation ?? 0;
      const row = await repo.findLiveSession(ctx.db, idHash);
      if (!row) {
        return null;
      }
      const principal: Principal = Object.freeze({
        via: "session",
        accountId: row.account_id,
        roles: Object.freeze(row.roles) as Role[],
        departmentIds: Object.freeze(row.department_ids) as string[],
        sessionIdHash: idHash,
        csrfToken: row.csrf_token,
      });
      const touchedAt = row.last_seen_at.getTime();
      cache?.set(key, { principal, expiresAt: row.expires_at.getTime(), touchedAt }, generation);
      await touchIfDue(key, touchedAt, () => repo.touchSession(ctx.db, idHash));
      return principal;
    },
    async fromToken(token: string): Promise<Principal | null> {
      if (!token.startsWith("ymn_") || token.length > 200) {
        return null;
      }
      const secretHash = sha256(token);
      const key = `t:${secretHash}`;
      const hit = cache?.get(key);
      if (hit) {
        const id = (hit.principal as Extract<Principal, { via: "token" }>).tokenId;
        await touchIfDue(key, hit.touchedAt, () => repo.touchToken(ctx.db, id));
        return hit.principal;
      }
      const generation = cache?.generation ?? 0;
      const row = await repo.findLiveTokenByHash(ctx.db, secretHash);
      if (!row) {
        return null;
      }
      const principal: Principal = Object.freeze({
        via: "token",
        accountId: row.account_id,
        roles: Object.freeze(row.roles) as Role[],
        departmentIds: Object.freeze(row.department_ids) as string[],
        tokenId: row.id,
        scopes: Object.freeze(row.scopes) as string[],
      });
      const touchedAt = row.last_used_at?.getTime() ?? 0;
      cache?.set(key, { principal, expiresAt: row.expires_at.getTime(), touchedAt }, generation);
      await touchIfDue(key, touchedAt, () => repo.touchToken(ctx.db, row.id));
      return principal;
    },
  };
}

// ---- API tokens --------------------------------------------------------------------------------

/** Creates a token for a system client. The secret is returned once and only its hash is stored. */
export async function createToken(
  ctx: ServiceContext,
  caller: Caller,
  input: { accountId: string; name: string; scopes: string[]; expiresInDays: number },
): Promise<{ token: string; item: repo.TokenRow }> {
  const account = await repo.findAccount(ctx.db, input.accountId);
  if (!account) {
    throw validationError("body.accountId", "No such account");
  }
  if (account.kind !== "system") {
    throw validationError("body.accountId", "API tokens are issued only to system-client accounts");
  }
  const unknown = input.scopes.find((s) => !TOKEN_SCOPE_NAMES.includes(s));
  if (unknown !== undefined) {
    throw validationError(`body.scopes[${input.scopes.indexOf(unknown)}]`, `Unknown scope ${unknown}`);
  }
  const secret = randomToken(32);
  const token = `ymn_${secret}`;
  const scopes = [...new Set(input.scopes)];
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const id = await inTransaction(ctx.db, async (tx) => {
    const tokenId = await repo.insertToken(tx, {
      account_id: account.id,
      name: input.name.trim(),
      prefix: `ymn_${secret.slice(0, 6)}`,
      secret_hash: sha256(token),
      scopes,
      created_by: caller.actor.accountId,
      expires_at: expiresAt,
    });
    await ctx.ledger.record(tx, {
      action: "identity.token.create",
      actor: caller.actor,
      subjects: [{ type: "account", id: account.id }],
      resource: `identity/tokens/${tokenId}`,
      outcome: "success",
      requestId: caller.requestId,
      details: { scopes, expiresAt: expiresAt.toISOString() },
    });
    return tokenId;
  });
  const item = await repo.findToken(ctx.db, id);
  if (!item) {
    throw notFound("Token");
  }
  return { token, item };
}

export async function revokeToken(ctx: ServiceContext, caller: Caller, id: string): Promise<void> {
  const token = await repo.findToken(ctx.db, id);
  if (!token) {
    throw notFound("Token");
  }
  if (token.revoked_at) {
    throw conflict("The token is already revoked");
  }
  await inTransaction(ctx.db, async (tx) => {
    await repo.revokeToken(tx, id);
    await ctx.ledger.record(tx, {
      action: "identity.token.revoke",
      actor: caller.actor,
      subjects: [{ type: "account", id: token.account_id }],
      resource: `identity/tokens/${id}`,
      outcome: "success",
      requestId: caller.requestId,
    });
  });
  forgetPrincipals(ctx.db);
}

export function listTokens(ctx: ServiceContext, accountId?: string): Promise<repo.TokenRow[]> {
  return repo.listTokens(ctx.db, accountId);
}
