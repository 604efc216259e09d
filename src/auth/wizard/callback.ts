/**
 * The setup wizard's side of the browser: the loopback callback listener that receives
 * Atlassian's redirect (on the redirect URI's host and port only), the small HTML page it shows,
 * parsing a pasted redirect URL, and opening the browser when the process may run the opener.
 *
 * @module
 */

/** What the authorization server sent back to the redirect URI. */
export interface CallbackParams {
  code?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
}

/** The redirect URI's host names that are this machine. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Tells whether a redirect URI points at this machine over plain http (a listener can serve it). */
export function isLoopbackRedirect(uri: URL): boolean {
  return uri.protocol === "http:" && LOOPBACK.has(uri.hostname.toLowerCase());
}

/** The port of an http(s) URL (explicit, else the scheme's default). */
function redirectPort(uri: URL): number {
  return Number(uri.port || (uri.protocol === "https:" ? 443 : 80));
}

/**
 * The addresses the listener binds for a loopback redirect URI, as `Deno.serve` hostnames:
 * `localhost` is both 127.0.0.1 and ::1 (a browser may try either); the second is optional.
 */
function listenHostnames(uri: URL): { required: string; optional?: string } {
  const host = uri.hostname.toLowerCase();
  if (host === "[::1]") return { required: "::1" };
  if (host === "localhost") return { required: "127.0.0.1", optional: "::1" };
  return { required: host };
}

/** The `host:port` net-permission descriptors the listener uses (`[::1]:port` for IPv6). */
export function listenDescriptors(uri: URL): string[] {
  const port = redirectPort(uri);
  const { required, optional } = listenHostnames(uri);
  return [required, optional].filter((h): h is string => h !== undefined).map((h) =>
    `${h.includes(":") ? `[${h}]` : h}:${port}`
  );
}

/** Longest `error` / `error_description` shown (the rest is cut off). */
const MAX_SHOWN = 300;

/**
 * Makes text from the redirect safe to print in a terminal: control characters (ESC and every
 * other C0/C1 code, so no ANSI sequence can recolour, move or clear the screen) and bidirectional
 * overrides are removed, whitespace runs become one space, and the length is bounded.
 */
