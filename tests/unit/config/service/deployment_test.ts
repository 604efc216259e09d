import assert from "node:assert/strict";
import {
  detectDeployment,
  isCloudHost,
  parseDeployment,
} from "../../../../src/config/service/deployment.ts";
import { config } from "../_helpers.ts";

const table: [string, "cloud" | "datacenter"][] = [
  ["https://acme.atlassian.net", "cloud"],
  ["https://ACME.Atlassian.NET/wiki", "cloud"],
  ["https://acme.atlassian.net.", "cloud"],
  ["https://acme.jira.com", "cloud"],
  ["https://acme.jira-dev.com", "cloud"],
  ["https://api.atlassian.com/ex/jira/1234", "cloud"],
  ["https://acme.atlassian.com", "cloud"],
  ["https://acme.atlassian-us-gov-mod.net", "cloud"],
  ["https://acme.atlassian-us-gov.net", "cloud"],
  ["https://jira.acme.com", "datacenter"],
  ["https://atlassian.net.evil.example", "datacenter"],
  ["https://evilatlassian.net", "datacenter"],
  ["http://localhost:8080", "datacenter"],
  ["http://127.0.0.1:8080/jira", "datacenter"],
  ["http://10.0.0.5", "datacenter"],
  ["http://172.16.3.4", "datacenter"],
  ["http://192.168.1.10:8090", "datacenter"],
  ["http://[::1]:8080", "datacenter"],
];

for (const [url, expected] of table) {
  Deno.test(`detectDeployment classifies ${url} as ${expected}`, () => {
    assert.equal(detectDeployment(url), expected);
    assert.equal(detectDeployment(new URL(url)), expected);
  });
}

Deno.test("isCloudHost matches suffixes, not substrings", () => {
  assert.equal(isCloudHost("x.atlassian.net"), true);
  assert.equal(isCloudHost("atlassian.net"), false);
  assert.equal(isCloudHost("x.atlassian.net.example.com"), false);
});

Deno.test("parseDeployment accepts cloud/datacenter and common aliases", () => {
  assert.equal(parseDeployment("cloud"), "cloud");
  assert.equal(parseDeployment(" Cloud "), "cloud");
  for (const v of ["datacenter", "DataCenter", "data-center", "dc", "server"]) {
    assert.equal(parseDeployment(v), "datacenter", v);
  }
  assert.equal(parseDeployment("onprem"), undefined);
});

Deno.test("JIRA_DEPLOYMENT overrides detection in both directions", () => {
  const cloudAsDc = config([], {
    JIRA_URL: "https://acme.atlassian.net",
    JIRA_PERSONAL_TOKEN: "pat-123456",
    JIRA_DEPLOYMENT: "datacenter",
  });
  assert.equal(cloudAsDc.jira?.deployment, "datacenter");
  const dcAsCloud = config([], {
    JIRA_URL: "http://127.0.0.1:9999",
    JIRA_USERNAME: "alice@example.com",
    JIRA_API_TOKEN: "tok-123456",
    JIRA_DEPLOYMENT: "cloud",
  });
  assert.equal(dcAsCloud.jira?.deployment, "cloud");
});
