// The exchange log of the HTTP integration adapters (integration_exchanges): each request and answer, masked
// by the adapter before it gets here. Writing never fails a call: a log row that cannot be written is reported
// and dropped (the business outcome is recorded by the module, not here).
import type { Db } from '../db/database.js';

export interface ExchangeEntry {
  port: 'nationalPortal' | 'postal';
  at: Date;
  method: string;
  path: string;
  request: unknown;
  status: number | null;
  response: unknown;
  error?: string;
  durationMs: number;
}

export type ExchangeSink = (entry: ExchangeEntry) => void;

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** A sink writing to the database; `onError` sees a row that could not be written. */
export function databaseExchangeSink(db: Db, onError: (e: unknown) => void = () => {}): ExchangeSink {
  return (e) => {
    db.insertInto('integration_exchanges').values({
      port: e.port, at: e.at, method: e.method, path: e.path.slice(0, 1000), request: json(e.request), status: e.status,
      response: json(e.response), error: e.error?.slice(0, 2000) ?? null, duration_ms: Math.round(e.durationMs),
    }).execute().catch(onError);
  };
}

export interface ExchangeRow {
  id: string; port: string; at: Date; method: string; path: string; request: unknown; status: number | null; response: unknown; error: string | null; durationMs: number | null;
}

export async function listExchanges(db: Db, f: { port?: string; failedOnly?: boolean; limit: number }): Promise<ExchangeRow[]> {
  let q = db.selectFrom('integration_exchanges').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(f.limit);
  if (f.port) q = q.where('port', '=', f.port);
  if (f.failedOnly) q = q.where((eb) => eb.or([eb('status', 'is', null), eb('status', '>=', 400)]));
  const rows = await q.execute();
  return rows.map((r) => ({
    id: String(r.id), port: r.port, at: new Date(r.at), method: r.method, path: r.path, request: r.request, status: r.status,
    response: r.response, error: r.error, durationMs: r.duration_ms,
  }));
}

/** Deletes rows older than `keepDays` before `now`; returns how many. */
export async function pruneExchanges(db: Db, now: Date, keepDays: number): Promise<number> {
  const r = await db.deleteFrom('integration_exchanges').where('at', '<', new Date(now.getTime() - keepDays * 86_400_000)).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// Personal data and secrets in the peers' field names (the national portal's, VNPost's, the credentials).
const MASKED_KEYS = /^(ReceiverName|ReceiverTel|ReceiverAddress|customerKey|secretKey|token|NoiDungTep|NgaySinh|MaSoThue|TenToChuc|TrichYeuHoSo|SoGiayToChuHoSo|SoDinhDanh|SoDienThoai|SODIENTHOAI|Email|THUDIENTU|ChuHoSo|HOVATEN|DiaChi|DIACHI|password|client_secret|session|access_token|NguoiXuLy|Note)$/i;

/** A copy with personal data and secrets replaced by their length (pure; exported for the contract tests). */
export function maskPersonalData(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(maskPersonalData);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, MASKED_KEYS.test(k) && typeof x === 'string' ? mask(x) : maskPersonalData(x)]));
  }
  return v;
}

function mask(s: string): string {
  return s.length <= 2 ? '**' : `${s[0]}${'*'.repeat(Math.min(s.length - 2, 12))}${s.at(-1)}`;
}

