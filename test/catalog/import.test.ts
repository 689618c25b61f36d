// Importer on the real catalogue: report totals, idempotency, versioning (old dossiers keep their version),
// the reception API and agencies performing a procedure.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers.js';
import { importParsed, importReferenceCatalog, formatImportSummary } from '../../src/modules/catalog/catalog.import.js';
import { parseNationalRecord } from '../../src/modules/catalog/catalog.parse.js';
import { PARSE_FIELDS } from '../../src/modules/catalog/catalog.parse-types.js';
import { agenciesPerforming, getProcedureForReception } from '../../src/modules/catalog/catalog.service.js';

let t: TestApp;
const raw = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  t = await startTestApp();
  const lines = gunzipSync(readFileSync(new URL('../../reference-data/tthc/tthc_bo_nganh_2026-07.jsonl.gz', import.meta.url))).toString('utf8').split('\n');
  for (const l of lines) {
    if (!l.trim()) continue;
    const r = JSON.parse(l) as Record<string, unknown>;
    if (['1.001193', '1.000894', '1.000656'].includes(r.ma_thu_tuc as string)) raw.set(r.ma_thu_tuc as string, r);
  }
});
afterAll(async () => t?.close());

const q = async <T = any>(text: string, params: unknown[] = []) => (await t.ctx.database.pool.query(text, params)).rows as T[];

describe('reference import (done by the demo seed)', () => {
  it('stored every record of both sets once, with version 1 in force since before the import', async () => {
    const [c] = await q(`SELECT count(*)::int AS n, count(*) FILTER (WHERE source = 'defence')::int AS defence FROM procedures`);
    expect(c).toEqual({ n: 2849, defence: 207 });
    const [v] = await q(`SELECT count(*)::int AS n, count(*) FILTER (WHERE effective_from IS NULL AND effective_to IS NULL)::int AS open FROM procedure_versions`);
    expect(v).toEqual({ n: 2849, open: 2849 });
    const [run] = await q(`SELECT total, created, new_versions, unchanged, skipped, report FROM catalog_imports ORDER BY id LIMIT 1`);
    expect(run).toMatchObject({ total: 2849, created: 2849, new_versions: 0, unchanged: 0, skipped: 0 });
    expect(run.report.bySource).toEqual({ national: 2642, defence: 207 });
  });

  it('re-importing the unchanged catalogue changes nothing, and the report adds up', async () => {
    const before = await q(`SELECT count(*)::int AS n FROM procedure_versions`);
    const s = await importReferenceCatalog(t.ctx);
    expect(s).toMatchObject({ total: 2849, created: 0, newVersions: 0, unchanged: 2849 });
    expect(s.skipped).toEqual([]);
    expect(await q(`SELECT count(*)::int AS n FROM procedure_versions`)).toEqual(before);
    expect(s.report.total).toBe(2849);
    for (const f of PARSE_FIELDS) {
      const c = s.report.fields[f];
      expect(c.parsed + c.missing + c.failed, f).toBe(2849);
    }
    expect(s.report.fields.code.parsed).toBe(2849);
    expect(s.report.fields.name.parsed).toBe(2849);
    // 302 detail records have no implementing agency; the list export fills 271 of them
    expect(s.agenciesFilled).toBe(271);
    expect(s.report.fields.implementingAgency.missing).toBe(31);
    expect(formatImportSummary(s)).toMatch(/0 new procedures, 0 new versions, 2849 unchanged/);
    const [audit] = await q(`SELECT action, details FROM audit_log WHERE action = 'catalog.import' ORDER BY id DESC LIMIT 1`);
    expect(audit.details).toMatchObject({ created: 0, unchanged: 2849 });
  });
});

