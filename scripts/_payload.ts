/**
 * Reads back what `deno compile` embedded in a Linux (ELF) binary, so a build can be checked
 * without running it: the metadata (permissions, flags, entry point), the virtual file system and
 * the embedded files.
 *
 * Where it lives (Deno 2.9.6): libsui adds an ELF note section `.note.sui` holding one note with
 * owner `SUI`; its descriptor is `u16le name length`, the name `d3n0l4nd`, then the data section:
 *
 * `"d3n0l4nd"` · `u64le len` + metadata JSON · `u64le len` + npm snapshot · specifiers
 * (`u32 count`; each `u32 len` + UTF-8 + `u32 id`) · redirects (`u32 count`; pairs of `u32`) ·
 * remote modules (`u32 count`; each `u32 id`, `u8 media type`, `u32 len` + data, `u8 flags`, then a
 * `u32 len` + blob for each of flags 1, 2, 4) · `u64le len` + VFS JSON · `u64le len` + file bytes ·
 * `"d3n0l4nd"`.
 *
 * The format is internal to Deno and changes between versions: any surprise is reported as
 * {@link PayloadFormatError}. Windows (PE resource) and macOS (Mach-O section) are not parsed.
 *
 * @module
 */

/** The Deno version whose compile format this reader understands. */
export const SUPPORTED_DENO_VERSION = "2.9.6";

const MAGIC = "d3n0l4nd";
const NOTE_OWNER = "SUI";
const SHT_NOTE = 7;
const PT_NOTE = 4;

/** The embedded data does not have the layout this reader knows. */
export class PayloadFormatError extends Error {
  constructor(detail: string) {
    super(
      `this Deno version's compile format is not supported; pin ${SUPPORTED_DENO_VERSION} ` +
        `(${detail})`,
    );
    this.name = "PayloadFormatError";
  }
}

/** The permission part of the metadata (`null` = flag not given, `[]` = given without a list). */
export interface EmbeddedPermissions {
  allow_env: string[] | null;
  deny_env: string[] | null;
  ignore_env: string[] | null;
  allow_net: string[] | null;
  deny_net: string[] | null;
  allow_ffi: string[] | null;
  deny_ffi: string[] | null;
  allow_read: string[] | null;
  deny_read: string[] | null;
  ignore_read: string[] | null;
  allow_run: string[] | null;
  deny_run: string[] | null;
  allow_sys: string[] | null;
  deny_sys: string[] | null;
  allow_write: string[] | null;
  deny_write: string[] | null;
  allow_import: string[] | null;
  deny_import: string[] | null;
  prompt: boolean;
  [key: string]: unknown;
}

/** The metadata JSON (the keys this project checks; the rest is kept as is). */
export interface EmbeddedMetadata {
  argv: string[];
  permissions: EmbeddedPermissions;
  entrypoint_key: string;
  env_vars_from_env_file: Record<string, string>;
  unsafely_ignore_certificate_errors: string[] | null;
  ca_data: unknown;
  unstable_config: { features: string[]; [key: string]: unknown };
  [key: string]: unknown;
}

/** One VFS entry as serialized (serde externally tagged). */
export type VfsEntry =
  | { Dir: { n: string; e: VfsEntry[] } }
  | { File: { n: string; o: [number, number]; [key: string]: unknown } }
  | { Symlink: { n: string; [key: string]: unknown } };

/** Everything read back from a compiled binary. */
export interface Payload {
  metadata: EmbeddedMetadata;
  /** The VFS root entries, as serialized. */
  vfs: VfsEntry[];
  /** Byte length of the embedded npm snapshot (0 when none, e.g. with `--bundle`). */
  npmSnapshotBytes: number;
  /** Specifiers of embedded remote modules (jsr:, https:) — normally none here. */
  remoteSpecifiers: string[];
  /** Each embedded file's content (as written at compile time), by `/`-separated VFS path. */
  files: Map<string, Uint8Array>;
  /** The content of one embedded file by VFS path (`./` and leading `/` are ignored). */
  readFile(path: string): Uint8Array | undefined;
}

/** Random access to the binary's bytes. */
type ReadAt = (offset: number, length: number) => Uint8Array;

