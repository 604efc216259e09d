/**
 * `deno task demo --once` runs its whole scripted session against the fake Atlassian and shows
 * what it promises: readable search results, a Markdown edit that keeps every macro, the refusal
 * of an edit that would drop one, a write refused by the project allowlist, and a page URL on
 * another host refused; without Deno's "experimental" warning.
 */
import { doesNotMatch, equal, match } from "node:assert/strict";

for (const flavour of ["cloud", "datacenter"]) {
  Deno.test(`deno task demo --once shows its session on ${flavour}`, async () => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["task", "demo", "--once", ...(flavour === "datacenter" ? ["--datacenter"] : [])],
      cwd: new URL("../../", import.meta.url).pathname,
      env: { NO_COLOR: "1" },
      stdin: "null",
    }).output();
    const stdout = new TextDecoder().decode(out.stdout);
    const stderr = new TextDecoder().decode(out.stderr);
    equal(out.code, 0, stderr);
    match(stdout, new RegExp(`Fake Atlassian \\(${flavour}\\) at http://127\\.0\\.0\\.1:\\d+`));
    match(stdout, /^DEMO-3 +To Do +unassigned +Total shows NaN for empty cart$/m);
    match(stdout, /Updated page 1002 to version 4\.\nmacros on the page before: 3, after: 3/);
    match(stdout, /Not updated: 1 macro \(toc\) would be removed from page 1002\./);
    match(stdout, /Project OPS is outside the projects this server may use \(DEMO\)\./);
    match(
      stdout,
      /That page URL is on intranet\.example\.com, not on the configured Confluence site/,
    );
    match(stdout, /Stopped the server and the fake Atlassian\./);
    doesNotMatch(stderr, /experimental feature/);
  });
}
