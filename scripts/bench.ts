/**
 * `deno task bench`: a benchmark, not a test. Measures, against the fake Atlassian on loopback:
 * spawn-to-initialize time over stdio, peak RSS, the size of `tools/list` (all tools and the
 * default toolsets), per-call latency of `jira_get_issue` and `jira_search`, and what the server
 * adds to `jira_get_issue` over a direct fetch of the same request from the fake, and the peak RSS
 * while `jira_download_attachments` answers a 40 MiB attachment. Prints a
 * Markdown table with the machine it ran on; `--readme` also writes it into README.md.
 *
 * @module
 */
import { type RecordedRequest, startFakeAtlassian } from "../tests/fake_atlassian/mod.ts";
import { addIssueAttachment } from "../tests/fake_atlassian/_jira_attachments.ts";
import { Client, StdioClientTransport } from "./_sdk_client.ts";
import { childEnv, initializeRequest, serverArgs } from "./_server_command.ts";

const README = new URL("../README.md", import.meta.url);

/** Puts the report between the README's bench markers (kept out of deno fmt). */
async function writeReadme(report: string): Promise<void> {
  const readme = await Deno.readTextFile(README);
  const start = readme.indexOf("<!-- bench:start -->");
  const end = readme.indexOf("<!-- bench:end -->");
  if (start < 0 || end < start) throw new Error("README.md lacks the bench markers");
  const block = `<!-- bench:start -->\n<!-- deno-fmt-ignore-start -->\n\n${report}\n\n` +
    "<!-- deno-fmt-ignore-end -->\n";
  await Deno.writeTextFile(README, readme.slice(0, start) + block + readme.slice(end));
}

const STARTS = Number(Deno.env.get("BENCH_STARTS") ?? 15);
const CALLS = Number(Deno.env.get("BENCH_CALLS") ?? 50);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Reads a /proc file through `cat` (Deno reserves direct /proc reads for --allow-all). */
async function procFile(path: string): Promise<string> {
  const out = await new Deno.Command("cat", { args: [path], stdout: "piped", stderr: "null" })
    .output();
  return new TextDecoder().decode(out.stdout);
}

/** Peak resident set size of a process, in KiB (0 when unknown). */
async function peakRssKiB(pid: number): Promise<number> {
  return Number((await procFile(`/proc/${pid}/status`)).match(/VmHWM:\s+(\d+)/)?.[1] ?? 0);
}

const INITIALIZE = JSON.stringify(initializeRequest("bench")) + "\n";

/** Spawns the server, sends initialize, and times the first line of the answer. */
async function timeInitialize(
  env: Record<string, string>,
): Promise<{ ms: number; rssKiB: number }> {
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: serverArgs(env),
    env: childEnv(env),
    clearEnv: true,
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(INITIALIZE));
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!seen.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("server exited before answering initialize");
    seen += value;
  }
  const ms = performance.now() - started;
  const rssKiB = await peakRssKiB(child.pid);
  await writer.close();
  await reader.cancel();
  await child.status;
  return { ms, rssKiB };
}

async function connect(env: Record<string, string>): Promise<{ client: Client; pid?: number }> {
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: serverArgs(env),
    env: childEnv(env),
    stderr: "ignore",
    // The attachment answer is about 54 MB (the SDK's default stops at 10 MiB).
    maxBufferSize: 128 * 1024 * 1024,
  });
  const client = new Client({ name: "bench", version: "1.0.0" });
  await client.connect(transport);
  return { client, pid: transport.pid ?? undefined };
}

async function latency(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    const result = await client.callTool({ name, arguments: args });
    times.push(performance.now() - t);
    if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  }
  return times;
}

/**
 * The floor for `jira_get_issue`: the requests one call of the tool sent (path, query, headers),
 * fetched directly from the fake, all at once (the tool sends some of them one after another, so
 * this floor is low and the difference, what the server adds, is if anything overstated).
 */
async function directLatency(requests: RecordedRequest[]): Promise<number[]> {
  const fetchOne = async (request: RecordedRequest) => {
    const url = `${fake.cloud.origin}${request.path}?${request.query}`;
    const response = await fetch(url, { headers: request.headers });
    await response.json();
  };
  const times: number[] = [];
  for (let i = 0; i < CALLS + 5; i++) {
    const t = performance.now();
    await Promise.all(requests.map(fetchOne));
    if (i >= 5) times.push(performance.now() - t);
  }
  return times;
}

