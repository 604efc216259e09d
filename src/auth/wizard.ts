/**
 * The OAuth 2.0 setup wizard: `mcp-atlassian --oauth-setup` (or `deno task start --
 * --oauth-setup`). It runs in the launching process (not in the server's Worker) and:
 *
 * 1. asks for the client id, the client secret (never echoed), the redirect URI (default
 *    `http://localhost:8080/callback`) and the scopes, offering the flag/environment values as
 *    defaults (Enter keeps them; the secret shows as `****`). When stdin is not a terminal every
 *    answer is one line, so the dialogue can be scripted;
 * 2. listens for the redirect on the redirect URI's host and port only, and only when that host is
 *    this machine (`localhost`, `127.0.0.1`, `[::1]`); otherwise it asks for the redirected
 *    address to be pasted;
 * 3. prints the authorize URL (Cloud: `auth.atlassian.com/authorize?audience=api.atlassian.com&
 *    ...&prompt=consent`; Data Center: `{instance}/rest/oauth2/latest/authorize?...` with PKCE) on
 *    stderr and opens the browser when the process may run the opener;
 * 4. waits up to 5 minutes (`MCP_OAUTH_SETUP_TIMEOUT` seconds) for the redirect that carries its
 *    state (the listener answers any other 400 and keeps waiting; a pasted one is refused),
 *    exchanges the code, finds the cloud id (`accessible-resources`; several sites: pick by
 *    number on a terminal, else the one matching the cloud id or `JIRA_URL`/`CONFLUENCE_URL`,
 *    else the first with a warning), stores the tokens in the Python-compatible token file;
 * 5. prints the environment lines and a ready MCP client configuration on stdout.
 *
 * Every failure ends with one sentence on stderr and a non-zero exit (1; 2 for missing process
 * permissions; 130 when cancelled with Ctrl-C).
 *
 * @module
 */
import type { ReadFile } from "../config/load.ts";
import {
  DEFAULT_DC_SCOPE,
  DEFAULT_REDIRECT_URI,
  hasOfflineAccess,
  homeFolder,
  isValidClientId,
  tokenFileFor,
} from "../config/oauth.ts";
import type { Config } from "../config/types.ts";
import { createTransport } from "../http/transport.ts";
import { addSecret, redact } from "../log.ts";
import { AuthError } from "./errors.ts";
import {
  type AccessibleResource,
  accessibleResources,
  authorizationUrl,
  callbackError,
  exchangeCode,
  type OAuthCallOptions,
  pkcePair,
  randomState,
  type TokenSet,
} from "./oauth_client.ts";
import { saveTokens, type StoredTokens } from "./token_store.ts";
import {
  type CallbackListener,
  type CallbackParams,
  callbackParams,
  isLoopbackRedirect,
  ListenError,
  listenForCallback,
  openBrowser as openWithOpener,
} from "./_wizard_callback.ts";
import { Cancelled, Input } from "./_wizard_input.ts";
import {
  clientConfigJson,
  clientEnv,
  envLines,
  serverCommand,
  type SetupResult,
} from "./_wizard_output.ts";
import {
  missingWizardPermissions,
  TIMEOUT_ENV,
  type WizardPermissions,
  wizardPermissions,
  wizardRunFlags,
  type WizardTarget,
  wizardTarget,
} from "./_wizard_target.ts";
import { isCloudHost } from "../config/deployment.ts";

export { TIMEOUT_ENV } from "./_wizard_target.ts";

/**
 * The scopes the wizard offers on Cloud: what this server's Cloud endpoints require according to
 * Atlassian's OpenAPI documents (Jira classic scopes; Confluence v2 page and space scopes, v1 CQL
 * search and user lookup), and refresh tokens.
 */
export const DEFAULT_CLOUD_SCOPE =
  "read:jira-work write:jira-work read:jira-user read:page:confluence write:page:confluence " +
  "read:space:confluence search:confluence read:confluence-user offline_access";

/** How long the wizard waits for the browser by default (seconds). */
export const DEFAULT_TIMEOUT_SECONDS = 300;

