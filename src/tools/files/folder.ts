/**
 * File paths in tool arguments: read only inside the folder named by `MCP_ATTACHMENTS_DIR`
 * (`--attachments-dir`), which is the one folder the sandbox lets the server read. A path
 * resolves inside it after symbolic links are resolved; `..`, an absolute path elsewhere and a
 * link that leads out are refused, and without the setting every path is refused. Nothing is
 * ever written.
 *
 * @module
 */
import { basename, join, relative, resolve } from "node:path";
import { type SecretsConfig, secretsOf, within } from "../../config/attachments.ts";
import { ToolError } from "../../errors.ts";
import { LIMITS } from "../schemas.ts";
import { MAX_FILE_BYTES, overCap } from "./base64.ts";

/** A file found inside the attachments folder. */
export interface GrantedFile {
  /** The path to open: the folder as configured, then the file's place in it. */
  path: string;
  /** The file's own name. */
  name: string;
  /** Its size in bytes. */
  size: number;
  /** The file's identity when checked (device and inode), compared when it is opened. */
  id: FileId;
  /** The cap it was checked against, which reading enforces too. */
  maxBytes: number;
}

/** A file's device and inode (inode null where the platform has none). */
export interface FileId {
  dev: number;
  ino: number | null;
}

/**
 * Opens a checked file, refusing it when another file took its place since the check, or when it
 * grew past its cap; the stream errors if it grows past the cap while being read.
 */
export async function openGranted(
  file: GrantedFile,
  which: string,
): Promise<{ readable: ReadableStream<Uint8Array>; handle: Deno.FsFile }> {
  const handle = await Deno.open(file.path);
  try {
    const info = await handle.stat();
    if (info.dev !== file.id.dev || info.ino !== file.id.ino) {
      throw new ToolError(
        `${which} was replaced by another file after it was checked.`,
        "Try again once the file stays put.",
      );
    }
    if (info.size > file.maxBytes) throw overCap(which, info.size, file.maxBytes);
  } catch (error) {
    handle.close();
    throw error;
  }
  let read = 0;
  const readable = handle.readable.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.length;
        if (read > file.maxBytes) controller.error(overCap(which, read, file.maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  return { readable, handle };
}

/** What a refusal suggests instead of a path, e.g. "send the file's bytes as content_base64". */
export interface PathUse {
  /** The parameter that named the file. */
  parameter: string;
  /** What to send instead when the server reads no files. */
  instead: string;
}

/** The configuration a file lookup needs: the folder and the server's own secrets. */
export type FileAccess = SecretsConfig;

/** The real path of `path`, or undefined when it cannot be resolved (absent, not granted). */
async function realOrNone(path: string): Promise<string | undefined> {
  try {
    return await Deno.realPath(path);
  } catch {
    return undefined;
  }
}

/** Whether the real path `real` is one of the server's own secret files or in a token folder. */
async function isSecret(config: FileAccess, real: string): Promise<boolean> {
  const { files, folders } = secretsOf(config);
  for (const file of files) if ((await realOrNone(file)) === real) return true;
  for (const folder of folders) {
    const root = await realOrNone(folder);
    if (root && within(root, real)) return true;
  }
  return false;
}

/**
 * Finds the file `given` names (relative to the attachments folder, or absolute inside it) and
 * checks it is a regular file of at most `maxBytes`; every refusal is one sentence.
 */
export async function grantedFile(
  config: FileAccess,
  given: string,
  use: PathUse,
  maxBytes = MAX_FILE_BYTES,
): Promise<GrantedFile> {
  const folder = config.attachmentsDir;
  if (!folder) {
    throw new ToolError(
      `${use.parameter} names a file, but this server reads no files: no attachments folder is set.`,
      `Set MCP_ATTACHMENTS_DIR (or --attachments-dir) to the folder holding the files, or ${use.instead}.`,
    );
  }
  const outside = new ToolError(
    `${use.parameter} "${given}" is outside the attachments folder (MCP_ATTACHMENTS_DIR).`,
    "Name a file inside that folder, relative to it (e.g. 'report.pdf').",
  );
  const candidate = resolve(folder, given);
  if (!within(resolve(folder), candidate)) throw outside;
  let root: string;
  try {
    root = await Deno.realPath(folder);
  } catch {
    throw new ToolError(
      "The attachments folder (MCP_ATTACHMENTS_DIR) cannot be read.",
      "Check MCP_ATTACHMENTS_DIR names an existing folder.",
    );
  }
  let real: string;
  try {
    real = await Deno.realPath(candidate);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw outside;
    throw new ToolError(
      `${use.parameter} "${given}" is not a file in the attachments folder (MCP_ATTACHMENTS_DIR).`,
      "Check the name; paths are relative to that folder.",
    );
  }
  if (!within(root, real)) {
    throw new ToolError(
      `${use.parameter} "${given}" is a link that leads outside the attachments folder (MCP_ATTACHMENTS_DIR).`,
      "Copy the file into that folder instead of linking to it.",
    );
  }
  if (await isSecret(config, real)) {
    throw new ToolError(
      `${use.parameter} "${given}" is one of this server's own configuration or token files, which are never attached.`,
      "Name another file; keep secrets out of the attachments folder.",
    );
  }
  const path = join(folder, relative(root, real));
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch {
    throw new ToolError(
      `${use.parameter} "${given}" went away while it was being checked.`,
      "Try again once the file stays put.",
    );
  }
  if (!info.isFile) {
    throw new ToolError(
      `${use.parameter} "${given}" is not a regular file.`,
      "Name a file, not a folder.",
    );
  }
  if (info.size > maxBytes) throw overCap(`${use.parameter} "${given}"`, info.size, maxBytes);
  return {
    path,
    name: basename(real),
    size: info.size,
    id: { dev: info.dev, ino: info.ino },
    maxBytes,
  };
}

/** The UTF-8 text of a file in the attachments folder (e.g. a page body, `content_file`). */
async function readGrantedText(
  config: FileAccess,
  given: string,
  use: PathUse,
  maxBytes: number,
): Promise<string> {
  const file = await grantedFile(config, given, use, maxBytes);
  const { readable } = await openGranted(file, `${use.parameter} "${given}"`);
  const bytes = new Uint8Array(await new Response(readable).arrayBuffer());
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new ToolError(
      `${use.parameter} "${given}" is not UTF-8 text.`,
      "Save the file as UTF-8.",
    );
  }
}

/**
 * A page body from `content` or from `content_file` (a UTF-8 file in the attachments folder, of
 * at most `LIMITS.text` bytes); both at once are refused.
 */
export async function bodyFromFile(
  config: FileAccess,
  content: string | undefined,
  contentFile: string | undefined,
): Promise<string | undefined> {
  if (contentFile === undefined) return content;
  if (content) {
    throw new ToolError(
      "Pass content or content_file, not both.",
      "Leave content out to read the body from the file.",
    );
  }
  return await readGrantedText(config, contentFile, {
    parameter: "content_file",
    instead: "pass the body as content",
  }, LIMITS.text);
}
