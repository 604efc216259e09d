/**
 * The sandbox itself: a Worker created with the plan's permissions reaches the configured
 * Atlassian host and nothing else, even inside a process that may reach everything; and a
 * process started with the plan's least-privilege flags, once narrowed as the launcher narrows it
 * before serving in its main isolate, is refused the same things.
 */
import { deepEqual, ok } from "node:assert/strict";
import { loadConfig } from "../../src/config/mod.ts";
import {
  denoRunFlags,
  permissionPlan,
  sourceReadPaths,
  workerPermissions,
} from "../../src/sandbox/mod.ts";

/** A loopback server that answers every request with `body`. */
function serveText(body: string): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response(body),
  );
}

Deno.test("a Worker with the plan's permissions reaches only the configured host", async () => {
  const allowed = serveText("ok");
  const other = serveText("leak");
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

/** What a Worker with the plan's permissions for `env` sees when it fetches each URL. */
async function probe(env: Record<string, string>, urls: string[]): Promise<string[]> {
  const result = loadConfig([], { SSL_CERT_FILE: "", ...env }, () => {
    throw new Deno.errors.NotFound("no file");
  });
  if (result.kind !== "ok") throw new Error(JSON.stringify(result));
  const worker = new Worker(new URL("./_probe_worker.ts", import.meta.url), {
    type: "module",
    deno: {
      permissions: workerPermissions(permissionPlan(result.config), {
        read: sourceReadPaths(new URL("./", import.meta.url)),
      }),
    },
  });
  try {
    return await new Promise<string[]>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<string[]>) => resolve(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(e.message));
      };
      worker.postMessage(urls);
    });
  } finally {
    worker.terminate();
  }
}

Deno.test("a Cloud Worker reaches the Forms API host only when a jira_forms tool is selected", async () => {
  const serve = () => serveText("ok");
  const site = serve();
  const api = serve();
  const env = {
    JIRA_URL: `http://127.0.0.1:${site.addr.port}`,
    JIRA_USERNAME: "alice@example.com",
    JIRA_API_TOKEN: "cloud-api-token",
    JIRA_DEPLOYMENT: "cloud",
    ATLASSIAN_API_URL: `http://127.0.0.1:${api.addr.port}`,
  };
  const urls = [`${env.JIRA_URL}/`, `${env.ATLASSIAN_API_URL}/jira/forms/cloud/x/issue/A-1/form`];
  try {
    const granted = ["reached 200", "reached 200", "env NotCapable"];
    const denied = ["reached 200", "NotCapable", "env NotCapable"];
    deepEqual(await probe(env, urls), granted);
    deepEqual(await probe({ ...env, TOOLSETS: "jira_issues,jira_forms" }, urls), granted);
    deepEqual(await probe({ ...env, TOOLSETS: "default" }, urls), denied);
    deepEqual(await probe({ ...env, ENABLED_TOOLS: "jira_get_issue" }, urls), denied);
  } finally {
    await site.shutdown();
    await api.shutdown();
  }
});

Deno.test("a process started with the plan's flags and narrowed is refused what the Worker is", async () => {
  const allowed = serveText("ok");
  const other = serveText("leak");
  const folder = await Deno.makeTempDir();
  try {
    const envFile = `${folder}/.env`;
    const env = `JIRA_URL=http://127.0.0.1:${allowed.addr.port}\nJIRA_PERSONAL_TOKEN=pat-123\n`;
    await Deno.writeTextFile(envFile, env);
    const result = loadConfig(
      ["--env-file", envFile],
      { SSL_CERT_FILE: "" },
      (path) => Deno.readTextFileSync(path),
    );
    if (result.kind !== "ok") throw new Error(JSON.stringify(result));
    const plan = permissionPlan(result.config, { envFile });
    const probe = (flags: string[]) =>
      new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          ...flags,
          new URL("./_probe_process.ts", import.meta.url).pathname,
          JSON.stringify(plan),
          `http://127.0.0.1:${allowed.addr.port}/`,
          `http://127.0.0.1:${other.addr.port}/`,
          "http://localhost:65000/",
        ],
        env: { HOME: folder, JIRA_URL: "x" },
        clearEnv: true,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
    const out = await probe(denoRunFlags(plan));
    const text = new TextDecoder().decode(out.stdout);
    deepEqual(JSON.parse(text || "null"), [
      "beyond: none",
      "reached 200",
      "NotCapable",
      "NotCapable",
      "env NotCapable",
      "envFile NotCapable",
      "run NotCapable",
    ], new TextDecoder().decode(out.stderr));
    // Wider grants are seen (the launcher then serves from a Worker): the .env file's folder, any
    // port of the site, another host.
    const wider = await probe([
      ...denoRunFlags(plan).filter((flag) => !flag.startsWith("--allow-net=")),
      `--allow-read=${folder}`,
      "--allow-net=127.0.0.1,example.invalid",
    ]);
    const seen = JSON.parse(new TextDecoder().decode(wider.stdout) || "[]")[0] ?? "";
    for (const flag of [`--allow-read=${folder}`, `--allow-net=127.0.0.1:1`]) {
      ok(seen.includes(flag), `${seen} names ${flag}`);
    }
  } finally {
    await allowed.shutdown();
    await other.shutdown();
    await Deno.remove(folder, { recursive: true });
  }
});
