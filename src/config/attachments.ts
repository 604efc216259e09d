/**
 * The attachments folder must not hold the server's own secrets: the .env file, the files the
 * configuration names (client keys, certificates) and the OAuth token folders. Otherwise a tool
 * could upload them to Atlassian.
 *
 * @module
 */
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import type { Config } from "./types.ts";

/** The parts of a configuration that name secrets and the attachments folder. */
export type SecretsConfig = Pick<
  Config,
  "attachmentsDir" | "files" | "jira" | "confluence" | "oauth"
>;

/** The server's own files (never attached) and folders (nothing in them is attached). */
export interface Secrets {
  files: string[];
  folders: string[];
}

/** Whether `path` is `root` or inside it (both absolute and resolved). */
export function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The secret files and folders `config` names, as absolute paths. */
export function secretsOf(config: SecretsConfig): Secrets {
  const tokenFiles = [
    config.oauth.tokenFile,
    config.jira?.oauth?.tokenFile,
    config.confluence
      ?.oauth?.tokenFile,
  ].filter((file): file is string => Boolean(file));
  return {
    files: [...new Set(config.files.map((file) => resolve(file)))],
    folders: [...new Set(tokenFiles.map((file) => dirname(resolve(file))))],
  };
}

/** One sentence when the attachments folder holds a secret of `config`, else undefined. */
export function attachmentsDirProblem(config: SecretsConfig): string | undefined {
  if (!config.attachmentsDir) return undefined;
  const dir = resolve(config.attachmentsDir);
  const { files, folders } = secretsOf(config);
  const found = [
    ...files.filter((file) => within(dir, file)),
    ...folders.filter((folder) => within(dir, folder) || within(folder, dir)),
  ];
  if (!found.length) return undefined;
  return `MCP_ATTACHMENTS_DIR (${config.attachmentsDir}) must not hold the server's own secrets, but it overlaps ${
    found.join(", ")
  }; name a folder that holds only the files to attach.`;
}
