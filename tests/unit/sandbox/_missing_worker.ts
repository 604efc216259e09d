/**
 * Test Worker: runs `missingPermissions` on the plan it is sent, under the permissions the test
 * gave it, and posts the result back.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { missingPermissions, type PermissionPlan } from "../../../src/sandbox/mod.ts";

self.onmessage = async (event: MessageEvent<PermissionPlan>) => {
  self.postMessage(await missingPermissions(event.data));
};
