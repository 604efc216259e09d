/**
 * The OAuth token file, in the Python server's format: JSON `{access_token, refresh_token,
 * expires_at (epoch seconds), cloud_id, base_url}` in `~/.mcp-atlassian/oauth-<client_id>.json`,
 * folder 0700, file 0600.
 *
 * Saving is atomic: the new content goes to a temporary file in the same folder (created 0600,
 * flushed to disk), which is then renamed over the old file, and the folder is flushed too (where
 * the platform allows) so that a power loss cannot bring the old file back. A crash or a failed
 * write at any point leaves either the old file or the new one, never a truncated file, so the
 * only valid refresh token (Atlassian rotates them) is never lost.
 *
 * A missing folder is created 0700; an existing one is tightened to 0700 when it belongs to the
 * current user, and a warning names it when it belongs to someone else (POSIX only).
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { addRotatingSecret, log } from "../../log.ts";
import { AuthError } from "../errors.ts";
import { SETUP_COMMAND } from "../../config/oauth.ts";

/** The content of a token file (Python-compatible; unknown keys are kept when it is rewritten). */
export interface StoredTokens {
  /** The OAuth access token. */
  access_token: string;
  /** The refresh token (absent without `offline_access`; rotated on every refresh on Cloud). */
  refresh_token?: string;
  /** When the access token expires, in epoch seconds (may be fractional); 0 when unknown. */
  expires_at: number;
  /** The Cloud site id the tokens were set up for. */
  cloud_id?: string;
  /** The site or instance URL the tokens were set up for. */
  base_url?: string;
  /** Keys written by other versions, kept as they are. */
  [key: string]: unknown;
}

/** The file operations `saveTokens` uses (replaceable in tests to simulate failures). */
export interface TokenFileSystem {
  /** Writes `data` to a new file `path` with `mode` (it must not exist) and flushes it to disk. */
  writeNewFile(path: string, data: Uint8Array, mode: number): Promise<void>;
  /** Renames `from` over `to`, replacing it. */
  rename(from: string, to: string): Promise<void>;
  /**
   * Flushes the folder `path` (its entries) to disk after the rename; never rejects, since not
   * every platform can (default: the one of `DENO_FILE_SYSTEM`).
   */
  syncFolder?(path: string): Promise<void>;
}

const WINDOWS = Deno.build.os === "windows";

/**
 * The real file system: `Deno.open` with `createNew` + `syncData`, `Deno.rename`, and the folder
 * opened and `sync`ed (skipped on Windows, which cannot open a folder; errors are ignored).
 */
export const DENO_FILE_SYSTEM: TokenFileSystem = {
  async writeNewFile(path, data, mode) {
    using file = await Deno.open(path, { write: true, createNew: true, mode });
    let written = 0;
    while (written < data.length) written += await file.write(data.subarray(written));
    await file.syncData();
  },
  rename: (from, to) => Deno.rename(from, to),
  async syncFolder(path) {
    if (WINDOWS) return;
    try {
      using folder = await Deno.open(path, { read: true });
      await folder.sync();
    } catch (error) {
      log.debug(`The token folder ${path} could not be flushed to disk (${reason(error)}).`);
    }
  },
};

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function reason(error: unknown): string {
  if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
    return "no permission";
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parses a token file's text; throws `AuthError` when it is not a token file. Its tokens are
 * registered as secrets.
 */
export function parseTokens(content: string, file: string): StoredTokens {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    data = undefined;
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw new AuthError(`The OAuth token file ${file} is not valid JSON.`, {
      hint: `Delete it and run ${SETUP_COMMAND}.`,
    });
  }
  const o = data as Record<string, unknown>;
  const access = text(o.access_token);
  const refresh = text(o.refresh_token);
  if (!access && !refresh) {
    throw new AuthError(
      `The OAuth token file ${file} holds neither an access nor a refresh token.`,
      {
        hint: `Run ${SETUP_COMMAND}.`,
      },
    );
  }
  addRotatingSecret(access);
  addRotatingSecret(refresh);
  const expires = typeof o.expires_at === "number" && Number.isFinite(o.expires_at)
    ? o.expires_at
    : 0;
  const tokens: StoredTokens = { ...o, access_token: access ?? "", expires_at: expires };
  if (refresh) tokens.refresh_token = refresh;
  else delete tokens.refresh_token;
  const cloudId = text(o.cloud_id);
  const baseUrl = text(o.base_url);
  if (cloudId) tokens.cloud_id = cloudId;
  else delete tokens.cloud_id;
  if (baseUrl) tokens.base_url = baseUrl;
  else delete tokens.base_url;
  return tokens;
}

