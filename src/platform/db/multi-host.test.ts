import { describe, expect, it } from 'vitest';
import { fits, parseMultiHostUrl } from './multi-host.js';

describe('multi-host PostgreSQL URLs', () => {
  it('reads every host and the wanted session attributes, and gives node-postgres one host at a time', () => {
    const m = parseMultiHostUrl('postgres://motcua:s3cr%40t@db1.tinh.vn:5432,db2.tinh.vn:6432,[::1]/motcua?sslmode=require&target_session_attrs=read-write')!;
    expect(m.hosts).toEqual([{ host: 'db1.tinh.vn', port: 5432 }, { host: 'db2.tinh.vn', port: 6432 }, { host: '::1', port: 5432 }]);
    expect(m.targetSessionAttrs).toBe('read-write');
    expect(m.urlFor(1)).toBe('postgres://motcua:s3cr%40t@db2.tinh.vn:6432/motcua?sslmode=require');
    expect(m.urlFor(2)).toBe('postgres://motcua:s3cr%40t@[::1]:5432/motcua?sslmode=require');
  });
  it('leaves a plain URL alone and refuses an unknown attribute', () => {
    expect(parseMultiHostUrl('postgres://postgres@127.0.0.1:5432/motcua')).toBeNull();
    expect(parseMultiHostUrl('postgresql://a,b/motcua')!.hosts.map((h) => h.port)).toEqual([5432, 5432]);
    expect(() => parseMultiHostUrl('postgres://a,b/x?target_session_attrs=writable')).toThrow(/target_session_attrs/);
  });
  it('follows libpq on which server fits', () => {
    const primary = { inRecovery: false, readOnly: false };
    const standby = { inRecovery: true, readOnly: true };
    expect([fits('read-write', primary), fits('read-write', standby)]).toEqual([true, false]);
    expect([fits('standby', standby), fits('primary', standby), fits('read-only', standby), fits('any', standby)]).toEqual([true, false, true, true]);
    expect(fits('read-write', { inRecovery: false, readOnly: true })).toBe(false); // default_transaction_read_only on a primary
  });
});
