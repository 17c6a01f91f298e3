import http from "node:http";

// The baseline: the least a Node HTTP server can do for a JSON answer.
const server = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"status":"ok"}');
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") {
    console.log(`LISTENING http://127.0.0.1:${address.port}`);
  }
});
