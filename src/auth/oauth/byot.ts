/**
 * Bring-your-own-token: `ATLASSIAN_OAUTH_ACCESS_TOKEN` is sent as is and never refreshed; when
 * Atlassian refuses it, the request fails with a sentence saying to supply a new one.
 *
 * @module
 */
import type { CredentialSource } from "../../http/client.ts";
import { addSecret } from "../../log.ts";
import { AuthError, BYOT_REJECTED } from "../errors.ts";

/** A fixed access token (`ATLASSIAN_OAUTH_ACCESS_TOKEN`): used as is, never refreshed. */
export class StaticTokenSource implements CredentialSource {
  readonly #token: string;

  /** Wraps the token (registered as a secret). */
  constructor(token: string) {
    addSecret(token);
    this.#token = token;
  }

  /** `Bearer <token>`. */
  authorization(): Promise<string> {
    return Promise.resolve(`Bearer ${this.#token}`);
  }

  /** A refused token cannot be refreshed: rejects with the sentence naming the variable. */
  refresh(_rejected: string): Promise<boolean> {
    return Promise.reject(
      new AuthError(BYOT_REJECTED, {
        hint:
          "Set ATLASSIAN_OAUTH_ACCESS_TOKEN to a current access token and restart the server, or use OAuth with refresh (run mcp-atlassian --oauth-setup).",
      }),
    );
  }
}
