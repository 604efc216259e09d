/**
 * One stdio session with the real server through the MCP SDK client: tools/list sizes, the
 * latency of `jira_get_issue` and `jira_search`, and the server's RSS after a number of calls.
 *
 * @module
 */
import { Client, StdioClientTransport } from "../_sdk_client.ts";
import { type Launch, ROOT } from "./launch.ts";
import { rssKiB } from "./proc.ts";

/** A connected SDK client and the server's process id. */
export interface Session {
  /** The SDK client. */
  client: Client;
  /** Process id of the server (0 when unknown). */
  pid: number;
}

/** Starts `launch` as a stdio server and connects the SDK client to it. */
export async function connect(launch: Launch): Promise<Session> {
  const transport = new StdioClientTransport({
    command: launch.command,
    args: launch.args,
    env: launch.env,
    cwd: ROOT,
    stderr: "ignore",
  });
  const client = new Client({ name: "bench", version: "1.0.0" });
  await client.connect(transport);
  return { client, pid: transport.pid ?? 0 };
}

/** The size of `tools/list` as sent: JSON bytes of the tools, and how many tools. */
export async function toolsListSize(client: Client): Promise<{ bytes: number; tools: number }> {
  const { tools } = await client.listTools();
  return { bytes: new TextEncoder().encode(JSON.stringify(tools)).length, tools: tools.length };
}

/** What calls a tool: the MCP SDK's client, or a plain JSON-RPC session (`RawStdioSession`). */
export interface ToolCaller {
  /** Calls a tool; resolves to its result. */
  callTool(
    params: { name: string; arguments: Record<string, unknown> },
  ): Promise<Record<string, unknown>>;
}

/** Calls `name` `count` times one after another; each call's time in ms. */
export async function latency(
  client: ToolCaller,
  name: string,
  args: Record<string, unknown>,
  count: number,
  afterCall?: (done: number) => void | Promise<void>,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const result = await client.callTool({ name, arguments: args });
    times.push(performance.now() - t);
    if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
    await afterCall?.(i + 1);
  }
  return times;
}

/**
 * `count` calls of `name` with the server's current RSS (VmRSS, KiB) read after each call number
 * listed in `at`; returns the call times and those readings.
 */
export async function callsWithRss(
  session: Session,
  name: string,
  args: Record<string, unknown>,
  count: number,
  at: readonly number[],
): Promise<{ times: number[]; rss: Map<number, number> }> {
  const rss = new Map<number, number>();
  const times = await latency(session.client, name, args, count, async (done) => {
    if (at.includes(done)) rss.set(done, await rssKiB(session.pid));
  });
  return { times, rss };
}
