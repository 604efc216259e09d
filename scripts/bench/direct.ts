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

/** Fetches one call's requests from `origin`, round by round (see {@link rounds}). */
export async function fetchAll(
  origin: string,
  requests: readonly RecordedRequest[],
): Promise<void> {
  for (const round of rounds(requests)) {
    await Promise.all(round.map(async (request) => {
      const query = String(request.query) ? `?${request.query}` : "";
      const response = await fetch(`${origin}${request.path}${query}`, {
        headers: request.headers,
      });
      if (!response.ok) throw new Error(`direct ${request.path}: HTTP ${response.status}`);
      await response.arrayBuffer();
    }));
  }
}

/** `count` sequential times of `fetchAll`, after 5 untimed warm-up rounds, in ms. */
export async function directLatency(
  origin: string,
  requests: readonly RecordedRequest[],
  count: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count + 5; i++) {
    const t = performance.now();
    await fetchAll(origin, requests);
    if (i >= 5) times.push(performance.now() - t);
  }
  return times;
}
