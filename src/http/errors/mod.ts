/**
 * The errors of the HTTP client: `AtlassianError` and the builders that make one per failure
 * class (an HTTP status, a timeout, a failed fetch, a refused host, a failed credential), with
 * Atlassian's own texts, one actionable hint and the shared wording.
 *
 * @module
 */
export { AtlassianError, type AtlassianErrorInit, type ErrorKind } from "./atlassian_error.ts";
export { changesState, displayPath, type ErrorContext, isWrite, requestFields } from "./context.ts";
export { credentialFailure } from "./credential.ts";
export { errorFromFetchFailure } from "./fetch_failure.ts";
export { isScopeMismatch } from "./hints.ts";
export { hostNotAllowed } from "./host.ts";
export { errorFromResponse } from "./status.ts";
export { timeoutError } from "./timeout.ts";
export { unexpectedAnswer, type UnexpectedBody } from "./unexpected.ts";
export { envPrefix, productLabel } from "./wording.ts";
