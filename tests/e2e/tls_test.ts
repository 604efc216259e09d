/**
 * TLS through the real entry point: a private CA is refused until JIRA_CA_BUNDLE names it, and
 * JIRA_SSL_VERIFY=false works through the process flag the permission plan adds for that host.
 */
import { equal, match } from "node:assert/strict";
import { makeCerts } from "../_certs.ts";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio } from "./_harness.ts";

Deno.test("TLS: private CA refused, then trusted through JIRA_CA_BUNDLE or SSL verify off", async (t) => {
  const fake = await startFakeAtlassian();
  const certs = await makeCerts();
  const caFile = await Deno.makeTempFile({ suffix: ".pem" });
  await Deno.writeTextFile(caFile, certs.ca);
  // An HTTPS front for the Data Center fake, with a certificate from the private CA.
  const front = Deno.serve(
    { hostname: "127.0.0.1", port: 0, cert: certs.cert, key: certs.key, onListen: () => {} },
    async (request) => {
      const url = new URL(request.url);
      const upstream = await fetch(`${fake.datacenter.origin}${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
      });
      return new Response(upstream.body, { status: upstream.status, headers: upstream.headers });
    },
  );
  const env = {
    ...fake.datacenter.env,
    JIRA_URL: `https://127.0.0.1:${front.addr.port}`,
    CONFLUENCE_URL: "",
    SSL_CERT_FILE: "",
    REQUESTS_CA_BUNDLE: "",
  };
  try {
    await t.step("an unknown issuer is a TLS error with a hint naming JIRA_CA_BUNDLE", async () => {
      const session = await connectStdio(env);
      try {
        const answer = await call(session.client, "jira_get_issue", { issue_key: "DEMO-1" });
        equal(answer.isError, true);
        match(answer.text, /certificate/i);
        match(answer.text, /JIRA_CA_BUNDLE/);
      } finally {
        await session.close();
      }
    });

    await t.step("JIRA_CA_BUNDLE makes the private CA trusted", async () => {
      const session = await connectStdio({ ...env, JIRA_CA_BUNDLE: caFile });
      try {
        const answer = await call(session.client, "jira_get_issue", { issue_key: "DEMO-1" });
        equal(answer.isError, false, answer.text);
        equal(answer.json.key, "DEMO-1");
      } finally {
        await session.close();
      }
    });

    await t.step("JIRA_SSL_VERIFY=false works for that host only", async () => {
      const session = await connectStdio({ ...env, JIRA_SSL_VERIFY: "false" });
      try {
        const answer = await call(session.client, "jira_get_issue", { issue_key: "DEMO-1" });
        equal(answer.isError, false, answer.text);
      } finally {
        await session.close();
      }
    });
  } finally {
    await front.shutdown();
    await fake.close();
    await Deno.remove(caFile);
  }
});