describe('versioning', () => {
  const v2At = new Date('2026-12-01T00:00:00+07:00');
  const v3At = new Date('2027-01-01T00:00:00+07:00');
  let v1: Awaited<ReturnType<typeof getProcedureForReception>>;

  it('a changed record becomes a new version; the old one stays in force before the change', async () => {
    v1 = await getProcedureForReception(t.ctx, '1.000894', new Date('2026-11-01T00:00:00Z'));
    expect(v1.name).toBe('Thủ tục đăng ký kết hôn');
    const changed = { ...raw.get('1.000894')!, ten_thu_tuc: 'Thủ tục đăng ký kết hôn (sửa đổi)' };
    const s = await importParsed(t.ctx, [parseNationalRecord(changed)], { effectiveFrom: v2At });
    expect(s).toMatchObject({ created: 0, newVersions: 1, unchanged: 0 });

    const before = await getProcedureForReception(t.ctx, '1.000894', new Date(v2At.getTime() - 1));
    expect(before.versionId).toBe(v1.versionId);
    expect(before.name).toBe('Thủ tục đăng ký kết hôn');
    // the components (ids) a dossier referenced are still there
    expect(before.components.map((c) => c.id)).toEqual(v1.components.map((c) => c.id));

    const after = await getProcedureForReception(t.ctx, '1.000894', v2At);
    expect(after.versionId).not.toBe(v1.versionId);
    expect(after.id).toBe(v1.id);
    expect(after.name).toBe('Thủ tục đăng ký kết hôn (sửa đổi)');
    expect(after.components.length).toBe(v1.components.length);
    expect(after.components[0].id).not.toBe(v1.components[0].id);

    const rows = await q(`SELECT version, effective_from, effective_to FROM procedure_versions WHERE procedure_id = $1 ORDER BY version`, [v1.id]);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(rows[0].effective_from).toBeNull();
    expect(new Date(rows[0].effective_to).getTime()).toBe(v2At.getTime());
    expect(new Date(rows[1].effective_from).getTime()).toBe(v2At.getTime());
    expect(rows[1].effective_to).toBeNull();
  });

  it('re-importing the same changed record does nothing; the old text again is a third version', async () => {
    const again = await importParsed(t.ctx, [parseNationalRecord({ ...raw.get('1.000894')!, ten_thu_tuc: 'Thủ tục đăng ký kết hôn (sửa đổi)' })], { effectiveFrom: v3At });
    expect(again).toMatchObject({ newVersions: 0, unchanged: 1 });
    const back = await importParsed(t.ctx, [parseNationalRecord(raw.get('1.000894')!)], { effectiveFrom: v3At });
    expect(back).toMatchObject({ newVersions: 1 });
    const [p] = await q(`SELECT version, name FROM procedures WHERE code = '1.000894'`);
    expect(p).toEqual({ version: 3, name: 'Thủ tục đăng ký kết hôn' });
    expect((await getProcedureForReception(t.ctx, '1.000894', new Date('2026-12-15T00:00:00Z'))).name).toMatch(/sửa đổi/);
  });

  it('the public record and search show the current version', async () => {
    const r = await t.client().get('/api/v1/procedures/1.000894');
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(3);
    expect(r.body.versions).toBeUndefined(); // version history is for admins
  });

  it('skips records without a code and duplicates within one import', async () => {
    const p = parseNationalRecord(raw.get('1.000656')!);
    const s = await importParsed(t.ctx, [parseNationalRecord({ ten_thu_tuc: 'Không mã' }), p, parseNationalRecord(raw.get('1.000656')!)]);
    expect(s.skipped.map((k) => k.reason)).toEqual(['no procedure code', 'duplicate code in the same import; first record kept']);
    expect(s.unchanged).toBe(1);
  });

  it('creates a new procedure for a new code', async () => {
    const s = await importParsed(t.ctx, [parseNationalRecord({ ...raw.get('1.000656')!, ma_thu_tuc: '1.000656.H56', ten_thu_tuc: 'Đăng ký khai tử (thí điểm Thanh Hóa)' })]);
    expect(s.created).toBe(1);
    const r = await t.client().get('/api/v1/procedures?q=khai%20tu%20thi%20diem');
    expect(r.body.items[0].code).toBe('1.000656.H56');
  });
});

describe('reception API', () => {
  it('gives the structured procedure with limits in working hours', async () => {
    const p = await getProcedureForReception(t.ctx, '1.000656');
    expect(p).toMatchObject({ code: '1.000656', name: 'Thủ tục đăng ký khai tử', field: 'Hộ tịch', levels: ['commune'], public: true });
    expect(p.channels.map((c) => c.kind)).toContain('in_person');
    expect(p.components.length).toBeGreaterThan(0);
    for (const c of p.components) expect(typeof c.required).toBe('boolean');
    const inPerson = p.channels.find((c) => c.kind === 'in_person' && c.timeLimit);
    if (inPerson?.timeLimit?.unit === 'working_days') expect(p.legalLimitHours).toBe(inPerson.timeLimit.value * 8);
  });

  it('finds same-day procedures and hour limits in the real data', async () => {
    const [sameDay] = await q(`SELECT p.code FROM procedures p JOIN procedure_channels c ON c.version_id = p.current_version_id
      WHERE c.kind = 'in_person' AND c.time_unit = 'same_day' ORDER BY p.code LIMIT 1`);
    if (sameDay) {
      const r = await getProcedureForReception(t.ctx, sameDay.code);
      expect(r.sameDay).toBe(true);
      expect(r.legalLimitHours).toBe(0);
    }
    const [hours] = await q(`SELECT p.code, c.time_value FROM procedures p JOIN procedure_channels c ON c.version_id = p.current_version_id
      WHERE c.kind = 'in_person' AND c.ordinal = 1 AND c.time_unit = 'hours' ORDER BY p.code LIMIT 1`);
    expect(hours).toBeDefined();
    expect((await getProcedureForReception(t.ctx, hours.code)).legalLimitHours).toBe(Number(hours.time_value));
  });

  it('404 PROCEDURE_NOT_FOUND for an unknown code', async () => {
    await expect(getProcedureForReception(t.ctx, '9.999999')).rejects.toMatchObject({ status: 404, code: 'PROCEDURE_NOT_FOUND' });
  });

  it('agencies performing: commune procedures → the commune committees, province procedures → departments and the centre', async () => {
    const ids = async (code: string) => {
      const [p] = await q(`SELECT id FROM procedures WHERE code = $1`, [code]);
      const agencyIds = await agenciesPerforming(t.ctx, p.id);
      return (await q(`SELECT code, kind FROM agencies WHERE id = ANY($1::uuid[]) ORDER BY code`, [agencyIds]));
    };
    const commune = await ids('1.001193');
    expect(commune.map((a) => a.code)).toEqual(['000.11.00.H56', '000.12.00.H56', '000.13.00.H56', '000.14.00.H56', '000.15.00.H56']);
    const [prov] = await q(`SELECT code FROM procedures WHERE levels = ARRAY['province'] ORDER BY code LIMIT 1`);
    const province = await ids(prov.code);
    expect(new Set(province.map((a) => a.kind))).toEqual(new Set(['department', 'service_centre']));
    expect(province.map((a) => a.code)).toContain('000.00.02.H56');
    expect(province.map((a) => a.code)).not.toContain('000.00.07.H56'); // vertical agency (tax) is not a default
    expect(await agenciesPerforming(t.ctx, '00000000-0000-0000-0000-000000000000')).toEqual([]);
  });
});
