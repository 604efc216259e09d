/**
 * `deno task demo`: starts the fake Atlassian, starts the real MCP server against it over
 * streamable HTTP on 127.0.0.1, runs a short scripted client session printing what it got, then
 * keeps serving and prints the client configuration to paste into Claude Desktop, Cursor or
 * VS Code. Ctrl-C ends everything.
 *
 * @module
 */
import { startFakeAtlassian } from "../tests/fake_atlassian/mod.ts";
import { Client, StreamableHTTPClientTransport } from "./_sdk_client.ts";
import { childEnv, MAIN, serverArgs } from "./_server_command.ts";

const flavour = Deno.args.includes("--datacenter") ? "datacenter" : "cloud";
const port = Number(Deno.args.find((a) => a.startsWith("--port="))?.slice(7) ?? 0);

function show(title: string, body: string): void {
  console.log(`\n=== ${title}\n${body.length > 1200 ? body.slice(0, 1200) + "\n…" : body}`);
}

async function waitForListen(stderr: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stderr.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`The server exited before listening:\n${seen}`);
    seen += value;
    const match = seen.match(/listening on (http:\/\/\S+)/);
    if (match) {
      (async () => {
        for (;;) {
          const next = await reader.read();
          if (next.done) break;
          Deno.stderr.writeSync(new TextEncoder().encode(next.value));
        }
      })();
      return match[1];
    }
  }
}

const fake = await startFakeAtlassian();
const site = fake[flavour];
const env = site.env;
const args = ["--transport", "streamable-http", "--port", String(port)];
const server = new Deno.Command(Deno.execPath(), {
  args: serverArgs(env, args),
  env: childEnv(env),
  clearEnv: true,
  stdin: "null",
  stdout: "inherit",
  stderr: "piped",
}).spawn();

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    server.kill("SIGTERM");
  } catch {
    // already gone
  }
  await server.status;
  await fake.close();
  console.log("\nStopped the server and the fake Atlassian.");
  Deno.exit(0);
}
Deno.addSignalListener("SIGINT", stop);
Deno.addSignalListener("SIGTERM", stop);

const url = await waitForListen(server.stderr);
console.log(`Fake Atlassian (${flavour}) at ${site.origin}; MCP server at ${url}`);

const client = new Client({ name: "demo", version: "1.0.0" });
await client.connect(new StreamableHTTPClientTransport(new URL(url)));
const text = (result: Record<string, unknown>) =>
  (result.content as { text: string }[]).map((c) => c.text).join("\n");
const pretty = (s: string) => {
  try {
    return JSON.stringify(JSON.parse(s), null, 2);
  } catch {
    return s;
  }
};

const { tools } = await client.listTools();
show(`tools/list: ${tools.length} tools`, tools.map((t) => `${t.name}  — ${t.title}`).join("\n"));
show(
  "jira_search { jql: 'project = DEMO ORDER BY key', limit: 3 }",
  pretty(
    text(
      await client.callTool({
        name: "jira_search",
        arguments: { jql: "project = DEMO ORDER BY key", limit: 3 },
      }),
    ),
  ),
);
show(
  "jira_get_issue { issue_key: 'DEMO-2' }",
  pretty(
    text(
      await client.callTool({
        name: "jira_get_issue",
        arguments: { issue_key: "DEMO-2", comment_limit: 2 },
      }),
    ),
  ),
);
const page = JSON.parse(
  text(await client.callTool({ name: "confluence_get_page", arguments: { page_id: "1002" } })),
);
show(
  `confluence_get_page { page_id: '1002' } -> "${page.title}" v${page.version}, Markdown:`,
  page.content,
);
await client.close();

const stdioArgs = serverArgs(env, []);
console.log(`
=== Use it from your MCP client (the server keeps running; Ctrl-C stops everything)

Streamable HTTP (Claude Code: claude mcp add --transport http atlassian ${url}):
${JSON.stringify({ mcpServers: { atlassian: { type: "http", url } } }, null, 2)}

stdio (Claude Desktop claude_desktop_config.json, Cursor .cursor/mcp.json; VS Code .vscode/mcp.json uses "servers" instead of "mcpServers"):
${
  JSON.stringify(
    { mcpServers: { atlassian: { command: Deno.execPath(), args: stdioArgs, env } } },
    null,
    2,
  )
}

Entry point: ${MAIN}`);
await server.status;
await fake.close();
