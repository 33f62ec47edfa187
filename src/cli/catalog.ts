// `pingoru catalog search <words…>`: find a well-known service to add by its slug.
import { Command } from "commander";
import { searchCatalog } from "../catalog/catalog.ts";
import { PingoruError } from "../lib/errors.ts";

export function catalogCommand(): Command {
  const catalog = new Command("catalog");
  catalog.addCommand(
    new Command("search")
      .description("find services by slug, name or category; add one with `pingoru vendors add <slug>`")
      .argument("<words...>", "words to match (all must match)")
      .option("--json", "print JSON")
      .action((words: string[], options: { json?: boolean }) => {
        const found = searchCatalog(words);
        if (found.length === 0)
          throw new PingoruError("not_found", `no catalog service matches "${words.join(" ")}"`);
        if (options.json) return void process.stdout.write(JSON.stringify(found, null, 2) + "\n");
        for (const e of found)
          process.stdout.write(`${e.slug}\t${e.name}\t${e.category}\t${e.platform}\t${e.url}\n`);
      }),
  );
  return catalog;
}
