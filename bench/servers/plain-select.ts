import Fastify from "fastify";
import pg from "pg";

// The baseline: a plain Fastify route doing one indexed SELECT on the same database, same pool size.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
app.get<{ Params: { idNumber: string } }>("/plain/:idNumber", async (request) => {
  const { rows } = await pool.query(
    "select certificate_number, owner_name, location, area_sqm, usage, updated_at from registry_real_estate where owner_id_number = $1",
    [request.params.idNumber],
  );
  return { records: rows };
});
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
if (address && typeof address === "object") {
  console.log(`LISTENING http://127.0.0.1:${address.port}`);
}
