/**
 * `loadConfig()`: command-line flags + process environment + .env file -> one validated `Config`.
 *
 * Every problem is collected. Pure except through the injected `readFile` (and the registration
 * of secrets with the logger), so it is unit-testable.
 *
 * Precedence: flags > process environment > .env file. This deliberately differs from the
 * Python server, where the .env file overrides the process environment: the process
 * environment is what an MCP client sets in its configuration, so it wins here.
 *
 * This module gathers the sources and assembles the result; each part of the configuration is
 * loaded by its own module (`transport.ts`, `service.ts`, `oauth.ts`).
 *
 * @module
 */
import { dirname, isAbsolute, resolve } from "node:path";
import { parseEnv } from "node:util";
import { attachmentsDirProblem } from "./attachments.ts";
import { isAbsent, readError, type ReadFile } from "./_files.ts";
import { SAMPLE_URLS } from "./_products.ts";
import { booleanSetting, Report, Settings } from "./_settings.ts";
import { helpText, parseFlags, versionText } from "./cli/mod.ts";
import { loadHierarchyPhrases, loadSla } from "./jira_analysis.ts";
import { loadKeyPatterns } from "./key_patterns.ts";
import { baseUrlSetting, DEFAULT_MEDIA_URL, loadOAuth } from "./oauth.ts";
import { loadPythonCompat } from "./python_compat.ts";
import { loadService } from "./service/mod.ts";
import { CLIENT_KINDS, type ClientKind } from "./cli/client_config.ts";
import { loadTransport } from "./transport.ts";
import type { Config } from "./types.ts";
import { splitList } from "./values.ts";

export type { ReadFile } from "./_files.ts";

/** What the command line asked the launcher to do besides serving. */
export interface LoadActions {
  /** `--print-permissions`: print the least-privilege `deno run` line and exit. */
  printPermissions: boolean;
  /** `--print-client-config CLIENT`: print that client's configuration and exit. */
  printClientConfig?: ClientKind;
  /** `--oauth-setup`: run the OAuth setup wizard instead of serving. */
  oauthSetup: boolean;
  /** The .env file that was loaded (`--env-file PATH`, or `.env` when present). */
  envFile?: string;
}

/** The outcome of `loadConfig()`. */
export type LoadResult =
  | { kind: "ok"; config: Config; warnings: string[]; actions: LoadActions }
  /** `--version` / `--help`: print `output` (no trailing newline) to stdout and exit 0. */
  | { kind: "exit"; code: 0; output: string }
  /** The configuration cannot be used; each problem is one sentence. */
  | { kind: "error"; problems: string[]; warnings: string[] };

/** The default .env file, read when present (relative to the working directory). */
export const DEFAULT_ENV_FILE = ".env";

/** Variables whose values are file or folder paths. */
const PATH_VARIABLE = /_(CA_BUNDLE|CLIENT_CERT|CLIENT_KEY|ATTACHMENTS_DIR)$|^(SSL_CERT_FILE)$/;

/**
 * The .env file's values with relative paths taken from the file's own folder, so the same file
 * works whatever folder the process starts in (a client starts it anywhere).
 */
function besideEnvFile(
  values: Record<string, string>,
  envFile: string | undefined,
): Record<string, string> {
  if (!envFile) return values;
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) =>
      PATH_VARIABLE.test(name) && value.trim() && !isAbsolute(value.trim())
        ? [name, resolve(dirname(envFile), value.trim())]
        : [name, value]
    ),
  );
}

/** Reads the .env file (`--env-file PATH`, else `./.env` when present); `file` only when loaded. */
function readDotenv(
  envFileFlag: string | undefined,
  readFile: ReadFile,
  r: Report,
): { values: Record<string, string>; file?: string } {
  const envPath = envFileFlag ?? DEFAULT_ENV_FILE;
  let envText: string | undefined;
  try {
    envText = readFile(envPath);
  } catch (error) {
    if (envFileFlag !== undefined) {
      r.problem(
        `--env-file names a file that cannot be read ("${envPath}": ${
          readError(error)
        }); example: --env-file=./atlassian.env`,
      );
    } else if (!isAbsent(error)) {
      r.warn(`./${DEFAULT_ENV_FILE} is ignored: it cannot be read (${readError(error)}).`);
    }
  }
  if (envText !== undefined) {
    try {
      return { values: parseEnv(envText) as Record<string, string>, file: envPath };
    } catch (error) {
      r.problem(
        `${envPath} is not a valid .env file (${
          readError(error)
        }); example line: JIRA_URL=${SAMPLE_URLS.jira}`,
      );
    }
  }
  return { values: {} };
}

