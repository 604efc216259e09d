/** The server's name as announced to MCP clients and in the User-Agent header. */
export const SERVER_NAME = "mcp-atlassian";

/** The server's version; kept in step with deno.json by a unit test. */
export const VERSION = "0.1.0";

/** The User-Agent sent on every Atlassian request. */
export const USER_AGENT = `${SERVER_NAME}-deno/${VERSION}`;