/** A failure of the wizard: `message` is the one sentence it prints. */
export class SetupError extends Error {
  /** The process exit code (1; 2 for missing permissions). */
  readonly exitCode: number;

  /** Creates the error. */
  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SetupError";
    this.exitCode = options.exitCode ?? 1;
  }
}

/** What the wizard works with; everything but the configuration has a default. */
export interface WizardOptions {
  /** The configuration as loaded with `--oauth-setup`. */
  config: Config;
  /** The command line (without the program), for working out the target like the server does. */
  argv: readonly string[];
  /** The process environment as the configuration read it (`readProcessEnv()`). */
  env: Record<string, string | undefined>;
  /** Reads the files the configuration names. */
  readFile: ReadFile;
  /** The .env file that was loaded. */
  envFile?: string;
  /** `main.ts`, for the `deno run` line of the printed client configuration. */
  entry: string;
  /** The read paths the server's Worker needs (its source folder), for that line. */
  sources: string[];
  /** Where answers come from (default stdin). */
  input?: Input;
  /** Receives the results (default stdout). */
  stdout?: (text: string) => void;
  /** Receives prompts, the authorize URL and messages (default stderr). */
  stderr?: (text: string) => void;
  /** Opens the browser (default: the OS opener when this process may run it). */
  openBrowser?: (url: string) => Promise<boolean>;
  /** Seconds to wait for the browser (default `MCP_OAUTH_SETUP_TIMEOUT`, else 300). */
  timeoutSeconds?: number;
}

const encoder = new TextEncoder();

function writeAll(file: { writeSync(p: Uint8Array): number }, text: string): void {
  const data = encoder.encode(text);
  let written = 0;
  while (written < data.length) written += file.writeSync(data.subarray(written));
}

/** Reads `MCP_OAUTH_SETUP_TIMEOUT` (seconds) when this process may; the default otherwise. */
export function timeoutFromEnv(): number {
  const status = Deno.permissions.querySync({ name: "env", variable: TIMEOUT_ENV });
  if (status.state !== "granted") return DEFAULT_TIMEOUT_SECONDS;
  const raw = Deno.env.get(TIMEOUT_ENV)?.trim();
  if (!raw) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new SetupError(
      `${TIMEOUT_ENV} must be a number of seconds above 0 and at most 3600 (got "${raw}"); example: ${TIMEOUT_ENV}=300.`,
    );
  }
  return seconds;
}

