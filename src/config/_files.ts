/**
 * Reading the files the configuration names: the reader type and read-failure wording.
 *
 * @module
 */

/** Reads a text file; throws (`Deno.errors.NotFound`, `NotCapable`, ...) when it cannot. */
export type ReadFile = (path: string) => string;

/** Why a file could not be read, as a message fragment ("not found", "no read permission", ...). */
export function readError(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "NotFound") return "not found";
  if (name === "NotCapable" || name === "PermissionDenied") return "no read permission";
  if (name === "IsADirectory") return "it is a directory";
  return error instanceof Error ? error.message : String(error);
}

/** Tells whether a read failed because the file is missing or not reachable (no warning). */
export function isAbsent(error: unknown): boolean {
  const name = error instanceof Error ? error.name : "";
  return name === "NotFound" || name === "NotCapable";
}
