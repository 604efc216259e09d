/**
 * `deno task bench`: a benchmark, not a test. Against the fake Atlassian on loopback, in one run,
 * it measures issue 13's targets as ratios to floors measured alongside: cold start (spawn ->
 * `initialize` over stdio) of `deno task start`, the `--print-permissions` line and the bundle
 * against a minimal SDK server bundled here (also run the way the task runs the server: `deno
 * task`, -A, a Worker); the bundle's and that floor's first launches on an empty Deno cache;
 * peak RSS after initialize, RSS after 100 and 1,000 calls, the HTTP server's peak RSS under 50
 * clients; tools/list sizes; streamable-HTTP throughput (stateless and stateful) against the fake
 * serving the same requests directly; plus call latencies and the peak RSS of a large attachment
 * download. Prints a Markdown table with the machine it ran on; `--readme` writes it into
 * README.md. `--soak` runs the bounded soak instead (printed only).
 *
 * Environment (to shorten a run): BENCH_STARTS (15 interleaved starts each), BENCH_FIRST_LAUNCHES
 * (5 first launches each, on a fresh empty Deno cache every time), BENCH_CALLS (1000
 * stdio calls; RSS is read after a tenth and after all), BENCH_CLIENTS (50), BENCH_HTTP_CALLS
 * (40 calls per HTTP client), BENCH_ATTACHMENT_MIB (40; 0 skips), BENCH_SOAK_SECONDS (300),
 * BENCH_SOAK_SAMPLE (5 seconds between RSS samples). Linux only (/proc); temp files go in /tmp.
 *
 * @module
 */
import { startFakeAtlassian } from "../tests/fake_atlassian/mod.ts";
import { attachmentPeak } from "./bench/attachment.ts";
import { buildFloor, BUNDLE, coldStarts, ensureBundle, firstLaunch } from "./bench/cold_start.ts";
import { addedLatency, directFetch, pairedLatency } from "./bench/direct.ts";
import { freshTextLatency } from "./bench/fresh_text.ts";
import { directThroughput, GET_ISSUE, serverThroughput } from "./bench/http_throughput.ts";
import { type Launch, printedLaunch, taskLaunch } from "./bench/launch.ts";
import type { LoadResult } from "./bench/load.ts";
import { machine, mib } from "./bench/proc.ts";
import { RawStdioSession } from "./bench/raw_stdio.ts";
import { soak } from "./bench/soak.ts";
import { median, percentile } from "./bench/stats.ts";
import { callsWithRss, connect, latency, toolsListSize } from "./bench/stdio_session.ts";
import { render, type Row, writeReadme } from "./bench/table.ts";

