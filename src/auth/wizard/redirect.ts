/**
 * How the setup wizard receives the redirect: a listener on this machine, else the redirected
 * address pasted by the user; either within the timeout.
 *
 * @module
 */
import {
  type CallbackListener,
  type CallbackParams,
  callbackParams,
  ListenError,
  listenForCallback,
} from "./callback.ts";
import { SetupError } from "./error.ts";
import type { WizardIO } from "./io.ts";
import { duration } from "./timeout.ts";

/** Listens for the redirect on its host and port; a failure to listen is a `SetupError`. */
export function listenForRedirect(redirect: URL, state: string): CallbackListener {
  try {
    return listenForCallback(redirect, state);
  } catch (error) {
    if (error instanceof ListenError && error.reason === "in-use") {
      throw new SetupError(
        `Port ${error.address} is already in use, so the redirect cannot be received: stop the program that uses it, or register another redirect URI (e.g. http://localhost:8765/callback) in your app and enter it here.`,
        { cause: error },
      );
    }
    throw new SetupError(
      `Cannot listen on ${
        error instanceof ListenError ? error.address : redirect.host
      } for the redirect (${
        error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)
      }).`,
      { cause: error },
    );
  }
}

/** Waits for the redirect (from the listener, else pasted) up to the timeout. */
export async function waitForRedirect(
  io: WizardIO,
  listener: CallbackListener | undefined,
  redirect: URL,
  timeoutSeconds: number,
): Promise<CallbackParams> {
  let received: Promise<CallbackParams>;
  if (listener) {
    io.say(
      `Waiting for the redirect to ${redirect.origin}${redirect.pathname} (up to ${
        duration(timeoutSeconds)
      })...`,
    );
    received = listener.received;
  } else {
    io.say(
      `${redirect.origin} is not this machine over plain http, so no listener can receive the redirect: after you accept, copy the address your browser was sent to (it starts with ${redirect.origin}${redirect.pathname}) and paste it here.`,
    );
    received = pasted(io);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() =>
      reject(
        new SetupError(
          `No answer came back from the browser within ${
            duration(timeoutSeconds)
          }: run the setup again and accept the request in time.`,
        ),
      ), timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([received, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function pasted(io: WizardIO): Promise<CallbackParams> {
  io.err("Redirected address: ");
  const line = (await io.input.readLine())?.trim();
  if (!io.input.terminal) io.err("\n");
  if (!line) {
    throw new SetupError(
      "No redirected address was pasted: run the setup again and paste the address your browser shows after you accept.",
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(line);
  } catch {
    url = undefined;
  }
  const params = url ? callbackParams(url) : {};
  if (!params.code && !params.error) {
    throw new SetupError(
      "The pasted text is not the redirected address (it has no code): paste the whole address from the browser's address bar.",
    );
  }
  return params;
}
