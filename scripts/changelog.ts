/**
 * Prints the CHANGELOG.md section of a release, the notes of its GitHub release:
 * `deno run --allow-read scripts/changelog.ts v1.2.3 > notes.md`.
 *
 * The tag must be `v` + the version in deno.json, and CHANGELOG.md must have a `## <version>`
 * section with some text; otherwise this prints one sentence and exits 1, so a release is never
 * published with the wrong version or empty notes.
 *
 * @module
 */

/** The text under `## <version>` (or `## [<version>]`, with an optional ` - date`), trimmed. */
export function changelogSection(changelog: string, version: string): string | undefined {
  const lines = changelog.split(/\r?\n/);
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const heading = new RegExp(`^## \\[?${escaped}\\]?(\\s|$)`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  const text = lines.slice(start + 1, end < 0 ? undefined : end).join("\n").trim();
  return text === "" ? undefined : text;
}

/** The release notes for `tag`, or throws one sentence saying what is missing. */
export function releaseNotes(tag: string, version: string, changelog: string): string {
  if (tag !== `v${version}`) {
    throw new Error(`the tag ${tag} is not v${version}, the version in deno.json`);
  }
  const section = changelogSection(changelog, version);
  if (section === undefined) {
    throw new Error(`CHANGELOG.md has no '## ${version}' section with text`);
  }
  return section;
}

if (import.meta.main) {
  try {
    const root = new URL("../", import.meta.url);
    const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
    const changelog = await Deno.readTextFile(new URL("CHANGELOG.md", root));
    console.log(releaseNotes(Deno.args[0] ?? "", String(config.version), changelog));
  } catch (error) {
    console.error(`changelog: ${(error as Error).message}`);
    Deno.exit(1);
  }
}
