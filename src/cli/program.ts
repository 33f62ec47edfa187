// The `pingoru` command's program (started by pingoru.js). Each subcommand lives in its own file; this
// one only assembles them and makes sure a failure ends in one line on stderr and a non-zero exit,
// never a stack trace.
import { Command, CommanderError } from "commander";
import { describeError } from "../lib/errors.ts";

/**
 * The subcommands, each loaded only when it runs: `pingoru vendors list` loads the vendors command
 * and what it needs, not the web server. For help, an unknown command or `--version`, each is named
 * and described without loading it.
 */
const COMMANDS: readonly [name: string, description: string, load: () => Promise<Command>][] = [
  [
    "serve",
    "run the web server, poller and notifier in one process",
    async () => (await import("./serve.ts")).serveCommand(),
  ],
  [
    "vendors",
    "add, list, pause, resume and remove watched vendors; reset a tripped breaker; push-hint URLs",
    async () => (await import("./vendors.ts")).vendorsCommand(),
  ],
  [
    "check",
    "fetch a status page once and print what Pingoru reads from it; stores nothing",
    async () => (await import("./check.ts")).checkCommand(),
  ],
  [
    "poll",
    "poll vendors now, once, and exit (all when no slug is given)",
    async () => (await import("./poll.ts")).pollCommand(),
  ],
  [
    "at",
    'what was open at an instant, across vendors: pingoru at "2026-02-10 18:00"',
    async () => (await import("./at.ts")).atCommand(),
  ],
  [
    "channels",
    "list, add, remove and try notification channels",
    async () => (await import("./channels.ts")).channelsCommand(),
  ],
  [
    "subscriptions",
    "who hears about what: list, add, remove",
    async () => (await import("./subscriptions.ts")).subscriptionsCommand(),
  ],
  [
    "backup",
    "copy the database to a file while serve runs",
    async () => (await import("./backup.ts")).backupCommand(),
  ],
  [
    "catalog",
    "the built-in catalog of well-known services",
    async () => (await import("./catalog.ts")).catalogCommand(),
  ],
  [
    "sla",
    "monthly SLA targets per vendor or component: set, list, remove",
    async () => (await import("./sla.ts")).slaCommand(),
  ],
  [
    "export",
    "export the record as CSV or JSON lines: pingoru export incidents --out incidents.csv",
    async () => (await import("./export.ts")).exportCommand(),
  ],
  [
    "mcp",
    "answer an assistant's questions about the record: a Model Context Protocol server on stdio",
    async () => (await import("./mcp.ts")).mcpCommand(),
  ],
];

/**
 * Runs the command line `argv` (as process.argv: node, script, then the arguments) and resolves with
 * the exit status: 0 when it finished, 2 for a usage error, 1 for any other failure, after printing
 * it as one line on stderr. A new program each call, so a test can run commands in its own process.
 */
export async function runPingoru(argv: readonly string[]): Promise<number> {
  const program = new Command("pingoru")
    .description("Watch vendors' status pages and keep a true record of their incidents.")
    .version("0.1.0");
  const wanted = argv[2] === "help" ? argv[3] : argv[2];
  for (const [name, description, load] of COMMANDS)
    program.addCommand((name === wanted ? await load() : new Command(name)).description(description));
  oneLineErrors(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    process.stderr.write(`pingoru: ${describeError(error)}\n`);
    return 1;
  }
}

/**
 * Commands added with addCommand() do not inherit these settings, so each gets them: a usage error
 * throws (exit 2 below) and prints one line, its "(Did you mean …?)" hint joined onto that line.
 */
function oneLineErrors(command: Command): void {
  command
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.trim().replace(/\s*\n\s*/g, " ") + "\n") });
  for (const sub of command.commands) oneLineErrors(sub);
}