/**
 * Reads the token file; undefined when it does not exist. Throws `AuthError` when it cannot be
 * read or is not a token file.
 */
export async function loadTokens(file: string): Promise<StoredTokens | undefined> {
  let content: string;
  try {
    content = await Deno.readTextFile(file);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw new AuthError(`The OAuth token file ${file} cannot be read (${reason(error)}).`, {
      hint: "Check the file's owner and permissions (it should be yours, mode 0600).",
      cause: error,
    });
  }
  return parseTokens(content, file);
}

/** The JSON a token file holds (Python writes `null` for a missing cloud id or base URL). */
export function serializeTokens(tokens: StoredTokens): string {
  return JSON.stringify({
    ...tokens,
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token ?? null,
    expires_at: tokens.expires_at,
    cloud_id: tokens.cloud_id ?? null,
    base_url: tokens.base_url ?? null,
  }) + "\n";
}

/** Creates the folder 0700; returns its stat when it already existed. */
async function ensureFolder(folder: string): Promise<Deno.FileInfo | undefined> {
  try {
    return await Deno.stat(folder);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  await Deno.mkdir(folder, { recursive: true, mode: 0o700 });
  if (!WINDOWS) await Deno.chmod(folder, 0o700);
  return undefined;
}

/** Folders already warned about (once per process is enough). */
const warnedFolders = new Set<string>();

/**
 * Tightens an existing folder to 0700 when it belongs to the current user, or warns once when
 * it belongs to another. The current user is the owner of `ours`, a file just created (this
 * needs no `--allow-sys`). Best effort: a failure is a warning, not a failed save.
 */
async function tighten(folder: string, info: Deno.FileInfo, ours: string): Promise<void> {
  if (WINDOWS || info.uid === null || (info.mode! & 0o777) === 0o700) return;
  try {
    const me = (await Deno.stat(ours)).uid;
    if (info.uid === me) {
      await Deno.chmod(folder, 0o700);
      return;
    }
    if (warnedFolders.has(folder)) return;
    warnedFolders.add(folder);
    log.warn(
      `The OAuth token folder ${folder} belongs to another user (uid ${info.uid}) and has mode ${
        (info.mode! & 0o777).toString(8)
      }: it should be yours with mode 0700, since whoever controls it can read or replace the tokens.`,
    );
  } catch (error) {
    log.warn(`The OAuth token folder ${folder} could not be set to mode 0700 (${reason(error)}).`);
  }
}

/**
 * Writes the token file atomically: the folder is created 0700 when missing (tightened to 0700
 * when it exists and is the user's), the content goes to a new temporary file (0600) in the same
 * folder, which is flushed and renamed over `file`, and then the folder is flushed. On any
 * failure the temporary file is removed, the old file is left as it was, and an `AuthError` says
 * why.
 */
export async function saveTokens(
  file: string,
  tokens: StoredTokens,
  fs: TokenFileSystem = DENO_FILE_SYSTEM,
): Promise<void> {
  const folder = dirname(file);
  const random = crypto.getRandomValues(new Uint8Array(6));
  const suffix = Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("");
  const temp = join(folder, `.${basename(file)}.${suffix}.tmp`);
  let tempCreated = false;
  try {
    const data = new TextEncoder().encode(serializeTokens(tokens));
    const existing = await ensureFolder(folder);
    tempCreated = true;
    await fs.writeNewFile(temp, data, 0o600);
    if (!WINDOWS) await Deno.chmod(temp, 0o600);
    if (existing) await tighten(folder, existing, temp);
    await fs.rename(temp, file);
    tempCreated = false;
  } catch (error) {
    if (tempCreated) await Deno.remove(temp).catch(() => {});
    throw new AuthError(
      `The OAuth tokens could not be saved to ${file} (${
        reason(error)
      }); the previous file is unchanged.`,
      {
        hint: "Check that the folder is yours and writable (mode 0700).",
        cause: error,
      },
    );
  }
  // The rename is done: a folder that cannot be flushed does not make the save fail.
  await (fs.syncFolder ?? DENO_FILE_SYSTEM.syncFolder!)(folder);
}
