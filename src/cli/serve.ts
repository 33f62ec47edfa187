import { Command } from "commander";
import { redactUrl } from "../lib/safe-url.ts";
import { createLogger, openRuntime } from "../main.ts";
import { settingsFrom, withStoreOptions } from "./options.ts";

export function serveCommand(): Command {
  return withStoreOptions(new Command("serve"))
    .option("--port <port>", "port to listen on (env PINGORU_PORT, default 8080)")
    .option("--host <host>", "address to listen on (env PINGORU_HOST, default 127.0.0.1)")
    .action(async (options: { db?: string; config?: string; port?: string; host?: string }) => {
      const settings = await settingsFrom(options);
      const log = createLogger();
      log.info({ database: redactUrl(settings.databaseUrl) }, "opening store");
      const { serve } = await import("../serve.ts");
      const runtime = await openRuntime(settings, log);
      const server = await serve(runtime);
      const shutdown = async (signal: string) => {
        log.info({ signal }, "stopping");
        await server.stop();
        await runtime.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void shutdown("SIGINT"));
      process.once("SIGTERM", () => void shutdown("SIGTERM"));
      process.on("SIGHUP", () => void server.reload());
    });
}
