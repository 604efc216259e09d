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

/** `count` sequential times of `directFetch`, after 5 untimed warm-up rounds, in ms. */
export async function directLatency(
  origin: string,
  requests: readonly RecordedRequest[],
  count: number,
): Promise<number[]> {
  const fetchAll = directFetch(origin, requests);
  const times: number[] = [];
  for (let i = 0; i < count + 5; i++) {
    const t = performance.now();
    await fetchAll();
    if (i >= 5) times.push(performance.now() - t);
  }
  return times;
}
