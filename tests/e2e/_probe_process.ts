/**
 * Test process: started with the least-privilege flags of a plan (argv[0] = the plan as JSON,
 * the rest = URLs), it reports what it holds beyond the plan (`beyondPlan`), narrows itself as main.ts does before
 * serving, then tries each URL, an environment variable, the .env file and a program, and prints
 * what happened as one JSON line: the same probes `_probe_worker.ts` makes in a Worker.
 *
 * @module
 */
import { beyondPlan, narrowToPlan, type PermissionPlan } from "../../src/sandbox/mod.ts";

const [planJson, ...urls] = Deno.args;
const plan = JSON.parse(planJson) as PermissionPlan;
const results: string[] = [`beyond: ${beyondPlan(plan).join(" ") || "none"}`];
narrowToPlan(plan);
for (const url of urls) {
  try {
    const response = await fetch(url);
    await response.body?.cancel();
    results.push(`reached ${response.status}`);
  } catch (error) {
    results.push((error as Error).name);
  }
}
const attempt = (label: string, action: () => unknown) => {
  try {
    action();
    results.push(`${label} allowed`);
  } catch (error) {
    results.push(`${label} ${(error as Error).name}`);
  }
};
attempt("env", () => Deno.env.get("HOME"));
attempt("envFile", () => plan.envFile && Deno.readTextFileSync(plan.envFile));
attempt("run", () => new Deno.Command("/bin/true").outputSync());
console.log(JSON.stringify(results));
