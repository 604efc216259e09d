import { deepEqual, equal, throws } from "node:assert/strict";
import {
  checkBatch,
  checkVersion,
  MAX_BATCH,
  type VersionProject,
  versionsInput,
} from "../../../../../src/tools/jira/projects/_versions.ts";

const PROJECT: VersionProject = { key: "DEMO", id: 10000, versions: [{ id: "1", name: "1.0" }] };

Deno.test("checkVersion trims the name, keeps what Jira takes and names the problem", () => {
  deepEqual(checkVersion("", { name: " 2.0 ", description: "d", startDate: "2024-01-02" }), {
    name: "2.0",
    description: "d",
    startDate: "2024-01-02",
  });
  equal(checkVersion("", { name: "  " }), "The version has no name");
  equal(
    checkVersion("", { name: "x", releaseDate: "soon" }, { releaseDate: "release_date" }),
    'release_date is not a date written yyyy-mm-dd: "soon"',
  );
  equal(
    checkVersion("versions[3]", { name: "x", startDate: 5 }),
    "versions[3]: startDate is not a date written yyyy-mm-dd",
  );
  equal(
    checkVersion("versions[0]", { name: "x", description: 1 }),
    "versions[0]: description is not a string",
  );
  equal(
    checkVersion("versions[0]", { name: "x", startDate: "2024-02-02", releaseDate: "2024-02-01" }),
    "versions[0]: the start date 2024-02-02 is after the release date 2024-02-01",
  );
});

Deno.test("checkBatch accepts the Python attribute names and the single tool's", () => {
  deepEqual(
    checkBatch(
      '[{"name": "2.0", "startDate": "2024-01-01"}, {"name": "2.1", "release_date": "2024-03-01"}]',
      PROJECT,
    ),
    [{ name: "2.0", startDate: "2024-01-01" }, { name: "2.1", releaseDate: "2024-03-01" }],
  );
});

Deno.test("checkBatch refuses the whole batch, listing every problem", () => {
  throws(
    () =>
      checkBatch(
        JSON.stringify([{ name: "1.0" }, { name: "A" }, { name: "a" }, { name: "B", x: 1 }, null]),
        PROJECT,
      ),
    (e: Error & { hint?: string }) => {
      equal(
        e.message,
        'Nothing was created: 4 problems in versions: versions[0]: project DEMO already has a version "1.0" (id 1); versions[2] repeats the name "a" of versions[1]; versions[3] has an unknown attribute "x"; versions[4] is not an object.',
      );
      equal(
        e.hint,
        "Fix or leave out those items and call again; the others were not created either.",
      );
      return true;
    },
  );
  throws(
    () => checkBatch("[", PROJECT),
    /versions is not valid JSON/,
  );
  throws(() => checkBatch("[]", PROJECT), /non-empty JSON array/);
  throws(() => checkBatch('{"name": "x"}', PROJECT), /non-empty JSON array/);
  const many = JSON.stringify(Array.from({ length: MAX_BATCH + 1 }, (_, i) => ({ name: `v${i}` })));
  throws(() => checkBatch(many, PROJECT), new RegExp(`at most ${MAX_BATCH}`));
});

Deno.test("versionsInput takes JSON text or the array itself, as text", () => {
  equal(versionsInput.parse('[{"name": "x"}]'), '[{"name": "x"}]');
  equal(versionsInput.parse([{ name: "x" }]), '[{"name":"x"}]');
});
