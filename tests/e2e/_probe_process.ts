/**
 * Test process: started with the least-privilege flags of a plan (argv[0] = the plan as JSON,
 * the rest = URLs), it reports what it holds beyond the plan (`beyondPlan`), narrows itself as
 * the launcher does before serving, then tries each URL, an environment variable, the .env file
 * and a program, and prints what happened as one JSON line: the same probes `_probe_worker.ts`
 * makes in a Worker.
 *
 * @module
 */
import { beyondPlan, narrowToPlan, type PermissionPlan } from "../../src/sandbox/mod.ts";
import { attempt, fetchEach } from "./_probes.ts";

const [planJson, ...urls] = Deno.args;
const plan = JSON.parse(planJson) as PermissionPlan;
const results: string[] = [`beyond: ${beyondPlan(plan).join(" ") || "none"}`];
narrowToPlan(plan);
results.push(...await fetchEach(urls));
results.push(attempt("env", () => Deno.env.get("HOME")));
results.push(attempt("envFile", () => plan.envFile && Deno.readTextFileSync(plan.envFile)));
results.push(attempt("run", () => new Deno.Command("/bin/true").outputSync()));
console.log(JSON.stringify(results));
