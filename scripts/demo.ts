/**
 * `deno task demo`: starts the fake Atlassian, starts the real MCP server against it over
 * streamable HTTP on 127.0.0.1 (with least-privilege flags and `JIRA_PROJECTS_FILTER=DEMO`), and
 * runs a short scripted client session that shows what sets the server apart: readable answers,
 * a Markdown edit of a page that keeps its macros, the refusal of an edit that would drop them, a
 * write refused by the project allowlist, and the sandbox that reaches only the configured hosts.
 * Then it keeps serving and prints the client configuration to paste into Claude Desktop, Cursor
 * or VS Code; Ctrl-C ends everything. `--once` ends after the session (for tests).
 *
 * @module
 */
import { startFakeAtlassian } from "../tests/fake_atlassian/mod.ts";
import { Client, StreamableHTTPClientTransport } from "./_sdk_client.ts";
import { childEnv, MAIN, serverArgs } from "./_server_command.ts";

const flavour = Deno.args.includes("--datacenter") ? "datacenter" : "cloud";
const port = Number(Deno.args.find((a) => a.startsWith("--port="))?.slice(7) ?? 0);
const once = Deno.args.includes("--once");

/** Prints a titled section; long bodies are cut at a line end, never inside a line. */
function show(title: string, body: string, maxLines = 24): void {
  const lines = body.split("\n");
  const cut = lines.length > maxLines
    ? [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more lines)`]
    : lines;
  console.log(`\n=== ${title}\n${cut.join("\n")}`);
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
const env = { ...site.env, JIRA_PROJECTS_FILTER: "DEMO" };
const args = ["--transport", "streamable-http", "--port", String(port)];
const runArgs = serverArgs(env, args);
const server = new Deno.Command(Deno.execPath(), {
  args: runArgs,
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

/** Calls a tool; returns its text and, when the text is JSON, the parsed value. */
async function call(name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  const text = (result.content as { text: string }[]).map((c) => c.text).join("\n");
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { isError: result.isError === true, text, json };
}

const { tools } = await client.listTools();
const byToolset = new Map<string, number>();
for (const tool of tools) {
  const toolset = tool.name.split("_")[0];
  byToolset.set(toolset, (byToolset.get(toolset) ?? 0) + 1);
}
show(
  `tools/list: ${tools.length} tools`,
  [...byToolset].map(([product, n]) => `${product}: ${n}`).join("\n"),
);

const search = await call("jira_search", { jql: "project = DEMO ORDER BY key", limit: 5 });
const issues = (search.json?.issues ?? []) as Record<string, unknown>[];
show(
  "jira_search 'project = DEMO ORDER BY key': small answers, people by name",
  issues.map((i) =>
    `${i.key}  ${String(i.status).padEnd(12)} ${
      String((i.assignee as { name?: string })?.name ?? i.assignee ?? "").padEnd(12)
    } ${i.summary}`
  ).join("\n"),
);

const read = await call("confluence_get_page", { page_id: "1002" });
const markdown = String(read.json?.content ?? "");
show(
  `confluence_get_page 1002 "${read.json?.title}" v${read.json?.version}: Markdown, macros kept as comments`,
  markdown,
);

/** The macros in the current version of page 1002, as the fake Atlassian stores it. */
const macros = () => {
  const page = site.state.pages.find((p) => p.id === "1002");
  return (page?.versions.at(-1)?.storage.match(/<ac:structured-macro /g) ?? []).length;
};
const before = macros();
const edited = await call("confluence_update_page", {
  page_id: "1002",
  title: String(read.json?.title),
  content: `${markdown.trimEnd()}\n\nReviewed by the assistant.\n`,
});
show(
  "confluence_update_page: a Markdown edit keeps every macro",
  `${
    edited.json?.message ?? edited.text
  }\nmacros on the page before: ${before}, after: ${macros()}`,
);

const stripped = markdown.replace(/<!--[\s\S]*?-->/g, "");
const dropped = await call("confluence_update_page", {
  page_id: "1002",
  title: String(read.json?.title),
  content: stripped,
});
show("confluence_update_page without the macro comments: refused, nothing written", dropped.text);

const outside = await call("jira_create_issue", {
  project_key: "OPS",
  summary: "Created by the demo",
  issue_type: "Task",
});
show("jira_create_issue in OPS with JIRA_PROJECTS_FILTER=DEMO: refused", outside.text);

const net = runArgs.find((a) => a.startsWith("--allow-net="))!;
// The same network permission as the server's process, asked for another host: Deno refuses.
const probe = await new Deno.Command(Deno.execPath(), {
  args: [
    "run",
    "--no-prompt",
    net,
    "data:application/javascript,await fetch('https://intranet.example.com/')",
  ],
  env: { NO_COLOR: "1" },
  stdin: "null",
  stdout: "null",
  stderr: "piped",
}).output();
const denied = new TextDecoder().decode(probe.stderr).match(/Requires net access to "[^"]+"/)?.[0];
const foreign = await call("confluence_get_page", {
  page_id: "https://intranet.example.com/wiki/spaces/OPS/pages/42/Secrets",
});
show(
  "The sandbox: the server's process may reach only the configured hosts",
  [
    `its flag: ${net}`,
    `Deno, asked for another host with that flag: ${denied ?? "(no refusal seen)"}`,
    `and before that, the tool itself: ${foreign.text}`,
  ].join("\n"),
);
await client.close();

if (once) await stop();

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
