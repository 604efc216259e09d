/**
 * File paths in tool arguments: read only inside the folder named by `MCP_ATTACHMENTS_DIR`
 * (`--attachments-dir`), which is the one folder the sandbox lets the server read. A path
 * resolves inside it after symbolic links are resolved; `..`, an absolute path elsewhere and a
 * link that leads out are refused, and without the setting every path is refused. Nothing is
 * ever written.
 *
 * @module
 */
import { basename, isAbsolute, join, relative, resolve } from "node:path";
import type { Config } from "../../config/types.ts";
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
}

/** What a refusal suggests instead of a path, e.g. "send the file's bytes as content_base64". */
export interface PathUse {
  /** The parameter that named the file. */
  parameter: string;
  /** What to send instead when the server reads no files. */
  instead: string;
}

/** Whether `path` (absolute, resolved) is `root` or inside it. */
function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * Finds the file `given` names (relative to the attachments folder, or absolute inside it) and
 * checks it is a regular file of at most `maxBytes`; every refusal is one sentence.
 */
export async function grantedFile(
  config: Pick<Config, "attachmentsDir">,
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
    `${use.parameter} "${given}" is outside the attachments folder ${folder}.`,
    "Name a file inside that folder, relative to it (e.g. 'report.pdf').",
  );
  const candidate = resolve(folder, given);
  if (!inside(resolve(folder), candidate)) throw outside;
  let root: string;
  try {
    root = await Deno.realPath(folder);
  } catch (error) {
    throw new ToolError(
      `The attachments folder ${folder} cannot be read (${(error as Error).message}).`,
      "Check MCP_ATTACHMENTS_DIR names an existing folder.",
    );
  }
  let real: string;
  try {
    real = await Deno.realPath(candidate);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw outside;
    throw new ToolError(
      `${use.parameter} "${given}" is not a file in the attachments folder ${folder}.`,
      "Check the name; paths are relative to that folder.",
    );
  }
  if (!inside(root, real)) {
    throw new ToolError(
      `${use.parameter} "${given}" is a link that leads outside the attachments folder ${folder}.`,
      "Copy the file into that folder instead of linking to it.",
    );
  }
  const path = join(folder, relative(root, real));
  const info = await Deno.stat(path);
  if (!info.isFile) {
    throw new ToolError(
      `${use.parameter} "${given}" is not a regular file.`,
      "Name a file, not a folder.",
    );
  }
  if (info.size > maxBytes) throw overCap(`${use.parameter} "${given}"`, info.size, maxBytes);
  return { path, name: basename(real), size: info.size };
}

/** The UTF-8 text of a file in the attachments folder (e.g. a page body, `content_file`). */
export async function readGrantedText(
  config: Pick<Config, "attachmentsDir">,
  given: string,
  use: PathUse,
  maxBytes: number,
): Promise<string> {
  const file = await grantedFile(config, given, use, maxBytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await Deno.readFile(file.path));
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
  config: Pick<Config, "attachmentsDir">,
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