function setting(name: string, fallback: number): number {
  const value = Number(Deno.env.get(name) ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
  return value;
}

const STARTS = Math.max(1, setting("BENCH_STARTS", 15));
const FIRST_LAUNCHES = Math.max(1, setting("BENCH_FIRST_LAUNCHES", 5));
const CALLS = Math.max(10, setting("BENCH_CALLS", 1000));
const CLIENTS = Math.max(1, setting("BENCH_CLIENTS", 50));
const HTTP_CALLS = Math.max(1, setting("BENCH_HTTP_CALLS", 40));
const ATTACHMENT_MIB = setting("BENCH_ATTACHMENT_MIB", 40);
const SOAK_SECONDS = Math.max(10, setting("BENCH_SOAK_SECONDS", 300));
const SOAK_SAMPLE = Math.max(1, setting("BENCH_SOAK_SAMPLE", 5));
const TMP = "/tmp";

const ms = (value: number) => `${value.toFixed(0)} ms`;
const ms1 = (value: number) => `${value.toFixed(1)} ms`;
const rate = (load: LoadResult) =>
  `${load.perSecond.toFixed(0)} calls/s (p50 ${ms1(load.p50)}, p99 ${ms1(load.p99)})`;

const fake = await startFakeAtlassian();
const env = fake.cloud.env;
const tmp = await Deno.makeTempDir({ dir: TMP, prefix: "mcp-atlassian-bench-" });
try {
  if (Deno.args.includes("--soak")) await runSoak();
  else await runBench();
} finally {
  await Deno.remove(tmp, { recursive: true });
  await fake.close();
}

async function runSoak(): Promise<void> {
  const entry = (await ensureBundle()) ? BUNDLE : "main.ts";
  const launch = await printedLaunch(entry, env, [
    "--transport",
    "streamable-http",
    "--port",
    "0",
  ]);
  const result = await soak(launch, CLIENTS, SOAK_SECONDS, SOAK_SAMPLE);
  const rss = result.samples.map(([, value]) => value);
  const grows = result.slopeMiBPerMin > 1;
  console.log(`Machine: ${await machine()}
Soak: ${SOAK_SECONDS} s of mixed calls over stateful streamable HTTP, ${CLIENTS} clients, ${result.calls} calls

| RSS first | last | peak (VmHWM) | slope over the second half | trend |
| --- | --- | --- | --- | --- |
| ${rss[0].toFixed(0)} MiB | ${rss.at(-1)!.toFixed(0)} MiB | ${result.peakMiB.toFixed(0)} MiB | ${
    result.slopeMiBPerMin.toFixed(2)
  } MiB/min | ${grows ? "grows (slope > 1 MiB/min)" : "no growth trend (slope ≤ 1 MiB/min)"} |`);
}

async function runBench(): Promise<void> {
  const rows: Row[] = [];

  // 1. Cold start, interleaved; 2. the bundle's first launch on an empty cache.
  const printed = await printedLaunch("main.ts", env);
  const floor = await buildFloor(tmp);
  const launches = new Map<string, Launch>([
    ["floor", floor.plain],
    ["floor in a Worker", floor.taskWorker],
    ["task", taskLaunch(env)],
    ["printed", printed],
  ]);
  const unusable = new Map<string, string>(); // name -> "not built" or "failed: ..."
  if (!(await ensureBundle())) unusable.set("bundle", "not built");
  else {
    try {
      launches.set("bundle", await printedLaunch(BUNDLE, env));
    } catch (error) {
      unusable.set("bundle", `failed: ${oneLine(String(error))}`);
    }
  }
  const { starts, failed } = await coldStarts(launches, STARTS);
  for (const [name, error] of failed) unusable.set(name, `failed: ${oneLine(error)}`);
  const again = (name: string) =>
    unusable.get(name) === "not built" ? "not built" : "failed (see its cold start row)";
  const startMs = (name: string) => median(starts.get(name)?.map((s) => s.ms) ?? []);
  const peakKiB = (name: string) => Math.max(...starts.get(name)?.map((s) => s.peakKiB) ?? [0]);
  const floorMs = startMs("floor");
  rows.push({
    measurement:
      `cold start floor: minimal SDK stdio server, one minified bundle (median of ${STARTS})`,
    figure: unusable.get("floor") ?? ms(floorMs),
  });
  // A launch's cold start against the floor; with `goal`, the ratio the goal is about.
  const coldRow = (measurement: string, name: string, goal = true): Row => {
    const judged = goal ? { goal: "≤ 1.3×" } : {};
    if (unusable.has(name)) return { measurement, figure: unusable.get(name)!, ...judged };
    const ratio = startMs(name) / floorMs;
    const row = { measurement, figure: ms(startMs(name)), floor: ms(floorMs), ratio };
    return goal ? { ...row, ...judged, met: ratio <= 1.3 } : row;
  };
  const bundleName = `the bundle \`${BUNDLE}\``;
  rows.push(coldRow(
    "cold start floor served as `deno task start` serves: `deno task`, -A, a Worker",
    "floor in a Worker",
    false,
  ));
  rows.push(
    coldRow(`cold start: \`deno task start\` (${bundleName} under -A, in a Worker)`, "task"),
  );
  rows.push(
    coldRow(`cold start: the \`--print-permissions\` line of ${bundleName} (no Worker)`, "bundle"),
  );
  rows.push(coldRow(
    "cold start: the `--print-permissions` line of `main.ts` (TypeScript sources)",
    "printed",
    false,
  ));
  // A launch's first launch on an empty cache against its warm start; with `goal`, judged.
  const firstRow = async (measurement: string, launch: Launch, warm: number, goal: boolean) => {
    const first = await firstLaunch(launch, tmp, FIRST_LAUNCHES);
    const ratio = first.ok ? first.ms / warm : undefined;
    const row: Row = {
      measurement,
      figure: first.ok
        ? `${ms(first.ms)}${goal ? ", no downloads" : ""}`
        : `failed: ${oneLine(first.error)}`,
      floor: `warm ${ms(warm)}`,
      ratio,
    };
    return goal
      ? { ...row, goal: "< 1.5×, no downloads", met: ratio !== undefined && ratio < 1.5 }
      : row;
  };
  const firstName = `first launch of ${bundleName} on an empty Deno cache (\`--cached-only\`)`;
  if (unusable.has("bundle")) {
    rows.push({ measurement: firstName, figure: again("bundle"), goal: "< 1.5×" });
  } else {
    rows.push(await firstRow(firstName, launches.get("bundle")!, startMs("bundle"), true));
  }
  if (!unusable.has("floor")) {
    const name = "first launch of the floor's bundle on an empty Deno cache";
    rows.push(await firstRow(name, floor.plain, floorMs, false));
  }

  // 3. Memory after initialize.
  const rssRow = (measurement: string, name: string): Row =>
    unusable.has(name) ? { measurement, figure: again(name), goal: "≤ 70 MiB" } : {
      measurement,
      figure: `${mib(peakKiB(name))} MiB`,
      goal: "≤ 70 MiB",
      met: peakKiB(name) <= 70 * 1024,
    };
  rows.push(rssRow(`peak RSS after initialize: ${bundleName}, its printed line`, "bundle"));
  rows.push({
    measurement: "peak RSS after initialize: `main.ts`, its printed line",
    figure: unusable.get("printed") ?? `${mib(peakKiB("printed"))} MiB`,
  });

  // 4. tools/list, and one stdio session: call latency and RSS after a tenth and all the calls.
  // The sessions and the HTTP servers run what users run: the bundle under its printed line.
  const entry = launches.has("bundle") && !unusable.has("bundle") ? BUNDLE : "main.ts";
  const session = await connect(await printedLaunch(entry, env));
  const full = await toolsListSize(session.client);
  const tenth = Math.round(CALLS / 10);
  const gets = await callsWithRss(session, "jira_get_issue", GET_ISSUE, CALLS, [tenth, CALLS]);
  fake.cloud.requests.length = 0;
  await latency(session.client, "jira_get_issue", GET_ISSUE, 1);
  const requests = [...fake.cloud.requests];
  // What the server adds, timed with a plain JSON-RPC client: the MCP SDK client's own work
  // (parsing and validating each result) is not the server's.
  const raw = await RawStdioSession.open(await printedLaunch(entry, env));
  const addedCalls = Math.max(10, Math.round(CALLS / 5));
  const fetchAll = directFetch(fake.cloud.origin, requests);
  const cached = await pairedLatency(raw, "jira_get_issue", GET_ISSUE, fetchAll, addedCalls);
  const fresh = await freshTextLatency(fake.cloud, raw, GET_ISSUE.issue_key, fetchAll, addedCalls);
  await raw.close();
  const search = await latency(
    session.client,
    "jira_search",
    { jql: "project = DEMO", limit: 10 },
    50,
  );
  await session.client.close();
  const defaults = await connect(await printedLaunch(entry, { ...env, TOOLSETS: "default" }));
  const defaultSize = await toolsListSize(defaults.client);
  await defaults.client.close();

  const rssTenth = gets.rss.get(tenth)!;
  const rssAll = gets.rss.get(CALLS)!;
  rows.push({
    measurement: `RSS after ${CALLS} \`jira_get_issue\` calls on one stdio session (VmRSS)`,
    figure: `${mib(rssAll)} MiB`,
    floor: `after ${tenth}: ${mib(rssTenth)} MiB`,
    ratio: rssAll / rssTenth,
    goal: "≤ 1.2×",
    met: rssAll / rssTenth <= 1.2,
  });

  // 5. HTTP throughput (the floor before and after the servers; the higher one counts), and the
  // HTTP server's peak RSS under load.
  const httpArgs = ["--transport", "streamable-http", "--port", "0"];
  const floorBefore = await directThroughput(fake.cloud.origin, requests, CLIENTS, HTTP_CALLS);
  const stateless = await serverThroughput(
    await printedLaunch(entry, env, [...httpArgs, "--stateless"]),
    false,
    CLIENTS,
    HTTP_CALLS,
  );
  const stateful = await serverThroughput(
    await printedLaunch(entry, env, httpArgs),
    true,
    CLIENTS,
    HTTP_CALLS,
  );
  const floorAfter = await directThroughput(fake.cloud.origin, requests, CLIENTS, HTTP_CALLS);
  const httpFloor = floorBefore.perSecond >= floorAfter.perSecond ? floorBefore : floorAfter;
  for (const [mode, result] of [["stateless", stateless], ["stateful", stateful]] as const) {
    rows.push({
      measurement: `peak RSS, streamable HTTP ${mode}, ${CLIENTS} clients calling tools`,
      figure: `${mib(result.peakKiB)} MiB`,
      goal: "< 150 MiB",
      met: result.peakKiB < 150 * 1024,
    });
  }
  // tools/list sizes (measured in the stdio sessions above).
  const perTool = full.bytes / full.tools;
  rows.push({
    measurement: "tools/list, every toolset: bytes per tool",
    figure: `${perTool.toFixed(0)} B (${full.tools} tools, ${full.bytes} B)`,
    goal: "≤ 600 B",
    met: perTool <= 600,
  });
  rows.push({
    measurement: "tools/list, `TOOLSETS=default`",
    figure: `${defaultSize.bytes} B (${defaultSize.tools} tools)`,
    goal: "≤ 20,000 B",
    met: defaultSize.bytes <= 20_000,
  });

  for (const [mode, result] of [["stateless", stateless], ["stateful", stateful]] as const) {
    rows.push({
      measurement:
        `streamable HTTP ${mode}: ${CLIENTS} clients × ${HTTP_CALLS} \`jira_get_issue\` calls`,
      figure: rate(result.load),
      floor: `fake direct: ${rate(httpFloor)}`,
      ratio: result.load.perSecond / httpFloor.perSecond,
      goal: "≥ 0.5×",
      met: result.load.perSecond / httpFloor.perSecond >= 0.5,
    });
  }

  // Latencies over stdio (no goal).
  rows.push({
    measurement: `\`jira_get_issue\` latency over stdio (${CALLS} calls)`,
    figure: `${ms1(median(gets.times))} (p95 ${ms1(percentile(gets.times, 95))})`,
  });
  rows.push({
    measurement:
      `\`jira_get_issue\` added latency over a direct fetch of its requests (${cached.times.length} calls)`,
    figure: ms1(addedLatency(cached)),
    floor: `direct fetch ${ms1(median(cached.direct))}`,
  });
  const freshAdded = addedLatency(fresh);
  rows.push({
    measurement:
      `\`jira_get_issue\` added latency, text new at every call (read cache missed, ${fresh.times.length} calls)`,
    figure: ms1(freshAdded),
    floor: `direct fetch ${ms1(median(fresh.direct))}`,
    goal: "≤ 1.5 ms",
    met: freshAdded <= 1.5,
  });
  rows.push({
    measurement: "`jira_search` latency over stdio, 10 issues (50 calls)",
    figure: `${ms1(median(search))} (p95 ${ms1(percentile(search, 95))})`,
  });

  if (ATTACHMENT_MIB > 0) {
    // The goal: the server holds the file about once, so its peak stays near idle + the file.
    const download = await attachmentPeak(fake, printed, ATTACHMENT_MIB);
    const above = (download.peakKiB - download.idleKiB) / 1024 / ATTACHMENT_MIB;
    rows.push({
      measurement:
        `peak RSS while \`jira_download_attachments\` answers a ${ATTACHMENT_MIB} MiB file`,
      figure: `${mib(download.peakKiB)} MiB, ${(download.ms / 1000).toFixed(1)} s for the call`,
      floor: `idle ${mib(download.idleKiB)} MiB + the file ${ATTACHMENT_MIB} MiB`,
      ratio: above,
      goal: "≤ 1.3× the file above idle",
      met: above <= 1.3,
    });
  }

  const report = render(await machine(), rows);
  console.log(report);
  if (Deno.args.includes("--readme")) await writeReadme(report);
}

/** An error message on one short line, for a table cell. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").replaceAll("|", "/").slice(0, 160);
}
