/**
 * The container image's Dockerfile, read instruction by instruction (there is no Docker daemon
 * here to build it): pinned bases, the binaries `deno task compile` names, a non-root user, the
 * health check on /healthz, and a default command that the real configuration loader accepts as
 * streamable HTTP on 0.0.0.0:8000. Also the build context (.dockerignore).
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { outputName } from "../../../scripts/compile.ts";
import { config } from "../config/_helpers.ts";

const ROOT = new URL("../../../", import.meta.url);

/** One Dockerfile instruction: the keyword (upper case) and the rest of its line(s). */
interface Instruction {
  keyword: string;
  args: string;
}

/** The instructions of a Dockerfile: comments dropped, continuation lines joined. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    const whole = pending + line;
    pending = "";
    const space = whole.indexOf(" ");
    out.push({ keyword: whole.slice(0, space).toUpperCase(), args: whole.slice(space + 1).trim() });
  }
  equal(pending, "", "the Dockerfile ends inside a continued line");
  return out;
}

/** The stages: each FROM with the instructions up to the next FROM. */
function stages(list: Instruction[]): { from: string; name?: string; body: Instruction[] }[] {
  const out: { from: string; name?: string; body: Instruction[] }[] = [];
  for (const i of list) {
    if (i.keyword === "FROM") {
      const [from, as, name] = i.args.split(/\s+/);
      ok(as === undefined || as.toUpperCase() === "AS", `unexpected FROM ${i.args}`);
      out.push({ from, name, body: [] });
    } else {
      ok(out.length > 0, `${i.keyword} before the first FROM`);
      out[out.length - 1].body.push(i);
    }
  }
  return out;
}

/** The one instruction of a kind in a stage (a second one would silently win). */
function only(body: Instruction[], keyword: string): Instruction {
  const found = body.filter((i) => i.keyword === keyword);
  equal(found.length, 1, `expected one ${keyword}, found ${found.length}`);
  return found[0];
}

/** An exec-form (JSON array) argument list. */
function execForm(args: string): string[] {
  const value = JSON.parse(args);
  ok(Array.isArray(value) && value.every((v) => typeof v === "string"), args);
  return value;
}

const dockerfile = stages(instructions(await Deno.readTextFile(new URL("Dockerfile", ROOT))));
const final = dockerfile[dockerfile.length - 1];

Deno.test("every base image is pinned by a version tag and a digest, never latest", () => {
  const names = new Set(dockerfile.map((s) => s.name).filter(Boolean));
  for (const { from } of dockerfile) {
    if (from === "scratch" || names.has(from) || from.startsWith("binary-${")) continue;
    const m = from.match(/^([a-z0-9./-]+):([\w.-]+)@sha256:([0-9a-f]{64})$/);
    ok(m, `${from} is not image:tag@sha256:<digest>`);
    ok(m[2] !== "latest" && /\d/.test(m[2]), `${from} has no version tag`);
  }
});

Deno.test("each architecture's stage copies the binary deno task compile builds for it", () => {
  const arch = { amd64: "x86_64-unknown-linux-gnu", arm64: "aarch64-unknown-linux-gnu" } as const;
  for (const [docker, target] of Object.entries(arch)) {
    const stage = dockerfile.find((s) => s.name === `binary-${docker}`);
    ok(stage, `no stage binary-${docker}`);
    equal(only(stage.body, "COPY").args, `dist/${outputName(target)} /mcp-atlassian`);
  }
  ok(dockerfile.some((s) => s.from === "binary-${TARGETARCH}" && s.name === "binary"));
  match(only(final.body, "COPY").args, /^--from=binary --chmod=0755 \/mcp-atlassian (\S+)$/);
});

Deno.test("the image runs as a numeric non-root user that the image creates", () => {
  const user = only(final.body, "USER").args;
  const m = user.match(/^(\d+):(\d+)$/);
  ok(m, `USER ${user} is not uid:gid (runAsNonRoot needs a number)`);
  ok(Number(m[1]) > 0 && Number(m[2]) > 0, `USER ${user} is root`);
  match(only(final.body, "RUN").args, new RegExp(`useradd --uid ${m[1]} `));
  const userAt = final.body.findIndex((i) => i.keyword === "USER");
  const after = final.body.slice(userAt + 1).map((i) => i.keyword);
  ok(!after.includes("RUN") && !after.includes("USER"), "nothing runs as root after USER");
});

Deno.test("the default command is streamable HTTP on 0.0.0.0:8000, exposed and health-checked", () => {
  deepEqual(execForm(only(final.body, "ENTRYPOINT").args), ["/usr/local/bin/mcp-atlassian"]);
  const argv = execForm(only(final.body, "CMD").args);
  deepEqual(argv, ["--transport", "streamable-http", "--host", "0.0.0.0", "--port", "8000"]);
  const env = {
    JIRA_URL: "https://acme.atlassian.net",
    JIRA_USERNAME: "a@b.c",
    JIRA_API_TOKEN: "t",
  };
  const loaded = config(argv, env);
  deepEqual([loaded.transport, loaded.host, loaded.port, loaded.path], [
    "streamable-http",
    "0.0.0.0",
    8000,
    "/mcp",
  ]);
  equal(only(final.body, "EXPOSE").args, "8000");

  const health = only(final.body, "HEALTHCHECK").args;
  const cmdAt = health.indexOf("CMD ");
  ok(cmdAt > 0, `HEALTHCHECK ${health} has no CMD`);
  for (const option of ["--interval=", "--timeout=", "--retries="]) ok(health.includes(option));
  const [shell, flag, script] = execForm(health.slice(cmdAt + 4));
  deepEqual([shell, flag], ["bash", "-c"]);
  match(script, /\/dev\/tcp\/127\.0\.0\.1\/8000 /);
  match(script, /GET \/healthz HTTP\/1\.0/);
  match(script, /\[ "\$code" = 200 \]$/);
});

Deno.test(".dockerignore lets in only the two Linux binaries", async () => {
  const lines = (await Deno.readTextFile(new URL(".dockerignore", ROOT))).split("\n")
    .map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  deepEqual(lines, [
    "*",
    `!dist/${outputName("x86_64-unknown-linux-gnu")}`,
    `!dist/${outputName("aarch64-unknown-linux-gnu")}`,
  ]);
});
