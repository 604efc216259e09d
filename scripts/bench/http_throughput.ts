/**
 * HTTP throughput: 50 (or `clients`) concurrent clients each calling `jira_get_issue` in a
 * bounded loop against the streamable-HTTP server, stateless or stateful, with the server's peak
 * RSS; and the floor, the fake serving the same requests directly at the same concurrency.
 *
 * @module
 */
import type { RecordedRequest } from "../../tests/fake_atlassian/mod.ts";
import { directFetch } from "./direct.ts";
import { RpcClient, startHttpServer } from "./http_server.ts";
import type { Launch } from "./launch.ts";
import { type LoadResult, runLoad } from "./load.ts";
import { peakRssKiB } from "./proc.ts";

/** The arguments of the `jira_get_issue` call that every throughput client repeats. */
export const GET_ISSUE = { issue_key: "DEMO-2" };

/** The floor: `directFetch` of one call's requests, `perClient` times in each of `clients` workers. */
export function directThroughput(
  origin: string,
  requests: readonly RecordedRequest[],
  clients: number,
  perClient: number,
): Promise<LoadResult> {
  const fetchAll = directFetch(origin, requests);
  return runLoad(clients, perClient, fetchAll, fetchAll);
}

/** Throughput of one server and its peak RSS (VmHWM, KiB) at the end of the run. */
export interface ServerThroughput {
  /** The load run. */
  load: LoadResult;
  /** Peak RSS of the server process, KiB. */
  peakKiB: number;
}

/**
 * Starts the server `launch` (a streamable-HTTP line), gives each of `clients` clients a session
 * when `stateful` and one untimed warm-up call, then times `perClient` calls per client.
 */
export async function serverThroughput(
  launch: Launch,
  stateful: boolean,
  clients: number,
  perClient: number,
): Promise<ServerThroughput> {
  const server = await startHttpServer(launch);
  try {
    const load = await runLoad(
      clients,
      perClient,
      async () => {
        const client = new RpcClient(server.url);
        if (stateful) await client.initialize();
        await client.callTool("jira_get_issue", GET_ISSUE);
        return client;
      },
      (client) => client.callTool("jira_get_issue", GET_ISSUE),
    );
    return { load, peakKiB: await peakRssKiB(server.pid) };
  } finally {
    await server.stop();
  }
}