function duration(seconds: number): string {
  if (seconds >= 60 && seconds % 60 === 0) {
    const m = seconds / 60;
    return `${m} minute${m === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

function origin(url: string): string | undefined {
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Picks the site among several a token reaches: the one with the configured cloud id, else the
 * one whose origin is a configured site URL; undefined when none matches.
 */
export function matchingSite(
  sites: readonly AccessibleResource[],
  cloudId: string | undefined,
  siteUrls: readonly string[],
): AccessibleResource | undefined {
  const byId = cloudId ? sites.find((s) => s.id === cloudId) : undefined;
  if (byId) return byId;
  const wanted = new Set(siteUrls.map(origin).filter((o): o is string => o !== undefined));
  return sites.find((s) => {
    const o = origin(s.url);
    return o !== undefined && wanted.has(o);
  });
}

class Wizard {
  readonly #o: WizardOptions;
  readonly #input: Input;
  readonly #out: (text: string) => void;
  readonly #err: (text: string) => void;
  #listener: CallbackListener | undefined;
  readonly #transports: Deno.HttpClient[] = [];

  constructor(o: WizardOptions) {
    this.#o = o;
    this.#err = o.stderr ?? ((t) => writeAll(Deno.stderr, t));
    this.#out = o.stdout ?? ((t) => writeAll(Deno.stdout, t));
    this.#input = o.input ?? new Input(Deno.stdin, (t) => this.#err(t));
  }

  #say(line = ""): void {
    this.#err(redact(line) + "\n");
  }

  async run(): Promise<void> {
    const { config, argv, env, readFile } = this.#o;
    if (!homeFolder(env)) {
      throw new SetupError(
        "Neither HOME nor USERPROFILE is set, so the token file (~/.mcp-atlassian/oauth-<client id>.json) has no folder: set HOME to your home folder.",
      );
    }
    const timeoutSeconds = this.#o.timeoutSeconds ?? timeoutFromEnv();
    const first = wizardTarget(config, argv, env, readFile);
    // What does not depend on the answers is checked before anything is asked.
    await this.#checkPermissions(
      wizardPermissions(first, config, "", tokenFileFor("x", env), this.#o.envFile),
    );
    this.#intro(first);

    const answers = await this.#ask(first);
    const target = wizardTarget(config, argv, env, readFile, answers);
    if (target.kind !== first.kind) {
      throw new SetupError(
        "The answers changed whether this is Atlassian Cloud or Data Center: set JIRA_URL (and JIRA_DEPLOYMENT) first, then run the setup again.",
      );
    }
    const tokenFile = tokenFileFor(answers.clientId, env)!;
    const permissions = wizardPermissions(
      target,
      config,
      answers.redirectUri,
      tokenFile,
      this.#o.envFile,
    );
    await this.#checkPermissions(permissions);

    const state = randomState();
    const pkce = target.kind === "datacenter" ? await pkcePair() : undefined;
    const url = authorizationUrl(target.endpoints, {
      clientId: answers.clientId,
      redirectUri: answers.redirectUri,
      scope: answers.scope,
      state,
      ...(pkce ? { codeChallenge: pkce.challenge } : {}),
    });
    const redirect = new URL(answers.redirectUri);
    if (isLoopbackRedirect(redirect)) this.#listener = this.#listen(redirect, state);

    this.#say();
    this.#say("Open this address in your browser, sign in and choose Accept:");
    this.#say();
    this.#say(`  ${url}`);
    this.#say();
    const opened = await (this.#o.openBrowser ?? openWithOpener)(url).catch(() => false);
    if (opened) this.#say("(Your browser was asked to open it.)");

    try {
      const params = await this.#wait(redirect, timeoutSeconds);
      const result = await this.#complete(
        target,
        answers,
        params,
        state,
        pkce?.verifier,
        tokenFile,
      );
      await this.#listener?.finish(
        `mcp-atlassian is authorized${
          result.siteName ? ` for ${result.siteName}` : ""
        }. You can close this window and return to the terminal.`,
      );
      this.#report(target, result.setup);
    } catch (error) {
      const sentence = error instanceof Error ? error.message : String(error);
      await this.#listener?.finish(`The setup failed: ${redact(sentence)}`);
      throw error;
    } finally {
      this.#transports.splice(0).forEach((t) => t.close());
    }
  }

  async #checkPermissions(permissions: WizardPermissions): Promise<void> {
    const missing = await missingWizardPermissions(permissions);
    if (missing.length) {
      throw new SetupError(
        `This process may not do what the setup needs, so run it with ${
          missing.join(" ")
        } (mcp-atlassian --oauth-setup --print-permissions prints the whole command).`,
        { exitCode: 2 },
      );
    }
  }

  #intro(target: WizardTarget): void {
    this.#say(
      `mcp-atlassian OAuth 2.0 setup: ${
        target.kind === "cloud" ? "Atlassian Cloud" : `Data Center (${target.instanceUrl})`
      }.`,
    );
    if (target.kind === "cloud") {
      this.#say(
        "You need an OAuth 2.0 (3LO) app from https://developer.atlassian.com/console/myapps/ whose callback URL is the redirect URI below.",
      );
    } else {
      this.#say(
        `You need an incoming application link with OAuth 2.0 (${target.instanceUrl} > Administration > Application links) whose redirect URL is the redirect URI below.`,
      );
      const other = target.services.find((s) =>
        s.deployment === "datacenter" && s.product !== target.product
      );
      if (other) {
        const [name, otherName] = target.product === "jira"
          ? ["Jira", "Confluence"]
          : ["Confluence", "Jira"];
        this.#say(
          `Note: this sets up ${name} only; ${otherName} (${other.url}) has its own OAuth provider: run the setup again with only ${otherName.toUpperCase()}_URL set, and give its values as ${otherName.toUpperCase()}_OAUTH_* variables.`,
        );
      }
      if (target.service?.auth.kind === "pat") {
        const P = target.product === "jira" ? "JIRA" : "CONFLUENCE";
        this.#say(
          `Note: ${P}_PERSONAL_TOKEN is set and wins over OAuth; remove it to use the tokens made here.`,
        );
      }
    }
    this.#say("Press Enter to keep the value in brackets.");
    this.#say();
  }

  async #ask(target: WizardTarget): Promise<{
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    scope: string;
  }> {
    const { config } = this.#o;
    const clientId = await this.#input.ask("Client ID", config.oauth.clientId);
    if (!clientId) {
      throw new SetupError(
        "A client id is needed: copy it from your OAuth app's settings (or set ATLASSIAN_OAUTH_CLIENT_ID).",
      );
    }
    if (!isValidClientId(clientId)) {
      throw new SetupError(
        `"${clientId}" is not an OAuth client id (only letters, digits, ".", "_" and "-"): copy it from your OAuth app's settings.`,
      );
    }
    const clientSecret = await this.#input.ask("Client secret", config.oauth.clientSecret, {
      secret: true,
      shown: "****",
    });
    addSecret(clientSecret);
    if (!clientSecret) {
      throw new SetupError(
        "A client secret is needed: copy it from your OAuth app's settings (or set ATLASSIAN_OAUTH_CLIENT_SECRET).",
      );
    }
    const redirectUri = await this.#input.ask(
      "Redirect URI",
      config.oauth.redirectUri ?? DEFAULT_REDIRECT_URI,
    ) ?? DEFAULT_REDIRECT_URI;
    let parsed: URL | undefined;
    try {
      parsed = new URL(redirectUri);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:") || parsed.hash) {
      throw new SetupError(
        `The redirect URI "${redirectUri}" is not an http(s) address without a fragment; example: ${DEFAULT_REDIRECT_URI}.`,
      );
    }
    const fallbackScope = target.kind === "cloud" ? DEFAULT_CLOUD_SCOPE : DEFAULT_DC_SCOPE;
    const scope = (await this.#input.ask(
      "Scopes (space-separated)",
      config.oauth.scope ?? fallbackScope,
    ) ?? fallbackScope).split(/\s+/).filter(Boolean).join(" ");
    if (target.kind === "cloud" && !hasOfflineAccess(scope)) {
      throw new SetupError(
        "The scopes lack offline_access, so Atlassian would issue no refresh token and access would stop within an hour: add offline_access to the scopes (and to your app's permissions).",
      );
    }
    return { clientId, clientSecret, redirectUri, scope };
  }

  #listen(redirect: URL, state: string): CallbackListener {
    try {
      return listenForCallback(redirect, state);
    } catch (error) {
      if (error instanceof ListenError && error.reason === "in-use") {
        throw new SetupError(
          `Port ${error.address} is already in use, so the redirect cannot be received: stop the program that uses it, or register another redirect URI (e.g. http://localhost:8765/callback) in your app and enter it here.`,
          { cause: error },
        );
      }
      throw new SetupError(
        `Cannot listen on ${
          error instanceof ListenError ? error.address : redirect.host
        } for the redirect (${
          error instanceof Error && error.cause instanceof Error
            ? error.cause.message
            : String(error)
        }).`,
        { cause: error },
      );
    }
  }

  async #wait(redirect: URL, timeoutSeconds: number): Promise<CallbackParams> {
    let received: Promise<CallbackParams>;
    if (this.#listener) {
      this.#say(
        `Waiting for the redirect to ${redirect.origin}${redirect.pathname} (up to ${
          duration(timeoutSeconds)
        })...`,
      );
      received = this.#listener.received;
    } else {
      this.#say(
        `${redirect.origin} is not this machine over plain http, so no listener can receive the redirect: after you accept, copy the address your browser was sent to (it starts with ${redirect.origin}${redirect.pathname}) and paste it here.`,
      );
      received = this.#pasted();
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() =>
        reject(
          new SetupError(
            `No answer came back from the browser within ${
              duration(timeoutSeconds)
            }: run the setup again and accept the request in time.`,
          ),
        ), timeoutSeconds * 1000);
    });
    try {
      return await Promise.race([received, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #pasted(): Promise<CallbackParams> {
    this.#err("Redirected address: ");
    const line = (await this.#input.readLine())?.trim();
    if (!this.#input.terminal) this.#err("\n");
    if (!line) {
      throw new SetupError(
        "No redirected address was pasted: run the setup again and paste the address your browser shows after you accept.",
      );
    }
    let url: URL | undefined;
    try {
      url = new URL(line);
    } catch {
      url = undefined;
    }
    const params = url ? callbackParams(url) : {};
    if (!params.code && !params.error) {
      throw new SetupError(
        "The pasted text is not the redirected address (it has no code): paste the whole address from the browser's address bar.",
      );
    }
    return params;
  }

  #callOptions(target: WizardTarget, url: string): OAuthCallOptions {
    const service = target.service;
    if (!service) return {};
    const transport = createTransport({ url, proxy: service.proxy, tls: service.tls });
    if (!transport) return {};
    this.#transports.push(transport);
    return { client: transport };
  }

  async #complete(
    target: WizardTarget,
    answers: { clientId: string; clientSecret: string; redirectUri: string; scope: string },
    params: CallbackParams,
    state: string,
    codeVerifier: string | undefined,
    tokenFile: string,
  ): Promise<{ setup: SetupResult; siteName?: string }> {
    if (params.state !== state) {
      throw new SetupError(
        "The redirect carried a state that does not belong to this setup (a stale tab or a forged request), so its code was not used: run the setup again.",
      );
    }
    if (params.error) throw callbackError(params.error, params.errorDescription);
    if (!params.code) {
      throw new SetupError("The redirect carried no authorization code: run the setup again.");
    }
    this.#say("Authorization received; exchanging the code for tokens...");
    const tokens = await exchangeCode(target.endpoints, {
      clientId: answers.clientId,
      clientSecret: answers.clientSecret,
      code: params.code,
      redirectUri: answers.redirectUri,
      ...(codeVerifier ? { codeVerifier } : {}),
    }, this.#callOptions(target, target.endpoints.tokenUrl));

    const setup: SetupResult = {
      kind: target.kind,
      clientId: answers.clientId,
      redirectUri: answers.redirectUri,
      scope: answers.scope,
      tokenFile,
    };
    let siteName: string | undefined;
    const stored: StoredTokens = this.#stored(tokens);
    if (target.kind === "cloud") {
      const sites = await accessibleResources(
        target.endpoints,
        tokens.accessToken,
        this.#callOptions(target, target.endpoints.resourcesUrl!),
      );
      const site = await this.#chooseSite(sites, target);
      setup.cloudId = site.id;
      siteName = site.name || site.url;
      stored.cloud_id = site.id;
      // The Python server drops a Cloud base URL but refuses a non-Cloud one next to a cloud id.
      if (origin(site.url) && isCloudHost(new URL(site.url).hostname)) stored.base_url = site.url;
    } else {
      setup.instanceUrl = target.instanceUrl;
      setup.product = target.product;
      stored.base_url = target.instanceUrl;
      siteName = target.instanceUrl;
      if (!tokens.refreshToken) {
        this.#say(
          "Warning: the instance issued no refresh token, so the access token cannot be renewed when it expires; run the setup again then.",
        );
      }
    }
    try {
      await saveTokens(tokenFile, stored);
    } catch (error) {
      throw error instanceof AuthError ? new SetupError(error.message, { cause: error }) : error;
    }
    this.#say(`Tokens saved to ${tokenFile} (readable by you only).`);
    return { setup, siteName };
  }

  #stored(tokens: TokenSet): StoredTokens {
    const out: StoredTokens = { access_token: tokens.accessToken, expires_at: tokens.expiresAt };
    if (tokens.refreshToken) out.refresh_token = tokens.refreshToken;
    return out;
  }

  async #chooseSite(
    sites: AccessibleResource[],
    target: WizardTarget,
  ): Promise<AccessibleResource> {
    if (!sites.length) {
      throw new SetupError(
        "The new token reaches no Atlassian site: give the app Jira or Confluence permissions, grant it a site on the consent page, and run the setup again.",
      );
    }
    const match = matchingSite(sites, this.#o.config.oauth.cloudId, target.siteUrls);
    if (sites.length === 1) return sites[0];
    if (this.#input.terminal) {
      this.#say("The token reaches several sites:");
      sites.forEach((s, i) => this.#say(`  ${i + 1}. ${s.name}  ${s.url}  (cloud id ${s.id})`));
      const fallback = String(match ? sites.indexOf(match) + 1 : 1);
      for (;;) {
        const answer = await this.#input.ask("Site number", fallback);
        const n = Number(answer);
        if (Number.isInteger(n) && n >= 1 && n <= sites.length) return sites[n - 1];
        this.#say(`Enter a number from 1 to ${sites.length}.`);
      }
    }
    if (match) return match;
    const chosen = sites[0];
    this.#say(
      `Warning: the token reaches ${sites.length} sites and none matches ATLASSIAN_OAUTH_CLOUD_ID, JIRA_URL or CONFLUENCE_URL; using the first, ${chosen.name} (${chosen.url}). Set JIRA_URL to the site you want and run the setup again to choose another.`,
    );
    return chosen;
  }

  #report(target: WizardTarget, setup: SetupResult): void {
    const env = clientEnv(setup, target.services, this.#o.config);
    const command = serverCommand(env, {
      home: homeFolder(this.#o.env),
      entry: this.#o.entry,
      sources: this.#o.sources,
    });
    const lines = [
      "# mcp-atlassian OAuth settings: add them to your environment or .env file",
      "# (replace the placeholder with your client secret).",
      ...envLines(setup),
      "",
      '# MCP client configuration ("mcpServers" for Claude Desktop and Cursor; VS Code: "servers"):',
      clientConfigJson(command, env),
      "",
    ];
    this.#out(lines.join("\n"));
    this.#say("Setup complete. The server picks up the new tokens without a restart.");
  }
}

/**
 * Runs the setup wizard; resolves with the process exit code (0 on success). Every failure is
 * reported as one sentence on stderr.
 */
export async function runOAuthSetup(options: WizardOptions): Promise<number> {
  const err = options.stderr ?? ((t: string) => writeAll(Deno.stderr, t));
  try {
    await new Wizard(options).run();
    return 0;
  } catch (error) {
    if (error instanceof Cancelled) {
      err("Setup cancelled.\n");
      return 130;
    }
    const sentence = error instanceof SetupError || error instanceof AuthError
      ? error.message
      : `Unexpected failure: ${error instanceof Error ? error.message : String(error)}.`;
    err(`OAuth setup failed: ${redact(sentence)}\n`);
    return error instanceof SetupError ? error.exitCode : 1;
  }
}

/**
 * The least-privilege `deno run` flags of the wizard for this configuration (its redirect URI
 * and client id, else the defaults): what `--oauth-setup --print-permissions` prints.
 */
export function wizardFlags(
  options: Pick<
    WizardOptions,
    "config" | "argv" | "env" | "readFile" | "envFile"
  >,
): string[] {
  const { config, argv, env, readFile } = options;
  const target = wizardTarget(config, argv, env, readFile);
  const tokenFile = tokenFileFor(config.oauth.clientId ?? "x", env);
  const permissions = wizardPermissions(
    target,
    config,
    config.oauth.redirectUri ?? DEFAULT_REDIRECT_URI,
    tokenFile,
    options.envFile,
  );
  return wizardRunFlags(permissions);
}