const fake = await startFakeAtlassian();
const env = fake.cloud.env;
try {
  await timeInitialize(env); // warm the module cache
  const starts: number[] = [];
  let rss = 0;
  for (let i = 0; i < STARTS; i++) {
    const r = await timeInitialize(env);
    starts.push(r.ms);
    rss = Math.max(rss, r.rssKiB);
  }

  const { client, pid } = await connect(env);
  const full = JSON.stringify((await client.listTools()).tools).length;
  const get = await latency(client, "jira_get_issue", { issue_key: "DEMO-2" });
  fake.cloud.requests.length = 0;
  await client.callTool({ name: "jira_get_issue", arguments: { issue_key: "DEMO-2" } });
  const direct = await directLatency([...fake.cloud.requests]);
  const search = await latency(client, "jira_search", { jql: "project = DEMO", limit: 10 });
  const peakAfterCalls = pid ? await peakRssKiB(pid) : 0;
  await client.close();

  // A 40 MiB attachment, downloaded once by a fresh server: its peak RSS against an idle one's.
  const ATTACHMENT_MIB = 40;
  addIssueAttachment(fake.cloud.state, "DEMO-3", {
    filename: "big.bin",
    mimeType: "application/octet-stream",
    bytes: patterned(ATTACHMENT_MIB * 1024 * 1024),
    created: new Date().toISOString(),
    author: "alice",
  });
  const downloader = await connect(env);
  const idleKiB = downloader.pid ? await peakRssKiB(downloader.pid) : 0;
  const downloadStarted = performance.now();
  const downloaded = await downloader.client.callTool(
    {
      name: "jira_download_attachments",
      arguments: { issue_key: "DEMO-3" },
    },
    undefined,
    { timeout: 300_000 },
  );
  const downloadMs = performance.now() - downloadStarted;
  if (downloaded.isError || (downloaded.content as unknown[]).length !== 2) {
    throw new Error(
      `jira_download_attachments failed: ${JSON.stringify(downloaded.content).slice(0, 300)}`,
    );
  }
  const downloadKiB = downloader.pid ? await peakRssKiB(downloader.pid) : 0;
  await downloader.client.close();

  const defaults = await connect({ ...env, TOOLSETS: "default" });
  const defaultSize = JSON.stringify((await defaults.client.listTools()).tools).length;
  await defaults.client.close();

  const cpu = (await procFile("/proc/cpuinfo")).match(/model name\s*:\s*(.*)/)?.[1] ??
    "unknown CPU";
  const mib = (kib: number) => (kib / 1024).toFixed(0);
  const report =
    `Machine: ${cpu}, ${navigator.hardwareConcurrency} cores, ${Deno.build.os}/${Deno.build.arch}, Deno ${Deno.version.deno}
Date: ${new Date().toISOString().slice(0, 10)}

| measure | median | p90/p95 | runs |
| --- | --- | --- | --- |
| spawn -> initialize reply (stdio, sandboxed Worker) | ${percentile(starts, 50).toFixed(0)} ms | ${
      percentile(starts, 90).toFixed(0)
    } ms (p90) | ${STARTS} |
| peak RSS after initialize | ${mib(rss)} MiB | | ${STARTS} |
| peak RSS after ${2 * CALLS} tool calls | ${mib(peakAfterCalls)} MiB | | 1 |
| tools/list, all tools | ${full} bytes | | |
| tools/list, TOOLSETS=default | ${defaultSize} bytes | | |
| jira_get_issue latency (fake, loopback) | ${percentile(get, 50).toFixed(1)} ms | ${
      percentile(get, 95).toFixed(1)
    } ms (p95) | ${CALLS} |
| jira_get_issue added latency over a direct fetch of its requests | ${
      (percentile(get, 50) - percentile(direct, 50)).toFixed(1)
    } ms | direct fetch ${percentile(direct, 50).toFixed(1)} ms | ${CALLS} |
| jira_search latency, 10 issues (fake, loopback) | ${percentile(search, 50).toFixed(1)} ms | ${
      percentile(search, 95).toFixed(1)
    } ms (p95) | ${CALLS} |
| peak RSS while jira_download_attachments answers a ${ATTACHMENT_MIB} MiB file (idle before: ${
      mib(idleKiB)
    } MiB) | ${mib(downloadKiB)} MiB | ${(downloadMs / 1000).toFixed(1)} s for the call | 1 |`;
  console.log(report);
  if (Deno.args.includes("--readme")) await writeReadme(report);
} finally {
  await fake.close();
}

/** `size` bytes counting 0..250 over and over (a loop: a mapping function per byte is slow). */
function patterned(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 251;
  return bytes;
}
