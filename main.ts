/**
 * Command-line entry: flags + environment + .env -> Config, then one of: print the version or
 * help, print the least-privilege `deno run` line, run the OAuth setup wizard (`--oauth-setup`,
 * in this process, with its own least privilege), or serve inside a Worker that holds only the
 * permissions the configuration needs.
 *
 * @module
 */
import { runOAuthSetup, wizardFlags } from "./src/auth/wizard/mod.ts";
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
} from "./src/config/mod.ts";
import { basename, resolve } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";
import type { Config } from "./src/config/types.ts";
import { headerSecretValues, log, redact, secretValues, setLogLevel } from "./src/log.ts";
import {
  denoRunFlags,
  formatRunCommand,
  listenAddress,
  missingPermissions,
  permissionPlan,
  shellQuote,
  sourceReadPaths,
  workerPermissions,
} from "./src/sandbox/mod.ts";
import type { DoneMessage, StartMessage } from "./src/server/worker.ts";

const encoder = new TextEncoder();
/** This file's path, which a printed line or client configuration runs. */
const ENTRY = fromFileUrl(import.meta.url);
/** The Worker's modules are local files: the process and the Worker need read access to them. */
const SOURCES = { read: sourceReadPaths(new URL("./src/", import.meta.url)) };

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
  flags: string[],
  argv: string[],
  instead: (names: string) => string,
  envFile?: string,
  caStore?: string,
): void {
  const { args, withheld } = rerunArgs(argv, envFile);
  const prefix = caStore ? `${CA_STORE_VAR}=${shellQuote(caStore)} ` : "";
  Deno.stdout.writeSync(encoder.encode(prefix + formatRunCommand(flags, ENTRY, args) + "\n"));
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
    args: compiled ? args : ["run", ...flags, ENTRY, ...args],
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

/** Runs the server in a Worker restricted to the plan's permissions; exits when it is done. */
function runSandboxed(config: Config, permissions: Deno.PermissionOptionsObject): void {
  const worker = new Worker(new URL("./src/server/worker.ts", import.meta.url), {
    type: "module",
    deno: { permissions },
  });
  worker.onmessage = (event: MessageEvent<DoneMessage>) => {
    worker.terminate();
    Deno.exit(event.data.code);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail([`The server failed to start: ${event.message}`], 1);
  };
  const stop = () => {
    worker.terminate();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
  worker.postMessage(
    { config, secrets: secretValues(), headerSecrets: headerSecretValues() } satisfies StartMessage,
  );
}

async function main(): Promise<void> {
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
    const options = {
      config,
      argv,
      env,
      readFile,
      envFile: actions.envFile,
      entry: ENTRY,
      sources: SOURCES.read,
    };
    if (actions.printPermissions) {
      return printRunLine(
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
      actions.printClientConfig,
      config,
      denoRunFlags(plan, SOURCES),
      argv,
      env,
      plan.envFile,
    );
  }
  if (actions.printPermissions) {
    return printRunLine(
      denoRunFlags(plan, SOURCES),
      argv,
      (names) => `set ${names} in the environment`,
      plan.envFile,
      caStoreFor(config, env),
    );
  }
  const missing = await missingPermissions(plan, SOURCES);
  if (missing.length) {
    fail([
      "mcp-atlassian cannot reach what its configuration names: this process lacks the permissions",
      ...missing.map((flag) => `  ${flag}`),
      "Run with those flags (see --print-permissions for the complete line).",
    ]);
  }
  runSandboxed(config, workerPermissions(plan, SOURCES));
}

if (import.meta.main) await main();
