/**
 * Confluence storage-format samples: one per element the "Confluence Storage Format"
 * documentation lists (text effects, lists, links, images, tables, page layouts, resource
 * identifiers, instructional text, emoticons, tasks, dates) and per macro of "Confluence Storage
 * Format for Macros" the issue names, written the way Confluence writes them.
 *
 * @module
 */

/** One storage body to test with, named after what it exercises (e.g. `macro status`). */
export interface StorageSample {
  name: string;
  xml: string;
}

/**
 * The documented elements the samples must cover: element names, and `macro:NAME` for
 * `ac:structured-macro ac:name="NAME"`.
 */
export const STORAGE_ELEMENTS: string[] = [
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "strong",
  "em",
  "u",
  "s",
  "sub",
  "sup",
  "code",
  "pre",
  "blockquote",
  "span",
  "small",
  "big",
  "br",
  "hr",
  "ul",
  "ol",
  "li",
  "a",
  "table",
  "tbody",
  "tr",
  "th",
  "td",
  "time",
  "ac:structured-macro",
  "ac:parameter",
  "ac:rich-text-body",
  "ac:plain-text-body",
  "ac:link",
  "ac:link-body",
  "ac:plain-text-link-body",
  "ac:image",
  "ac:emoticon",
  "ac:task-list",
  "ac:task",
  "ac:task-id",
  "ac:task-status",
  "ac:task-body",
  "ac:layout",
  "ac:layout-section",
  "ac:layout-cell",
  "ac:placeholder",
  "ac:inline-comment-marker",
  "ri:page",
  "ri:blog-post",
  "ri:attachment",
  "ri:url",
  "ri:user",
  "ri:space",
  "macro:toc",
  "macro:code",
  "macro:noformat",
  "macro:expand",
  "macro:status",
  "macro:info",
  "macro:note",
  "macro:warning",
  "macro:tip",
  "macro:panel",
  "macro:jira",
  "macro:excerpt",
  "macro:details",
  "macro:section",
  "macro:column",
  "macro:anchor",
];

const CODE_ID = 'ac:macro-id="2f1c3d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"';

function macro(name: string, inner: string): string {
  return `<ac:structured-macro ac:name="${name}" ac:schema-version="1">${inner}</ac:structured-macro>`;
}

function parameter(name: string, value: string): string {
  return `<ac:parameter ac:name="${name}">${value}</ac:parameter>`;
}

function body(xml: string): string {
  return `<ac:rich-text-body>${xml}</ac:rich-text-body>`;
}

function panel(name: string, title: string | undefined): StorageSample {
  const heading = title === undefined ? "" : parameter("title", title);
  return {
    name: `macro ${name} ${title === undefined ? "without" : "with"} a title`,
    xml: macro(name, `${heading}${body(`<p>Check the ${name} before you deploy.</p>`)}`),
  };
}

