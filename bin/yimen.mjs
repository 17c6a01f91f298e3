#!/usr/bin/env node
// Runs the built CLI when present (npm start builds it); otherwise runs the TypeScript source via tsx.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = fileURLToPath(new URL("../dist/src/cli/main.js", import.meta.url));
if (existsSync(built) && !process.env.YIMEN_FROM_SOURCE) {
  await import(built);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
