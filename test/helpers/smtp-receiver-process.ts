// A real SMTP server (smtp-server) in its own process, for the email channel's tests. It listens on
// a loopback port, prints {"type":"listening","port"} then one JSON line per accepted message. How it
// answers depends on the recipient's local part: accept@, unavailable@ (451), rejected@ (550, echoing
// the login as a careless server might), hang@ (never answers RCPT).
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

const server = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onAuth(auth, _session, callback) {
    callback(null, { user: `${auth.username}:${auth.password ?? ""}` });
  },
  onRcptTo(address, session, callback) {
    const mode = address.address.split("@")[0];
    if (mode === "accept") return callback();
    if (mode === "unavailable") return callback(smtpError(451, "4.3.0 mailbox busy, try again later"));
    if (mode === "rejected")
      return callback(smtpError(550, `5.1.1 no such user here (login ${String(session.user)})`));
    if (mode === "hang") return; // never answers
    return callback(smtpError(550, "5.1.1 unknown mode"));
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const rcpt = session.envelope.rcptTo.map((r) => r.address);
      print({
        type: "message",
        rcpt,
        user: session.user ?? null,
        raw: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});

server.listen(0, "127.0.0.1", () => {
  const { port } = server.server.address() as AddressInfo;
  print({ type: "listening", port });
});
process.stdin.on("end", () => process.exit(0)); // the parent went away
process.stdin.resume();
