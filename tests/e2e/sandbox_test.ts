/**
 * The sandbox itself: a Worker created with the plan's permissions reaches the configured
 * Atlassian host and nothing else, even inside a process that may reach everything.
 */
import { deepEqual } from "node:assert/strict";
import { loadConfig } from "../../src/config/mod.ts";
import { permissionPlan, sourceReadPaths, workerPermissions } from "../../src/sandbox/mod.ts";

Deno.test("a Worker with the plan's permissions reaches only the configured host", async () => {
  const allowed = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response("ok"),
  );
  const other = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response("leak"),
  );
  const env = {
    JIRA_URL: `http://127.0.0.1:${allowed.addr.port}`,
    JIRA_PERSONAL_TOKEN: "pat-value-123",
    SSL_CERT_FILE: "",
  };
  const result = loadConfig([], env, () => {
    throw new Deno.errors.NotFound("no file");
  });
  if (result.kind !== "ok") throw new Error(JSON.stringify(result));
  const plan = permissionPlan(result.config);
  deepEqual(plan.net, [`127.0.0.1:${allowed.addr.port}`]);
  const worker = new Worker(new URL("./_probe_worker.ts", import.meta.url), {
    type: "module",
    deno: {
      permissions: workerPermissions(plan, {
        read: sourceReadPaths(new URL("./", import.meta.url)),
      }),
    },
  });
  try {
    const outcome = await new Promise<string[]>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<string[]>) => resolve(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(e.message));
      };
      worker.postMessage([
        `http://127.0.0.1:${allowed.addr.port}/`,
        `http://127.0.0.1:${other.addr.port}/`,
        "http://localhost:65000/",
      ]);
    });
    deepEqual(outcome, ["reached 200", "NotCapable", "NotCapable", "env NotCapable"]);
  } finally {
    worker.terminate();
    await allowed.shutdown();
    await other.shutdown();
  }
});
