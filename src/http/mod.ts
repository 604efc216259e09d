/**
 * The one outbound HTTP client: auth, origin pinning, same-origin redirects, TLS/proxy,
 * timeouts, retries, typed errors, pagination iterators and encoded paths.
 *
 * @module
 */
export {
  type CredentialSource,
  HttpClient,
  type HttpClientOptions,
  type HttpMethod,
  MAX_REDIRECTS,
  type Query,
  type QueryValue,
  type RawBody,
  type RequestOptions,
} from "./client.ts";
export { AtlassianError, type AtlassianErrorInit, type ErrorKind } from "./errors/mod.ts";
export {
  collectNextPageToken,
  type CursorOptions,
  type NextPageTokenOptions,
  paginateCursor,
  paginateNextPageToken,
  paginateStartAt,
  paginateStartLimit,
  resolveNextLink,
  type StartAtOptions,
  type StartLimitOptions,
  type TokenPage,
} from "./pagination.ts";
export {
  type FormFile,
  type MultipartBody,
  multipartBody,
  type OpenedStream,
  ReplayableBody,
  type UploadContent,
} from "./multipart.ts";
export { path, type PathSegment } from "./path.ts";
export { listAnswer, NO_CONTENT, objectAnswer } from "./expect.ts";
