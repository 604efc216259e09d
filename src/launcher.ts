/**
 * The launcher, which main.ts runs outside the Worker: flags + environment + .env -> Config,
 * then one of: print the version or help, print the least-privilege `deno run` line, run the
 * OAuth setup wizard (`--oauth-setup`, in this process, with its own least privilege), or serve
 * with only the permissions the configuration needs: in this process when it was started with
 * the least-privilege line (it gives up the rest first, see src/sandbox/narrow.ts), else (`-A`,
 * a compiled binary) inside a Worker created from the entry module with exactly those
 * permissions.
 *
 * @module
 */
import {
  CA_STORE_VAR,
  caStoreWithSystem,
  CLIENT_CONFIG_FILE,
  clientConfigText,
  type ClientKind,
  isSecretVariable,
  loadConfig,
  readProcessEnv,
  rerunArgs,
} from "./config/mod.ts";
import { basename, resolve } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";
import type { Config } from "./config/types.ts";
import { headerSecretValues, log, redact, secretValues, setLogLevel } from "./log.ts";
import {
  beyondPlan,
  denoRunFlags,
  formatRunCommand,
  listenAddress,
  missingPermissions,
  narrowToPlan,
  type PermissionPlan,
  permissionPlan,
  shellQuote,
  sourceReadPaths,
  workerPermissions,
} from "./sandbox/mod.ts";
import type { DoneMessage, StartMessage } from "./server/worker.ts";

const encoder = new TextEncoder();
/** The module this process started with (main.ts, or the bundle dist/mcp-atlassian.js). */
interface Entry {
  /** Its URL, which the Worker is created from. */
  url: string;
  /** Its path, which a printed line or client configuration runs. */
  path: string;
  /**
   * The Worker's modules: the entry and the src/ folder beside it (main.ts's sources; beside the
   * bundle there is none, and the grant reads nothing). Under `deno run` a Worker needs read
   * access to its local module files.
   */
  sources: { read: string[] };
}

/**
 * The `DENO_TLS_CA_STORE` value the process must start with, when
 * `MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE=true` asks for the operating system's certificates.
 */
function caStoreFor(config: Config, env: Record<string, string | undefined>): string | undefined {
  return config.systemTrustStore ? caStoreWithSystem(env[CA_STORE_VAR]) : undefined;
}

/**
 * Prints the `deno run` line for `flags`, repeating the user's arguments but not their
 * secrets (`instead` says where the withheld secrets go), and the .env file by its absolute path;
 * `caStore` goes before it as `DENO_TLS_CA_STORE=...` (Deno reads it when the process starts).
 */
function printRunLine(
  entry: Entry,
  flags: string[],
  argv: string[],
  instead: (names: string) => string,
  envFile?: string,
  caStore?: string,
): void {
  const { args, withheld } = rerunArgs(argv, envFile);
  const prefix = caStore ? `${CA_STORE_VAR}=${shellQuote(caStore)} ` : "";
  Deno.stdout.writeSync(encoder.encode(prefix + formatRunCommand(flags, entry.path, args) + "\n"));
  if (withheld.length) {
    log.notice(`Secrets were left out of that line: ${instead(withheld.join(", "))}.`);
  }
}

/** Variables the client must not pass on: the launcher's own home folders. */
const NOT_PASSED = new Set(["HOME", "USERPROFILE"]);

/**
 * Prints the MCP client configuration of `kind`: the client starts this binary, or this Deno
 * with the least-privilege flags and the .env file by its absolute path, with the variables of
 * this environment (secrets as references, see `clientConfigText`).
 */
function printClientConfig(
  entry: Entry,
  kind: ClientKind,
  config: Config,
  flags: string[],
  argv: string[],
  env: Record<string, string | undefined>,
  envFile?: string,
): void {
  const exec = Deno.execPath();
  const compiled = !/^deno(\.exe)?$/i.test(basename(exec));
  const { args, withheld } = rerunArgs(argv, envFile);
  // Deno (and a compiled binary) reads the trusted roots' store when the process starts.
  const caStore = caStoreFor(config, env);
  const passed = Object.entries({ ...env, ...(caStore && { [CA_STORE_VAR]: caStore }) })
    .filter(([name, value]) => value !== undefined && !NOT_PASSED.has(name)) as [
      string,
      string,
    ][];
  // A secret by its name, or by its value: a proxy password or a header value is registered too.
  const secrets = [
    ...passed.filter(([name, value]) => isSecretVariable(name) || redact(value) !== value)
      .map(([name]) => name),
    ...withheld,
  ];
  const text = clientConfigText(kind, {
    command: exec,
    args: compiled ? args : ["run", ...flags, entry.path, ...args],
    env: Object.fromEntries([...passed, ...withheld.map((name) => [name, ""])]),
    secrets,
    url: `http://${listenAddress(config.host, config.port)}${config.path}`,
  });
  log.notice(`For ${CLIENT_CONFIG_FILE[kind]}:`);
  // A backstop: whatever the rules above missed, no registered secret is printed.
  Deno.stdout.writeSync(encoder.encode(redact(text) + "\n"));
  if (kind === "http" && config.port === 0) {
    log.notice(
      "PORT=0 picks a free port at each start: set PORT (or --port) for a client to find it.",
    );
  }
  if (text.includes('"<your ')) {
    log.notice(
      "Replace each <your ...> with its value, or keep the secrets in a .env file and print this again: the configuration then reads them from that file.",
    );
  }
}

