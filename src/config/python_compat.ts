/**
 * The Python server's variables beyond the core set (`python_vars.ts`), read and validated:
 * the ones this server maps onto its own behaviour, and one warning for each ignored one that
 * is set (in the environment or the .env file).
 *
 * @module
 */
import { booleanSetting, type Report, type Settings, wholeNumberSetting } from "./_settings.ts";
import { CA_STORE_VAR, IGNORED_VARIABLES, ignoredWarning } from "./python_vars.ts";
import type { RetrySettings } from "./types.ts";
import { splitList } from "./values.ts";

/** What the Python server's extra variables ask of this server. */
export interface PythonCompat {
  /** `DISABLE_JIRA_MARKUP_TRANSLATION=true`. */
  rawText: boolean;
  /** `JIRA_INTERNAL_ONLY_PROJECTS`, upper case; empty when unset. */
  internalOnlyProjects: string[];
  /** `ATLASSIAN_RETRY_*`, when any is set. */
  retry?: RetrySettings;
  /** `MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE=true`, set explicitly. */
  systemTrustStore: boolean;
}

/** The default project key format, for `JIRA_INTERNAL_ONLY_PROJECTS` entries. */
const PROJECT_KEY = "^[A-Z][A-Z0-9_]+$";

/** The longest `ATLASSIAN_RETRY_BACKOFF`, in seconds (the client caps every wait at 30 s). */
const MAX_BACKOFF_SECONDS = 30;

/** `DISABLE_JIRA_MARKUP_TRANSLATION`: Python turns it on with `true` only; other words are refused. */
function rawTextSetting(s: Settings, r: Report): boolean {
  const v = s.get("DISABLE_JIRA_MARKUP_TRANSLATION");
  if (!v) return false;
  const word = v.value.toLowerCase();
  if (word === "true" || word === "false") return word === "true";
  r.problem(
    `${s.label(v)} must be true or false (got "${v.value}"); example: ${s.example(v, "true")}`,
  );
  return false;
}

/** `JIRA_INTERNAL_ONLY_PROJECTS`: project keys in the configured (else the default) key format. */
function internalOnlySetting(s: Settings, r: Report, projectPattern?: string): string[] {
  const v = s.get("JIRA_INTERNAL_ONLY_PROJECTS");
  if (!v) return [];
  const pattern = new RegExp(projectPattern ?? PROJECT_KEY);
  const keys = splitList(v.value);
  const bad = keys.filter((key) => !pattern.test(key));
  if (bad.length || !keys.length) {
    r.problem(
      `${s.label(v)} must list project keys separated by commas (got "${v.value}"); example: ${
        s.example(v, "HELP,SUPPORT")
      }`,
    );
    return [];
  }
  return [...new Set(keys.map((key) => key.toUpperCase()))];
}

/** `ATLASSIAN_RETRY_BACKOFF`: seconds (a decimal number), in milliseconds. */
function backoffSetting(s: Settings, r: Report): number | undefined {
  const v = s.get("ATLASSIAN_RETRY_BACKOFF");
  if (!v) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(v.value) ? Number(v.value) : NaN;
  if (!(seconds <= MAX_BACKOFF_SECONDS)) {
    r.problem(
      `${
        s.label(v)
      } must be a number of seconds from 0 to ${MAX_BACKOFF_SECONDS} (got "${v.value}"); example: ${
        s.example(v, "1.0")
      }`,
    );
    return undefined;
  }
  return Math.round(seconds * 1000);
}

/** `ATLASSIAN_RETRY_*`, mapped onto the client's read-retry policy; undefined when none is set. */
function retrySettings(s: Settings, r: Report): RetrySettings | undefined {
  if (booleanSetting(s, r, "ATLASSIAN_RETRY_INCLUDE_WRITES", false, "extended")) {
    r.warn(
      "ATLASSIAN_RETRY_INCLUDE_WRITES=true is refused: this server never retries a write blindly; a write whose answer is lost is reconciled (looked up) instead; see README (Differences from the Python server).",
    );
  }
  const retry: RetrySettings = {};
  const total = wholeNumberSetting(s, r, "ATLASSIAN_RETRY_TOTAL", { min: 0, max: 10 }, "3");
  if (total !== undefined) retry.maxRetries = total;
  const backoff = backoffSetting(s, r);
  if (backoff !== undefined) retry.backoffMs = backoff;
  if (s.get("ATLASSIAN_RETRY_IGNORE_RETRY_AFTER")) {
    retry.ignoreRetryAfter = booleanSetting(s, r, "ATLASSIAN_RETRY_IGNORE_RETRY_AFTER", false);
  }
  return Object.keys(retry).length ? retry : undefined;
}

/**
 * `MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE`: Deno takes its roots from `DENO_TLS_CA_STORE` when the
 * process starts, so a `true` set explicitly is checked against the process environment.
 */
function systemTrustStoreSetting(
  s: Settings,
  r: Report,
  env: Record<string, string | undefined>,
): boolean {
  if (!s.get("MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE")) return false;
  const wanted = booleanSetting(s, r, "MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE", false);
  if (wanted && !usesSystemStore(env[CA_STORE_VAR])) {
    r.warn(
      `MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE=true has no effect in this process: Deno trusts the operating system's certificates only when started with ${CA_STORE_VAR}=system; use the --print-permissions line or --print-client-config, which set it.`,
    );
  }
  return wanted;
}

/** True when a `DENO_TLS_CA_STORE` value includes the operating system's store. */
function usesSystemStore(value: string | undefined): boolean {
  return splitList(value ?? "").some((store) => store.toLowerCase() === "system");
}

/**
 * The `DENO_TLS_CA_STORE` value a process must start with to trust the operating system's
 * certificates: `current` with `system` added unless it has it (`system` when unset).
 */
export function caStoreWithSystem(current: string | undefined): string {
  const stores = splitList(current ?? "");
  return (usesSystemStore(current) ? stores : [...stores, "system"]).join(",");
}

/**
 * Reads the implemented variables and warns once for each ignored one that is set; `env` is the
 * process environment (`DENO_TLS_CA_STORE` counts only there).
 */
export function loadPythonCompat(
  s: Settings,
  r: Report,
  env: Record<string, string | undefined>,
  projectPattern?: string,
): PythonCompat {
  for (const name of IGNORED_VARIABLES) {
    if (s.get(name)) r.warn(ignoredWarning(name));
  }
  return {
    rawText: rawTextSetting(s, r),
    internalOnlyProjects: internalOnlySetting(s, r, projectPattern),
    retry: retrySettings(s, r),
    systemTrustStore: systemTrustStoreSetting(s, r, env),
  };
}
