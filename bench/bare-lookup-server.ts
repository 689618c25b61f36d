// The public look-up's baseline (bench/lookup.ts): a bare Fastify route doing one indexed SELECT on the same
// database, in its own process. Run by the bench: tsx bench/bare-lookup-server.ts <database url> <port>
import Fastify from 'fastify';
import pg from 'pg';

const [url, port] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 10 });
const app = Fastify({ logger: false });
app.get<{ Params: { code: string } }>('/code/:code', async (req, reply) => {
  const r = await pool.query('SELECT code, national_status, due_at FROM dossiers WHERE code = $1', [req.params.code]);
  if (r.rows.length === 0) return reply.status(404).send({ code: 'NOT_FOUND' });
  return r.rows[0];
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
console.log('bare server ready');
