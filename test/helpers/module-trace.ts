// Loaded with `node --import`: at exit, writes every module the process loaded (one URL a line) to the
// file named by PINGORU_TEST_MODULE_TRACE, so a test can ask what a command loads.
import { registerHooks } from "node:module";
import { writeFileSync } from "node:fs";

const loaded: string[] = [];
registerHooks({
  load(url, context, next) {
    loaded.push(url);
    return next(url, context);
  },
});
process.on("exit", () => writeFileSync(process.env.PINGORU_TEST_MODULE_TRACE!, loaded.join("\n")));
