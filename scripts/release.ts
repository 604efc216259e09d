/**
 * The whole release into one folder: `deno task release [-- options]`, as the release workflow
 * runs it on a `v*` tag.
 *
 * Writes, into dist/ (or --out):
 *   mcp-atlassian-<target>[.exe]  the binaries (scripts/compile.ts; it builds the bundle first)
 *   mcp-atlassian.js              the single-file bundle they embed, for `deno run`
 *   mcp-atlassian.cdx.json        the CycloneDX SBOM of the embedded npm packages (scripts/sbom.ts)
 *   SHA256SUMS                    their SHA-256 digests, as `sha256sum -c SHA256SUMS` checks them
 *
 * Options (as scripts/compile.ts's):
 *   --target <triple>  build one target (default: all five); the SBOM is read from the
 *                      x86_64 Linux binary, so that target must be among them
 *   --base <path>      base runtime to compile onto (DENORT_BIN; needs --target). Where
 *                      dl.deno.land cannot be reached, a stand-in such as `$(which deno)` makes a
 *                      folder fit for checking the payloads and checksums — never to ship.
 *   --out <dir>        output folder (default: dist/); the task may write only inside dist/,
 *                      so for another folder run `deno run --allow-run --allow-read
 *                      --allow-write=<dir> scripts/release.ts`
 *   --no-check         skip type-checking
 *
 * @module
 */
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { BUNDLE } from "./bundle.ts";
import {
  BUILD_FLAGS,
  type BuildOptions,
  buildOptions,
  compileTargets,
  outputName,
  ROOT,
  type Target,
  taskArgs,
} from "./compile.ts";
import { sbom } from "./sbom.ts";

/** The binary the SBOM is read from (scripts/_payload.ts reads ELF files). */
const SBOM_SOURCE: Target = "x86_64-unknown-linux-gnu";

/** The release's file names besides the binaries: the bundle. */
export const BUNDLE_NAME: string = basename(BUNDLE);
/** The SBOM's file name. */
export const SBOM_NAME = "mcp-atlassian.cdx.json";
/** The checksums file's name. */
export const SUMS_NAME = "SHA256SUMS";

/** The lowercase hex SHA-256 of `bytes`. */
async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The text of a checksums file for `files` (paths), one `<hex>  <name>` line per file sorted by
 * name: the format GNU `sha256sum` writes and `sha256sum -c` reads (two spaces: text mode,
 * which is binary mode everywhere but Windows' own tools).
 */
async function checksums(files: readonly string[]): Promise<string> {
  const lines: string[] = [];
  for (const file of [...files].sort((a, b) => basename(a).localeCompare(basename(b)))) {
    lines.push(`${await sha256Hex(await Deno.readFile(file))}  ${basename(file)}`);
  }
  return lines.join("\n") + "\n";
}

/** The build's options from the command line; exits with status 2 on a bad flag, as compile.ts. */
function releaseOptions(): BuildOptions {
  try {
    const { values } = parseArgs({
      args: taskArgs(),
      options: BUILD_FLAGS,
      strict: true,
      allowPositionals: false,
    });
    const options = buildOptions(values);
    if (!options.targets.includes(SBOM_SOURCE)) {
      throw new Error(`the SBOM is read from the ${SBOM_SOURCE} binary, so --target must be that`);
    }
    return options;
  } catch (error) {
    console.error(`release: ${(error as Error).message}`);
    Deno.exit(2);
  }
}

async function main(): Promise<void> {
  const options = releaseOptions();
  const outDir = options.outDir;
  await Deno.mkdir(outDir, { recursive: true });
  const binaries = await compileTargets(options);
  const built = join(ROOT, BUNDLE);
  const bundle = join(outDir, BUNDLE_NAME);
  if (bundle !== built) await Deno.copyFile(built, bundle);
  const bom = join(outDir, SBOM_NAME);
  const linux = join(outDir, outputName(SBOM_SOURCE));
  await Deno.writeTextFile(bom, JSON.stringify(await sbom(linux), null, 2) + "\n");
  await Deno.writeTextFile(join(outDir, SUMS_NAME), await checksums([...binaries, bundle, bom]));
  console.log(`wrote ${bom} and ${join(outDir, SUMS_NAME)}`);
}

if (import.meta.main) {
  try {
    await main();
  } catch (error) {
    console.error(`release: ${(error as Error).message}`);
    Deno.exit(1);
  }
}
