// Starts test/helpers/smtp-receiver-process.ts as a child process and collects what it received.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { simpleParser } from "mailparser";
import type { ParsedMail } from "mailparser";

export interface ReceivedMail {
  rcpt: string[];
  /** The SMTP login as the server saw it ("user:password"), or null without AUTH. */
  user: string | null;
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpReceiver {
  host: string;
  port: number;
  messages: ReceivedMail[];
  close(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL("./smtp-receiver-process.ts", import.meta.url));

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const child = spawn(process.execPath, [SCRIPT], { stdio: ["pipe", "pipe", "inherit"] });
  const messages: ReceivedMail[] = [];
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`SMTP receiver exited with ${code}`)));
    lines.on("line", (line) => {
      const msg = JSON.parse(line) as {
        type: string;
        port?: number;
        rcpt?: string[];
        user?: string;
        raw?: string;
      };
      if (msg.type === "listening") resolve(msg.port ?? 0);
      if (msg.type === "message") {
        const raw = msg.raw ?? "";
        void simpleParser(raw).then((parsed) =>
          messages.push({ rcpt: msg.rcpt ?? [], user: msg.user ?? null, raw, parsed }),
        );
      }
    });
  });
  return {
    host: "127.0.0.1",
    port,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
