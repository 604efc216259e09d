/**
 * Prints a CycloneDX 1.5 JSON SBOM of the npm packages a compiled binary embeds:
 * `deno run --allow-read scripts/sbom.ts dist/mcp-atlassian-x86_64-unknown-linux-gnu > sbom.json`.
 *
 * Which packages: exactly those whose modules are in the binary's bundles. `deno compile
 * --bundle` (scripts/compile.ts) embeds the entry bundle and the Worker's bundle, unminified, and
 * esbuild heads every module with a `// <path>` comment; a module from npm has a path in Deno's
 * cache, `.../registry.npmjs.org/<name>/<version>/...`. Versions and SHA-512 hashes come from the
 * frozen deno.lock. The bundles are JavaScript, the same for every target, so the SBOM of the
 * Linux x86_64 binary (the ELF file scripts/_payload.ts reads) describes all five.
 *
 * The output has no timestamp or random serial number, so the same commit gives the same file.
 *
 * @module
 */
import { readPayloadFile } from "./_payload.ts";
import { ROOT } from "./compile.ts";

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
 * The `name@version` of every npm package with a module in `bundle`, read from esbuild's
 * `// .../registry.npmjs.org/<name>/<version>/<file>` module markers (a copy of a package made
 * for other peer dependencies has a `_<n>` folder suffix, which is dropped).
 */
export function bundledPackages(bundle: string): Set<string> {
  const out = new Set<string>();
  const marker = /^\/\/ \S*\/registry\.npmjs\.org\/((?:@[^/\s]+\/)?[^/\s]+)\/([^/\s]+)\/\S+$/gm;
  for (const [, name, folder] of bundle.matchAll(marker)) {
    out.add(`${name}@${folder.replace(/_\d+$/, "")}`);
  }
  return out;
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

/** The SBOM of the compiled (Linux ELF) binary at `binary`, built from this checkout. */
export async function sbom(binary: string): Promise<Record<string, unknown>> {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.json`));
  const lock = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.lock`));
  const decoder = new TextDecoder();
  const packages = new Set<string>();
  for (const [path, bytes] of readPayloadFile(binary).files) {
    if (!/\.m?js$/.test(path)) continue;
    for (const id of bundledPackages(decoder.decode(bytes))) packages.add(id);
  }
  if (packages.size === 0) {
    throw new Error(`${binary} embeds no bundled npm module (was it built with --bundle?)`);
  }
  return cycloneDx(packages, lock.npm ?? {}, {
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
