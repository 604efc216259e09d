/**
 * The scaling-out example in deploy/kubernetes/ (JSON manifests, which Kubernetes accepts as
 * YAML's subset): a Deployment of several stateless, multi-user replicas whose arguments and
 * environment the real configuration loader accepts as such, probes on /healthz, a locked-down
 * pod, resources, and a Service without session affinity that reaches the container's port.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { isSecretVariable } from "../../../src/config/mod.ts";
import { config } from "../config/_helpers.ts";

const DIR = new URL("../../../deploy/kubernetes/", import.meta.url);

// deno-lint-ignore no-explicit-any
type Manifest = any;

async function manifest(name: string): Promise<Manifest> {
  return JSON.parse(await Deno.readTextFile(new URL(name, DIR)));
}

const deployment = await manifest("deployment.json");
const service = await manifest("service.json");
const pod = deployment.spec.template.spec;
const containers: Manifest[] = pod.containers;
const container = containers[0];

/** The container port a probe or Service names (by name or number). */
function containerPort(port: string | number): number {
  const found = container.ports.find((p: Manifest) => p.name === port || p.containerPort === port);
  ok(found, `no container port ${port}`);
  return found.containerPort;
}

Deno.test("the manifests are a Deployment and a Service", () => {
  deepEqual([deployment.apiVersion, deployment.kind], ["apps/v1", "Deployment"]);
  deepEqual([service.apiVersion, service.kind], ["v1", "Service"]);
  equal(containers.length, 1);
});

Deno.test("several replicas run stateless streamable HTTP on 0.0.0.0:8000 with per-request credentials", () => {
  ok(deployment.spec.replicas >= 2, `replicas ${deployment.spec.replicas}`);
  const env = Object.fromEntries(
    container.env.map((e: Manifest) => [e.name, e.value] as [string, string]),
  );
  const secrets = Object.keys(env).filter(isSecretVariable);
  deepEqual(secrets, [], "credentials arrive with each request, never in the manifest");
  const loaded = config([...(container.command ?? []), ...container.args], env);
  deepEqual(
    [loaded.transport, loaded.host, loaded.port, loaded.stateless, loaded.oauth.multiUser],
    ["streamable-http", "0.0.0.0", 8000, true, true],
  );
  equal(loaded.oauth.allowGlobalFallback, false);
  equal(containerPort("http"), 8000);
});

Deno.test("readiness and liveness probes ask /healthz on the server's port", () => {
  for (const probe of [container.readinessProbe, container.livenessProbe]) {
    ok(probe?.httpGet, "an HTTP probe");
    equal(probe.httpGet.path, "/healthz");
    equal(containerPort(probe.httpGet.port), 8000);
  }
});

Deno.test("the pod runs as the image's non-root user on a read-only root file system", async () => {
  const user = (await Deno.readTextFile(new URL("../../Dockerfile", DIR))).match(
    /^USER (\d+):(\d+)$/m,
  );
  ok(user, "the Dockerfile has a numeric USER");
  deepEqual(
    [
      pod.securityContext.runAsNonRoot,
      pod.securityContext.runAsUser,
      pod.securityContext.runAsGroup,
    ],
    [true, Number(user[1]), Number(user[2])],
  );
  equal(pod.automountServiceAccountToken, false);
  deepEqual(container.securityContext, {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
  });
});

Deno.test("the container has resource requests and limits and a released image tag", async () => {
  for (const kind of ["requests", "limits"]) {
    for (const resource of ["cpu", "memory"]) {
      ok(container.resources?.[kind]?.[resource], `resources.${kind}.${resource}`);
    }
  }
  const { version } = JSON.parse(await Deno.readTextFile(new URL("../../deno.json", DIR)));
  equal(container.image.split(":").at(-1), version, "the example deploys the current release");
});

Deno.test("the Service spreads requests over every replica without sticky sessions", () => {
  equal(service.spec.sessionAffinity, "None");
  deepEqual(service.spec.selector, deployment.spec.selector.matchLabels);
  deepEqual(deployment.spec.template.metadata.labels, deployment.spec.selector.matchLabels);
  const [port] = service.spec.ports;
  equal(containerPort(port.targetPort), 8000);
});
