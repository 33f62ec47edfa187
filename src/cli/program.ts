// The `pingoru` command's program (started by pingoru.ts). Each subcommand lives in its own file; this
// one only assembles them and makes sure a failure ends in one line on stderr and a non-zero exit,
// never a stack trace.
import { Command, CommanderError } from "commander";
import { describeError } from "../lib/errors.ts";
import { catalogCommand } from "./catalog.ts";
import { channelsCommand } from "./channels.ts";
import { checkCommand } from "./check.ts";
import { pollCommand } from "./poll.ts";
import { serveCommand } from "./serve.ts";
import { subscriptionsCommand } from "./subscriptions.ts";
import { vendorsCommand } from "./vendors.ts";

const program = new Command("pingoru")
  .description("Watch vendors' status pages and keep a true record of their incidents.")
  .version("0.1.0")
  .addCommand(serveCommand())
  .addCommand(vendorsCommand())
  .addCommand(checkCommand())
  .addCommand(pollCommand())
  .addCommand(channelsCommand())
  .addCommand(subscriptionsCommand())
  .addCommand(catalogCommand());
oneLineErrors(program);

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

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  process.stderr.write(`pingoru: ${describeError(error)}\n`);
  process.exit(1);
}
