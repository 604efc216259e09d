/**
 * No write silently drops rich content, through the real entry point against the fake: a page or
 * issue description read as Markdown and written back without its <!--...--> comments is refused,
 * naming what would be lost, and nothing is written; `confirm_removal: true` writes it and says
 * what was removed; written back as read, the stored body is the original, byte for byte.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { markdownToStorage, storageToMarkdown } from "../../src/content/mod.ts";
import { type FakeSite, type FakeState, startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio } from "./_harness.ts";

const COMMENTS = /<!--[\s\S]*?-->/g;

/** A page with a toc, a mention, a status and an image, as our storage writer spells it. */
function pageStorage(site: FakeSite): string {
  const alice = site.state.users.find((user) => user.id === "alice")!;
  const user = site.flavour === "cloud"
    ? `<ri:user ri:account-id="${alice.accountId}" />`
    : `<ri:user ri:userkey="${alice.confluenceKey}" />`;
  return [
    '<ac:structured-macro ac:name="toc" ac:schema-version="1" ac:macro-id="7d1e0c2a-0000-4000-8000-000000000001"><ac:parameter ac:name="maxLevel">2</ac:parameter></ac:structured-macro>',
    "<h1>Release plan</h1>",
    `<p>Owner: <ac:link>${user}</ac:link>. State: <ac:structured-macro ac:name="status" ac:schema-version="1" ac:macro-id="7d1e0c2a-0000-4000-8000-000000000002"><ac:parameter ac:name="colour">Green</ac:parameter><ac:parameter ac:name="title">On track</ac:parameter></ac:structured-macro></p>`,
    '<p><ac:image ac:width="600" ac:alt="Timeline"><ri:attachment ri:filename="timeline.png" /></ac:image></p>',
  ].join("");
}

/** A Jira Cloud description with a mention and an attached image (a media node). */
const CLOUD_DESCRIPTION: FakeState["issues"][number]["description"] = {
  type: "doc",
  version: 1,
  content: [
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Reported by " },
        { type: "mention", attrs: { id: "557058:alice", text: "@Alice Admin" } },
        { type: "text", text: ", see the screenshot." },
      ],
    },
    {
      type: "mediaSingle",
      attrs: { layout: "center" },
      content: [{
        type: "media",
        attrs: {
          type: "file",
          id: "6e7c2a10-0000-4000-8000-000000000001",
          collection: "jira-10001",
          width: 800,
          height: 600,
        },
      }],
    },
  ],
};