export function printable(text: string): string {
  const clean = text
    .replace(/\p{Cc}\[[0-?]*[ -/]*[@-~]/gu, "") // ANSI CSI sequences (ESC [ ... final byte)
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return clean.length > MAX_SHOWN ? `${clean.slice(0, MAX_SHOWN)}...` : clean;
}

/**
 * Reads the callback parameters from a redirect URL's query. `error` and `error_description`
 * are shown to the user, so they pass through `printable` (anyone can send the listener a
 * request).
 */
export function callbackParams(url: URL): CallbackParams {
  const q = url.searchParams;
  const params: CallbackParams = {};
  const code = q.get("code");
  const state = q.get("state");
  const error = printable(q.get("error") ?? "");
  const description = printable(q.get("error_description") ?? "");
  if (code) params.code = code;
  if (state !== null) params.state = state;
  if (error) params.error = error;
  if (description) params.errorDescription = description;
  return params;
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page the browser shows after the redirect: one escaped message, no script. */
export function callbackPage(message: string, status = 200): Response {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mcp-atlassian OAuth setup</title></head>
<body style="font-family:sans-serif;margin:3em"><h1>mcp-atlassian</h1><p>${
    escapeHtml(message)
  }</p></body></html>
`;
  return new Response(body, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
  });
}

/** Why the listener could not start. */
export class ListenError extends Error {
  /** `in-use`: another program holds the port; `permission`: no net permission; else `other`. */
  readonly reason: "in-use" | "permission" | "other";
  /** The `host:port` it tried. */
  readonly address: string;

  /** Creates the error. */
  constructor(reason: ListenError["reason"], address: string, options?: ErrorOptions) {
    super(`cannot listen on ${address} (${reason})`, options);
    this.name = "ListenError";
    this.reason = reason;
    this.address = address;
  }
}

/** A running callback listener. */
export interface CallbackListener {
  /** Resolves with the first redirect that carries a code or an error (and the expected state). */
  readonly received: Promise<CallbackParams>;
  /** Shows `message` as the answer to that redirect, then stops listening (waits for the page). */
  finish(message: string): Promise<void>;
}

/** How long the browser's request waits for the wizard's final message before a generic one. */
const PAGE_WAIT_MS = 60_000;

/**
 * Listens on the redirect URI's loopback host and port and accepts `GET <redirect path>`.
 * The browser's request is held until `finish` so the page tells the real outcome.
 * With `state`, a redirect carrying another state (a stale tab, or any local process that
 * found the port) is answered 400 and ignored: the listener keeps waiting, so nothing but the
 * genuine redirect can end the setup. Throws `ListenError` when the port is in use or not
 * permitted.
 */
export function listenForCallback(uri: URL, state?: string): CallbackListener {
  const port = redirectPort(uri);
  const { required, optional } = listenHostnames(uri);
  let deliver!: (p: CallbackParams) => void;
  const received = new Promise<CallbackParams>((resolve) => deliver = resolve);
  let settle!: (message: string) => void;
  const final = new Promise<string>((resolve) => settle = resolve);
  let taken = false;

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname !== uri.pathname) return callbackPage("Not found.", 404);
    if (request.method !== "GET") return callbackPage("Only GET is accepted here.", 405);
    const params = callbackParams(url);
    if (!params.code && !params.error) {
      return callbackPage("This address waits for Atlassian's redirect after you give consent.");
    }
    if (state !== undefined && params.state !== state) {
      return callbackPage(
        "This redirect does not belong to the running setup (its state does not match), so it was ignored; the setup keeps waiting for the redirect of the consent it started.",
        400,
      );
    }
    if (taken) {
      return callbackPage("This setup already received an answer; you can close this window.");
    }
    taken = true;
    deliver(params);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fallback = new Promise<string>((resolve) => {
      timer = setTimeout(
        () => resolve("The setup is still running: return to the terminal."),
        PAGE_WAIT_MS,
      );
    });
    const message = await Promise.race([final, fallback]);
    clearTimeout(timer);
    return callbackPage(message);
  };

  const servers: Deno.HttpServer[] = [];
  const serve = (hostname: string): Deno.HttpServer => {
    const address = `${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
    try {
      return Deno.serve({ hostname, port, onListen: () => {} }, handler);
    } catch (error) {
      const name = error instanceof Error ? error.name : "";
      const reason = name === "AddrInUse"
        ? "in-use"
        : name === "NotCapable" || name === "PermissionDenied"
        ? "permission"
        : "other";
      throw new ListenError(reason, address, { cause: error });
    }
  };
  servers.push(serve(required));
  if (optional) {
    try {
      servers.push(serve(optional));
    } catch (error) {
      // ::1 is a courtesy for browsers that resolve localhost to IPv6; the port being taken
      // there means another program would receive the redirect.
      if (error instanceof ListenError && error.reason === "in-use") {
        servers.forEach((s) => s.shutdown());
        throw error;
      }
    }
  }
  return {
    received,
    async finish(message: string) {
      settle(message);
      await Promise.all(servers.map((s) => s.shutdown()));
    },
  };
}

/** The command that opens a URL in the default browser on this OS, with its arguments. */
function browserCommand(url: string): { command: string; args: string[] } {
  if (Deno.build.os === "darwin") return { command: "open", args: [url] };
  if (Deno.build.os === "windows") {
    return { command: "cmd", args: ["/c", "start", "", url.replaceAll("&", "^&")] };
  }
  return { command: "xdg-open", args: [url] };
}

/**
 * Opens `url` in the browser when this process may run the opener (never prompts); false when
 * it may not or the opener is missing, so the caller just relies on the printed URL.
 */
export async function openBrowser(url: string): Promise<boolean> {
  const { command, args } = browserCommand(url);
  const status = await Deno.permissions.query({ name: "run", command });
  if (status.state !== "granted") return false;
  try {
    const child = new Deno.Command(command, {
      args,
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    child.unref();
    child.status.catch(() => {});
    return true;
  } catch {
    return false;
  }
}
