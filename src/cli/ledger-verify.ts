import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type SeenCheckpoint, verifyLog } from "../../shared/ledger/verify.js";

interface State {
  url: string;
  vkey: string;
  checkpoint: SeenCheckpoint;
}

function defaultStateFile(url: string): string {
  const dir = process.env.XDG_STATE_HOME ?? path.join(os.homedir(), ".local", "state");
  return path.join(
    dir,
    "yimen",
    `ledger-${url.replace(/^https?:\/\//, "").replace(/[^A-Za-z0-9.-]+/g, "_")}.json`,
  );
}

/**
 * `yimen ledger verify`: checks the signature, consistency with the checkpoint this machine saw
 * last (kept in a state file, with the verifier key pinned on first use) and every entry.
 */
export async function ledgerVerify(options: {
  url: string;
  vkey?: string;
  state?: string;
  json?: boolean;
}): Promise<boolean> {
  const stateFile = options.state ?? defaultStateFile(options.url);
  let state: State | undefined;
  try {
    state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as State;
  } catch {
    state = undefined;
  }
  const vkey = options.vkey ?? state?.vkey;
  const result = await verifyLog({ url: options.url, vkey, previous: state?.checkpoint });
  if (options.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(
      `log ${result.vkey.split("+")[0]}: ${result.checkpoint.size} entries, root ${result.checkpoint.root}`,
    );
    console.log(
      vkey ? "verifier key: pinned" : `verifier key: ${result.vkey} (first use: now pinned in ${stateFile})`,
    );
    for (const problem of result.problems) {
      console.log(`problem: ${problem}`);
    }
    if (result.firstBadIndex !== null) {
      console.log(`first bad index: ${result.firstBadIndex}`);
    }
    console.log(result.ok ? "OK: signature, consistency and every entry's inclusion verified" : "FAILED");
  }
  if (result.ok) {
    fs.mkdirSync(path.dirname(stateFile), { recursive: true });
    fs.writeFileSync(
      stateFile,
      `${JSON.stringify({ url: options.url, vkey: result.vkey, checkpoint: result.checkpoint }, null, 2)}\n`,
    );
  }
  return result.ok;
}
