/**
 * The `jira_service_desk` toolset and `jira_add_comment`'s `public` through the real entry point
 * over stdio, against the fake's HELP service desk, on Cloud and on Data Center: every tool, the
 * request field checks, the on-behalf fallback, base64 attachments, customer-visible replies and
 * internal notes, a create whose connection drops after it was applied, the allowlist on the
 * desk's project, and read-only mode.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { installServiceDesk } from "../fake_atlassian/_jira_servicedesk.ts";
import { call, connectStdio, sent } from "./_harness.ts";

const TOOLS = [
  "jira_get_service_desk_for_project",
  "jira_get_service_desk_queues",
  "jira_get_queue_issues",
  "jira_get_request_types",
  "jira_get_request_type_fields",
  "jira_create_customer_request",
];

const SD = "/rest/servicedeskapi";

/** Bob as a request names him: account id on Cloud, user name on Data Center. */
function bob(site: FakeSite): string {
  return site.flavour === "cloud" ? "557058:bob" : "bob";
}

/** A recorded JSON body. */
// deno-lint-ignore no-explicit-any
type Body = any;

/** The requests raised so far (POST request), with their bodies. */
function creates(site: FakeSite): { body: Body; headers: Headers }[] {
  return sent(site, "POST", `${SD}/request`);
}

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`${flavour}: jira_service_desk tools and public comments`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    installServiceDesk(site.state);
    const session = await connectStdio(site.env);
    const { client } = session;
    try {
      await t.step("the six tools are listed, only the create as a write", async () => {
        const tools = (await client.listTools()).tools.filter((tool) => TOOLS.includes(tool.name));
        deepEqual(tools.map((tool) => tool.name), TOOLS);
        for (const tool of tools) {
          equal(
            tool.annotations?.readOnlyHint ?? false,
            tool.name !== "jira_create_customer_request",
          );
        }
      });

      await t.step("a project's service desk is found; another project has none", async () => {
        const help = await call(client, "jira_get_service_desk_for_project", {
          project_key: "HELP",
        });
        equal(help.isError, false, help.text);
        deepEqual(help.json, {
          found: true,
          service_desk: {
            id: "1",
            project_key: "HELP",
            project_id: "10003",
            project_name: "IT Help",
          },
        });
        const [list] = sent(site, "GET", `${SD}/servicedesk`);
        equal(list.headers.get("x-experimentalapi"), "opt-in");
        const demo = await call(client, "jira_get_service_desk_for_project", {
          project_key: "DEMO",
        });
        equal(demo.json.found, false, demo.text);
        match(demo.json.message, /Project DEMO has no service desk you can see/);
      });

      await t.step("queues come with their issue counts", async () => {
        const answer = await call(client, "jira_get_service_desk_queues", {
          service_desk_id: 1,
        });
        equal(answer.isError, false, answer.text);
        deepEqual(
          answer.json.queues.map((q: { name: string; issue_count: number }) => [
            q.name,
            q.issue_count,
          ]),
          [["All open", 2], ["Unassigned", 1]],
        );
        equal(answer.json.is_last_page, true);
        equal(sent(site, "GET", `${SD}/servicedesk/1/queue`)[0].query.get("includeCount"), "true");
      });

      await t.step("a queue's issues show people by display name", async () => {
        const answer = await call(client, "jira_get_queue_issues", {
          service_desk_id: "1",
          queue_id: "2",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.queue.name, "Unassigned");
        equal(answer.json.queue.issue_count, 1);
        deepEqual(answer.json.issues.map((i: { key: string }) => i.key), ["HELP-1"]);
        equal(answer.json.issues[0].reporter, "Bob Builder");
        equal(answer.json.issues[0].status, "To Do");
      });

      await t.step("request types and their fields", async () => {
        const types = await call(client, "jira_get_request_types", { service_desk_id: "1" });
        equal(types.isError, false, types.text);
        deepEqual(
          types.json.request_types.map((r: { id: string; name: string }) => [r.id, r.name]),
          [["10", "Get IT help"], ["11", "Request hardware"]],
        );
        const fields = await call(client, "jira_get_request_type_fields", {
          service_desk_id: "1",
          request_type_id: 10,
        });
        equal(fields.isError, false, fields.text);
        equal(fields.json.can_raise_on_behalf_of, true);
        const urgency = fields.json.fields.find((f: { field_id: string }) =>
          f.field_id === "customfield_10100"
        );
        equal(urgency.required, true);
        deepEqual(urgency.allowed_values.map((v: { label: string }) => v.label), [
          "Critical",
          "High",
          "Low",
        ]);
      });

      await t.step("a request is created with its select value matched by label", async () => {
        const answer = await call(client, "jira_create_customer_request", {
          service_desk_id: "1",
          request_type_id: "10",
          request_field_values: { summary: "Printer jammed", customfield_10100: "high" },
          request_participants: `["${bob(site)}"]`,
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.mode, "created_direct");
        equal(answer.json.key, "HELP-3");
        equal(answer.json.reporter, "Alice Admin");
        equal(answer.json.portal_url, `${site.origin}/servicedesk/customer/portal/1/HELP-3`);
        const [post] = creates(site);
        deepEqual(post.body, {
          serviceDeskId: "1",
          requestTypeId: "10",
          requestFieldValues: { summary: "Printer jammed", customfield_10100: { id: "10101" } },
          requestParticipants: [bob(site)],
        });
        equal(post.headers.get("x-experimentalapi"), "opt-in");
        deepEqual(site.state.serviceDesk!.requests["HELP-3"].participants, ["bob"]);
      });

      await t.step("field values are checked before anything is created", async () => {
        const missing = await call(client, "jira_create_customer_request", {
          service_desk_id: "1",
          request_type_id: "10",
          request_field_values: '{"summary": "No urgency"}',
        });
        equal(missing.isError, true);
        match(missing.text, /requires Urgency \(customfield_10100\)/);
        const unknown = await call(client, "jira_create_customer_request", {
          service_desk_id: "1",
          request_type_id: "10",
          request_field_values: { summary: "x", customfield_10100: "Low", colour: "red" },
        });
        equal(unknown.isError, true);
        match(unknown.text, /request type 10 has no field colour/);
        const bad = await call(client, "jira_create_customer_request", {
          service_desk_id: "1",
          request_type_id: "11",
          request_field_values: { summary: "Dock", customfield_10101: "VPN, Monitor" },
        });
        equal(bad.isError, true);
        match(bad.text, /"Monitor" is not an allowed value of Affected systems/);
        match(bad.text, /"VPN", "E-mail", "Laptop"/);
        equal(creates(site).length, 1, "no request was sent");
      });

      await t.step("on behalf of a customer, and the fallback when refused", async () => {
        const onBehalf = await call(client, "jira_create_customer_request", {
          service_desk_id: "1",
          request_type_id: "11",
          request_field_values: { summary: "Monitor for Bob", customfield_10101: ["laptop"] },
          raise_on_behalf_of: bob(site),
        });
        equal(onBehalf.isError, false, onBehalf.text);
        equal(onBehalf.json.mode, "created_on_behalf_of");
        equal(onBehalf.json.reporter, "Bob Builder");
        deepEqual(creates(site)[1].body.requestFieldValues.customfield_10101, [{ id: "10202" }]);

        const fallback = await call(client, "jira_create_customer_request", {
          service_desk_id: "1",
          request_type_id: "11",
          request_field_values: { summary: "Keyboard" },
          raise_on_behalf_of: "nobody",
        });
        equal(fallback.isError, false, fallback.text);
        equal(fallback.json.mode, "created_as_agent_fallback");
        equal(fallback.json.reporter, "Alice Admin");
        match(
          fallback.json.warnings[0],
          /^The request was raised as you: raising on behalf of "nobody" was refused: The user 'nobody' does not exist/,
        );
        match(fallback.json.message, /as you \(raising on behalf of nobody was refused\)/);
        const [refused, retried] = creates(site).slice(2);
        equal(refused.body.raiseOnBehalfOf, "nobody");
        equal(retried.body.raiseOnBehalfOf, undefined);

        const strict = await call(client, "jira_create_customer_request", {
          service_desk_id: "1",
          request_type_id: "11",
          request_field_values: { summary: "Mouse" },
          raise_on_behalf_of: "nobody",
          strict_on_behalf: true,
        });
        equal(strict.isError, true);
        match(
          strict.text,
          /^Not created: raising on behalf of "nobody" was refused: The user 'nobody'/,
        );
        match(strict.text, /leave strict_on_behalf false/);
        equal(creates(site).length, 5);
      });

      await t.step("base64 attachments are uploaded and attached", async () => {
        const answer = await call(client, "jira_create_customer_request", {
          service_desk_id: "1",
          request_type_id: "11",
          request_field_values: { summary: "Broken screen" },
          attachments: [
            { filename: "photo.png", content_base64: btoa("\x89PNG\r\n"), mime_type: "image/png" },
            { filename: "notes.txt", base64: btoa("cracked") },
          ],
        });
        equal(answer.isError, false, answer.text);
        deepEqual(answer.json.attachments, ["photo.png", "notes.txt"]);
        const [upload] = sent(site, "POST", `${SD}/servicedesk/1/attachTemporaryFile`);
        match(upload.headers.get("content-type") ?? "", /^multipart\/form-data/);
        equal(upload.headers.get("x-atlassian-token"), "no-check");
        const [attach] = sent(site, "POST", `${SD}/request/${answer.json.key}/attachment`);
        equal((attach.body as Body).public, true);
        deepEqual(
          site.state.serviceDesk!.requests[answer.json.key].attachments.map((a) => [
            a.filename,
            a.size,
            a.mimeType,
          ]),
          [["photo.png", 6, "image/png"], ["notes.txt", 7, "application/octet-stream"]],
        );

        const invalid = await call(client, "jira_create_customer_request", {
          service_desk_id: "1",
          request_type_id: "11",
          request_field_values: { summary: "Bad file" },
          attachments: '[{"filename": "x.bin", "content_base64": "not base64!"}]',
        });
        equal(invalid.isError, true);
        match(invalid.text, /attachments item 1 \(x\.bin\) is not valid base64/);
        equal(creates(site).length, 6, "refused before any request");
      });

      await t.step("a create whose answer is lost is found, not sent again", async () => {
        const before = site.state.issues.length;
        site.fault({ match: `${SD}/request`, method: "POST", drop: "after" });
        const answer = await call(client, "jira_create_customer_request", {
          service_desk_id: "1",
          request_type_id: "11",
          request_field_values: { summary: "Dropped while creating" },
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.message, /found after the connection dropped/);
        equal(site.state.issues.length, before + 1);
        equal(answer.json.key, site.state.issues.at(-1)!.key);
        equal(
          answer.json.portal_url,
          `${site.origin}/servicedesk/customer/portal/1/${answer.json.key}`,
        );
        equal(creates(site).length, 7, "sent once");
      });

      await t.step("a create lost before it was applied is reported as unknown", async () => {
        const before = site.state.issues.length;
        site.fault({ match: `${SD}/request`, method: "POST", drop: true });
        const answer = await call(client, "jira_create_customer_request", {
          service_desk_id: "1",
          request_type_id: "11",
          request_field_values: { summary: "Dropped before creating" },
        });
        equal(answer.isError, true);
        match(answer.text, /search results can lag behind new writes/);
        match(
          answer.text,
          /Check that no request "Dropped before creating" raised by you exists in HELP/,
        );
        equal(site.state.issues.length, before, "nothing was created");
        equal(creates(site).length, 8, "and nothing was sent again");
      });

      await t.step("public replies and internal notes go through the service desk", async () => {
        const reply = await call(client, "jira_add_comment", {
          issue_key: "HELP-1",
          body: "We are **on it**.",
          public: true,
        });
        equal(reply.isError, false, reply.text);
        match(reply.json.message, /^Customer-visible reply added to HELP-1\.$/);
        const note = await call(client, "jira_add_comment", {
          issue_key: "HELP-1",
          body: "Router firmware again.",
          public: false,
        });
        equal(note.isError, false, note.text);
        equal(note.json.comment.public, false);
        equal(note.json.comment.author, "Alice Admin");
        const posts = sent(site, "POST", `${SD}/request/HELP-1/comment`);
        deepEqual(posts.map((p) => p.body), [
          { body: "We are *on it*.", public: true },
          { body: "Router firmware again.", public: false },
        ]);
        deepEqual(
          site.state.issues.find((i) => i.key === "HELP-1")!.comments.map((c) =>
            c.jsdPublic ?? true
          ),
          [true, true, false],
        );

        const software = await call(client, "jira_add_comment", {
          issue_key: "DEMO-1",
          body: "Hello",
          public: true,
        });
        equal(software.isError, true);
        match(software.text, /DEMO-1 is not a Jira Service Management request/);
        const both = await call(client, "jira_add_comment", {
          issue_key: "HELP-1",
          body: "Hello",
          public: true,
          visibility: { type: "role", value: "Developers" },
        });
        equal(both.isError, true);
        match(both.text, /public and visibility cannot be used together/);
        equal(sent(site, "POST", `${SD}/request/HELP-1/comment`).length, 2);
      });

      await t.step("a lost reply is found among the request's comments", async () => {
        site.fault({ match: `${SD}/request/HELP-2/comment`, method: "POST", drop: "after" });
        const answer = await call(client, "jira_add_comment", {
          issue_key: "HELP-2",
          body: "Your laptop ships Monday.",
          public: true,
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.message, /found after the connection dropped/);
        equal(site.state.issues.find((i) => i.key === "HELP-2")!.comments.length, 1);
      });
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: the service desk's project is checked against the allowlist`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    installServiceDesk(site.state);
    const session = await connectStdio({ ...site.env, JIRA_PROJECTS_FILTER: "DEMO" });
    const { client } = session;
    try {
      const calls: [string, Record<string, unknown>][] = [
        ["jira_get_service_desk_for_project", { project_key: "HELP" }],
        ["jira_get_service_desk_queues", { service_desk_id: "1" }],
        ["jira_get_queue_issues", { service_desk_id: "1", queue_id: "1" }],
        ["jira_get_request_types", { service_desk_id: "1" }],
        ["jira_get_request_type_fields", { service_desk_id: "1", request_type_id: "10" }],
        ["jira_create_customer_request", {
          service_desk_id: "1",
          request_type_id: "11",
          request_field_values: { summary: "x" },
        }],
        ["jira_add_comment", { issue_key: "HELP-1", body: "x", public: true }],
      ];
      for (const [tool, args] of calls) {
        const answer = await call(client, tool, args);
        equal(answer.isError, true, `${tool}: ${answer.text}`);
        match(answer.text, /Project HELP is outside the projects this server may use/, tool);
      }
      equal(creates(site).length, 0);
      equal(sent(site, "POST", "/comment").length, 0);
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: read-only mode lists the service desk reads only`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    installServiceDesk(site.state);
    const session = await connectStdio({ ...site.env, READ_ONLY_MODE: "true" });
    try {
      const names = (await session.client.listTools()).tools.map((tool) => tool.name);
      deepEqual(names.filter((name) => TOOLS.includes(name)), TOOLS.slice(0, 5));
      const refused = await call(session.client, "jira_create_customer_request", {
        service_desk_id: "1",
        request_type_id: "11",
        request_field_values: { summary: "x" },
      });
      equal(refused.isError, true);
      ok(!creates(site).length);
    } finally {
      await session.close();
    }
  });
}
