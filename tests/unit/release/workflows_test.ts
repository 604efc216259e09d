/**
 * The release automation: the GitHub workflows and the setup-deno action pass GitHub's own
 * schemas (_workflow_schema.ts) and, read with the subset reader in _yaml.ts, keep their
 * invariants — every third-party action pinned to a full commit SHA, minimal permissions, the five
 * targets each smoke-tested on a runner of its own OS, checksums, SBOM, attestations, release notes
 * from CHANGELOG.md, the multi-arch image — and the scripts they run (release.ts, smoke.ts,
 * sbom.ts, changelog.ts) work.
 */
import assert from "node:assert/strict";
import { fileURLToPath as fromFileUrl } from "node:url";
import { parseYaml } from "./_yaml.ts";
import { schemaErrors } from "./_workflow_schema.ts";
import { buildBundle } from "../../../scripts/bundle.ts";
import { compileArgs, outputName, TARGETS } from "../../../scripts/compile.ts";
import { changelogSection, releaseNotes } from "../../../scripts/changelog.ts";
import { BUNDLE_NAME, SBOM_NAME, SUMS_NAME } from "../../../scripts/release.ts";
import { bundledPackages, cycloneDx, purl, sbom, sha512Hex } from "../../../scripts/sbom.ts";
import { dockerCommand, expectedVersion, smoke } from "../../../scripts/smoke.ts";

const ROOT = new URL("../../../", import.meta.url);
const read = (path: string) => Deno.readTextFileSync(new URL(path, ROOT));

// deno-lint-ignore no-explicit-any
type Doc = any;
const FILES = [
  ".github/workflows/ci.yml",
  ".github/workflows/release.yml",
  ".github/actions/setup-deno/action.yml",
];
const ci: Doc = parseYaml(read(FILES[0]));
const release: Doc = parseYaml(read(FILES[1]));
const setup: Doc = parseYaml(read(FILES[2]));

/** Every step of a workflow's jobs, with its job's id. */
function steps(workflow: Doc): { job: string; step: Doc }[] {
  return Object.entries(workflow.jobs as Record<string, Doc>).flatMap(([job, body]) =>
    (body.steps as Doc[]).map((step) => ({ job, step }))
  );
}

/** The concatenated `run:` scripts of a job. */
function scripts(workflow: Doc, job: string): string {
  return steps(workflow).filter((s) => s.job === job).map((s) => s.step.run ?? "").join("\n");
}

/** The steps of a job that use `action` (owner/name). */
function usesOf(workflow: Doc, job: string, action: string): Doc[] {
  return steps(workflow).filter((s) =>
    s.job === job && String(s.step.uses ?? "").startsWith(`${action}@`)
  ).map((s) => s.step);
}

Deno.test("GitHub's own schemas accept both workflows and the setup-deno action", () => {
  assert.deepEqual(schemaErrors("workflow", FILES[0], read(FILES[0])), []);
  assert.deepEqual(schemaErrors("workflow", FILES[1], read(FILES[1])), []);
  assert.deepEqual(schemaErrors("action", FILES[2], read(FILES[2])), []);
  // The validator notices a misspelt key, an unknown permission and a composite step's missing shell.
  const misspelt = read(FILES[1]).replace("runs-on: ubuntu-24.04", "run-on: ubuntu-24.04");
  assert.match(
    schemaErrors("workflow", FILES[1], misspelt).join("\n"),
    /Unexpected value 'run-on'/,
  );
  const permission = read(FILES[1]).replace("attestations: write", "attestation: write");
  assert.match(
    schemaErrors("workflow", FILES[1], permission).join("\n"),
    /Unexpected value 'attestation'/,
  );
  const shell = read(FILES[2]).replace(/^ +shell: bash\n/m, "");
  assert.match(schemaErrors("action", FILES[2], shell).join("\n"), /missing: shell/);
});

Deno.test("YAML subset: mappings, sequences, scalars, flow sequences and literal blocks", () => {
  const doc = parseYaml(
    [
      "# comment",
      "a: 1",
      "b: 'it''s' # trailing",
      'c: "x: \\"y\\""',
      "d: [one, 'two', \"three\"]",
      "e:",
      "  - plain text",
      "  - k: v",
      "    k2: true",
      "  -",
      "    nested: null",
      "f: |",
      "  line 1",
      "",
      "    line 2",
      "g:",
      "- same-indent item",
    ].join("\n"),
  );
  assert.deepEqual(doc, {
    a: 1,
    b: "it's",
    c: 'x: "y"',
    d: ["one", "two", "three"],
    e: ["plain text", { k: "v", k2: true }, { nested: null }],
    f: "line 1\n\n  line 2\n",
    g: ["same-indent item"],
  });
});

