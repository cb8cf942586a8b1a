import express from 'express';

/**
 * The HTTP baseline: the same express, one process, a handler that does nothing but answer
 * 201 with a small JSON body (no body parsing, no store, no Redis). Run as a child process by the
 * HTTP intake section, like the gateway it is compared with.
 */
const app = express();
app.get('/healthz', (_req, res) => {
  res.json({ ok: true });
});
app.post('/{*path}', (_req, res) => {
  res.status(201).json({ ok: true });
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
