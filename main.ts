/**
 * Command-line entry. Outside a Worker it runs the launcher (src/launcher.ts): flags +
 * environment + .env -> Config, then help, a printed line, the OAuth setup wizard, or serving
 * with only the permissions the configuration needs, in this process or in a Worker created
 * from this same module. Inside that Worker it serves (src/server/worker.ts). Each side loads
 * only its own modules: in the bundle, esbuild evaluates a dynamically imported module when it
 * is imported, so the Worker never evaluates the launcher and printing help never loads the SDK.
 *
 * @module
 */
import { inWorker } from "./src/in_worker.ts";

if (inWorker()) (await import("./src/server/worker.ts")).serveWhenStarted();
else if (import.meta.main) await (await import("./src/launcher.ts")).main(import.meta.url);
