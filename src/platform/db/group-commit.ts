/** Whether the database reported the error (a SQLSTATE): the statement failed and wrote nothing. */
function refused(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
}

/** How a group commit batches. */
export interface GroupCommitOptions {
  /** At most this many items per write. */
  maxBatch: number;
  /** At most this many writes at once; items arriving meanwhile wait and go together. */
  maxInFlight: number;
}

/**
 * Group commit: concurrent callers' items are written together, in one `write` of many items (one
 * statement, one round trip) rather than one each. An item is written at once when a write slot is
 * free; while all are busy, items queue and the next free slot writes them in one go. So nothing
 * waits on a timer, and batches grow only with the load.
 *
 * Each caller's promise settles after the write holding its item did: with its own result, or
 * with the write's error. When the database refused a write of several items (an error it
 * reported, so nothing was written), each is written again on its own, so one item that cannot be
 * written fails its caller alone; when the connection failed, whether the write happened is not
 * known, so every caller gets the error and nothing is written twice. `write` must be all or
 * nothing (one statement, or one transaction) and return one result per item, in order.
 */
export function groupCommit<T, R>(
  write: (items: T[]) => Promise<R[]>,
  options: GroupCommitOptions,
): (item: T) => Promise<R> {
  interface Waiting {
    item: T;
    resolve: (result: R) => void;
    reject: (error: unknown) => void;
  }
  const queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  const settle = async (batch: Waiting[]) => {
    let results: R[];
    try {
      results = await write(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length === 1 || !refused(error)) {
        for (const w of batch) {
          w.reject(error);
        }
        return;
      }
      // Nothing of the batch was written: each item on its own, so the failure stays with its cause.
      await Promise.all(
        batch.map((w) =>
          write([w.item]).then(
            ([result]) => w.resolve(result as R),
            (alone: unknown) => w.reject(alone),
          ),
        ),
      );
      return;
    }
    for (const [i, w] of batch.entries()) {
      if (results.length === batch.length) {
        w.resolve(results[i] as R);
      } else {
        w.reject(new Error(`group commit: ${results.length} results for ${batch.length} items`));
      }
    }
  };

  const pump = () => {
    scheduled = false;
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      inFlight++;
      void settle(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // After the current microtasks: callers resuming in the same turn join one batch.
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(pump);
      }
    });
}

/**
 * A group commit per database (the platform may serve several in one process, in tests): `write`
 * of the items of concurrent callers on the same database (`ctx.db`), as groupCommit; the batch is
 * written through the context of the first caller on that database. Inside a caller's transaction
 * (`ctx.db.isTransaction`) an item is written at once, alone, so that it commits or rolls back with
 * the caller's other changes.
 */
export function groupCommitPerDb<C extends { db: object & { isTransaction: boolean } }, T, R>(
  write: (ctx: C, items: T[]) => Promise<R[]>,
  options: GroupCommitOptions,
): (ctx: C, item: T) => Promise<R> {
  const writers = new WeakMap<object, (item: T) => Promise<R>>();
  return (ctx, item) => {
    if (ctx.db.isTransaction) {
      return write(ctx, [item]).then((results) => {
        if (results.length !== 1) {
          throw new Error(`group commit: ${results.length} results for 1 item`);
        }
        return results[0] as R;
      });
    }
    let writer = writers.get(ctx.db);
    if (!writer) {
      writer = groupCommit((items: T[]) => write(ctx, items), options);
      writers.set(ctx.db, writer);
    }
    return writer(item);
  };
}
