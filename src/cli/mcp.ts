// `pingoru mcp`: a Model Context Protocol server on stdin/stdout, so an assistant can ask the stored
// record what is down, what was open when, and how reliable a vendor has been. Read-only; it never
// polls. stdout carries the protocol alone: logs go to stderr.
import { Command } from "commander";
import { settingsFrom, withRuntime, withStoreOptions, type StoreOptions } from "./options.ts";

export function mcpCommand(): Command {
  return withStoreOptions(new Command("mcp"))
    .description("answer an assistant's questions about the record over MCP (stdio); read-only")
    .addHelpText(
      "after",
      "\nTools: vendor_status, incidents_at, search_incidents, vendor_figures. An MCP client runs it as its\ncommand: see the README's section on pingoru mcp for a client's config.",
    )
    .action(async (options: StoreOptions) => {
      await withRuntime(await settingsFrom(options), async (runtime) => {
        // Loaded here, so `pingoru mcp --help` does not load the SDK.
        const { createMcpServer, OneLineErrorsTransport } = await import("./mcp-tools.ts");
        const server = createMcpServer(runtime.store, () => new Date(), VERSION);
        // The client ends the session by closing our stdin.
        const ended = new Promise<void>((resolve) => {
          process.stdin.once("end", resolve).once("close", resolve);
        });
        await server.connect(new OneLineErrorsTransport());
        runtime.log.info("pingoru mcp: serving the record over stdio");
        await ended;
        await server.close();
      });
    });
}

const VERSION = "0.1.0";
