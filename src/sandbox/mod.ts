/**
 * The sandbox: a configuration's least-privilege permission plan, as Worker permissions and as
 * `deno run` flags, a check of what the running process lacks, and the narrowing of a process
 * started with those flags to the plan.
 *
 * @module
 */
export {
  denoRunFlags,
  formatRunCommand,
  hostPort,
  listenAddress,
  missingPermissions,
  permissionPlan,
  RUNTIME_FLAGS,
  shellQuote,
  sourceReadPaths,
  workerPermissions,
} from "./plan.ts";
export type { PermissionPlan, ProcessExtras } from "./plan.ts";
export { beyondPlan, narrowToPlan } from "./narrow.ts";
