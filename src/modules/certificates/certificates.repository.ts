import type { Insertable, Selectable } from "kysely";
import type { Db } from "../../platform/db/database.js";
import type { DB } from "../../platform/db/schema.js";

export type CertificateRow = Selectable<DB["certificates"]>;
export type KeyRow = Selectable<DB["certificate_keys"]>;

/**
 * Publishes a signing key if it is new; a new key retires the keys before it (they stay published).
 * Returns true when the key was new.
 */
export async function registerKey(db: Db, kid: string, publicKey: string): Promise<boolean> {
  const inserted = await db
    .insertInto("certificate_keys")
    .values({ kid, public_key: publicKey })
    .onConflict((oc) => oc.column("kid").doNothing())
    .returning("kid")
    .executeTakeFirst();
  if (inserted) {
    await db
      .updateTable("certificate_keys")
      .set({ retired_at: new Date() })
      .where("retired_at", "is", null)
      .where("kid", "<>", kid)
      .execute();
  }
  return inserted !== undefined;
}

export function listKeys(db: Db): Promise<KeyRow[]> {
  return db.selectFrom("certificate_keys").selectAll().orderBy("created_at").orderBy("kid").execute();
}

export async function insertCertificate(db: Db, row: Insertable<DB["certificates"]>): Promise<void> {
  await db.insertInto("certificates").values(row).execute();
}

export function findCertificate(db: Db, id: string): Promise<CertificateRow | undefined> {
  return db.selectFrom("certificates").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listByHolder(
  db: Db,
  holder: { type: "person" | "organisation"; id: string },
  limit: number,
): Promise<CertificateRow[]> {
  return db
    .selectFrom("certificates")
    .selectAll()
    .where("holder_type", "=", holder.type)
    .where("holder_id", "=", holder.id)
    .orderBy("issued_at", "desc")
    .limit(limit)
    .execute();
}

/** Marks a certificate revoked unless it already is; returns whether this call revoked it. */
export async function markRevoked(
  db: Db,
  id: string,
  revocation: { at: Date; by: string | null; reason: string },
): Promise<boolean> {
  const result = await db
    .updateTable("certificates")
    .set({ revoked_at: revocation.at, revoked_by: revocation.by, revocation_reason: revocation.reason })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
