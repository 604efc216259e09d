/**
 * Concurrent load with a bound: `clients` workers each run `perClient` operations one after
 * another; the result is each operation's time and the rate over the whole run.
 *
 * @module
 */
import { percentile } from "./stats.ts";

/** What a load run measured. */
export interface LoadResult {
  /** Completed operations per second over the whole run. */
  perSecond: number;
  /** Median operation time, ms. */
  p50: number;
  /** 99th-percentile operation time, ms. */
  p99: number;
  /** Operations completed. */
  count: number;
}

/**
 * Runs `operation(client, i)` `perClient` times in each of `clients` concurrent workers (each
 * worker first runs `setup(client)` once, untimed) and measures the whole.
 */
export async function runLoad<T>(
  clients: number,
  perClient: number,
  setup: (client: number) => Promise<T>,
  operation: (state: T, i: number) => Promise<unknown>,
): Promise<LoadResult> {
  const states = await Promise.all(Array.from({ length: clients }, (_, c) => setup(c)));
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(states.map(async (state) => {
    for (let i = 0; i < perClient; i++) {
      const t = performance.now();
      await operation(state, i);
      times.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return {
    perSecond: times.length / seconds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    count: times.length,
  };
}
