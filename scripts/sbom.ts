/**
 * Prints a CycloneDX 1.5 JSON SBOM of the npm packages a compiled binary embeds: `deno run
 * --allow-read --allow-run=deno scripts/sbom.ts dist/mcp-atlassian-x86_64-unknown-linux-gnu`.
 *
 * Which packages: exactly those with a module in the bundle the binary embeds. scripts/compile.ts
 * embeds one file, the minified single-file bundle of scripts/bundle.ts, which keeps no trace of
 * where its modules came from. So this rebuilds that bundle from this checkout, to stdout, with
 * the same arguments plus `--sourcemap=inline` (esbuild's JavaScript is then the same bytes
 * followed by one `//# sourceMappingURL=data:...` line, so nothing is written to disk), checks
 * that the binary embeds exactly that JavaScript, and reads the map's `sources`: a module from npm
 * has a path in Deno's npm cache, `.../registry.npmjs.org/<name>/<version>/...`. Versions and
 * SHA-512 hashes come from the frozen deno.lock. The bundle is JavaScript, the same for every
 * target, so the SBOM of the Linux x86_64 binary (the ELF file scripts/_payload.ts reads)
 * describes all five.
 *
 * The output has no timestamp or random serial number, so the same commit gives the same file.
 *
 * @module
 */
import { readPayloadFile } from "./_payload.ts";
import { bundleArgs, ROOT } from "./bundle.ts";

/** The parts of a CycloneDX component this SBOM fills in. */
export interface Component {
  type: "library";
  "bom-ref": string;
  name: string;
  group?: string;
  version: string;
  purl: string;
  hashes?: { alg: "SHA-512"; content: string }[];
}

/** The package URL of an npm package (`pkg:npm/%40scope/name@1.2.3`). */
export function purl(name: string, version: string): string {
  return `pkg:npm/${name.replace(/^@/, "%40")}@${version}`;
}

/** The hex digest of an npm `sha512-<base64>` integrity string, or undefined for another kind. */
export function sha512Hex(integrity: string | undefined): string | undefined {
  const match = /^sha512-([A-Za-z0-9+/=]+)$/.exec(integrity ?? "");
  if (!match) return undefined;
  return Array.from(atob(match[1]), (c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
}

/**
 * The `name@version` of every npm package with a module among a source map's `sources`, which
 * are paths in Deno's npm cache, `.../registry.npmjs.org/<name>/<version>/<file>` (a copy of a
 * package made for other peer dependencies has a `_<n>` folder suffix, which is dropped).
 */
export function bundledPackages(sources: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const path = /(?:^|\/)registry\.npmjs\.org\/((?:@[^/]+\/)?[^/]+)\/([^/]+)\/[^/]/;
  for (const source of sources) {
    const match = path.exec(source);
    if (match) out.add(`${match[1]}@${match[2].replace(/_\d+$/, "")}`);
  }
  return out;
}

const MAP_COMMENT = "\n//# sourceMappingURL=";

/**
 * The bundle of this checkout, rebuilt to stdout with {@link bundleArgs} plus
 * `--sourcemap=inline`: its JavaScript (without the map's comment line) and the map's `sources`.
 */
export async function rebuildBundle(): Promise<{ code: string; sources: string[] }> {
  // `deno` by name, as `--allow-run=deno` names it (Deno.execPath() resolves symlinks, so it
  // would not match a deno on PATH that is a link).
  const out = await new Deno.Command("deno", {
    args: ["bundle", "--sourcemap=inline", ...bundleArgs(null).slice(1)],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  if (!out.success) throw new Error(`deno bundle failed: ${decoder.decode(out.stderr).trim()}`);
  const text = decoder.decode(out.stdout);
  const at = text.lastIndexOf(MAP_COMMENT);
  if (at < 0) throw new Error("deno bundle --sourcemap=inline wrote no source map comment");
  const map = await (await fetch(text.slice(at + MAP_COMMENT.length).trim())).json();
  if (!Array.isArray(map?.sources)) throw new Error("the bundle's source map has no sources");
  return { code: text.slice(0, at + 1), sources: map.sources };
}

/**
 * Builds the CycloneDX document for `packages` (`name@version`, sorted in the output) with the
 * hashes of the lock file's `npm` section (keyed `name@version`, or with `_<peers>` appended).
 * Throws when a package is not in the lock (the binary was built from another checkout).
 */
export function cycloneDx(
  packages: Iterable<string>,
  lock: Record<string, { integrity?: string }>,
  app: { name: string; version: string },
): Record<string, unknown> {
  const integrity = new Map<string, string | undefined>();
  for (const [key, entry] of Object.entries(lock)) {
    integrity.set(key.split("_")[0], entry.integrity);
  }
  const components: Component[] = [];
  for (const id of [...packages].sort()) {
    if (!integrity.has(id)) throw new Error(`the embedded npm package ${id} is not in deno.lock`);
    const at = id.lastIndexOf("@");
    const [name, version] = [id.slice(0, at), id.slice(at + 1)];
    const slash = name.indexOf("/");
    const hex = sha512Hex(integrity.get(id));
    const ref = purl(name, version);
    components.push({
      type: "library",
      "bom-ref": ref,
      ...(slash > 0 ? { group: name.slice(0, slash), name: name.slice(slash + 1) } : { name }),
      version,
      purl: ref,
      ...(hex ? { hashes: [{ alg: "SHA-512" as const, content: hex }] } : {}),
    });
  }
  return {
    bomFormat: "CycloneDX",
    specVersion: "1.5",
    version: 1,
    metadata: {
      component: { type: "application", "bom-ref": app.name, name: app.name, version: app.version },
    },
    components,
  };
}

/**
 * The SBOM of the compiled (Linux ELF) binary at `binary`, built from this checkout. Throws when
 * the binary does not embed exactly this checkout's bundle.
 */
export async function sbom(binary: string): Promise<Record<string, unknown>> {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.json`));
  const lock = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.lock`));
  const payload = readPayloadFile(binary);
  const embedded = payload.readFile(payload.metadata.entrypoint_key);
  if (payload.files.size !== 1 || embedded === undefined) {
    throw new Error(`${binary} does not embed one bundle (was it built with --sources?)`);
  }
  const { code, sources } = await rebuildBundle();
  if (new TextDecoder().decode(embedded) !== code) {
    throw new Error(`${binary} does not embed the bundle of this checkout`);
  }
  return cycloneDx(bundledPackages(sources), lock.npm ?? {}, {
    name: "mcp-atlassian",
    version: String(config.version),
  });
}

if (import.meta.main) {
  if (Deno.args.length !== 1) {
    console.error("sbom: give the path of the Linux x86_64 binary");
    Deno.exit(2);
  }
  try {
    console.log(JSON.stringify(await sbom(Deno.args[0]), null, 2));
  } catch (error) {
    console.error(`sbom: ${(error as Error).message}`);
    Deno.exit(1);
  }
}
