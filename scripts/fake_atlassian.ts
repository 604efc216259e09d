/**
 * Serves the fake Atlassian (Cloud and Data Center flavours, a second Cloud site, and the fake
 * `auth.atlassian.com` / `api.atlassian.com` for OAuth) until SIGINT/SIGTERM.
 *
 * Prints exactly one JSON line on stdout,
 * `{"cloud":{...env},"datacenter":{...env},"oauth":{...env}}`: the environment a server needs to
 * talk to each flavour (`oauth`: Cloud OAuth 2.0 through the fake gateway, client
 * `fake-client-id`). Everything else (one line per request) goes to stderr.
 *
 * ```sh
 * deno task fake [--port-cloud 8081] [--port-dc 8082] [--port-cloud2 N] [--port-auth N]
 *   [--port-api N] [--quiet]
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { startFakeAtlassian } from "../tests/fake_atlassian/mod.ts";

function port(value: string | undefined, flag: string): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`fake atlassian: --${flag} must be a port number (0-65535), got '${value}'`);
    Deno.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  args: Deno.args,
  options: {
    "port-cloud": { type: "string" },
    "port-dc": { type: "string" },
    "port-cloud2": { type: "string" },
    "port-auth": { type: "string" },
    "port-api": { type: "string" },
    quiet: { type: "boolean", default: false },
  },
});

const fake = await startFakeAtlassian({
  portCloud: port(values["port-cloud"], "port-cloud"),
  portDatacenter: port(values["port-dc"], "port-dc"),
  portCloud2: port(values["port-cloud2"], "port-cloud2"),
  portAuth: port(values["port-auth"], "port-auth"),
  portApi: port(values["port-api"], "port-api"),
  log: values.quiet ? undefined : (line) => console.error(line),
});
console.log(
  JSON.stringify({ cloud: fake.cloud.env, datacenter: fake.datacenter.env, oauth: fake.oauth.env }),
);
console.error(
  `fake atlassian: cloud ${fake.cloud.origin}, cloud2 ${fake.cloud2.origin}, datacenter ` +
    `${fake.datacenter.origin}, auth ${fake.oauth.authOrigin}, api ${fake.oauth.apiOrigin} ` +
    "(Ctrl+C to stop)",
);

await new Promise<void>((resolve) => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    try {
      Deno.addSignalListener(signal, () => resolve());
    } catch {
      // SIGTERM is not available on Windows
    }
  }
});
console.error("fake atlassian: stopping");
await fake.close();
Deno.exit(0);
