/**
 * The fake's in-memory state and its seed. One `FakeState` per site (Cloud or Data Center);
 * both flavours hold the same seed, each in its own native representation (ADF on Jira Cloud,
 * wiki markup on Jira Data Center, storage XHTML on Confluence, Cloud account ids vs. DC names).
 *
 * @module
 */
import type { AdminState } from "./_confluence_admin.ts";
import type { ContentComment } from "./_confluence_comments.ts";
import type { FakeForm } from "./_jira_forms.ts";
import type { DevInstance } from "./_jira_insight.ts";
import type { ServiceDeskState } from "./_jira_servicedesk.ts";
import { type AdfDoc, doc, para, text } from "./_rich.ts";

/** Which Atlassian deployment a site imitates. */
export type Flavour = "cloud" | "datacenter";

/** A user known to both products. */
export interface FakeUser {
  /** Internal id, also the DC login name. */
  id: string;
  /** Cloud account id. */
  accountId: string;
  /** DC login name. */
  name: string;
  /** Jira DC user key. */
  jiraKey: string;
  /** Confluence DC user key. */
  confluenceKey: string;
  /** Email address (the Cloud login). */
  email: string;
  /** Full name. */
  displayName: string;
  /** IANA time zone. */
  timeZone: string;
  /** Cloud API token (Basic `email:token`). */
  cloudToken: string;
  /** DC personal access token (Bearer). */
  personalToken: string;
  /** DC password (Basic `name:password`). */
  password: string;
}

/** A Jira project. */
export interface Project {
  id: string;
  key: string;
  name: string;
  description: string;
  lead: string;
  issueTypeIds: string[];
  /** Users who may browse the project (ids). */
  members: string[];
  /** Archived: hidden from project listings unless asked for. */
  archived?: boolean;
  /** `projectTypeKey` (default "software"; the service desk project is "service_desk"). */
  typeKey?: string;
}

/** A project version (fix version). Dates are `yyyy-mm-dd` or null. */
export interface Version {
  id: string;
  /** The project's id. */
  projectId: string;
  name: string;
  description: string;
  startDate: string | null;
  releaseDate: string | null;
  released: boolean;
  archived: boolean;
}

/** A project component. */
export interface Component {
  id: string;
  projectKey: string;
  name: string;
  description: string;
  /** Lead (user id) or null. */
  lead: string | null;
  assigneeType: "PROJECT_DEFAULT" | "COMPONENT_LEAD" | "PROJECT_LEAD" | "UNASSIGNED";
}

/** A Jira issue type. */
export interface IssueType {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  hierarchyLevel: number;
  icon: string;
}

/** A Jira status. */
export interface Status {
  id: string;
  name: string;
  category: "new" | "indeterminate" | "done";
  order: number;
}

/** A Jira priority. */
export interface Priority {
  id: string;
  name: string;
  order: number;
}

/** A workflow transition (all are global: available from any other status). */
export interface Transition {
  id: string;
  name: string;
  to: string;
}

/** Jira rich text: ADF on Cloud, wiki markup on Data Center. */
export type RichText = AdfDoc | string;

/** A comment on an issue. */
export interface Comment {
  id: string;
  author: string;
  updateAuthor: string;
  body: RichText;
  created: string;
  updated: string;
  /** Jira Service Management: false for an internal note (default: visible to the customer). */
  jsdPublic?: boolean;
}

/** A worklog on an issue (`timeSpentSeconds` from Jira's 8h day / 5d week notation). */
export interface Worklog {
  id: string;
  author: string;
  updateAuthor: string;
  /** Optional comment (ADF on Cloud, wiki markup on Data Center). */
  comment: RichText | null;
  /** When the work started (ISO, UTC). */
  started: string;
  timeSpentSeconds: number;
  created: string;
  updated: string;
}

/** One changelog entry. */
export interface History {
  id: string;
  author: string;
  created: string;
  items: {
    field: string;
    fieldId: string;
    from: string | null;
    fromString: string | null;
    to: string | null;
    toString: string | null;
  }[];
}

/** A remote issue link (a web resource such as a pull request, linked from an issue). */
export interface RemoteLink {
  id: number;
  globalId: string;
  application: { type: string; name: string };
  relationship: string;
  object: {
    url: string;
    title: string;
    summary: string;
    icon: { url16x16: string; title: string };
    status: { resolved: boolean };
  };
}

