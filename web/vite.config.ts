import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const outDir = fileURLToPath(new URL("../dist/web", import.meta.url));

// The dev server forwards API calls to a locally running Yimen server.
const apiTarget = process.env.YIMEN_DEV_API ?? "http://localhost:3000";

const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      yield* filesUnder(path);
    } else {
      yield path;
    }
  }
}

/** Writes .br and .gz siblings of every text asset so the server can serve them pre-compressed. */
function precompress(dir: string): Plugin {
  return {
    name: "yimen-precompress",
    apply: "build",
    closeBundle: {
      order: "post",
      sequential: true,
      handler() {
        for (const file of filesUnder(dir)) {
          if (!COMPRESSIBLE.test(file)) {
            continue;
          }
          const data = readFileSync(file);
          writeFileSync(
            `${file}.br`,
            brotliCompressSync(data, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
              },
            }),
          );
          writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
        }
      },
    },
  };
}

export default defineConfig({
  root,
  base: "/",
  plugins: [react(), precompress(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // React and the router change rarely: a stable chunk that browsers keep cached across releases.
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": apiTarget,
      "/ledger": apiTarget,
      "/healthz": apiTarget,
      "/readyz": apiTarget,
      "/metrics": apiTarget,
    },
  },
  preview: {
    proxy: {
      "/api": apiTarget,
      "/ledger": apiTarget,
      "/healthz": apiTarget,
      "/readyz": apiTarget,
      "/metrics": apiTarget,
    },
  },
});