/**
 * Builds the validated configuration from the command line, the environment and a .env file.
 *
 * `argv` is the command line without the program name; the .env file (`--env-file PATH`, else
 * `./.env` when present) is read through `readFile`. `--help`/`--version` give `kind: "exit"`;
 * any problem gives `kind: "error"` with every problem found; a service whose URL is set but
 * whose credentials are incomplete is left out with a warning.
 */
export function loadConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  readFile: ReadFile,
): LoadResult {
  const flags = parseFlags(argv);
  if (flags.help) return { kind: "exit", code: 0, output: helpText() };
  if (flags.version) return { kind: "exit", code: 0, output: versionText() };
  const r = new Report();
  flags.problems.forEach((p) => r.problem(p));
  const clientKind = CLIENT_KINDS.find((k) => k === flags.printClientConfig);
  if (flags.printClientConfig !== undefined && flags.oauthSetup) {
    r.problem(
      "--print-client-config and --oauth-setup do not go together: run --oauth-setup first (it prints a client configuration when it succeeds), then --print-client-config.",
    );
  }
  if (flags.printClientConfig !== undefined && !clientKind) {
    r.problem(
      `--print-client-config must be one of ${
        CLIENT_KINDS.join(", ")
      } (got "${flags.printClientConfig}"); example: --print-client-config=claude-desktop`,
    );
  }

  const dotenv = readDotenv(flags.envFile, readFile, r);
  const envFile = dotenv.file;
  const s = new Settings(flags.settings, env, besideEnvFile(dotenv.values, envFile), envFile);
  const files: string[] = envFile ? [envFile] : [];

  const transport = loadTransport(s, r);

  // Tool selection and logging.
  const readOnly = booleanSetting(s, r, "READ_ONLY_MODE", false, "extended");
  const toolsetsV = s.get("TOOLSETS");
  const toolsets = toolsetsV ? splitList(toolsetsV.value) : [];
  const attachmentsDir = s.get("MCP_ATTACHMENTS_DIR")?.value.trim();
  const mediaUrl = s.get("ATLASSIAN_MEDIA_URL")
    ? baseUrlSetting(s, r, "ATLASSIAN_MEDIA_URL", DEFAULT_MEDIA_URL)
    : undefined;
  const enabledV = s.get("ENABLED_TOOLS");
  const enabledTools = enabledV ? splitList(enabledV.value) : [];
  const verbose = booleanSetting(s, r, "MCP_VERBOSE", false);
  const veryVerbose = booleanSetting(s, r, "MCP_VERY_VERBOSE", false);
  const logLevel: Config["logLevel"] = flags.verbosity >= 2
    ? "debug"
    : flags.verbosity === 1
    ? "info"
    : veryVerbose
    ? "debug"
    : verbose
    ? "info"
    : "warn";

  // Services.
  const problemsBefore = r.problems.size;
  const oauth = loadOAuth(s, r, env);
  const serviceContext = {
    oauth,
    env,
    anyUrl: s.get("JIRA_URL") !== undefined || s.get("CONFLUENCE_URL") !== undefined,
    setup: flags.oauthSetup,
  };
  const jira = loadService(s, r, readFile, "jira", files, serviceContext);
  const confluence = loadService(s, r, readFile, "confluence", files, serviceContext);
  const serviceProblems = r.problems.size > problemsBefore;
  const keyPatterns = loadKeyPatterns(s, r);
  const compat = loadPythonCompat(s, r, env, keyPatterns?.project);
  const sla = loadSla(s, r);
  const hierarchyPhrases = loadHierarchyPhrases(s, r);
  if (
    !jira.service && !confluence.service && !jira.urlProblem && !confluence.urlProblem &&
    !flags.oauthSetup && !serviceProblems
  ) {
    // A service that was named but lacks credentials says why; those reasons are the problem.
    const reasons = [...r.disabledServices];
    for (const reason of reasons) {
      r.warnings.delete(reason);
      r.problem(reason);
    }
    if (!reasons.length) {
      const looked = envFile ? "" : ` No .env file was found in ${Deno.cwd()}.`;
      r.problem(
        `No Atlassian service is configured: set JIRA_URL with JIRA_USERNAME and JIRA_API_TOKEN (Cloud) or JIRA_PERSONAL_TOKEN (Server/Data Center), and/or the CONFLUENCE_* equivalents, or OAuth (ATLASSIAN_OAUTH_*, see --oauth-setup).${looked}`,
      );
    }
  }
  const j = jira.service;
  const c = confluence.service;
  if (
    j?.auth.kind === "oauth" && c?.auth.kind === "oauth" &&
    j.oauth?.tokenFile === c.oauth?.tokenFile &&
    (j.deployment === "datacenter" || c.deployment === "datacenter")
  ) {
    r.problem(
      `Jira and Confluence would share the OAuth token file ${j.oauth?.tokenFile} but have different token endpoints (each Data Center instance has its own OAuth provider); give each its own client id with JIRA_OAUTH_CLIENT_ID / CONFLUENCE_OAUTH_CLIENT_ID (and _CLIENT_SECRET).`,
    );
  }
  const perRequest = [jira.service, confluence.service].filter((svc) =>
    svc?.auth.kind === "per-request"
  );
  if (perRequest.length && transport.transport === "stdio" && !flags.oauthSetup) {
    r.problem(
      `ATLASSIAN_OAUTH_ENABLE=true takes the credentials of ${
        perRequest.map((svc) => svc!.product === "jira" ? "Jira" : "Confluence").join(" and ")
      } from each HTTP request, and stdio has none; use --transport streamable-http (or sse), or give the server credentials of its own (e.g. JIRA_USERNAME and JIRA_API_TOKEN).`,
    );
  }
  if (perRequest.length && transport.transport !== "stdio" && attachmentsDir) {
    // Every remote user would read the operator's folder and could upload it to any site they
    // reach; there is no opt-in, because clients can always send their files as content_base64.
    r.problem(
      `MCP_ATTACHMENTS_DIR cannot be used with ATLASSIAN_OAUTH_ENABLE=true over HTTP: every remote user could upload the files of ${attachmentsDir} to their own Atlassian site; leave it unset (clients send files as content_base64).`,
    );
  }
  if (oauth.allowGlobalFallback && !oauth.multiUser) {
    r.warn(
      "ALLOW_GLOBAL_CRED_FALLBACK=true has no effect without ATLASSIAN_OAUTH_ENABLE=true (only then do requests bring their own credentials).",
    );
  }

  if (r.problems.size) {
    return { kind: "error", problems: [...r.problems], warnings: [...r.warnings] };
  }
  const config: Config = {
    ...transport,
    readOnly,
    logLevel,
    oauth,
    files: [...new Set(files)],
  };
  if (jira.service) config.jira = jira.service;
  if (confluence.service) config.confluence = confluence.service;
  for (const service of [config.jira, config.confluence]) {
    if (service && compat.retry) service.retry = compat.retry;
  }
  if (config.jira && compat.rawText) config.jira.rawText = true;
  if (config.jira && compat.internalOnlyProjects.length) {
    config.jira.internalOnlyProjects = compat.internalOnlyProjects;
  }
  if (compat.systemTrustStore) config.systemTrustStore = true;
  if (toolsets.length) config.toolsets = toolsets;
  if (enabledTools.length) config.enabledTools = enabledTools;
  if (attachmentsDir) config.attachmentsDir = attachmentsDir;
  const secretsProblem = attachmentsDirProblem(config);
  if (secretsProblem) {
    return { kind: "error", problems: [secretsProblem], warnings: [...r.warnings] };
  }
  if (mediaUrl) config.mediaUrl = mediaUrl;
  if (keyPatterns) config.keyPatterns = keyPatterns;
  if (sla) config.sla = sla;
  if (hierarchyPhrases) config.hierarchyPhrases = hierarchyPhrases;
  return {
    kind: "ok",
    config,
    warnings: [...r.warnings],
    actions: {
      printPermissions: flags.printPermissions,
      ...(clientKind ? { printClientConfig: clientKind } : {}),
      oauthSetup: flags.oauthSetup,
      ...(envFile !== undefined ? { envFile } : {}),
    },
  };
}
