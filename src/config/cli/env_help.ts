/**
 * The environment-variable part of the `--help` text (printed after the flag sections).
 *
 * @module
 */

import { analysisHelpLines } from "../analysis_vars.ts";
import { pythonHelpLines } from "../python_vars.ts";

/** The column the help line of each variable starts in. */
const COLUMN = 46;

/** The main environment variables, one per line, aligned with the flag help. */
export const ENV_HELP =
  `Environment variables (flags win over the environment, which wins over the .env file):
  JIRA_URL, JIRA_USERNAME, JIRA_API_TOKEN     Cloud: site URL, e-mail, API token
  JIRA_PERSONAL_TOKEN                         Server/Data Center Personal Access Token
  JIRA_SSL_VERIFY                             false/0/no turns TLS verification off
  JIRA_CA_BUNDLE                              PEM file of extra trusted CAs
                                              (fallbacks: REQUESTS_CA_BUNDLE, SSL_CERT_FILE)
  JIRA_CLIENT_CERT, JIRA_CLIENT_KEY           PEM client certificate and key (mutual TLS)
  JIRA_TIMEOUT                                request timeout in seconds (default 75)
  JIRA_PROJECTS_FILTER                        comma list of project keys
  JIRA_ISSUE_KEY_PATTERN                      issue key regex; default
                                              ^[A-Z][A-Z0-9_]+-\\d+(?:-\\d+)*$
  JIRA_PROJECT_KEY_PATTERN                    project key regex; default ^[A-Z][A-Z0-9_]+$
  JIRA_CUSTOM_HEADERS                         Name=value,Name2=value2 sent on every request
  JIRA_DEPLOYMENT                             cloud or datacenter (default: from the URL)
  JIRA_HTTP_PROXY, JIRA_HTTPS_PROXY, JIRA_SOCKS_PROXY, JIRA_NO_PROXY
                                              proxies (fallbacks: HTTP_PROXY, HTTPS_PROXY,
                                              SOCKS_PROXY, NO_PROXY and their lower-case forms)
  CONFLUENCE_*                                the same set for Confluence, with
                                              CONFLUENCE_SPACES_FILTER for the projects filter
  TRANSPORT, HOST, PORT, STREAMABLE_HTTP_PATH, STATELESS
                                              server options (as the flags above)
  READ_ONLY_MODE, TOOLSETS, ENABLED_TOOLS     tool selection (as the flags above)
  MCP_ATTACHMENTS_DIR                         the folder file paths are read from (as
                                              --attachments-dir); unset = no file access
  MCP_VERBOSE, MCP_VERY_VERBOSE               info / debug logging
  ATLASSIAN_OAUTH_CLIENT_ID, _CLIENT_SECRET, _REDIRECT_URI, _SCOPE, _CLOUD_ID
                                              OAuth 2.0 (3LO) with refresh; tokens in
                                              ~/.mcp-atlassian/oauth-<client_id>.json
                                              (create them with --oauth-setup)
  ATLASSIAN_OAUTH_ACCESS_TOKEN                bring your own token (never refreshed)
  JIRA_OAUTH_*, CONFLUENCE_OAUTH_*            per-service overrides of ATLASSIAN_OAUTH_*
  ATLASSIAN_OAUTH_ENABLE                      multi-user HTTP: credentials come per request
  ALLOW_GLOBAL_CRED_FALLBACK, IGNORE_HEADER_AUTH, MCP_ALLOWED_URL_DOMAINS
                                              multi-user options (as the Python server)
  ATLASSIAN_OAUTH_AUTH_URL                    OAuth server (default https://auth.atlassian.com)
  ATLASSIAN_API_URL                           API gateway (default https://api.atlassian.com)
  ATLASSIAN_MEDIA_URL                         media service Confluence Cloud downloads go to
                                              (default https://api.media.atlassian.com)

${analysisHelpLines(COLUMN).join("\n")}
${pythonHelpLines(COLUMN).join("\n")}`;
