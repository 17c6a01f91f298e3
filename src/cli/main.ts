import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import { rotateSigningKey } from "../modules/certificates/index.js";
import { accounts, ROLE_INFO, ROLES, type Role } from "../modules/identity/index.js";
import { integrateAll, SYSTEM } from "../modules/ledger/index.js";
import { openPlatform, type Platform } from "../platform/bootstrap.js";
import { type Config, ConfigError, loadConfig } from "../platform/config.js";
import type { Caller } from "../platform/context.js";
import { DatabaseInUseError } from "../platform/db/database.js";
import { DomainError } from "../platform/errors.js";
import { seedDemo, seedReference } from "../seed/seed.js";
import { certificatesVerify } from "./certificates-verify.js";
import { ledgerVerify } from "./ledger-verify.js";
import { requestsCommand } from "./requests.js";
import { registerRequestCommands } from "./requests-commands.js";
import { serve } from "./serve.js";

/** An operator at the command line acts as the platform itself (no account); actions are recorded. */
const OPERATOR: Caller = { actor: SYSTEM, requestId: null };

/** The package version, from src/cli (two levels up) or dist/src/cli (three). */
function readVersion(): string {
  for (const relative of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "yimen" && pkg.version) {
        return pkg.version;
      }
    } catch {
      // not at this level
    }
  }
  return "0.0.0";
}

function configFrom(options: { port?: string; dataDir?: string }): Config {
  return loadConfig(process.env, {
    ...(options.port !== undefined ? { port: Number(options.port) } : {}),
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
  });
}

/** Opens the platform (applying pending migrations), runs fn, and closes it again. */
async function withPlatform<T>(
  options: { dataDir?: string },
  fn: (platform: Platform) => Promise<T>,
): Promise<T> {
  const platform = await openPlatform(configFrom(options));
  try {
    const result = await fn(platform);
    // What the command recorded is integrated and signed before the database closes.
    await integrateAll(platform.database.db, platform.ctx.ledger.keys);
    return result;
  } finally {
    await platform.close();
  }
}

const program = new Command()
  .name("yimen")
  .description("Yimen (一门): one door for citizens and enterprises, one governed exchange for departments")
  .version(readVersion());

const dataDirOption = new Option(
  "--data-dir <dir>",
  "data folder: the embedded database and the ledger keys (YIMEN_DATA_DIR, default ./data)",
);

program
  .command("serve")
  .description("start the platform: migrate, seed the demo on first start, serve the API and web client")
  .option("-p, --port <port>", "port to listen on (PORT, default 3000)")
  .addOption(dataDirOption)
  .option("--no-demo", "do not seed the demo data on first start")
  .action(async (options: { port?: string; dataDir?: string; demo: boolean }) => {
    await serve(configFrom(options), { demo: options.demo });
  });

program
  .command("migrate")
  .description("apply pending database migrations")
  .addOption(dataDirOption)
  .action(async (options: { dataDir?: string }) => {
    await withPlatform(options, async (platform) => {
      console.log(
        platform.applied.length ? `applied: ${platform.applied.join(", ")}` : "the database is up to date",
      );
    });
  });

program
  .command("seed")
  .description("load reference data (divisions); with --demo also the 杭州市 demo (once)")
  .addOption(dataDirOption)
  .option("--demo", "seed the demo departments, people, organisations and accounts")
  .action(async (options: { dataDir?: string; demo?: boolean }) => {
    await withPlatform(options, async (platform) => {
      if (options.demo) {
        const result = await seedDemo(platform.ctx);
        console.log(
          result.seeded ? `demo seeded: ${result.accounts.join(", ")}` : "the demo was already seeded",
        );
      } else {
        console.log(`divisions: ${await seedReference(platform.ctx)}`);
      }
    });
  });

const accountCmd = program.command("accounts").description("manage accounts (operators)");

