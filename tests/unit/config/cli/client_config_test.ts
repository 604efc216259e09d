import { deepEqual, equal, ok } from "node:assert/strict";
import { clientConfigText, type ServerLaunch } from "../../../../src/config/cli/client_config.ts";

const LAUNCH: ServerLaunch = {
  command: "/opt/deno/bin/deno",
  args: ["run", "--no-prompt", "/srv/mcp/main.ts"],
  env: {
    JIRA_URL: "https://acme.atlassian.net",
    JIRA_USERNAME: "me@example.com",
    JIRA_API_TOKEN: "secret-api-token-123",
  },
  secrets: ["JIRA_API_TOKEN"],
  url: "http://127.0.0.1:8000/mcp",
};

const parse = (text: string) => JSON.parse(text);

Deno.test("no client configuration holds a secret's value, each refers to it its own way", () => {
  const expected = {
    "claude-desktop": "<your JIRA_API_TOKEN>",
    "claude-code": "${JIRA_API_TOKEN}",
    cursor: "${env:JIRA_API_TOKEN}",
    vscode: "${input:jira_api_token}",
  } as const;
  for (const [kind, reference] of Object.entries(expected)) {
    const text = clientConfigText(kind as keyof typeof expected, LAUNCH);
    ok(!text.includes("secret-api-token-123"), kind);
    const config = parse(text);
    const server = kind === "vscode" ? config.servers.atlassian : config.mcpServers.atlassian;
    equal(server.command, LAUNCH.command, kind);
    deepEqual(server.args, LAUNCH.args, kind);
    deepEqual(server.env, { ...LAUNCH.env, JIRA_API_TOKEN: reference }, kind);
  }
});

Deno.test("VS Code prompts for each secret as a password input; stdio types are where clients want them", () => {
  const vscode = parse(clientConfigText("vscode", LAUNCH));
  deepEqual(vscode.inputs, [
    { type: "promptString", id: "jira_api_token", description: "JIRA_API_TOKEN", password: true },
  ]);
  equal(vscode.servers.atlassian.type, "stdio");
  equal(parse(clientConfigText("claude-code", LAUNCH)).mcpServers.atlassian.type, "stdio");
  equal(parse(clientConfigText("cursor", LAUNCH)).mcpServers.atlassian.type, undefined);
});

Deno.test("with no variables (a .env file holds them) there is no env, and http is just the URL", () => {
  const bare = parse(clientConfigText("vscode", { ...LAUNCH, env: {} }));
  deepEqual(Object.keys(bare), ["servers"]);
  equal(bare.servers.atlassian.env, undefined);
  deepEqual(parse(clientConfigText("http", LAUNCH)), {
    mcpServers: { atlassian: { type: "http", url: "http://127.0.0.1:8000/mcp" } },
  });
});

Deno.test("a secret by its value (a proxy password in a URL) is written as a reference too", () => {
  const launch = {
    ...LAUNCH,
    env: { ...LAUNCH.env, JIRA_HTTPS_PROXY: "http://user:proxypass99@proxy:3128" },
    secrets: ["JIRA_API_TOKEN", "JIRA_HTTPS_PROXY"],
  };
  const text = clientConfigText("cursor", launch);
  ok(!text.includes("proxypass99"));
  equal(JSON.parse(text).mcpServers.atlassian.env.JIRA_HTTPS_PROXY, "${env:JIRA_HTTPS_PROXY}");
});