/** A Jira Data Center description with a toc macro, an attached thumbnail and a mention. */
const DC_DESCRIPTION =
  "{toc:maxLevel=2}\n\nh1. Release plan\n\nScreenshot: !timeline.png|thumbnail!\n\nOwner: [~alice]";

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`${flavour}: writes that would drop rich content are refused unless confirmed`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    const storedPage = (id: string) => site.state.pages.find((page) => page.id === id)!;
    try {
      const storage = pageStorage(site);
      await t.step("the fixture page is in the spelling our storage writer produces", () => {
        equal(markdownToStorage(storageToMarkdown(storage)), storage);
      });

      const pages: Record<string, string> = {};
      for (const title of ["Release plan", "Release plan (copy)"]) {
        const created = await call(client, "confluence_create_page", {
          space_key: "DOCS",
          title,
          content: storage,
          content_format: "storage",
        });
        equal(created.isError, false, created.text);
        pages[title] = created.json.id;
      }
      const first = pages["Release plan"];
      const second = pages["Release plan (copy)"];

      let markdown = "";
      await t.step("confluence_get_page shows the page as Markdown with placeholders", async () => {
        const answer = await call(client, "confluence_get_page", { page_id: first });
        equal(answer.isError, false, answer.text);
        markdown = answer.json.content;
        match(markdown, /<!--storage:/);
      });

      await t.step(
        "a page written back without its comments is refused and unchanged",
        async () => {
          const answer = await call(client, "confluence_update_page", {
            page_id: first,
            title: "Release plan",
            content: markdown.replace(COMMENTS, ""),
          });
          equal(answer.isError, true, answer.text);
          equal(
            answer.text.split("\n")[0],
            `Not updated: 2 macros (toc, status) would be removed from page ${first}.`,
          );
          match(answer.text, /Hint: Keep the <!--\.\.\.--> placeholders .*confirm_removal: true/);
          equal(storedPage(first).versions.length, 1);
          equal(storedPage(first).versions[0].storage, storage);
        },
      );

      await t.step("with confirm_removal the write goes through and says what went", async () => {
        const answer = await call(client, "confluence_update_page", {
          page_id: second,
          title: "Release plan (copy)",
          content: markdown.replace(COMMENTS, ""),
          confirm_removal: true,
        });
        equal(answer.isError, false, answer.text);
        equal(
          answer.json.message,
          `Updated page ${second} to version 2. 2 macros (toc, status) were removed.`,
        );
        const written = storedPage(second).versions.at(-1)!.storage;
        ok(!/structured-macro/.test(written), written);
        match(written, /<ri:user /);
        match(written, /<ac:image /);
      });

      await t.step("the page written back as read is stored byte for byte", async () => {
        const answer = await call(client, "confluence_update_page", {
          page_id: first,
          title: "Release plan",
          content: markdown,
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, `Updated page ${first} to version 2.`);
        equal(storedPage(first).versions.at(-1)!.storage, storage);
      });

      const description = flavour === "cloud" ? CLOUD_DESCRIPTION : DC_DESCRIPTION;
      const issue = (key: string) => site.state.issues.find((issue) => issue.key === key)!;
      for (const key of ["DEMO-2", "DEMO-3"]) issue(key).description = structuredClone(description);
      // Wiki shows the image as Markdown (its options in a carrier): only the macro is lost.
      const [wouldGo, went] = flavour === "cloud"
        ? ["1 image would be removed", "1 image was removed"]
        : ["1 macro (toc) would be removed", "1 macro (toc) was removed"];

      let text = "";
      await t.step("jira_get_issue shows the description with placeholders", async () => {
        const answer = await call(client, "jira_get_issue", { issue_key: "DEMO-2" });
        equal(answer.isError, false, answer.text);
        text = answer.json.description;
        match(text, flavour === "cloud" ? /<!--adf:/ : /<!--wiki:/);
      });

      await t.step("a description written back without its comments is refused", async () => {
        const from = site.requests.length;
        const answer = await call(client, "jira_update_issue", {
          issue_key: "DEMO-2",
          fields: JSON.stringify({ description: text.replace(COMMENTS, "") }),
          comment: "Trimmed the description",
        });
        equal(answer.isError, true, answer.text);
        equal(
          answer.text.split("\n")[0],
          `Not updated: ${wouldGo} from the Description field of DEMO-2.`,
        );
        match(answer.text, /Hint: Keep the <!--\.\.\.--> placeholders from jira_get_issue/);
        deepEqual(issue("DEMO-2").description, description);
        const writes = site.requests.slice(from).filter((r) => r.method !== "GET");
        deepEqual(writes, [], "nothing was written, the comment included");
        const read = site.requests.slice(from).find((r) => /\/issue\/DEMO-2$/.test(r.path));
        equal(read?.query.get("fields"), "description");
      });

      await t.step(
        "with confirm_removal the description is written and the loss told",
        async () => {
          const answer = await call(client, "jira_update_issue", {
            issue_key: "DEMO-3",
            fields: JSON.stringify({ description: text.replace(COMMENTS, "") }),
            confirm_removal: true,
          });
          equal(answer.isError, false, answer.text);
          equal(
            answer.json.message,
            `DEMO-3 updated: fields. ${went} from the Description field of DEMO-3.`,
          );
          const written = JSON.stringify(issue("DEMO-3").description);
          ok(!/"media"|toc/.test(written), written);
        },
      );

      await t.step("the description written back as read is stored unchanged", async () => {
        const answer = await call(client, "jira_update_issue", {
          issue_key: "DEMO-2",
          fields: JSON.stringify({ description: text }),
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, "DEMO-2 updated: fields.");
        deepEqual(issue("DEMO-2").description, description);
      });
    } finally {
      await session.close();
    }
  });
}
