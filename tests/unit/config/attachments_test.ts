import { equal, match } from "node:assert/strict";
import { attachmentsDirProblem, within } from "../../../src/config/attachments.ts";
import { CLOUD, config, load, problems } from "./_helpers.ts";

const base = config([], CLOUD);

Deno.test("attachmentsDirProblem refuses a folder holding a configured file", () => {
  const problem = attachmentsDirProblem({
    ...base,
    attachmentsDir: "/srv",
    files: ["/srv/a/.env"],
  });
  match(problem ?? "", /MCP_ATTACHMENTS_DIR \(\/srv\) must not hold .* \/srv\/a\/\.env/);
  equal(
    attachmentsDirProblem({ ...base, attachmentsDir: "/srv/x", files: ["/srv/.env"] }),
    undefined,
  );
});

Deno.test("attachmentsDirProblem refuses a folder overlapping the OAuth token folder", () => {
  const oauth = { ...base.oauth, tokenFile: "/home/u/.mcp-atlassian/oauth-c.json" };
  for (const dir of ["/home/u", "/home/u/.mcp-atlassian", "/home/u/.mcp-atlassian/x"]) {
    match(attachmentsDirProblem({ ...base, oauth, attachmentsDir: dir }) ?? "", /\.mcp-atlassian/);
  }
  equal(attachmentsDirProblem({ ...base, oauth, attachmentsDir: "/home/u/files" }), undefined);
});

Deno.test("within compares whole path segments", () => {
  equal(within("/a", "/a"), true);
  equal(within("/a", "/a/..foo.txt"), true);
  equal(within("/a", "/b"), false);
  equal(within("/a/b", "/a"), false);
});

Deno.test("loadConfig refuses an attachments folder when HTTP requests bring their own credentials", () => {
  const shared = { ATLASSIAN_OAUTH_ENABLE: "true", MCP_ATTACHMENTS_DIR: "/srv/files" };
  const found = problems(load(["--transport", "streamable-http"], shared));
  equal(found.length, 1);
  match(found[0], /^MCP_ATTACHMENTS_DIR cannot be used with ATLASSIAN_OAUTH_ENABLE=true over HTTP/);
  equal(
    config(["--transport", "streamable-http"], { ...CLOUD, MCP_ATTACHMENTS_DIR: "/srv/files" })
      .attachmentsDir,
    "/srv/files",
  );
});