/** An issue link type: "Blocks" reads "A blocks B" (outward) and "B is blocked by A" (inward). */
export interface IssueLinkType {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

/** A link between two issues (by issue id): `source` <outward phrase> `destination`. */
export interface IssueLink {
  id: string;
  typeId: string;
  source: string;
  destination: string;
}

/** A Jira issue. Dates are ISO strings (UTC). */
export interface Issue {
  id: string;
  key: string;
  projectKey: string;
  typeId: string;
  summary: string;
  description: RichText | null;
  statusId: string;
  priorityId: string;
  assignee: string | null;
  reporter: string;
  creator: string;
  created: string;
  updated: string;
  labels: string[];
  parentKey: string | null;
  epicLink: string | null;
  storyPoints: number | null;
  sprintIds: number[];
  comments: Comment[];
  worklogs: Worklog[];
  changelog: History[];
  /** Users watching the issue (ids). */
  watchers: string[];
  /** Original and remaining estimate in seconds (`timetracking`), when set. */
  timetracking?: { originalEstimate?: number; remainingEstimate?: number };
  remoteLinks: RemoteLink[];
  resolution: string | null;
  resolutiondate: string | null;
  duedate: string | null;
  properties: Record<string, unknown>;
  /** Keys the issue had before it was moved to another project (they still find it). */
  formerKeys?: string[];
}

/** A Cloud bulk move task: the issues to move and the reads left before it completes. */
export interface BulkMoveTask {
  id: string;
  submittedBy: string;
  created: string;
  /** Issue ids with their target project key and issue type id. */
  moves: { issueId: string; projectKey: string; typeId: string }[];
  /** Task reads answered RUNNING before the move is applied (0 = applied at the next read). */
  readsLeft: number;
  status: "ENQUEUED" | "RUNNING" | "COMPLETE";
}

/** An agile board. */
export interface Board {
  id: number;
  name: string;
  type: "scrum" | "kanban";
  projectKey: string;
}

/** A sprint. */
export interface Sprint {
  id: number;
  name: string;
  state: "active" | "future" | "closed";
  boardId: number;
  goal: string;
  startDate: string | null;
  endDate: string | null;
  completeDate: string | null;
}

/** A Confluence space. */
export interface Space {
  id: number;
  key: string;
  name: string;
  description: string;
  homepageId: string;
  createdAt: string;
  authorId: string;
  /** Users who may edit in the space (ids); everyone may read. */
  editors: string[];
}

/** One stored version of a page. */
export interface PageVersion {
  number: number;
  title: string;
  storage: string;
  /** Set when the version was written as ADF (Cloud v2 `atlas_doc_format`). */
  adf?: AdfDoc;
  authorId: string;
  createdAt: string;
  message: string;
  minorEdit: boolean;
  parentId: string | null;
}

/** A Confluence page with its full version history (last entry = current). */
export interface Page {
  id: string;
  spaceKey: string;
  parentId: string | null;
  status: "current" | "trashed";
  createdAt: string;
  authorId: string;
  position: number;
  labels: string[];
  versions: PageVersion[];
  /** Cloud v2 page subtype (`live` for a live doc). */
  subtype?: string;
}

/** What a new page needs: its first version's content, and where and by whom it is made. */
export interface NewPage {
  id: string;
  spaceKey: string;
  parentId: string | null;
  title: string;
  storage: string;
  authorId: string;
  createdAt: string;
  position: number;
  /** Set when the body was written as ADF (Cloud v2 `atlas_doc_format`). */
  adf?: AdfDoc;
  labels?: string[];
  subtype?: string;
}

/**
 * A new current page as Confluence creates it: one version by its author (no message, not a
 * minor edit), no labels unless given.
 */
export function newPage(p: NewPage): Page {
  return {
    id: p.id,
    spaceKey: p.spaceKey,
    parentId: p.parentId,
    status: "current",
    createdAt: p.createdAt,
    authorId: p.authorId,
    position: p.position,
    labels: p.labels ?? [],
    ...(p.subtype ? { subtype: p.subtype } : {}),
    versions: [{
      number: 1,
      title: p.title,
      storage: p.storage,
      ...(p.adf ? { adf: p.adf } : {}),
      authorId: p.authorId,
      createdAt: p.createdAt,
      message: "",
      minorEdit: false,
      parentId: p.parentId,
    }],
  };
}

/** A content property of a page (Cloud v2 addresses it by `id`, v1 by `key`). */
export interface ContentProperty {
  id: string;
  pageId: string;
  key: string;
  /** Any JSON value. */
  value: unknown;
  version: number;
  createdAt: string;
  authorId: string;
}

/** A Confluence attachment. */
export interface Attachment {
  id: string;
  pageId: string;
  title: string;
  mediaType: string;
  fileSize: number;
  fileId: string;
  comment: string;
  createdAt: string;
  authorId: string;
}

/** The whole mutable state of one site. */
export interface FakeState {
  flavour: Flavour;
  users: FakeUser[];
  projects: Project[];
  issueTypes: IssueType[];
  statuses: Status[];
  priorities: Priority[];
  transitions: Transition[];
  issues: Issue[];
  boards: Board[];
  sprints: Sprint[];
  spaces: Space[];
  pages: Page[];
  attachments: Attachment[];
  properties: ContentProperty[];
  issueLinkTypes: IssueLinkType[];
  issueLinks: IssueLink[];
  versions: Version[];
  components: Component[];
  /** Confluence page comments (`_confluence_comments.ts`), seeded on first use. */
  contentComments?: ContentComment[];
  /** Page restrictions, analytics and templates (`_confluence_admin.ts`), seeded on first use. */
  admin?: AdminState;
  /**
   * Development tools connected to Jira, by issue id (`_jira_insight.ts`); absent when none is
   * connected.
   */
  devInfo?: Record<string, DevInstance[]>;
  /** Cloud bulk move tasks (`_jira_move.ts`), absent until the first one. */
  bulkTasks?: BulkMoveTask[];
  /** Jira Service Management, when `installServiceDesk` added it (`_jira_servicedesk.ts`). */
  serviceDesk?: ServiceDeskState;
  /** Reads a new bulk task answers RUNNING before it completes (default 1). */
  bulkTaskRunningReads?: number;
  /** Cloud: the site's cloud id (`/_edge/tenant_info`), set by the site's seed. */
  cloudId?: string;
  /** Cloud: Jira Forms on issues (`_jira_forms.ts`), seeded on first use. */
  forms?: FakeForm[];
  seq: {
    issue: number;
    comment: number;
    worklog: number;
    history: number;
    page: number;
    property: number;
    issueLink: number;
    remoteLink: number;
    version: number;
    projectNext: Record<string, number>;
  };
}

/** The current version of a page. */
export function current(page: Page): PageVersion {
  return page.versions[page.versions.length - 1];
}

const USERS: FakeUser[] = [
  {
    id: "alice",
    accountId: "557058:alice",
    name: "alice",
    jiraKey: "JIRAUSER10000",
    confluenceKey: "ff8080817a1b2c3d017a1b2c3d4e0001",
    email: "alice@example.com",
    displayName: "Alice Admin",
    timeZone: "Europe/London",
    cloudToken: "cloud-api-token",
    personalToken: "dc-personal-token",
    password: "alice-password",
  },
  {
    id: "bob",
    accountId: "557058:bob",
    name: "bob",
    jiraKey: "JIRAUSER10001",
    confluenceKey: "ff8080817a1b2c3d017a1b2c3d4e0002",
    email: "bob@example.com",
    displayName: "Bob Builder",
    timeZone: "America/New_York",
    cloudToken: "bob-api-token",
    personalToken: "bob-personal-token",
    password: "bob-password",
  },
];

/** The seeded users (shared, read-only). */
export const SEED_USERS: readonly FakeUser[] = USERS;

const ISSUE_TYPES: IssueType[] = [
  {
    id: "10000",
    name: "Epic",
    description: "A big user story that needs to be broken down.",
    subtask: false,
    hierarchyLevel: 1,
    icon: "epic",
  },
  {
    id: "10001",
    name: "Story",
    description: "Functionality or a feature expressed as a user goal.",
    subtask: false,
    hierarchyLevel: 0,
    icon: "story",
  },
  {
    id: "10002",
    name: "Task",
    description: "A small, distinct piece of work.",
    subtask: false,
    hierarchyLevel: 0,
    icon: "task",
  },
  {
    id: "10003",
    name: "Bug",
    description: "A problem or error.",
    subtask: false,
    hierarchyLevel: 0,
    icon: "bug",
  },
  {
    id: "10004",
    name: "Sub-task",
    description: "A small piece of work that's part of a larger task.",
    subtask: true,
    hierarchyLevel: -1,
    icon: "subtask",
  },
];

const STATUSES: Status[] = [
  { id: "10000", name: "To Do", category: "new", order: 1 },
  { id: "3", name: "In Progress", category: "indeterminate", order: 2 },
  { id: "10001", name: "In Review", category: "indeterminate", order: 3 },
  { id: "10002", name: "Done", category: "done", order: 4 },
];

const PRIORITIES: Priority[] = [
  { id: "1", name: "Highest", order: 1 },
  { id: "2", name: "High", order: 2 },
  { id: "3", name: "Medium", order: 3 },
  { id: "4", name: "Low", order: 4 },
  { id: "5", name: "Lowest", order: 5 },
];

const TRANSITIONS: Transition[] = [
  { id: "11", name: "Start Progress", to: "3" },
  { id: "21", name: "Send to Review", to: "10001" },
  { id: "31", name: "Done", to: "10002" },
  { id: "41", name: "Reopen", to: "10000" },
];

function t(day: number, hour = 9, minute = 0): string {
  return new Date(Date.UTC(2024, 2, day, hour, minute)).toISOString();
}

// --- Jira rich text, authored once per flavour ---------------------------------------------

const DEMO2_ADF: AdfDoc = doc(
  { type: "heading", attrs: { level: 2 }, content: [text("Goal")] },
  para("Let returning customers pay with a ", text("saved card", "strong"), " in one click."),
  {
    type: "bulletList",
    content: [
      { type: "listItem", content: [para("Show the card brand and last four digits")] },
      { type: "listItem", content: [para("Ask for the CVC only")] },
    ],
  },
  {
    type: "codeBlock",
    attrs: { language: "typescript" },
    content: [text("await payments.charge({ cardId, amount });")],
  },
  para(
    "Owner: ",
    { type: "mention", attrs: { id: "557058:alice", text: "@Alice Admin", accessLevel: "" } },
    ". See ",
    text("the design doc", {
      type: "link",
      attrs: { href: "https://example.com/design/saved-cards" },
    }),
    ".",
  ),
);

const DEMO2_WIKI = [
  "h2. Goal",
  "Let returning customers pay with a *saved card* in one click.",
  "",
  "* Show the card brand and last four digits",
  "* Ask for the CVC only",
  "",
  "{code:typescript}",
  "await payments.charge({ cardId, amount });",
  "{code}",
  "",
  "Owner: [~alice]. See [the design doc|https://example.com/design/saved-cards].",
].join("\n");

const DEMO1_ADF = doc(para("Rebuild the checkout flow: fewer steps, saved cards, clearer totals."));
const DEMO1_WIKI = "Rebuild the checkout flow: fewer steps, saved cards, clearer totals.";

const DEMO3_ADF = doc(
  para("With an empty cart the order total reads ", text("NaN", "code"), " instead of 0.00."),
  { type: "heading", attrs: { level: 3 }, content: [text("Steps to reproduce")] },
  {
    type: "orderedList",
    content: [
      { type: "listItem", content: [para("Add one item to the cart")] },
      { type: "listItem", content: [para("Remove it")] },
      { type: "listItem", content: [para("Look at the total")] },
    ],
  },
);
const DEMO3_WIKI = [
  "With an empty cart the order total reads {{NaN}} instead of 0.00.",
  "",
  "h3. Steps to reproduce",
  "# Add one item to the cart",
  "# Remove it",
  "# Look at the total",
].join("\n");

const OPS1_ADF = doc(
  para("The wildcard certificate expires on 2024-04-30. Rotate it on all load balancers."),
);
const OPS1_WIKI =
  "The wildcard certificate expires on 2024-04-30. Rotate it on all load balancers.";

const C1_ADF = doc(
  para(
    "I can take the API part. The client already exposes ",
    text("PaymentService.charge", "code"),
    ".",
  ),
);
const C1_WIKI = "I can take the API part. The client already exposes {{PaymentService.charge}}.";
const C2_ADF = doc(
  para(
    "Merged the first PR, ",
    text("thanks", "strong"),
    " ",
    { type: "mention", attrs: { id: "557058:bob", text: "@Bob Builder", accessLevel: "" } },
    "!",
  ),
);
const C2_WIKI = "Merged the first PR, *thanks* [~bob]!";

// --- Confluence storage ----------------------------------------------------------------------

function mention(flavour: Flavour, user: FakeUser): string {
  return flavour === "cloud"
    ? `<ac:link><ri:user ri:account-id="${user.accountId}" /></ac:link>`
    : `<ac:link><ri:user ri:userkey="${user.confluenceKey}" /></ac:link>`;
}

/** Storage XHTML of page 1002 "Architecture" (current version). */
export function architectureStorage(flavour: Flavour): string {
  return [
    `<ac:structured-macro ac:name="toc" ac:schema-version="1" ac:macro-id="3f0c2a1e-5b7d-4e2f-9a10-000000000001"><ac:parameter ac:name="maxLevel">2</ac:parameter></ac:structured-macro>`,
    `<h1>Architecture</h1>`,
    `<p>This page describes how the <strong>checkout</strong> services fit together. Owner: ${
      mention(flavour, USERS[0])
    }.</p>`,
    `<ac:structured-macro ac:name="info" ac:schema-version="1" ac:macro-id="3f0c2a1e-5b7d-4e2f-9a10-000000000002"><ac:parameter ac:name="title">Region</ac:parameter><ac:rich-text-body><p>All services run in <em>eu-west-1</em>; see the Runbook for failover.</p></ac:rich-text-body></ac:structured-macro>`,
    `<h2>Services</h2>`,
    `<table data-layout="default"><colgroup><col /><col /><col /></colgroup><tbody>` +
    `<tr><th><p>Service</p></th><th><p>Language</p></th><th><p>Owner</p></th></tr>` +
    `<tr><td><p>checkout-api</p></td><td><p>TypeScript</p></td><td><p>Payments</p></td></tr>` +
    `<tr><td><p>ledger</p></td><td><p>Go</p></td><td><p>Finance</p></td></tr>` +
    `</tbody></table>`,
    `<h2>Request flow</h2>`,
    `<ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="3f0c2a1e-5b7d-4e2f-9a10-000000000003"><ac:parameter ac:name="language">typescript</ac:parameter><ac:parameter ac:name="title">charge.ts</ac:parameter><ac:plain-text-body><![CDATA[export async function charge(cardId: string, amount: number) {
  if (amount <= 0) throw new Error("amount must be > 0 && finite");
  return await ledger.post({ cardId, amount });
}]]></ac:plain-text-body></ac:structured-macro>`,
    `<h2>Diagram</h2>`,
    `<p><ac:image ac:alt="Architecture diagram" ac:width="600"><ri:attachment ri:filename="diagram.png" /></ac:image></p>`,
  ].join("");
}

function architectureV2(flavour: Flavour): string {
  const full = architectureStorage(flavour);
  return full.slice(0, full.indexOf("<h2>Request flow</h2>"));
}

const HOME_STORAGE =
  `<p>Welcome to the <strong>Engineering Docs</strong> space.</p><ac:structured-macro ac:name="children" ac:schema-version="2" ac:macro-id="3f0c2a1e-5b7d-4e2f-9a10-000000000004" />`;

const RUNBOOK_STORAGE = [
  `<h2>Failover</h2>`,
  `<ol><li><p>Check the status page.</p></li><li><p>Switch traffic to the standby region.</p></li><li><p>Page the on-call engineer.</p></li></ol>`,
  `<ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="3f0c2a1e-5b7d-4e2f-9a10-000000000005"><ac:parameter ac:name="language">bash</ac:parameter><ac:plain-text-body><![CDATA[kubectl -n checkout rollout restart deploy/checkout-api]]></ac:plain-text-body></ac:structured-macro>`,
  `<ac:structured-macro ac:name="warning" ac:schema-version="1" ac:macro-id="3f0c2a1e-5b7d-4e2f-9a10-000000000006"><ac:rich-text-body><p>Never fail over during a ledger migration.</p></ac:rich-text-body></ac:structured-macro>`,
].join("");

const DECISIONS_STORAGE = [
  `<p>Decisions about the checkout architecture, newest first.</p>`,
  `<table><tbody><tr><th><p>Date</p></th><th><p>Decision</p></th><th><p>Status</p></th></tr>`,
  `<tr><td><p>2024-03-05</p></td><td><p>Store cards with the payment provider, not in our database.</p></td><td><p><ac:structured-macro ac:name="status" ac:schema-version="1" ac:macro-id="3f0c2a1e-5b7d-4e2f-9a10-000000000007"><ac:parameter ac:name="colour">Green</ac:parameter><ac:parameter ac:name="title">Accepted</ac:parameter></ac:structured-macro></p></td></tr>`,
  `<tr><td><p>2024-03-02</p></td><td><p>Use the ledger service as the source of truth for totals.</p></td><td><p>Accepted</p></td></tr></tbody></table>`,
].join("");

const HOLIDAY_STORAGE = [
  `<h1>Holiday Policy</h1>`,
  `<p>Everyone gets <strong>25 days</strong> of paid holiday per year, plus public holidays.</p>`,
  `<ul><li><p>Book holidays at least two weeks in advance.</p></li><li><p>Up to 5 unused days carry over to the next year.</p></li></ul>`,
].join("");

/** What a new issue must be given; `newIssue` defaults the rest. */
export type NewIssue =
  & Partial<Issue>
  & Pick<Issue, "id" | "key" | "typeId" | "summary" | "reporter" | "created">;

/**
 * A new issue as Jira creates it: in the key's project, no description, status To Do (10000),
 * priority Medium (3), unassigned, created and last updated by its reporter at `created`, with no
 * labels, links, sprints, comments, work, history, watchers or properties; `p` overrides any of it.
 */
export function newIssue(p: NewIssue): Issue {
  return {
    projectKey: p.key.split("-")[0],
    description: null,
    statusId: "10000",
    priorityId: "3",
    assignee: null,
    creator: p.reporter,
    updated: p.created,
    labels: [],
    parentKey: null,
    epicLink: null,
    storyPoints: null,
    sprintIds: [],
    comments: [],
    worklogs: [],
    changelog: [],
    watchers: [],
    remoteLinks: [],
    resolution: null,
    resolutiondate: null,
    duedate: null,
    properties: {},
    ...p,
  };
}

// --- seed ------------------------------------------------------------------------------------

/** Builds a fresh seeded state for a flavour (deep: nothing is shared with other states). */
export function seedState(flavour: Flavour): FakeState {
  const cloud = flavour === "cloud";
  const rich = (adf: AdfDoc, wiki: string): RichText => cloud ? structuredClone(adf) : wiki;
  const issue = (p: Partial<Issue> & Pick<Issue, "id" | "key" | "typeId" | "summary">): Issue =>
    newIssue({ reporter: "alice", creator: "alice", created: t(1), updated: t(1), ...p });
  const issues: Issue[] = [
    issue({
      id: "10001",
      key: "DEMO-1",
      typeId: "10000",
      summary: "Checkout revamp",
      description: rich(DEMO1_ADF, DEMO1_WIKI),
      statusId: "3",
      priorityId: "2",
      assignee: "alice",
      created: t(1, 9),
      updated: t(4, 10),
      labels: ["checkout"],
    }),
    issue({
      id: "10002",
      key: "DEMO-2",
      typeId: "10001",
      summary: "Pay with saved card",
      description: rich(DEMO2_ADF, DEMO2_WIKI),
      statusId: "3",
      assignee: "alice",
      reporter: "bob",
      creator: "bob",
      created: t(1, 10),
      updated: t(6, 15, 30),
      labels: ["checkout", "payments"],
      parentKey: cloud ? "DEMO-1" : null,
      epicLink: "DEMO-1",
      storyPoints: 5,
      sprintIds: [1],
      duedate: "2024-03-15",
      properties: { "support.ticket": { id: "SUP-42", priority: "high" } },
      comments: [
        {
          id: "10100",
          author: "bob",
          updateAuthor: "bob",
          body: rich(C1_ADF, C1_WIKI),
          created: t(5, 11),
          updated: t(5, 11),
        },
        {
          id: "10101",
          author: "alice",
          updateAuthor: "alice",
          body: rich(C2_ADF, C2_WIKI),
          created: t(6, 15, 30),
          updated: t(6, 15, 30),
        },
      ],
      changelog: [{
        id: "20000",
        author: "alice",
        created: t(4, 10),
        items: [{
          field: "status",
          fieldId: "status",
          from: "10000",
          fromString: "To Do",
          to: "3",
          toString: "In Progress",
        }],
      }],
      watchers: ["alice", "bob"],
      remoteLinks: [{
        id: 10300,
        globalId: "system=https://github.com/acme/checkout/pull/42",
        application: { type: "com.github", name: "GitHub" },
        relationship: "mentioned in",
        object: {
          url: "https://github.com/acme/checkout/pull/42",
          title: "acme/checkout#42: Pay with a saved card",
          summary: "Adds the saved-card option to the payment step",
          icon: { url16x16: "https://github.com/favicon.ico", title: "Pull request" },
          status: { resolved: false },
        },
      }],
    }),
    issue({
      id: "10003",
      key: "DEMO-3",
      typeId: "10003",
      summary: "Total shows NaN for empty cart",
      description: rich(DEMO3_ADF, DEMO3_WIKI),
      priorityId: "2",
      reporter: "bob",
      creator: "bob",
      created: t(2, 9),
      updated: t(2, 9),
      labels: ["bug-bash"],
      storyPoints: 3,
      sprintIds: [2],
    }),
    issue({
      id: "10004",
      key: "DEMO-4",
      typeId: "10002",
      summary: "Update payment SDK",
      statusId: "10002",
      assignee: "bob",
      created: t(2, 11),
      updated: t(3, 16),
      sprintIds: [1],
      resolution: "Done",
      resolutiondate: t(3, 16),
    }),
    issue({
      id: "10005",
      key: "DEMO-5",
      typeId: "10001",
      summary: "Order history page",
      statusId: "10001",
      assignee: "bob",
      created: t(3, 9),
      updated: t(7, 12),
      labels: ["frontend"],
      parentKey: cloud ? "DEMO-1" : null,
      epicLink: "DEMO-1",
      storyPoints: 8,
      sprintIds: [1],
    }),
    issue({
      id: "10006",
      key: "OPS-1",
      typeId: "10002",
      summary: "Rotate TLS certificates",
      description: rich(OPS1_ADF, OPS1_WIKI),
      priorityId: "1",
      assignee: "alice",
      created: t(4, 8),
      updated: t(4, 8),
      labels: ["security"],
      duedate: "2024-04-30",
    }),
  ];
  const pageVersion = (
    number: number,
    title: string,
    storage: string,
    authorId: string,
    createdAt: string,
    message: string,
    parentId: string | null,
  ): PageVersion => ({
    number,
    title,
    storage,
    authorId,
    createdAt,
    message,
    minorEdit: false,
    parentId,
  });
  const pages: Page[] = [
    {
      id: "1001",
      spaceKey: "DOCS",
      parentId: null,
      status: "current",
      createdAt: t(1, 8),
      authorId: "alice",
      position: 0,
      labels: [],
      versions: [pageVersion(1, "Engineering Home", HOME_STORAGE, "alice", t(1, 8), "", null)],
    },
    {
      id: "1002",
      spaceKey: "DOCS",
      parentId: "1001",
      status: "current",
      createdAt: t(2, 9),
      authorId: "alice",
      position: 0,
      labels: ["architecture", "design"],
      versions: [
        pageVersion(1, "Architecture", "<p>Draft.</p>", "alice", t(2, 9), "Initial draft", "1001"),
        pageVersion(
          2,
          "Architecture",
          architectureV2(flavour),
          "bob",
          t(3, 14),
          "Add services table",
          "1001",
        ),
        pageVersion(
          3,
          "Architecture",
          architectureStorage(flavour),
          "alice",
          t(5, 10),
          "Add request flow and diagram",
          "1001",
        ),
      ],
    },
    {
      id: "1003",
      spaceKey: "DOCS",
      parentId: "1001",
      status: "current",
      createdAt: t(3, 9),
      authorId: "bob",
      position: 1,
      labels: ["ops", "runbook"],
      versions: [pageVersion(1, "Runbook", RUNBOOK_STORAGE, "bob", t(3, 9), "", "1001")],
    },
    {
      id: "1004",
      spaceKey: "DOCS",
      parentId: "1002",
      status: "current",
      createdAt: t(4, 9),
      authorId: "alice",
      position: 0,
      labels: ["decisions"],
      versions: [
        pageVersion(
          1,
          "Decision Log",
          DECISIONS_STORAGE.replace(/<tr><td><p>2024-03-05[\s\S]*?<\/tr>/, ""),
          "alice",
          t(4, 9),
          "",
          "1002",
        ),
        pageVersion(
          2,
          "Decision Log",
          DECISIONS_STORAGE,
          "alice",
          t(5, 9),
          "Record card storage decision",
          "1002",
        ),
      ],
    },
    {
      id: "2001",
      spaceKey: "HR",
      parentId: null,
      status: "current",
      createdAt: t(1, 12),
      authorId: "alice",
      position: 0,
      labels: ["policy"],
      versions: [pageVersion(1, "Holiday Policy", HOLIDAY_STORAGE, "alice", t(1, 12), "", null)],
    },
  ];
  return {
    flavour,
    users: structuredClone(USERS),
    projects: [
      {
        id: "10000",
        key: "DEMO",
        name: "Demo Project",
        description: "Checkout and payments work.",
        lead: "alice",
        issueTypeIds: ["10000", "10001", "10002", "10003", "10004"],
        members: ["alice", "bob"],
      },
      {
        id: "10001",
        key: "OPS",
        name: "Operations",
        description: "Infrastructure and on-call.",
        lead: "alice",
        issueTypeIds: ["10002", "10003", "10004"],
        members: ["alice"],
      },
    ],
    issueTypes: structuredClone(ISSUE_TYPES),
    statuses: structuredClone(STATUSES),
    priorities: structuredClone(PRIORITIES),
    transitions: structuredClone(TRANSITIONS),
    issues,
    boards: [
      { id: 1, name: "DEMO board", type: "scrum", projectKey: "DEMO" },
      { id: 2, name: "OPS sprints", type: "scrum", projectKey: "OPS" },
      { id: 3, name: "OPS flow", type: "kanban", projectKey: "OPS" },
    ],
    sprints: [
      {
        id: 1,
        name: "Sprint 1",
        state: "active",
        boardId: 1,
        goal: "Ship saved cards",
        startDate: t(4, 9),
        endDate: t(18, 9),
        completeDate: null,
      },
      {
        id: 2,
        name: "Sprint 2",
        state: "future",
        boardId: 1,
        goal: "",
        startDate: null,
        endDate: null,
        completeDate: null,
      },
      {
        id: 3,
        name: "OPS Sprint 1",
        state: "future",
        boardId: 2,
        goal: "",
        startDate: null,
        endDate: null,
        completeDate: null,
      },
    ],
    spaces: [
      {
        id: 98301,
        key: "DOCS",
        name: "Engineering Docs",
        description: "How we build and run checkout.",
        homepageId: "1001",
        createdAt: t(1, 8),
        authorId: "alice",
        editors: ["alice", "bob"],
      },
      {
        id: 98302,
        key: "HR",
        name: "People",
        description: "Policies for everyone.",
        homepageId: "2001",
        createdAt: t(1, 12),
        authorId: "alice",
        editors: ["alice"],
      },
    ],
    pages,
    issueLinkTypes: [
      { id: "10000", name: "Blocks", inward: "is blocked by", outward: "blocks" },
      { id: "10001", name: "Cloners", inward: "is cloned by", outward: "clones" },
      { id: "10002", name: "Duplicate", inward: "is duplicated by", outward: "duplicates" },
      { id: "10003", name: "Relates", inward: "relates to", outward: "relates to" },
    ],
    // DEMO-4 blocks DEMO-2; OPS-1 relates to DEMO-3.
    issueLinks: [
      { id: "10400", typeId: "10000", source: "10004", destination: "10002" },
      { id: "10401", typeId: "10003", source: "10006", destination: "10003" },
    ],
    versions: [
      {
        id: "10100",
        projectId: "10000",
        name: "1.0",
        description: "First public release",
        startDate: "2024-01-08",
        releaseDate: "2024-02-29",
        released: true,
        archived: false,
      },
      {
        id: "10101",
        projectId: "10000",
        name: "1.1",
        description: "Saved cards",
        startDate: "2024-03-01",
        releaseDate: "2024-04-30",
        released: false,
        archived: false,
      },
      {
        id: "10102",
        projectId: "10001",
        name: "2024.1",
        description: "",
        startDate: null,
        releaseDate: null,
        released: false,
        archived: false,
      },
    ],
    components: [
      {
        id: "10200",
        projectKey: "DEMO",
        name: "Frontend",
        description: "Checkout pages",
        lead: "bob",
        assigneeType: "COMPONENT_LEAD",
      },
      {
        id: "10201",
        projectKey: "DEMO",
        name: "API",
        description: "",
        lead: null,
        assigneeType: "PROJECT_DEFAULT",
      },
    ],
    attachments: [{
      id: "5001",
      pageId: "1002",
      title: "diagram.png",
      mediaType: "image/png",
      fileSize: 24576,
      fileId: "7d3a4b2c-1e0f-4a5b-8c9d-0e1f2a3b4c5d",
      comment: "Architecture diagram",
      createdAt: t(5, 10),
      authorId: "alice",
    }],
    properties: ["content-appearance-published", "content-appearance-draft"].map((key, i) => ({
      id: String(40001 + i),
      pageId: "1002",
      key,
      value: "full-width",
      version: 1,
      createdAt: t(5, 10),
      authorId: "alice",
    })),
    seq: {
      issue: 10007,
      comment: 10102,
      worklog: 10200,
      history: 20001,
      page: 3001,
      property: 40101,
      issueLink: 10402,
      remoteLink: 10301,
      version: 10103,
      projectNext: { DEMO: 6, OPS: 2 },
    },
  };
}
