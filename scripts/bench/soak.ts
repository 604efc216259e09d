/**
 * The soak (`deno task bench --soak`): a bounded run of mixed calls over stateful streamable HTTP
 * with many clients, sampling the server's RSS every few seconds. The result is the first, last
 * and peak RSS and the least-squares slope over the second half: near 0 means no growth trend.
 *
 * @module
 */
import { RpcClient, startHttpServer } from "./http_server.ts";
import type { Launch } from "./launch.ts";
import { peakRssKiB, rssKiB } from "./proc.ts";
import { slope } from "./stats.ts";

/** The calls each soak client makes in turn. */
const MIX: [string, Record<string, unknown>][] = [
  ["jira_get_issue", { issue_key: "DEMO-2" }],
  ["jira_search", { jql: "project = DEMO", limit: 10 }],
  ["confluence_get_page", { page_id: 1001 }],
];

/** What the soak measured. */
export interface SoakResult {
  /** RSS samples: [seconds since start, MiB]. */
  samples: [number, number][];
  /** Peak RSS of the server over the whole run (VmHWM), MiB. */
  peakMiB: number;
  /** Calls completed. */
  calls: number;
  /** Slope of RSS over the second half of the run, MiB per minute. */
  slopeMiBPerMin: number;
}

/**
 * Runs `clients` stateful clients making the mixed calls (and a `tools/list` now and then) for
 * `seconds`, reading the server's VmRSS every `sampleSeconds`.
 */
export async function soak(
  launch: Launch,
  clients: number,
  seconds: number,
  sampleSeconds: number,
): Promise<SoakResult> {
  const server = await startHttpServer(launch);
  try {
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const samples: [number, number][] = [];
    const sample = async () => {
      const at = (performance.now() - started) / 1000;
      const kib = await rssKiB(server.pid);
      if (kib) samples.push([at, kib / 1024]);
    };
    await sample();
    const sampler = setInterval(sample, sampleSeconds * 1000);
    let calls = 0;
    try {
      await Promise.all(Array.from({ length: clients }, async (_, c) => {
        const client = new RpcClient(server.url);
        await client.initialize();
        for (let i = c; performance.now() < deadline; i++) {
          if (i % 20 === 0) await client.request("tools/list", {});
          else await client.callTool(...MIX[i % MIX.length]);
          calls++;
        }
      }));
    } finally {
      clearInterval(sampler);
    }
    await sample();
    const peakMiB = (await peakRssKiB(server.pid)) / 1024;
    const secondHalf = samples.filter(([t]) => t >= seconds / 2);
    const perSecond = slope(secondHalf);
    return { samples, peakMiB, calls, slopeMiBPerMin: perSecond * 60 };
  } finally {
    await server.stop();
  }
}