function fail(detail: string): never {
  throw new PayloadFormatError(detail);
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The data section (from the leading magic to the trailing one) of an ELF binary's payload. */
function findDataSection(readAt: ReadAt, size: number): Uint8Array {
  const header = readAt(0, Math.min(64, size));
  if (header.length < 64 || latin1.decode(header.subarray(0, 4)) !== "\x7fELF") {
    throw new Error("not an ELF binary: only Linux builds can be read back");
  }
  if (header[4] !== 2 || header[5] !== 1) fail("only 64-bit little-endian ELF is supported");
  const h = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const ranges: Array<[number, number]> = [];
  // Section headers: every SHT_NOTE section (libsui names its own `.note.sui`).
  const shoff = Number(h.getBigUint64(0x28, true));
  const shentsize = h.getUint16(0x3a, true);
  const shnum = h.getUint16(0x3c, true);
  if (shoff && shentsize >= 64 && shoff + shnum * shentsize <= size) {
    const table = readAt(shoff, shnum * shentsize);
    const t = new DataView(table.buffer, table.byteOffset, table.byteLength);
    for (let i = 0; i < shnum; i++) {
      const base = i * shentsize;
      if (t.getUint32(base + 4, true) !== SHT_NOTE) continue;
      ranges.push([
        Number(t.getBigUint64(base + 24, true)),
        Number(t.getBigUint64(base + 32, true)),
      ]);
    }
  }
  // Program headers as a fallback (a stripped binary keeps its PT_NOTE segments).
  const phoff = Number(h.getBigUint64(0x20, true));
  const phentsize = h.getUint16(0x36, true);
  const phnum = h.getUint16(0x38, true);
  if (phoff && phentsize >= 56 && phoff + phnum * phentsize <= size) {
    const table = readAt(phoff, phnum * phentsize);
    const t = new DataView(table.buffer, table.byteOffset, table.byteLength);
    for (let i = 0; i < phnum; i++) {
      const base = i * phentsize;
      if (t.getUint32(base, true) !== PT_NOTE) continue;
      ranges.push([
        Number(t.getBigUint64(base + 8, true)),
        Number(t.getBigUint64(base + 32, true)),
      ]);
    }
  }
  for (const [offset, length] of ranges) {
    if (offset + length > size || length < 12) continue;
    const notes = readAt(offset, length);
    const v = new DataView(notes.buffer, notes.byteOffset, notes.byteLength);
    let p = 0;
    while (p + 12 <= notes.length) {
      const namesz = v.getUint32(p, true);
      const descsz = v.getUint32(p + 4, true);
      const nameStart = p + 12;
      const descStart = nameStart + align4(namesz);
      if (descStart + descsz > notes.length) break;
      const owner = latin1.decode(notes.subarray(nameStart, nameStart + namesz)).replace(
        /\0+$/,
        "",
      );
      if (owner === NOTE_OWNER) return sectionData(notes.subarray(descStart, descStart + descsz));
      p = descStart + align4(descsz);
    }
  }
  throw new Error(
    "no deno compile payload found (no ELF note owned by SUI): not a `deno compile` output",
  );
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** The note descriptor: `u16 name length`, name, data. */
function sectionData(desc: Uint8Array): Uint8Array {
  if (desc.length < 2) fail("the SUI note is empty");
  const nameLength = desc[0] | (desc[1] << 8);
  const name = latin1.decode(desc.subarray(2, 2 + nameLength));
  if (name !== MAGIC) fail(`the SUI note holds "${name}", expected "${MAGIC}"`);
  return desc.subarray(2 + nameLength);
}

/** A bounds-checked little-endian cursor over the data section. */
class Cursor {
  #view: DataView;
  pos = 0;
  constructor(readonly bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  #need(n: number, what: string): void {
    if (this.pos + n > this.bytes.length) fail(`the data ends inside ${what}`);
  }
  u8(what: string): number {
    this.#need(1, what);
    return this.bytes[this.pos++];
  }
  u32(what: string): number {
    this.#need(4, what);
    const v = this.#view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  u64(what: string): number {
    this.#need(8, what);
    const v = this.#view.getBigUint64(this.pos, true);
    this.pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail(`implausible length in ${what}`);
    return Number(v);
  }
  take(n: number, what: string): Uint8Array {
    this.#need(n, what);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  magic(where: string): void {
    const found = latin1.decode(this.take(MAGIC.length, `the ${where} magic`));
    if (found !== MAGIC) fail(`the ${where} magic is missing`);
  }
}

function parseJson<T>(bytes: Uint8Array, what: string): T {
  try {
    return JSON.parse(utf8.decode(bytes)) as T;
  } catch {
    fail(`${what} is not valid JSON`);
  }
}

/** Parses the data section (magic to magic). */
function parseDataSection(data: Uint8Array): Payload {
  const c = new Cursor(data);
  c.magic("leading");
  const metadata = parseJson<EmbeddedMetadata>(c.take(c.u64("metadata"), "metadata"), "metadata");
  if (
    typeof metadata !== "object" || metadata === null || typeof metadata.permissions !== "object" ||
    typeof metadata.entrypoint_key !== "string"
  ) {
    fail("the metadata lacks permissions or entrypoint_key");
  }
  const npmSnapshotBytes = c.take(c.u64("npm snapshot"), "npm snapshot").length;
  const remoteSpecifiers: string[] = [];
  const specifierCount = c.u32("specifiers");
  for (let i = 0; i < specifierCount; i++) {
    const text = c.take(c.u32("a specifier"), "a specifier");
    remoteSpecifiers.push(utf8.decode(text));
    c.u32("a specifier id");
  }
  const redirectCount = c.u32("redirects");
  c.take(redirectCount * 8, "redirects");
  const moduleCount = c.u32("remote modules");
  for (let i = 0; i < moduleCount; i++) {
    c.u32("a module id");
    c.u8("a media type");
    c.take(c.u32("module data"), "module data");
    const flags = c.u8("module flags");
    if (flags & ~7) fail(`unknown remote module flags ${flags}`);
    for (const bit of [1, 2, 4]) {
      if (flags & bit) c.take(c.u32("a module blob"), "a module blob");
    }
  }
  const vfs = parseJson<VfsEntry[]>(c.take(c.u64("VFS"), "VFS"), "the VFS");
  if (!Array.isArray(vfs)) fail("the VFS is not a list of entries");
  const blob = c.take(c.u64("file data"), "file data");
  c.magic("end");

  const files = new Map<string, Uint8Array>();
  const walk = (entries: VfsEntry[], prefix: string) => {
    for (const entry of entries) {
      if ("Dir" in entry) walk(entry.Dir.e, `${prefix}${entry.Dir.n}/`);
      else if ("File" in entry) {
        const [offset, length] = entry.File.o;
        if (offset + length > blob.length) fail(`file ${prefix}${entry.File.n} is out of bounds`);
        files.set(`${prefix}${entry.File.n}`, blob.subarray(offset, offset + length));
      } else if (!("Symlink" in entry)) fail("unknown VFS entry kind");
    }
  };
  walk(vfs, "");
  return {
    metadata,
    vfs,
    npmSnapshotBytes,
    remoteSpecifiers,
    files,
    readFile: (path) => files.get(path.replace(/^\.?\/+/, "")),
  };
}

/** Reads the payload from a compiled binary's bytes. */
export function readPayload(binary: Uint8Array): Payload {
  const readAt: ReadAt = (offset, length) => binary.subarray(offset, offset + length);
  return parseDataSection(findDataSection(readAt, binary.length));
}

/** Reads the payload from a compiled binary on disk (reads only the headers and the note). */
export function readPayloadFile(path: string): Payload {
  using file = Deno.openSync(path, { read: true });
  const size = file.statSync().size;
  const readAt: ReadAt = (offset, length) => {
    const out = new Uint8Array(length);
    file.seekSync(offset, Deno.SeekMode.Start);
    let filled = 0;
    while (filled < length) {
      const n = file.readSync(out.subarray(filled));
      if (n === null) break;
      filled += n;
    }
    return out.subarray(0, filled);
  };
  return parseDataSection(findDataSection(readAt, size));
}
