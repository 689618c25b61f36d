// The listening port, checked before start-up work: a port already in use is a configuration problem
// (exit code 78, EX_CONFIG) that deserves one clear line, not a stack trace after the migrations.
import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`motcua: cổng ${port} đang được chương trình khác sử dụng / port ${port} is already in use — stop the other program or set PORT to a free port`);
    this.name = 'PortInUseError';
  }
}

/** Resolves when `port` on `host` can be bound (port 0 always can); rejects with PortInUseError otherwise. */
export function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
