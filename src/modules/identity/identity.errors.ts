import { DomainError } from "../../platform/errors.js";

export const wrongCredentials = (): DomainError =>
  new DomainError("UNAUTHENTICATED", "Wrong username or password");

export const accountLocked = (until: Date): DomainError =>
  new DomainError("LOCKED", `Too many failed sign-ins; try again after ${until.toISOString()}`, undefined, {
    lockedUntil: until.toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)),
  });
