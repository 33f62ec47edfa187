// A webhook receiver in its own process (so its work is not counted in Pingoru's event loop): prints
// its port, then one line per request, "<webhook-id> <wall-clock ms with sub-ms precision>".
import { createServer } from "node:http";

const wallMs = () => performance.timeOrigin + performance.now();

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const at = wallMs();
    res.writeHead(204).end();
    process.stdout.write(`${String(req.headers["webhook-id"])} ${at.toFixed(3)}\n`);
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : 0}\n`);
});
