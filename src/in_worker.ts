/**
 * Whether this code runs inside a Worker. main.ts asks it to choose its side (the launcher
 * outside, the server inside the Worker it creates); the bench's floor server asks it too.
 *
 * @module
 */

/** Whether the calling module runs inside a Worker. */
export function inWorker(): boolean {
  const scope = (globalThis as { WorkerGlobalScope?: abstract new () => unknown })
    .WorkerGlobalScope;
  return scope !== undefined && globalThis instanceof scope;
}
