/**
 * Regenerates `tests/fake_atlassian/spec_index.json` from the Atlassian OpenAPI documents in
 * `../shared/specs/` (a sibling of the repository, not part of it): for each document the fake's
 * route table uses, its first server URL and every `METHOD path` pair, sorted. The route test
 * checks the fake's routes against this committed index, and against the documents too when they
 * are present.
 *
 * ```sh
 * deno task spec-index            # write the index
 * deno task spec-index --check    # exit 1 when the committed index is stale
 * ```
 *
 * @module
 */
import {
  buildSpecIndex,
  readCommittedIndex,
  REGENERATE,
  renderSpecIndex,
  SPEC_DIR,
  SPEC_INDEX_FILE,
  specsAvailable,
} from "../tests/fake_atlassian/_spec_index.ts";

const check = Deno.args.includes("--check");
const unknown = Deno.args.filter((a) => a !== "--check");
if (unknown.length) {
  console.error(`spec-index: unknown argument(s): ${unknown.join(" ")} (usage: [--check])`);
  Deno.exit(2);
}
if (!specsAvailable()) {
  console.error(
    `spec-index: ${SPEC_DIR.pathname} does not exist; the OpenAPI documents live next to the ` +
      `repository (../shared/specs/), they are needed to build the index.`,
  );
  Deno.exit(1);
}

const index = await buildSpecIndex();
const text = renderSpecIndex(index);
let previous: string | undefined;
try {
  previous = readCommittedIndex().text;
} catch {
  previous = undefined;
}
const ops = Object.values(index.specs).reduce((n, s) => n + s.operations.length, 0);
const summary = `${Object.keys(index.specs).length} spec documents, ${ops} operations, ${
  new TextEncoder().encode(text).length
} bytes`;

if (check) {
  if (previous !== text) {
    console.error(`spec-index: ${SPEC_INDEX_FILE.pathname} is stale; run ${REGENERATE}`);
    Deno.exit(1);
  }
  console.error(`spec-index: up to date (${summary})`);
} else if (previous === text) {
  console.error(`spec-index: unchanged (${summary})`);
} else {
  await Deno.writeTextFile(SPEC_INDEX_FILE, text);
  console.error(`spec-index: wrote ${SPEC_INDEX_FILE.pathname} (${summary})`);
}