Deno.test("YAML subset: anything outside it is refused with its line", () => {
  const cases: [string, RegExp][] = [
    ["a: &x 1", /line 1: a value outside the subset/],
    ["a: *x", /line 1: a value outside the subset/],
    ["a: !!str 1", /line 1: a value outside the subset/],
    ["a: {b: 1}", /line 1: a value outside the subset/],
    ["a: >\n  folded", /line 1: a value outside the subset/],
    ["a: 1\na: 2", /line 2: the key 'a' is repeated/],
    ["a:\n\tb: 1", /line 2: tabs/],
    ["a: 1\n  b: 2", /line 2: unexpected indentation/],
    ["a: 1\n---\nb: 2", /line 2: one document only/],
    ["a: 'open", /line 1: a quoted scalar must end on its line/],
    ["- a\nb: 1", /line 2: expected a '- ' item/],
  ];
  for (const [source, error] of cases) assert.throws(() => parseYaml(source), error, source);
});

Deno.test("workflows: well-formed jobs and steps", () => {
  const jobKeys = new Set([
    "name",
    "needs",
    "runs-on",
    "strategy",
    "permissions",
    "timeout-minutes",
    "steps",
    "env",
    "defaults",
  ]);
  const stepKeys = new Set([
    "name",
    "id",
    "uses",
    "with",
    "run",
    "shell",
    "env",
    "working-directory",
  ]);
  for (const [file, workflow] of [[FILES[0], ci], [FILES[1], release]] as const) {
    assert.deepEqual(
      Object.keys(workflow).filter((k) =>
        !["name", "on", "permissions", "concurrency"].includes(k)
      ),
      ["jobs"],
      file,
    );
    for (const [id, job] of Object.entries(workflow.jobs as Record<string, Doc>)) {
      for (const key of Object.keys(job)) assert.ok(jobKeys.has(key), `${file} ${id}: ${key}`);
      assert.equal(typeof job["runs-on"], "string", `${file} ${id} runs-on`);
      for (const need of [job.needs ?? []].flat()) {
        assert.ok(need in workflow.jobs, `${file} ${id} needs the unknown job ${need}`);
      }
    }
  }
  for (const { job, step } of [...steps(ci), ...steps(release), ...setupSteps()]) {
    for (const key of Object.keys(step)) assert.ok(stepKeys.has(key), `${job}: step key ${key}`);
    assert.ok(("uses" in step) !== ("run" in step), `${job}: a step has exactly one of uses/run`);
    if ("run" in step) assert.equal(typeof step.run, "string", `${job}: run is text`);
  }
});

function setupSteps(): { job: string; step: Doc }[] {
  return (setup.runs.steps as Doc[]).map((step) => ({ job: "setup-deno", step }));
}

