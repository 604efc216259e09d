/**
 * Prints a CycloneDX 1.5 JSON SBOM of the npm packages the compiled binary embeds:
 * `deno run --allow-read --allow-run scripts/sbom.ts > dist/sbom.cdx.json`.
 *
 * Which packages: the npm packages that the entry point and the Worker (the two modules
 * `deno compile --bundle` follows, see scripts/compile.ts) import, as `deno info --json` resolves
 * them, plus everything those depend on, with versions and SHA-512 hashes from the frozen
 * deno.lock. Test-only packages (the fake's schema checks, the conformance suite) are not reached
 * from these modules and so not listed. `@types/*` packages are left out: they hold only type
 * declarations, which compiling erases. The bundler may drop unused modules of a listed package,
 * so the list is a superset of what runs, never a subset.
 *
 * The output has no timestamp or random serial number, so the same commit gives the same file.
 *
 * @module
 */
import { ENTRY, ROOT, WORKER_MODULE } from "./compile.ts";

/** One npm package of `deno info --json`'s `npmPackages` (keyed by id `name@version[_peer]`). */
interface NpmPackage {
  name: string;
  version: string;
  dependencies: string[];
}

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
 * The ids (`name@version[_peer]`) reachable from `roots` (`name@version`) through the packages'
 * dependencies, sorted.
 */
export function closure(packages: Record<string, NpmPackage>, roots: Iterable<string>): string[] {
  const byNameVersion = new Map<string, string>();
  for (const [id, pkg] of Object.entries(packages)) {
    byNameVersion.set(`${pkg.name}@${pkg.version}`, id);
  }
  const seen = new Set<string>();
  const todo = [...roots].map((root) => byNameVersion.get(root) ?? root);
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    const pkg = packages[id];
    if (!pkg) throw new Error(`npm package ${id} is not in deno info's resolution`);
    seen.add(id);
    todo.push(...pkg.dependencies);
  }
  return [...seen].sort();
}

/** The `name@version` of every npm package a module graph imports directly. */
export function importedPackages(modules: { specifier: string }[]): Set<string> {
  const out = new Set<string>();
  for (const { specifier } of modules) {
    const match = /^npm:\/?((?:@[^/@]+\/)?[^/@]+@[^/]+)/.exec(specifier);
    if (match) out.add(match[1]);
  }
  return out;
}

/** Builds the CycloneDX document from the resolved packages and the lock file's `npm` section. */
export function cycloneDx(
  packages: Record<string, NpmPackage>,
  ids: string[],
  lock: Record<string, { integrity?: string }>,
  app: { name: string; version: string },
): Record<string, unknown> {
  const components: Component[] = [];
  for (const id of ids) {
    const { name, version } = packages[id];
    if (name.startsWith("@types/")) continue;
    const slash = name.indexOf("/");
    const hex = sha512Hex(lock[`${name}@${version}`]?.integrity ?? lock[id]?.integrity);
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

async function denoInfo(
  module: string,
): Promise<{ modules: { specifier: string }[]; npmPackages: Record<string, NpmPackage> }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", module],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`deno info ${module} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

/** The SBOM of the binary built from this checkout. */
export async function sbom(): Promise<Record<string, unknown>> {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.json`));
  const lock = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.lock`));
  const graphs = await Promise.all([ENTRY, WORKER_MODULE].map(denoInfo));
  const packages = Object.assign({}, ...graphs.map((g) => g.npmPackages));
  const roots = new Set(graphs.flatMap((g) => [...importedPackages(g.modules)]));
  return cycloneDx(packages, closure(packages, roots), lock.npm ?? {}, {
    name: "mcp-atlassian",
    version: String(config.version),
  });
}

if (import.meta.main) console.log(JSON.stringify(await sbom(), null, 2));
