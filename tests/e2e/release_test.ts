/**
 * `deno task release` end to end, offline, under the task's own permission set (`-P=release`):
 * the base runtime comes from dl.deno.land, which is unreachable here, so the release is built
 * for the x86_64 Linux target onto a stand-in base (this Deno's own executable, as
 * tests/e2e/compile_test.ts does; the output is never run), into a folder inside dist/.
 * The folder then holds exactly the binary, the bundle it embeds, the SBOM and SHA256SUMS, and
 * GNU `sha256sum -c` verifies the checksums (and notices one changed byte).
 */
import assert from "node:assert/strict";
import { ROOT } from "../../scripts/compile.ts";
import { readPayloadFile } from "../../scripts/_payload.ts";

const TARGET = "x86_64-unknown-linux-gnu";
const decoder = new TextDecoder();

async function run(command: string, args: string[], cwd: string) {
  const out = await new Deno.Command(command, {
    args,
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { ok: out.success, text: decoder.decode(out.stdout) + decoder.decode(out.stderr) };
}

Deno.test({
  name: "deno task release: binary, bundle, SBOM and SHA256SUMS that sha256sum -c verifies",
  ignore: Deno.build.os !== "linux", // the stand-in base must be an ELF executable
  async fn() {
    await Deno.mkdir(`${ROOT}/dist`, { recursive: true });
    const out = await Deno.makeTempDir({ dir: `${ROOT}/dist`, prefix: "release-test-" });
    try {
      const release = await run(Deno.execPath(), [
        "run",
        "-P=release",
        "scripts/release.ts",
        "--target",
        TARGET,
        "--base",
        Deno.execPath(),
        "--out",
        out,
        "--no-check",
      ], ROOT);
      assert.ok(release.ok, release.text);

      const names = [...Deno.readDirSync(out)].map((entry) => entry.name).sort();
      assert.deepEqual(names, [
        "SHA256SUMS",
        "mcp-atlassian-x86_64-unknown-linux-gnu",
        "mcp-atlassian.cdx.json",
        "mcp-atlassian.js",
      ]);
      const sums = await Deno.readTextFile(`${out}/SHA256SUMS`);
      assert.deepEqual(sums.trimEnd().split("\n").map((line) => line.split("  ")[1]), [
        "mcp-atlassian-x86_64-unknown-linux-gnu",
        "mcp-atlassian.cdx.json",
        "mcp-atlassian.js",
      ]);
      const check = await run("sha256sum", ["-c", "SHA256SUMS"], out);
      assert.ok(check.ok, check.text);

      // The released bundle is the one the binary embeds, and the SBOM names its npm packages.
      const payload = readPayloadFile(`${out}/mcp-atlassian-${TARGET}`);
      const embedded = payload.readFile(payload.metadata.entrypoint_key);
      assert.deepEqual(embedded, await Deno.readFile(`${out}/mcp-atlassian.js`));
      const bom = JSON.parse(await Deno.readTextFile(`${out}/mcp-atlassian.cdx.json`));
      assert.equal(bom.bomFormat, "CycloneDX");
      const sdk = bom.components.find((c: { name: string }) => c.name === "sdk");
      assert.equal(sdk?.group, "@modelcontextprotocol");

      const bytes = await Deno.readFile(`${out}/mcp-atlassian.js`);
      bytes[0] ^= 1;
      await Deno.writeFile(`${out}/mcp-atlassian.js`, bytes);
      const tampered = await run("sha256sum", ["-c", "SHA256SUMS"], out);
      assert.ok(!tampered.ok);
      assert.match(tampered.text, /mcp-atlassian\.js: FAILED/);
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});