Deno.test("workflows: every third-party action is pinned to a full commit SHA with its tag", () => {
  let pinned = 0;
  for (const file of FILES) {
    const lines = read(file).split(/\r?\n/).filter((line) => /^\s*(- )?uses:/.test(line));
    assert.ok(lines.length > 0, file);
    for (const line of lines) {
      const ref = line.replace(/^\s*(- )?uses:\s*/, "");
      if (ref.startsWith("./")) continue;
      assert.match(
        ref,
        /^[\w.-]+\/[\w.\/-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/,
        `${file}: ${line.trim()}`,
      );
      pinned++;
    }
  }
  assert.ok(pinned >= 10, `pinned actions: ${pinned}`);
  // The parsed documents agree with the line scan: every `uses` is local or pinned.
  for (const { step } of [...steps(ci), ...steps(release), ...setupSteps()]) {
    if (step.uses) assert.match(step.uses, /^(\.\/.+|[^@]+@[0-9a-f]{40})$/);
  }
});

Deno.test("workflows: minimal permissions, widened only per job where needed", () => {
  for (const workflow of [ci, release]) {
    assert.deepEqual(workflow.permissions, { contents: "read" });
  }
  assert.ok(Object.values(ci.jobs as Record<string, Doc>).every((job) => !job.permissions));
  const expected: Record<string, Record<string, string> | undefined> = {
    build: undefined,
    smoke: undefined,
    image: {
      contents: "read",
      packages: "write",
      "id-token": "write",
      attestations: "write",
    },
    release: { contents: "write", "id-token": "write", attestations: "write" },
  };
  assert.deepEqual(Object.keys(release.jobs), Object.keys(expected));
  for (const [id, permissions] of Object.entries(expected)) {
    assert.deepEqual(release.jobs[id].permissions, permissions, id);
  }
  // Write access is asked for only by jobs that use it.
  for (const id of ["image", "release"]) {
    assert.equal(usesOf(release, id, "actions/attest-build-provenance").length, 1, id);
  }
  assert.equal(usesOf(release, "image", "docker/login-action")[0].with.registry, "ghcr.io");
  assert.match(scripts(release, "release"), /gh release create/);
});

Deno.test("ci: deno task ok on Linux, macOS and Windows with the Deno of .ci/run, cached", () => {
  assert.deepEqual(Object.keys(ci.on), ["push", "pull_request"]);
  assert.deepEqual(ci.jobs.ok.strategy.matrix.os.map((os: string) => os.split("-")[0]), [
    "ubuntu",
    "macos",
    "windows",
  ]);
  assert.ok(steps(ci).some((s) => s.step.uses === "./.github/actions/setup-deno"));
  assert.match(scripts(ci, "ok"), /^deno task ok$/m);
  const pinnedDeno = /^DENO_VERSION=(\S+)$/m.exec(read(".ci/run"))?.[1];
  assert.equal(setup.inputs["deno-version"].default, pinnedDeno);
  const install = setupSteps().map((s) => s.step.run ?? "").join("\n");
  assert.match(install, /npm install .*"deno@\$DENO_VERSION"/);
  assert.match(install, /deno install --frozen/);
  const cache = setupSteps().find((s) => String(s.step.uses).startsWith("actions/cache@"))!;
  assert.match(cache.step.with.key, /hashFiles\('deno\.lock'\)/);
  assert.equal(cache.step.with.path, "${{ env.DENO_DIR }}");
});

Deno.test("release: on v* tags, the five targets built and each smoke-tested on its own OS", () => {
  assert.deepEqual(release.on, { push: { tags: ["v*"] } });
  assert.match(scripts(release, "build"), /^deno task release$/m);
  const include: { target: string; os: string }[] = release.jobs.smoke.strategy.matrix.include;
  assert.deepEqual(include.map((row) => row.target).sort(), [...TARGETS].sort());
  const osOf = (target: string) =>
    target.includes("linux") ? "ubuntu" : target.includes("apple") ? "macos" : "windows";
  for (const { target, os } of include) {
    assert.equal(os.split("-")[0], osOf(target), target);
    // An arm64 binary on an arm64 runner, an x86_64 one on an x86_64 runner.
    const arm = os.endsWith("-arm") || (os.startsWith("macos") && !os.endsWith("-intel"));
    assert.equal(arm, target.startsWith("aarch64"), `${target} on ${os}`);
  }
  assert.equal(release.jobs.smoke["runs-on"], "${{ matrix.os }}");
  assert.match(scripts(release, "smoke"), /deno run -A scripts\/smoke\.ts -- "\$binary"/);
  assert.match(scripts(release, "smoke"), /binary="dist\/mcp-atlassian-\$TARGET"/);
});

Deno.test("release: SBOM, checksums, attestations and notes from CHANGELOG.md", () => {
  // scripts/release.ts writes the SBOM and SHA256SUMS with the binaries. Its own writes go to
  // dist/ only, and it reads no environment and opens no connection; the `deno compile` and
  // `deno bundle` it runs are processes of their own, with Deno's whole permissions.
  const config = JSON.parse(read("deno.json"));
  assert.equal(config.tasks.release, "deno run -P=release scripts/release.ts");
  assert.deepEqual(config.permissions.release, { run: true, read: true, write: ["dist"] });
  const sums = steps(release).find((s) => /SHA256SUMS/.test(s.step.run ?? ""))!;
  assert.equal(sums.job, "release");
  assert.equal(sums.step["working-directory"], "dist");
  assert.match(sums.step.run, /^sha256sum -c --strict SHA256SUMS$/m);
  assert.match(
    sums.step.run,
    /^diff <\(ls \| grep -vx SHA256SUMS\) <\(cut -d' ' -f3- SHA256SUMS \| sort\)$/m,
  );
  const attest = usesOf(release, "release", "actions/attest-build-provenance")[0];
  assert.deepEqual(attest.with["subject-path"].trim().split("\n"), [
    "dist/mcp-atlassian-*",
    "dist/mcp-atlassian.js",
    "dist/mcp-atlassian.cdx.json",
    "dist/SHA256SUMS",
  ]);
  const order = steps(release).filter((s) => s.job === "release").map((s) => s.step);
  assert.ok(order.indexOf(sums.step) < order.indexOf(attest), "checksums before attesting");
  assert.match(scripts(release, "release"), /scripts\/changelog\.ts "\$GITHUB_REF_NAME" >/);
  assert.match(scripts(release, "release"), /--notes-file "\$RUNNER_TEMP\/notes\.md"/);
  assert.deepEqual(release.jobs.release.needs, ["build", "smoke", "image"]);
});

Deno.test("release: the amd64+arm64 image is pushed to GHCR, smoke-tested and attested", () => {
  const push = usesOf(release, "image", "docker/build-push-action")[0];
  assert.equal(push.with.platforms, "linux/amd64,linux/arm64");
  assert.equal(push.with.push, true);
  assert.equal(push.with.file, "Dockerfile");
  assert.match(scripts(release, "image"), /IMAGE=ghcr\.io\/\$\{GITHUB_REPOSITORY,,\}/);
  assert.match(scripts(release, "image"), /for platform in linux\/amd64 linux\/arm64/);
  assert.match(scripts(release, "image"), /scripts\/smoke\.ts --docker "\$IMAGE@\$DIGEST"/);
  const attest = usesOf(release, "image", "actions/attest-build-provenance")[0];
  assert.equal(attest.with["subject-digest"], "${{ steps.push.outputs.digest }}");
  assert.equal(attest.with["push-to-registry"], true);
  for (const action of ["docker/setup-qemu-action", "docker/setup-buildx-action"]) {
    assert.equal(usesOf(release, "image", action).length, 1, action);
  }
});

Deno.test("README: every file deno task release writes, with how to verify it", () => {
  const readme = read("README.md");
  const section = readme.slice(
    readme.indexOf("### From a release"),
    readme.indexOf("### With Deno"),
  );
  for (const name of [...TARGETS.map(outputName), BUNDLE_NAME, SBOM_NAME, SUMS_NAME]) {
    assert.ok(section.includes(`\`${name}\``), name);
  }
  for (
    const step of ["sha256sum -c", "Get-FileHash", "gh attestation verify", "com.apple.quarantine"]
  ) {
    assert.ok(section.includes(step), step);
  }
});

Deno.test("changelog: the section of deno.json's version is the release notes", async () => {
  const version = await expectedVersion();
  const changelog = read("CHANGELOG.md");
  const notes = releaseNotes(`v${version}`, version, changelog);
  assert.match(notes, /^The first release/);
  assert.ok(!notes.includes(`## ${version}`));
  assert.throws(() => releaseNotes("v9.9.9", version, changelog), /is not v/);
  assert.throws(() => releaseNotes("v9.9.9", "9.9.9", changelog), /no '## 9\.9\.9' section/);
  const text = "# C\n\n## [1.1.0] - 2026-01-02\n\nNew.\n\n## 1.0.0\n\nOld.\n\n## 0.9.0\n";
  assert.equal(changelogSection(text, "1.1.0"), "New.");
  assert.equal(changelogSection(text, "1.0.0"), "Old.");
  assert.equal(changelogSection(text, "0.9.0"), undefined);
  assert.equal(changelogSection(text, "1.0"), undefined);
});

Deno.test("sbom: helpers", () => {
  assert.equal(purl("@scope/name", "1.2.3"), "pkg:npm/%40scope/name@1.2.3");
  assert.equal(purl("zod", "4.6.7"), "pkg:npm/zod@4.6.7");
  assert.equal(sha512Hex("sha1-abc"), undefined);
  assert.equal(sha512Hex(`sha512-${btoa("\x00\xff\x10")}`), "00ff10");
  const sources = [
    "../../work/repo/src/server/worker.ts",
    "../../../root/.cache/deno/npm/registry.npmjs.org/zod/4.6.7/v4/core/util.js",
    "../../../root/.cache/deno/npm/registry.npmjs.org/zod/4.6.7/v4/core/core.js",
    "/tmp/deno-dir/npm/registry.npmjs.org/@scope/pkg/1.0.0_1/dist/index.js",
    "src/registry.npmjs.org.ts",
    "../x/registry.npmjs.org/not-a-file/",
  ];
  assert.deepEqual([...bundledPackages(sources)], ["zod@4.6.7", "@scope/pkg@1.0.0"]);
  const lock = { "@scope/pkg@1.0.0_zod@4.6.7": { integrity: `sha512-${btoa("\x01")}` } };
  const doc: Doc = cycloneDx(["@scope/pkg@1.0.0"], lock, { name: "app", version: "1" });
  assert.deepEqual(doc.components, [{
    type: "library",
    "bom-ref": "pkg:npm/%40scope/pkg@1.0.0",
    group: "@scope",
    name: "pkg",
    version: "1.0.0",
    purl: "pkg:npm/%40scope/pkg@1.0.0",
    hashes: [{ alg: "SHA-512", content: "01" }],
  }]);
  assert.throws(() => cycloneDx(["zod@4.6.7"], lock, doc), /zod@4\.6\.7 is not in deno\.lock/);
});

Deno.test({
  name: "sbom: the npm packages embedded in a compiled binary, hashed from deno.lock",
  ignore: Deno.build.os !== "linux", // the stand-in base must be an ELF executable
}, async () => {
  // The bundle built and compiled onto a stand-in base, as tests/e2e/compile_test.ts does: only
  // the payload is read.
  const tmp = await Deno.makeTempDir({ prefix: "mcp-sbom-test-" });
  const target = "x86_64-unknown-linux-gnu";
  const compile = async (entry: string, output: string) => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: compileArgs({ target, output, check: false, entry }),
      cwd: fromFileUrl(ROOT),
      env: { DENORT_BIN: Deno.execPath() },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
  };
  try {
    const binary = `${tmp}/${outputName(target)}`;
    await buildBundle(`${tmp}/mcp-atlassian.js`);
    await compile(`${tmp}/mcp-atlassian.js`, binary);
    const bom: Doc = await sbom(binary);
    assert.equal(bom.bomFormat, "CycloneDX");
    assert.equal(bom.specVersion, "1.5");
    assert.equal(bom.metadata.component.version, await expectedVersion());
    const lock = JSON.parse(read("deno.lock")).npm as Record<string, { integrity: string }>;
    const names = new Set<string>();
    for (const c of bom.components as Doc[]) {
      const name = c.group ? `${c.group}/${c.name}` : c.name;
      names.add(name);
      assert.equal(c.purl, purl(name, c.version));
      // Lock keys carry resolved peers after an underscore (`...sdk@1.32.2_zod@4.6.7`).
      const key = Object.keys(lock).find((k) => k.split("_")[0] === `${name}@${c.version}`)!;
      assert.equal(c.hashes[0].content, sha512Hex(lock[key].integrity), name);
    }
    for (const embedded of ["@modelcontextprotocol/sdk", "zod", "mdast-util-from-markdown"]) {
      assert.ok(names.has(embedded), embedded);
    }
    // Test-only packages, type declarations and SDK dependencies the bundle leaves out.
    for (const absent of ["@modelcontextprotocol/conformance", "@atlaskit/adf-schema", "express"]) {
      assert.ok(!names.has(absent), absent);
    }
    assert.ok(![...names].some((name) => name.startsWith("@types/")));
    // The same commit gives the same document.
    assert.equal(JSON.stringify(await sbom(binary)), JSON.stringify(bom));
    // A binary that embeds another program, or no payload at all, has no SBOM from here.
    await Deno.writeTextFile(`${tmp}/other.js`, "console.log(1);\n");
    await compile(`${tmp}/other.js`, `${tmp}/other`);
    await assert.rejects(sbom(`${tmp}/other`), /does not embed the bundle of this checkout/);
    await assert.rejects(sbom(Deno.execPath()), /no deno compile payload/);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("smoke: --version, initialize and tools/list against deno run main.ts", async () => {
  const result = await smoke([
    Deno.execPath(),
    "run",
    "-A",
    "--unstable-worker-options",
    fromFileUrl(new URL("main.ts", ROOT)),
  ]);
  assert.equal(result.version, `mcp-atlassian ${await expectedVersion()} (Deno)`);
  assert.ok(result.tools.includes("jira_get_issue"), result.tools.join(", "));
});

Deno.test("smoke: a command that is not the server fails with one sentence", async () => {
  await assert.rejects(
    smoke([Deno.execPath(), "eval", "console.log('something else')"]),
    /--version' exited 0 printing 'something else', not 'mcp-atlassian /,
  );
});

Deno.test("smoke: the docker command passes the fake's variables by name", () => {
  assert.deepEqual(dockerCommand("img@sha256:1", ["JIRA_URL", "JIRA_API_TOKEN"], "linux/arm64"), [
    "docker",
    "run",
    "-i",
    "--rm",
    "--network",
    "host",
    "--platform",
    "linux/arm64",
    "-e",
    "JIRA_URL",
    "-e",
    "JIRA_API_TOKEN",
    "img@sha256:1",
  ]);
});

Deno.test("LICENSE is MIT and deno.json says so", () => {
  assert.match(read("LICENSE"), /^MIT License\n\nCopyright \(c\) 2026 mcp-atlassian for Deno/);
  assert.equal(JSON.parse(read("deno.json")).license, "MIT");
});
