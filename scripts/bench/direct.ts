/**
 * The floor for `jira_get_issue`: the requests one call of the tool sent to the fake (path,
 * query, headers), fetched directly from the fake the way the tool had to send them: a request
 * the tool sent only after another was answered (the epic, named by the issue) is fetched after
 * that one's round, the others all at once. So the floor is the REST calls a client of
 * Atlassian would make for the same answer, and what the server adds is its own work.
 *
 * @module
 */
import type { RecordedRequest } from "../../tests/fake_atlassian/mod.ts";
import { median } from "./stats.ts";
import { latency, type ToolCaller } from "./stdio_session.ts";

/**
 * The rounds of `requests`: a request joins the round after the latest one holding a request
 * answered before it arrived (its answer may have named it), else the first.
 */
export function rounds(requests: readonly RecordedRequest[]): RecordedRequest[][] {
  const sorted = [...requests].sort((a, b) => a.receivedAt - b.receivedAt);
  const roundOf = new Map<RecordedRequest, number>();
  const result: RecordedRequest[][] = [];
  for (const request of sorted) {
    const after = sorted.filter((other) => other.answeredAt <= request.receivedAt);
    const round = Math.max(-1, ...after.map((other) => roundOf.get(other)!)) + 1;
    roundOf.set(request, round);
    (result[round] ??= []).push(request);
  }
  return result;
}

/**
 * What fetches one call's requests from `origin`, round by round (see {@link rounds}); the
 * rounds are worked out once, not in the timed calls.
 */
export function directFetch(
  origin: string,
  requests: readonly RecordedRequest[],
): () => Promise<void> {
  const urls = rounds(requests).map((round) =>
    round.map((request) => ({
      url: `${origin}${request.path}${String(request.query) ? `?${request.query}` : ""}`,
      headers: request.headers,
    }))
  );
  return async () => {
    for (const round of urls) {
      await Promise.all(round.map(async ({ url, headers }) => {
        const response = await fetch(url, { headers });
        if (!response.ok) throw new Error(`direct ${url}: HTTP ${response.status}`);
        await response.arrayBuffer();
      }));
    }
  };
}

/** Calls' times and those of the direct fetches paired with them, in ms. */
export interface Paired {
  /** The calls' times. */
  times: number[];
  /** The direct fetches' times, each paired with the call of the same index. */
  direct: number[];
}

/**
 * `count` calls of `name` on `client`, each paired with one direct fetch of its requests
 * (`fetchAll`) right before or after it (in turn, so that neither is always the one that runs
 * while the other's process may still be finishing its work), so that each pair is timed under
 * the same conditions (on a busy machine, two runs one after the other may not be), after as
 * many untimed pairs, so that the code both run is warm; `between` runs after each pair, untimed.
 * The server's added latency is then the median of the pairs' differences (`addedLatency`).
 */
export async function pairedLatency(
  client: ToolCaller,
  name: string,
  args: Record<string, unknown>,
  fetchAll: () => Promise<void>,
  count: number,
  between?: () => void,
): Promise<Paired> {
  let times: number[] = [];
  let direct: number[] = [];
  const fetchTimed = async () => {
    const t = performance.now();
    await fetchAll();
    direct.push(performance.now() - t);
  };
  for (let i = 0; i < 2 * count; i++) {
    if (i === count) {
      times = [];
      direct = [];
    }
    if (i % 2) await fetchTimed();
    times.push(...await latency(client, name, args, 1));
    if (i % 2 === 0) await fetchTimed();
    between?.();
  }
  return { times, direct };
}

/** What the server added: the median of the differences of the pairs, in ms. */
export function addedLatency({ times, direct }: Paired): number {
  return median(times.map((time, i) => time - direct[i]));
}
