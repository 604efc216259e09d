/**
 * A zod schema of `Config`, for checking a configuration that crossed a boundary (the Worker
 * receives it with `postMessage`). `loadConfig()` output always passes it.
 *
 * @module
 */
import { z } from "zod";
import { SLA_METRICS } from "./analysis_vars.ts";
import type { Config } from "./types.ts";

const baseUrl = z.string().regex(/^https?:\/\/[^/@]+(\/.*[^/])?$/);

const oauthSchema = z.object({
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
  redirectUri: z.string().optional(),
  scope: z.string().optional(),
  cloudId: z.string().optional(),
  accessToken: z.string().optional(),
  authUrl: baseUrl,
  apiUrl: baseUrl,
  tokenFile: z.string().min(1).optional(),
  multiUser: z.boolean(),
  allowGlobalFallback: z.boolean(),
  ignoreHeaderAuth: z.boolean(),
  allowedUrlDomains: z.array(z.string().min(1)),
});

const serviceSchema = z.object({
  product: z.enum(["jira", "confluence"]),
  url: baseUrl,
  siteUrl: baseUrl.optional(),
  deployment: z.enum(["cloud", "datacenter"]),
  auth: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("basic"), username: z.string().min(1), token: z.string().min(1) }),
    z.object({ kind: z.literal("pat"), token: z.string().min(1) }),
    z.object({ kind: z.literal("none") }),
    z.object({ kind: z.literal("oauth") }),
    z.object({ kind: z.literal("byot") }),
    z.object({ kind: z.literal("per-request") }),
  ]),
  oauth: oauthSchema.optional(),
  tls: z.object({
    verify: z.boolean(),
    caCerts: z.array(z.string()).optional(),
    clientCert: z.string().optional(),
    clientKey: z.string().optional(),
  }),
  proxy: z.object({
    http: z.string().optional(),
    https: z.string().optional(),
    socks: z.string().optional(),
    noProxy: z.array(z.string()),
  }),
  timeoutMs: z.number().int().positive(),
  customHeaders: z.record(z.string(), z.string()),
  allowlist: z.array(z.string()),
  retry: z.object({
    maxRetries: z.number().int().min(0).optional(),
    backoffMs: z.number().min(0).optional(),
    ignoreRetryAfter: z.boolean().optional(),
  }).optional(),
  rawText: z.boolean().optional(),
  internalOnlyProjects: z.array(z.string().min(1)).optional(),
});

/** The schema every valid `Config` satisfies. */
export const ConfigSchema: z.ZodType<Config> = z.object({
  jira: serviceSchema.extend({ product: z.literal("jira") }).optional(),
  confluence: serviceSchema.extend({ product: z.literal("confluence") }).optional(),
  transport: z.enum(["stdio", "sse", "streamable-http"]),
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  path: z.string().startsWith("/"),
  stateless: z.boolean(),
  readOnly: z.boolean(),
  attachmentsDir: z.string().min(1).optional(),
  mediaUrl: z.url().optional(),
  toolsets: z.array(z.string()).optional(),
  enabledTools: z.array(z.string()).optional(),
  logLevel: z.enum(["error", "warn", "info", "debug"]),
  oauth: oauthSchema,
  keyPatterns: z.object({ issue: z.string().optional(), project: z.string().optional() })
    .optional(),
  files: z.array(z.string()),
  systemTrustStore: z.boolean().optional(),
  sla: z.object({
    metrics: z.array(z.enum(SLA_METRICS)),
    workingHoursOnly: z.boolean(),
    workingHoursStart: z.string().regex(/^\d{2}:\d{2}$/),
    workingHoursEnd: z.string().regex(/^\d{2}:\d{2}$/),
    workingDays: z.array(z.number().int().min(1).max(7)),
    timezone: z.string().min(1),
  }).optional(),
  hierarchyPhrases: z.object({ parent: z.array(z.string()), child: z.array(z.string()) })
    .optional(),
});
