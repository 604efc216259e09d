import { deepEqual, throws } from "node:assert/strict";
import { parseRunLine, shellWords } from "../../../scripts/bench/run_line.ts";
import { formatRunCommand, shellQuote } from "../../../src/sandbox/mod.ts";

Deno.test("shellWords undoes the quoting of --print-permissions", () => {
  const args = ["plain", "with space", "it's", "", "a\\b"];
  deepEqual(shellWords(args.map(shellQuote).join(" ")), args);
  deepEqual(shellWords(`a"b c"d e\\ f`), ["ab cd", "e f"]);
  throws(() => shellWords("'open"));
});

Deno.test("parseRunLine separates leading assignments from the deno run words", () => {
  const line = `DENO_TLS_CA_STORE=system ${
    formatRunCommand(["--allow-net=127.0.0.1:1"], "/x/main.ts", ["--port", "0"])
  }`;
  deepEqual(parseRunLine(line), {
    env: { DENO_TLS_CA_STORE: "system" },
    words: ["deno", "run", "--allow-net=127.0.0.1:1", "/x/main.ts", "--port", "0"],
  });
  throws(() => parseRunLine("node main.js"));
});
