/**
 * The MCP conformance scenarios that apply to a real server (not to the SDK's "everything"
 * reference server), run with the conformance package from npm against the real entry point
 * over streamable HTTP: initialize, ping, tools/list, logging/setLevel, several concurrent POST
 * streams, and DNS-rebinding protection.
 */
import { match } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { startHttp } from "./_harness.ts";

const SCENARIOS = [
  "server-initialize",
  "ping",
  "tools-list",
  "logging-set-level",
  "server-sse-multiple-streams",
  "dns-rebinding-protection",
];

/** Runs one scenario with the conformance CLI pinned in deno.json; returns its exit code and output. */
async function scenario(url: string, name: string) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "@modelcontextprotocol/conformance",
      "server",
      "--url",
      url,
      "--scenario",
      name,
    ],
    env: { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    stdin: "null",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  return { code: out.code, text };
}

Deno.test("the MCP conformance scenarios for a server pass over streamable HTTP", async (t) => {
  await using fake = await startFakeAtlassian();
  const server = await startHttp(fake.cloud.env, ["--transport", "streamable-http", "--port", "0"]);
  try {
    for (const name of SCENARIOS) {
      await t.step(name, async () => {
        const { code, text } = await scenario(server.url, name);
        match(text, /Passed: (\d+)\/\1, 0 failed, 0 warnings/, text);
        if (code !== 0) throw new Error(`conformance exited ${code}:\n${text}`);
      });
    }
  } finally {
    await server.stop();
  }
});
