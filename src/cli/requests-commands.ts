import { readFileSync } from "node:fs";
import type { Command, Option } from "commander";
import { categories, open311 } from "../modules/requests/index.js";
import type { Platform } from "../platform/bootstrap.js";
import type { Caller } from "../platform/context.js";
import { DomainError } from "../platform/errors.js";

type WithPlatform = <T>(options: { dataDir?: string }, fn: (platform: Platform) => Promise<T>) => Promise<T>;

/**
 * `yimen requests …` and `yimen open311 …`. Returns the `requests` command so that other commands of
 * the module (training the classifier) can be added to it.
 */
export function registerRequestCommands(
  program: Command,
  withPlatform: WithPlatform,
  dataDirOption: () => Option,
  operator: Caller,
): Command {
  const requestsCmd = program.command("requests").description("citizens' requests (接诉即办)");
  const categoriesCmd = requestsCmd.command("categories").description("the request category tree");

  categoriesCmd
    .command("import")
    .description("import a category tree from a CSV with the columns level1,level2,level3")
    .requiredOption("--csv <file>", "CSV file (UTF-8, header row level1,level2,level3)")
    .addOption(dataDirOption())
    .action(async (options: { csv: string; dataDir?: string }) => {
      let text: string;
      try {
        text = readFileSync(options.csv, "utf8");
      } catch {
        throw new DomainError("VALIDATION", `cannot read ${options.csv}`, "--csv");
      }
      await withPlatform(options, async ({ ctx }) => {
        const result = await categories.importCategoriesCsv(ctx, operator, text);
        console.log(
          `rows: ${result.rows}, categories created: ${result.created}, already present: ${result.existing}`,
        );
      });
    });

  categoriesCmd
    .command("list")
    .description("print the category tree with departments and deadlines")
    .addOption(dataDirOption())
    .action(async (options: { dataDir?: string }) => {
      await withPlatform(options, async ({ ctx }) => {
        for (const c of (await categories.categoryTree(ctx)).list) {
          console.log(
            `${"  ".repeat(c.level - 1)}${c.name} [${c.code}] → ${c.department || "-"} (${c.contactHours} h, ${c.resolveDays} working days)`,
          );
        }
      });
    });

  const keysCmd = program
    .command("open311")
    .description("the Open311 GeoReport v2 endpoint")
    .command("keys")
    .description("API keys of Open311 clients");

  keysCmd
    .command("create")
    .description("issue an API key for an Open311 client; the key is printed once")
    .requiredOption("-n, --name <name>", "who the key is for, e.g. a city app")
    .addOption(dataDirOption())
    .action(async (options: { name: string; dataDir?: string }) => {
      await withPlatform(options, async ({ ctx }) => {
        const key = await open311.createKey(ctx, operator, options.name);
        console.log(`created Open311 API key "${key.name}" (${key.id})`);
        console.log(`api_key (shown once): ${key.key}`);
      });
    });

  keysCmd
    .command("list")
    .description("list Open311 API keys")
    .addOption(dataDirOption())
    .action(async (options: { dataDir?: string }) => {
      await withPlatform(options, async ({ ctx }) => {
        for (const k of await open311.listKeys(ctx)) {
          console.log(`${k.id}  ${k.prefix}…  ${k.revoked_at ? "revoked" : "active "}  ${k.name}`);
        }
      });
    });

  keysCmd
    .command("revoke")
    .description("revoke an Open311 API key")
    .requiredOption("--id <id>", "the key's id (from list)")
    .addOption(dataDirOption())
    .action(async (options: { id: string; dataDir?: string }) => {
      await withPlatform(options, async ({ ctx }) => {
        await open311.revokeKey(ctx, operator, options.id);
        console.log(`revoked ${options.id}`);
      });
    });

  return requestsCmd;
}
