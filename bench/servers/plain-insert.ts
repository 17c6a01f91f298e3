import Fastify from "fastify";
import pg from "pg";

// The baseline: a plain Fastify route doing one INSERT on the same database, same pool size.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(
  "create table if not exists bench_plain_requests (id bigint generated always as identity primary key, title text, description text not null, lat double precision, lng double precision, created_at timestamptz not null default now())",
);
const app = Fastify({ logger: false });
app.post<{ Body: { title?: string; description: string; lat?: number; lng?: number } }>(
  "/plain/requests",
  async (request, reply) => {
    const b = request.body;
    const { rows } = await pool.query(
      "insert into bench_plain_requests (title, description, lat, lng) values ($1, $2, $3, $4) returning id, created_at",
      [b.title ?? null, b.description, b.lat ?? null, b.lng ?? null],
    );
    return reply.code(201).send(rows[0]);
  },
);
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
if (address && typeof address === "object") {
  console.log(`LISTENING http://127.0.0.1:${address.port}`);
}
