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
 * This module runs the steps in order; each step lives in a module beside it.
 *
 * @module
 */
import type { ReadFile } from "../../config/load.ts";
import { DEFAULT_REDIRECT_URI, homeFolder, tokenFileFor } from "../../config/oauth.ts";
import type { Config } from "../../config/types.ts";
import { redact } from "../../log.ts";
import { AuthError } from "../errors.ts";
import { authorizationUrl, pkcePair, randomState } from "../oauth/mod.ts";
import {
  type CallbackListener,
  isLoopbackRedirect,
  openBrowser as openWithOpener,
} from "./callback.ts";
import { completeSetup } from "./complete.ts";
import { SetupError } from "./error.ts";
import { Cancelled, type Input } from "./input.ts";
import { type WizardIO, wizardIO, writeAll } from "./io.ts";
import { setupReport } from "./output.ts";
import { askAnswers, sayIntro } from "./prompts.ts";
import { listenForRedirect, waitForRedirect } from "./redirect.ts";
import {
  missingWizardPermissions,
  type WizardPermissions,
  wizardPermissions,
  wizardRunFlags,
  wizardTarget,
} from "./target.ts";
import { timeoutFromEnv } from "./timeout.ts";

export { TIMEOUT_ENV } from "./target.ts";
export { SetupError } from "./error.ts";
export { DEFAULT_CLOUD_SCOPE } from "./prompts.ts";
export { matchingSite } from "./site.ts";
export { DEFAULT_TIMEOUT_SECONDS, timeoutFromEnv } from "./timeout.ts";

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

/** One run of the wizard: the steps in order, and what must be released at the end. */
class Wizard {
  readonly #o: WizardOptions;
  readonly #io: WizardIO;
  #listener: CallbackListener | undefined;
  readonly #transports: Deno.HttpClient[] = [];

  constructor(o: WizardOptions) {
    this.#o = o;
    this.#io = wizardIO(o);
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
    sayIntro(this.#io, first);

    const answers = await askAnswers(this.#io, config, first);
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
    if (isLoopbackRedirect(redirect)) this.#listener = listenForRedirect(redirect, state);

    this.#io.say();
    this.#io.say("Open this address in your browser, sign in and choose Accept:");
    this.#io.say();
    this.#io.say(`  ${url}`);
    this.#io.say();
    const opened = await (this.#o.openBrowser ?? openWithOpener)(url).catch(() => false);
    if (opened) this.#io.say("(Your browser was asked to open it.)");

    try {
      const params = await waitForRedirect(this.#io, this.#listener, redirect, timeoutSeconds);
      const result = await completeSetup(this.#io, {
        target,
        answers,
        state,
        codeVerifier: pkce?.verifier,
        tokenFile,
        cloudId: config.oauth.cloudId,
        transports: this.#transports,
      }, params);
      await this.#listener?.finish(
        `mcp-atlassian is authorized${
          result.siteName ? ` for ${result.siteName}` : ""
        }. You can close this window and return to the terminal.`,
      );
      this.#io.out(
        setupReport(result.setup, target.services, config, {
          home: homeFolder(env),
          entry: this.#o.entry,
        }),
      );
      this.#io.say("Setup complete. The server picks up the new tokens without a restart.");
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
