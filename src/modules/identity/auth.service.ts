import { createHash, randomBytes } from "node:crypto";
import type { ServiceContext } from "../../platform/context.js";
import { inTransaction } from "../../platform/db/tx.js";
import { conflict, DomainError, notFound, validationError } from "../../platform/errors.js";
import type { Principal, PrincipalResolver } from "../../platform/http/auth.js";
import { accountLocked, wrongCredentials } from "./identity.errors.js";
import * as repo from "./identity.repository.js";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "./passwords.js";
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

/**
 * Signs in with a password. A new session id is always issued and any session the client already
 * presented is ended (no fixation). Failures count towards a temporary lockout.
 */
export async function signIn(
  ctx: ServiceContext,
  input: { username: string; password: string; previousSessionId?: string | undefined },
): Promise<NewSession> {
  const account = await repo.findAccountByUsername(ctx.db, input.username.trim().toLowerCase());
  if (account?.locked_until && account.locked_until > new Date()) {
    throw accountLocked(account.locked_until);
  }
  const ok = await verifyPassword(account?.password_hash ?? null, input.password);
  if (account?.status !== "active") {
    throw wrongCredentials();
  }
  if (!ok) {
    const lockedUntil = await repo.recordFailedSignIn(
      ctx.db,
      account.id,
      ctx.config.lockoutThreshold,
      ctx.config.lockoutMinutes,
    );
    throw lockedUntil ? accountLocked(lockedUntil) : wrongCredentials();
  }
  if (input.previousSessionId) {
    await repo.deleteSession(ctx.db, sha256(input.previousSessionId));
  }
  await repo.updateAccount(ctx.db, account.id, {
    failed_attempts: 0,
    locked_until: null,
    last_sign_in_at: new Date(),
  });
  return startSession(ctx, account.id);
}

/** Removes sessions past their expiry. */
export function deleteExpiredSessions(ctx: ServiceContext): Promise<void> {
  return repo.deleteExpiredSessions(ctx.db);
}

export async function signOut(ctx: ServiceContext, sessionId: string): Promise<void> {
  await repo.deleteSession(ctx.db, sha256(sessionId));
}

/** Changes the signed-in account's own password; every other session of the account ends. */
export async function changePassword(
  ctx: ServiceContext,
  accountId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<NewSession> {
  const account = await repo.findAccount(ctx.db, accountId);
  if (!account) {
    throw notFound("Account");
  }
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
    throw new DomainError("VALIDATION", "The current password is wrong", "body.currentPassword");
  }
  if (input.currentPassword === input.newPassword) {
    throw validationError("body.newPassword", "The new password must differ from the current one");
  }
  checkPasswordPolicy(input.newPassword, account.username, "body.newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(ctx.db, async (tx) => {
    await repo.updateAccount(tx, accountId, { password_hash: passwordHash, password_changed_at: new Date() });
    await repo.deleteSessionsOfAccount(tx, accountId);
    return startSession({ ...ctx, db: tx }, accountId);
  });
}

// Sessions are touched at most this often, so reads do not turn into writes.
const TOUCH_INTERVAL_MS = 5 * 60_000;

/** Resolves cookies and bearer tokens to principals for the HTTP layer. */
export function principalResolver(ctx: ServiceContext): PrincipalResolver {
  return {
    async fromSession(sessionId: string): Promise<Principal | null> {
      if (sessionId.length > 100) {
        return null;
      }
      const idHash = sha256(sessionId);
      const row = await repo.findLiveSession(ctx.db, idHash);
      if (!row) {
        return null;
      }
      if (Date.now() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
        await repo.touchSession(ctx.db, idHash);
      }
      return {
        via: "session",
        accountId: row.account_id,
        roles: row.roles,
        departmentIds: row.department_ids,
        sessionIdHash: idHash,
        csrfToken: row.csrf_token,
      };
    },
    async fromToken(token: string): Promise<Principal | null> {
      if (!token.startsWith("ymn_") || token.length > 200) {
        return null;
      }
      const row = await repo.findLiveTokenByHash(ctx.db, sha256(token));
      if (!row) {
        return null;
      }
      if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
        await repo.touchToken(ctx.db, row.id);
      }
      return {
        via: "token",
        accountId: row.account_id,
        roles: row.roles,
        departmentIds: row.department_ids,
        tokenId: row.id,
        scopes: row.scopes,
      };
    },
  };
}

// ---- API tokens --------------------------------------------------------------------------------

/** Creates a token for a system client. The secret is returned once and only its hash is stored. */
export async function createToken(
  ctx: ServiceContext,
  createdBy: string,
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
  const id = await repo.insertToken(ctx.db, {
    account_id: account.id,
    name: input.name.trim(),
    prefix: `ymn_${secret.slice(0, 6)}`,
    secret_hash: sha256(token),
    scopes: [...new Set(input.scopes)],
    created_by: createdBy,
    expires_at: new Date(Date.now() + input.expiresInDays * 86_400_000),
  });
  const item = await repo.findToken(ctx.db, id);
  if (!item) {
    throw notFound("Token");
  }
  return { token, item };
}

export async function revokeToken(ctx: ServiceContext, id: string): Promise<void> {
  const token = await repo.findToken(ctx.db, id);
  if (!token) {
    throw notFound("Token");
  }
  if (token.revoked_at) {
    throw conflict("The token is already revoked");
  }
  await repo.revokeToken(ctx.db, id);
}

export function listTokens(ctx: ServiceContext, accountId?: string): Promise<repo.TokenRow[]> {
  return repo.listTokens(ctx.db, accountId);
}