function fail(lines: string[], code = 2): never {
  Deno.stderr.writeSync(encoder.encode(lines.join("\n") + "\n"));
  Deno.exit(code);
}

/** Ends the process (status 0) on Ctrl-C or SIGTERM, after `cleanup`. */
function exitOnSignal(cleanup: () => void = () => {}): void {
  const stop = () => {
    cleanup();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
}

/**
 * Serves in this process, which holds no permission wholesale: checks it holds the plan's, gives
 * up the rest (`narrowToPlan`) and exits when serving ends.
 */
async function serveHere(config: Config, plan: PermissionPlan): Promise<never> {
  const missing = await missingPermissions(plan);
  if (missing.length) failMissing(missing);
  narrowToPlan(plan);
  // Giving up the .env file must not have taken a grant the plan needs with it.
  const lost = await missingPermissions({ ...plan, envFile: undefined });
  if (lost.length) failMissing(lost);
  log.info("Serving in this process, which holds only the plan's permissions (no Worker)");
  exitOnSignal();
  const { serveToEnd } = await import("./server/serve.ts");
  Deno.exit(await serveToEnd(config));
}

function failMissing(missing: string[]): never {
  fail([
    "mcp-atlassian cannot reach what its configuration names: this process lacks the permissions",
    ...missing.map((flag) => `  ${flag}`),
    "Run with those flags (see --print-permissions for the complete line).",
  ]);
}

/** Runs the server in a Worker restricted to the plan's permissions; exits when it is done. */
function runSandboxed(
  entry: Entry,
  config: Config,
  permissions: Deno.PermissionOptionsObject,
): void {
  let worker: Worker;
  try {
    worker = new Worker(entry.url, { type: "module", deno: { permissions } });
  } catch (error) {
    fail([
      `The server cannot start its sandboxed Worker (${(error as Error).message}).`,
      "Add --unstable-worker-options, or start it with exactly the --print-permissions line.",
    ], 1);
  }
  worker.onmessage = (event: MessageEvent<DoneMessage>) => {
    worker.terminate();
    Deno.exit(event.data.code);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail([`The server failed to start: ${event.message}`], 1);
  };
  exitOnSignal(() => worker.terminate());
  log.info("Serving in a Worker that holds only the plan's permissions");
  worker.postMessage(
    { config, secrets: secretValues(), headerSecrets: headerSecretValues() } satisfies StartMessage,
  );
}

/**
 * Runs the command line of the entry module at `entry` (its `import.meta.url`): the module this
 * process started with, which the Worker is created from.
 */
export async function main(entryUrl: string): Promise<void> {
  const path = fromFileUrl(entryUrl);
  const entry: Entry = {
    url: entryUrl,
    path,
    sources: { read: [path, ...sourceReadPaths(new URL("./src/", entryUrl))] },
  };
  // `deno task start -- --oauth-setup` passes the `--` on: a leading one only separates.
  const argv = Deno.args[0] === "--" ? Deno.args.slice(1) : Deno.args;
  const env = readProcessEnv();
  const readFile = (path: string) => Deno.readTextFileSync(path);
  const result = loadConfig(argv, env, readFile);
  if (result.kind === "exit") {
    Deno.stdout.writeSync(encoder.encode(result.output + "\n"));
    return;
  }
  if (result.kind === "error") {
    result.warnings.forEach((w) => log.warn(w));
    fail(["mcp-atlassian cannot start:", ...result.problems.map((p) => `  - ${p}`)]);
  }
  const { config, warnings, actions } = result;
  setLogLevel(config.logLevel);
  warnings.forEach((w) => log.warn(w));
  if (actions.oauthSetup) {
    const { runOAuthSetup, wizardFlags } = await import("./auth/wizard/mod.ts");
    const options = {
      config,
      argv,
      env,
      readFile,
      envFile: actions.envFile,
      entry: entry.path,
    };
    if (actions.printPermissions) {
      return printRunLine(
        entry,
        wizardFlags(options),
        argv,
        (names) => `the wizard asks for ${names}`,
        actions.envFile && resolve(actions.envFile),
        caStoreFor(config, env),
      );
    }
    Deno.exit(await runOAuthSetup(options));
  }
  const plan = permissionPlan(config, { envFile: actions.envFile });
  if (actions.printClientConfig) {
    return printClientConfig(
      entry,
      actions.printClientConfig,
      config,
      denoRunFlags(plan),
      argv,
      env,
      plan.envFile,
    );
  }
  if (actions.printPermissions) {
    return printRunLine(
      entry,
      denoRunFlags(plan),
      argv,
      (names) => `set ${names} in the environment`,
      plan.envFile,
      caStoreFor(config, env),
    );
  }
  const beyond = beyondPlan(plan, env.HOME ?? env.USERPROFILE);
  if (!beyond.length) return await serveHere(config, plan);
  log.info(`Serving from a Worker: this process holds more than the plan (${beyond.join(" ")})`);
  const missing = await missingPermissions(plan, entry.sources);
  if (missing.length) failMissing(missing);
  runSandboxed(entry, config, workerPermissions(plan, entry.sources));
}