accountCmd
  .command("create")
  .description("create an account; prints a generated password unless --password is given")
  .requiredOption("-u, --username <name>", "sign-in name")
  .requiredOption("-n, --name <displayName>", "display name")
  .requiredOption("-r, --role <role...>", `roles: ${ROLES.join(", ")}`)
  .option("-d, --department <code...>", "department codes (e.g. HZ-GA)")
  .option("--password <password>", "initial password (otherwise one is generated and printed once)")
  .addOption(dataDirOption)
  .action(
    async (options: {
      username: string;
      name: string;
      role: string[];
      department?: string[];
      password?: string;
      dataDir?: string;
    }) => {
      const unknown = options.role.find((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown) {
        throw new DomainError("VALIDATION", `unknown role ${unknown}; see yimen accounts roles`, "--role");
      }
      await withPlatform(options, async ({ ctx }) => {
        const departmentIds: string[] = [];
        for (const code of options.department ?? []) {
          const row = await ctx.db
            .selectFrom("departments")
            .select("id")
            .where("code", "=", code)
            .executeTakeFirst();
          if (!row) {
            throw new DomainError("VALIDATION", `no department with code ${code}`, "--department");
          }
          departmentIds.push(row.id);
        }
        const roles = options.role as Role[];
        const generated = roles.includes("system")
          ? undefined
          : (options.password ?? randomBytes(12).toString("base64url"));
        const account = await accounts.createAccount(ctx, OPERATOR, {
          username: options.username,
          displayName: options.name,
          password: generated,
          roles,
          departmentIds,
        });
        console.log(`created ${account.username} (${account.roles.join(", ")})`);
        if (generated && !options.password) {
          console.log(`initial password (shown once): ${generated}`);
        }
      });
    },
  );

accountCmd
  .command("reset-password")
  .description("set a new password, lift any lockout and end the account's sessions")
  .requiredOption("-u, --username <name>", "sign-in name")
  .option("--password <password>", "new password (otherwise one is generated and printed once)")
  .addOption(dataDirOption)
  .action(async (options: { username: string; password?: string; dataDir?: string }) => {
    await withPlatform(options, async ({ ctx }) => {
      const account = await accounts.findAccountByUsernameOrThrow(ctx, options.username);
      const password = options.password ?? randomBytes(12).toString("base64url");
      await accounts.resetPassword(ctx, OPERATOR, account.id, password, "--password");
      console.log(`password of ${account.username} reset`);
      if (!options.password) {
        console.log(`new password (shown once): ${password}`);
      }
    });
  });

accountCmd
  .command("list")
  .description("list accounts with their roles")
  .option("-r, --role <role>", "only accounts with this role")
  .addOption(dataDirOption)
  .action(async (options: { role?: string; dataDir?: string }) => {
    await withPlatform(options, async ({ ctx }) => {
      const { rows } = await accounts.listAccounts(ctx, OPERATOR, {
        role: options.role as Role | undefined,
        limit: 500,
        offset: 0,
      });
      for (const a of rows) {
        console.log(`${a.username.padEnd(20)} ${a.status.padEnd(8)} ${a.roles.join(",")}`);
      }
    });
  });

accountCmd
  .command("roles")
  .description("list the roles and what they may do")
  .action(() => {
    for (const role of ROLES) {
      console.log(
        `${role.padEnd(18)} ${ROLE_INFO[role].name} / ${ROLE_INFO[role].nameEn}: ${ROLE_INFO[role].descriptionEn}`,
      );
    }
  });

const ledgerCmd = program.command("ledger").description("the transparency ledger");

ledgerCmd
  .command("verify")
  .description(
    "verify a ledger: checkpoint signature, consistency with the last checkpoint seen, every entry's inclusion",
  )
  .requiredOption("--url <url>", "base URL of the platform, e.g. http://localhost:3000")
  .option("--vkey <key>", "the log's verifier key (otherwise pinned on first use)")
  .option("--state <file>", "where the last verified checkpoint is kept")
  .option("--json", "print the result as JSON")
  .action(async (options: { url: string; vkey?: string; state?: string; json?: boolean }) => {
    if (!(await ledgerVerify(options))) {
      process.exitCode = 1;
    }
  });

const certificatesCmd = program.command("certificates").description("e-certificates (电子证照)");

certificatesCmd
  .command("verify <file>")
  .description("verify a downloaded certificate's signature offline with the published keys")
  .option("--keys <file>", "the key set (/.well-known/yimen-certificate-keys.json, saved): fully offline")
  .option("--url <url>", "else fetch the keys from this platform", "http://localhost:3000")
  .option("--json", "print the result as JSON")
  .action(async (file: string, options: { keys?: string; url: string; json?: boolean }) => {
    if (!(await certificatesVerify(file, options))) {
      process.exitCode = 1;
    }
  });

certificatesCmd
  .command("rotate-key")
  .description(
    "make a new signing key current; the old public key stays published (stop a PGlite server first)",
  )
  .addOption(dataDirOption)
  .action(async (options: { dataDir?: string }) => {
    await withPlatform(options, async ({ ctx }) => {
      const { keyId, previous } = await rotateSigningKey(ctx, OPERATOR);
      console.log(`signing key ${keyId} is current; ${previous} is retired and stays published`);
    });
  });
const requestsCmd = registerRequestCommands(
  program,
  withPlatform,
  () =>
    new Option(
      "--data-dir <dir>",
      "data folder: the embedded database and the ledger keys (YIMEN_DATA_DIR, default ./data)",
    ),
  OPERATOR,
);
// The classifier's commands (train, evaluate, cross-validate, classify) join `yimen requests`.
for (const sub of requestsCommand(dataDirOption, (options) => configFrom(options).dataDir).commands) {
  requestsCmd.addCommand(sub);
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseInUseError) {
    console.error(error.message);
  } else if (error instanceof DomainError) {
    console.error(`error: ${error.message}${error.field ? ` (${error.field})` : ""}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
