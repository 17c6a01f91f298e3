import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { applicationsRoutes, ratingsRoutes, statsRoutes } from "../modules/applications/index.js";
import { catalogRoutes, itemRefsByPower } from "../modules/catalog/index.js";
import { certificatesRoutes } from "../modules/certificates/index.js";
import { exchangeRoutes } from "../modules/exchange/index.js";
import { principalResolver } from "../modules/identity/auth.service.js";
import { identityRoutes } from "../modules/identity/index.js";
import { startPrincipalCache } from "../modules/identity/principal-cache.js";
import { createLedger, ledgerRoutes, loadLedgerKeys } from "../modules/ledger/index.js";
import { notificationRoutes } from "../modules/notifications/index.js";
import { policyRoutes, routeAuthorizer } from "../modules/policy/index.js";
import {
  open311Routes,
  publicRequestsRoutes,
  ratesRoutes,
  requestsRoutes,
} from "../modules/requests/index.js";
import { calendarRoutes } from "./calendar/index.js";
import type { Config } from "./config.js";
import type { ServiceContext } from "./context.js";
import { type Database, openDatabase } from "./db/database.js";
import { migrate } from "./db/migrate.js";
import { buildApp, type RegisteredRoute } from "./http/app.js";

export interface Platform {
  config: Config;
  database: Database;
  ctx: ServiceContext;
  /** Migrations applied by this open. */
  applied: string[];
  close(): Promise<void>;
}

/** PGlite's own folder inside the data folder (which also holds the ledger keys). */
export function pgliteDir(config: Config): string {
  return config.dataDir.startsWith("memory://") ? config.dataDir : path.join(config.dataDir, "pglite");
}

/** Opens the database and applies pending migrations: every command that touches data starts here. */
export async function openPlatform(config: Config): Promise<Platform> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: pgliteDir(config),
    poolSize: config.databasePoolSize,
  });
  try {
    const applied = await migrate(database.db);
    const ledger = createLedger(loadLedgerKeys(config));
    return {
      config,
      database,
      ctx: { db: database.db, config, ledger },
      applied,
      close: () => database.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The HTTP application of a platform with every module's routes. */
export async function createHttpApp(
  platform: Platform,
  options: { logStream?: DestinationStream } = {},
): Promise<{ app: FastifyInstance; routes: RegisteredRoute[] }> {
  let listenError: unknown = null;
  const principals = await startPrincipalCache(platform.database, {
    onError: (error) => {
      listenError = error;
    },
  });
  let built: Awaited<ReturnType<typeof buildApp>>;
  try {
    built = await buildApp({
      config: platform.config,
      database: platform.database,
      resolver: principalResolver(platform.ctx, principals.cache),
      authorizer: routeAuthorizer(platform.ctx),
      routes: [
        identityRoutes(platform.ctx),
        ledgerRoutes(platform.ctx),
        policyRoutes(platform.ctx, { servicesByPower: itemRefsByPower }),
        exchangeRoutes(platform.ctx),
        calendarRoutes(platform.ctx),
        applicationsRoutes(platform.ctx),
        catalogRoutes(platform.ctx),
        notificationRoutes(platform.ctx),
        certificatesRoutes(platform.ctx),
        ratingsRoutes(platform.ctx),
        statsRoutes(platform.ctx),
        requestsRoutes(platform.ctx),
        open311Routes(platform.ctx),
        ratesRoutes(platform.ctx),
        publicRequestsRoutes(platform.ctx),
      ],
      ...(options.logStream ? { logStream: options.logStream } : {}),
    });
  } catch (error) {
    await principals.stop();
    throw error;
  }
  if (listenError) {
    built.app.log.warn(
      { err: listenError },
      "LISTEN for credential changes failed: sessions are looked up on every request",
    );
  }
  built.app.addHook("onClose", principals.stop);
  return built;
}
