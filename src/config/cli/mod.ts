/**
 * Command-line flags: the parser (node:util `parseArgs` with strict checks, every problem
 * collected) and the arguments to repeat in a printed run line. The flag table lives in
 * `flag_table.ts` and the `--help` / `--version` texts in `help.ts`; both are re-exported here.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { FLAGS } from "./flag_table.ts";

export { FLAGS } from "./flag_table.ts";
export type { FlagSpec } from "./flag_table.ts";
export { helpText, versionText } from "./help.ts";

/** One value a flag set, keyed by the environment variable it overrides. */
export interface FlagSetting {
  value: string;
  /** The flag as written (`--jira-url`, `--no-jira-ssl-verify`). */
  flag: string;
}

/** What the command line asked for. */
export interface ParsedFlags {
  /** Values for environment variables, from flags (the last occurrence wins). */
  settings: Map<string, FlagSetting>;
  /** Number of `-v`/`--verbose`. */
  verbosity: number;
  help: boolean;
  version: boolean;
  printPermissions: boolean;
  /** `--print-client-config CLIENT`, as given. */
  printClientConfig?: string;
  oauthSetup: boolean;
  envFile?: string;
  /** One sentence per problem (unknown option, missing value, stray argument). */
  problems: string[];
}

const BY_NAME = new Map(FLAGS.map((f) => [f.name, f]));
const OPTIONS = Object.fromEntries(
  FLAGS.map((f) => [f.name, f.short ? { type: f.type, short: f.short } : { type: f.type }]),
);

/**
 * Parses the command line. Strict (unknown options, missing values, values on boolean flags and
 * stray arguments are problems), but every problem is collected instead of stopping at the first.
 */
export function parseFlags(argv: readonly string[]): ParsedFlags {
  const out: ParsedFlags = {
    settings: new Map(),
    verbosity: 0,
    help: false,
    version: false,
    printPermissions: false,
    oauthSetup: false,
    problems: [],
  };
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === "positional") {
      out.problems.push(`Unexpected argument "${token.value}". Run with --help.`);
      continue;
    }
    if (token.kind !== "option") continue;
    const spec = BY_NAME.get(token.name);
    const written = token.rawName.startsWith("--") ? `--${token.name}` : token.rawName;
    if (!spec) {
      out.problems.push(`Unknown option ${written}. Run with --help.`);
      continue;
    }
    if (spec.type === "boolean") {
      if (token.value !== undefined) {
        out.problems.push(
          `Option ${written} takes no value (got "${written}=..."). Run with --help.`,
        );
        continue;
      }
    } else if (
      token.value === undefined || (!token.inlineValue && token.value.startsWith("-"))
    ) {
      out.problems.push(
        `Option ${written} needs a value; example: ${written}=${spec.metavar ?? "VALUE"}.`,
      );
      continue;
    }
    const value = token.value ?? "";
    if (spec.env) {
      out.settings.set(spec.env, {
        value: spec.type === "boolean" ? spec.sets! : value,
        flag: written,
      });
      continue;
    }
    switch (spec.name) {
      case "verbose":
        out.verbosity++;
        break;
      case "help":
        out.help = true;
        break;
      case "version":
        out.version = true;
        break;
      case "print-permissions":
        out.printPermissions = true;
        break;
      case "print-client-config":
        out.printClientConfig = value;
        break;
      case "oauth-setup":
        out.oauthSetup = true;
        break;
      case "env-file":
        out.envFile = value;
        break;
    }
  }
  return out;
}

const SECRET_VARIABLE = /TOKEN|SECRET|PASSWORD/;

/** Whether a variable's value is a secret by its name (`*_TOKEN`, `*_SECRET`, `*_PASSWORD`). */
export function isSecretVariable(name: string): boolean {
  return SECRET_VARIABLE.test(name);
}

/**
 * The arguments to repeat in a printed run line: all but the `--print-*` flags and flags that
 * carry a secret, whose variables are listed in `withheld` (set them in the environment). With
 * `envFile` (an absolute path), any `--env-file` given is replaced by `--env-file=<envFile>`, so
 * the line reads the same .env from whatever folder it is run in.
 */
export function rerunArgs(
  argv: readonly string[],
  envFile?: string,
): { args: string[]; withheld: string[] } {
  const args: string[] = [];
  const withheld: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const spec = FLAGS.find((f) => `--${f.name}` === flag);
    const valueFollows = spec?.type === "string" && inline === undefined && i + 1 < argv.length;
    if (flag === "--print-permissions" || flag === "--print-client-config") {
      if (flag === "--print-client-config" && valueFollows) i++;
      continue;
    }
    const secret = spec?.env !== undefined && isSecretVariable(spec.env);
    if (secret || (envFile && flag === "--env-file")) {
      if (secret) withheld.push(spec!.env!);
      if (valueFollows) i++;
      continue;
    }
    args.push(argv[i]);
    if (valueFollows) args.push(argv[++i]);
  }
  if (envFile) args.push(`--env-file=${envFile}`);
  return { args, withheld };
}