/** Every storage sample. */
export const STORAGE_SAMPLES: StorageSample[] = [
  {
    name: "headings h1 to h6",
    xml: "<h1>Release plan</h1><h2>Scope</h2><h3>In scope</h3><h4>Billing</h4>" +
      "<h5>Invoices</h5><h6>Credit notes</h6>",
  },
  {
    name: "text effects strong em u s code",
    xml: "<p>Ship <strong>Friday</strong>, <em>not</em> <u>Monday</u>; " +
      "<s>Thursday</s> is out, run <code>make release</code>.</p>",
  },
  {
    name: "text effects sub and sup",
    xml: "<p>Water is H<sub>2</sub>O and the area is 3 m<sup>2</sup>.</p>",
  },
  {
    name: "text colour span",
    xml: '<p>Status: <span style="color: rgb(255,86,48);">Release blocker</span> until fixed.</p>',
  },
  {
    name: "strikethrough span",
    xml: '<p>Owner: <span style="text-decoration: line-through;">Bob</span> Alice</p>',
  },
  {
    name: "small and big text",
    xml: "<p><small>Fine print</small> and <big>headline</big> text</p>",
  },
  {
    name: "aligned paragraph",
    xml: '<p style="text-align: center;">Centred summary</p>',
  },
  {
    name: "preformatted and block quote",
    xml: "<pre>kubectl get pods</pre><blockquote><p>Measure twice, cut once.</p></blockquote>",
  },
  {
    name: "line break and horizontal rule",
    xml: "<p>First line<br />Second line</p><hr /><p>After the rule</p>",
  },
  {
    name: "lists ul and ol nested",
    xml: "<ul><li>Prepare<ol><li>Freeze the branch</li><li>Tag the build</li></ol></li>" +
      "<li>Announce</li></ul>",
  },
  {
    name: "link to a page with a plain-text body",
    xml: '<p>See <ac:link><ri:page ri:content-title="Release plan" ri:space-key="ENG" />' +
      "<ac:plain-text-link-body><![CDATA[the release plan]]></ac:plain-text-link-body></ac:link>.</p>",
  },
  {
    name: "link to a page without a body",
    xml: '<p>See <ac:link><ri:page ri:content-title="Release plan" /></ac:link>.</p>',
  },
  {
    name: "link to a blog post",
    xml:
      '<p>Read <ac:link><ri:blog-post ri:content-title="Q3 launch" ri:posting-day="2024/01/01" />' +
      "</ac:link> first.</p>",
  },
  {
    name: "link to a space",
    xml: '<p>Ask in <ac:link><ri:space ri:space-key="OPS" /></ac:link>.</p>',
  },
  {
    name: "link to an attachment with a rich body",
    xml: '<p>Download <ac:link><ri:attachment ri:filename="checklist.pdf" />' +
      "<ac:link-body>the <strong>checklist</strong></ac:link-body></ac:link>.</p>",
  },
  {
    name: "link to an attachment without a body",
    xml: '<p>Download <ac:link><ri:attachment ri:filename="checklist.pdf" /></ac:link>.</p>',
  },
  {
    name: "link to an anchor",
    xml: '<p>Jump to <ac:link ac:anchor="rollback"><ac:plain-text-link-body><![CDATA[Rollback]]>' +
      "</ac:plain-text-link-body></ac:link>.</p>",
  },
  {
    name: "link to a URL without a body",
    xml: '<p>Docs: <ac:link><ri:url ri:value="https://example.com/docs" /></ac:link></p>',
  },
  {
    name: "plain a href",
    xml: '<p>Visit <a href="https://www.atlassian.com">Atlassian</a> today.</p>',
  },
  {
    name: "user by account id",
    xml: '<p>Owner: <ac:link><ri:user ri:account-id="557058:3f2a1c9e-alice" /></ac:link> today</p>',
  },
  {
    name: "user by user key",
    xml: '<p>Owner: <ac:link><ri:user ri:userkey="ff8081815a4b5c6d" /></ac:link> today</p>',
  },
  {
    name: "user with a link body",
    xml: '<p>Ask <ac:link><ri:user ri:account-id="557058:bob" />' +
      "<ac:plain-text-link-body><![CDATA[Bob Builder]]></ac:plain-text-link-body></ac:link>.</p>",
  },
  {
    name: "emoticon with an emoji fallback",
    xml: '<p>Docs <ac:emoticon ac:name="blue-star" ac:emoji-shortname=":blue_book:" ' +
      'ac:emoji-id="1f4d8" ac:emoji-fallback="📘" /> ready</p>',
  },
  {
    name: "emoticon without a fallback",
    xml: '<p>Done <ac:emoticon ac:name="tick" /> today</p>',
  },
  {
    name: "task list",
    xml:
      "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status>" +
      "<ac:task-body>Book the room</ac:task-body></ac:task><ac:task><ac:task-id>2</ac:task-id>" +
      "<ac:task-status>complete</ac:task-status><ac:task-body>Send the agenda</ac:task-body>" +
      "</ac:task></ac:task-list>",
  },
  {
    name: "layout with two columns",
    xml: '<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell><p>Left column</p>' +
      "</ac:layout-cell><ac:layout-cell><p>Right column</p></ac:layout-cell></ac:layout-section>" +
      "</ac:layout>",
  },
  {
    name: "instructional text placeholder",
    xml: "<p><ac:placeholder>Describe the goal of this page</ac:placeholder></p>",
  },
  {
    name: "date time",
    xml: '<p>Due <time datetime="2024-01-01" /> at noon</p>',
  },
  {
    name: "image attachment with alt text",
    xml: '<p><ac:image ac:alt="Architecture diagram" ac:width="600">' +
      '<ri:attachment ri:filename="architecture.png" /></ac:image></p>',
  },
  {
    name: "image from a URL",
    xml: '<p><ac:image><ri:url ri:value="https://example.com/logo.png" /></ac:image></p>',
  },
  {
    name: "inline comment marker",
    xml:
      '<p>We ship <ac:inline-comment-marker ac:ref="a1b2c3d4">on Friday</ac:inline-comment-marker>.</p>',
  },
  {
    name: "table with a header row",
    xml: "<table><tbody><tr><th>Service</th><th>Owner</th></tr>" +
      "<tr><td>Billing</td><td>Team Red</td></tr></tbody></table>",
  },
  {
    name: "table with a header column",
    xml:
      "<table><tbody><tr><th>Team</th><td>Platform</td></tr><tr><th>Lead</th><td>Alice</td></tr>" +
      "<tr><th>EM</th><td>Bob</td></tr></tbody></table>",
  },
  {
    name: "table without a header",
    xml: "<table><tbody><tr><td>Service</td><td>Owner</td></tr>" +
      "<tr><td>Billing</td><td>Team Red</td></tr></tbody></table>",
  },
  {
    name: "macro toc",
    xml: `<p>Contents</p>${macro("toc", parameter("maxLevel", "3"))}`,
  },
  {
    name: "macro code with a title",
    xml: `<ac:structured-macro ac:name="code" ac:schema-version="1" ${CODE_ID}>` +
      `${parameter("title", "deploy.sh")}${parameter("language", "bash")}` +
      "<ac:plain-text-body><![CDATA[./deploy.sh --env prod]]></ac:plain-text-body></ac:structured-macro>",
  },
  {
    name: "macro noformat",
    xml: macro(
      "noformat",
      "<ac:plain-text-body><![CDATA[2024-01-01 12:00 ERROR timeout]]></ac:plain-text-body>",
    ),
  },
  {
    name: "macro expand",
    xml: macro("expand", `${parameter("title", "Rollout details")}${body("<p>Canary first.</p>")}`),
  },
  {
    name: "macro status",
    xml: `<p>State: ${
      macro("status", `${parameter("colour", "Green")}${parameter("title", "ON TRACK")}`)
    } today</p>`,
  },
  ...["info", "note", "warning", "tip"].flatMap((name) => [
    panel(name, undefined),
    panel(name, `Before you deploy (${name})`),
  ]),
  panel("panel", "Summary"),
  {
    name: "macro jira issue",
    xml: `<p>Fixes ${
      macro(
        "jira",
        `${parameter("server", "System JIRA")}${
          parameter("serverId", "a1b2c3d4-e5f6-4a5b-8c7d-9e0f1a2b3c4d")
        }${parameter("key", "ENG-42")}`,
      )
    }</p>`,
  },
  {
    name: "macro drawio (unknown to the converters)",
    xml: macro(
      "drawio",
      `${parameter("diagramName", "Architecture")}${parameter("width", "800")}` +
        parameter("revision", "3"),
    ),
  },
  {
    name: "macro excerpt",
    xml: macro("excerpt", body("<p>This page plans the Q3 release.</p>")),
  },
  {
    name: "macro details (page properties)",
    xml: macro(
      "details",
      body("<table><tbody><tr><th>Owner</th><td>Alice</td></tr></tbody></table>"),
    ),
  },
  {
    name: "macro section with columns",
    xml: macro(
      "section",
      body(
        macro("column", `${parameter("width", "50%")}${body("<p>Goals</p>")}`) +
          macro("column", `${parameter("width", "50%")}${body("<p>Risks</p>")}`),
      ),
    ),
  },
  {
    name: "macro anchor",
    xml: `<h2>${macro("anchor", parameter("", "rollback"))}Rollback</h2>`,
  },
];
