/**
 * The sandbox: a configuration's least-privilege permission plan, as Worker permissions and as
 * `deno run` flags, and a check of what the running process lacks.
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
  shellQuote,
  sourceReadPaths,
  workerPermissions,
} from "./plan.ts";
export type { PermissionPlan, ProcessExtras } from "./plan.ts";
