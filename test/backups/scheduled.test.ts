// Scheduled backups (issue 20, part 3) on the simulated clock, through the job's own function and the admins'
// HTTP API: once a day after MOTCUA_BACKUP_AT, each one restored in a drill; "back up now" runs in the
// background and a second request while it runs is refused; a failing backup is recorded with its reason and
// alerts the operators; a day without a good backup raises one stale alert per day; retention drops old
// backups only when no kept one needs their blobs. Runs on PGlite (default) or PostgreSQL.
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledBackup } from '../../src/modules/backups/backups.service.js';
import type { HttpClient, ManualClock, TestApp } from '../helpers.js';
import { receive, startDossierApp } from '../dossiers/fixtures.js';
import { HAS_CHROMIUM, ensureWebBuilt, launch, shot, signIn } from '../web/browser.js';
import { describeFindings, seriousViolations } from '../web/axe.js';

const DAY = 86_400_000;
const PNG_1x1 = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0a5e2d40000000049454e44ae426082', 'hex');
const root = mkdtempSync(join(tmpdir(), 'motcua-scheduled-'));
const dir = join(root, 'backups');
let t: TestApp & { clock: ManualClock };
let admin: HttpClient;

beforeAll(async () => {
  t = await startDossierApp({
    MOTCUA_BACKUP_DIR: dir,
    MOTCUA_BACKUP_AT: '01:30',
    MOTCUA_BACKUP_KEEP_DAYS: '1',
    MOTCUA_BACKUP_FULL_EVERY_DAYS: '1',
    MOTCUA_ALERT_EMAIL: 'ops@tinh.example.vn',
    MOTCUA_FILES_DIR: join(root, 'files'),
  });
  admin = await t.login('demo.admin');
});
afterAll(async () => {
  await t?.close();
  rmSync(root, { recursive: true, force: true });
});

const status = async () => (await admin.get('/api/v1/admin/backups')).body;
const alerts = async () =>
  ((await admin.get('/api/v1/admin/notifications/messages?pageSize=200&event=operator_alert&channel=email')).body.items as any[])
    .filter((m) => m.address === 'ops@tinh.example.vn');
/** The same hour the next day (past MOTCUA_BACKUP_AT), sessions refreshed. */
async function nextDay() {
  t.clock.advance(DAY);
  admin = await t.login('demo.admin');
}

describe('scheduled backups', () => {
  it('backs up once a day, drills the restore, and shows both on the admins\u2019 page', async () => {
    // one stored file, so that incremental backups reference the first one's blob
    const desk = await t.login('demo.tiepnhan');
    const fd = new FormData();
    fd.append('componentName', 'Bản sao CCCD');
    fd.append('file', new Blob([new Uint8Array(PNG_1x1)], { type: 'image/png' }), 'cccd.png');
    expect((await desk.post('/api/v1/files', fd)).status).toBe(201);
    await receive(desk);
    const first = await runScheduledBackup(t.ctx); // 09:00: no backup yet today → due now
    expect(first.ran).toMatchObject({ status: 'ok', verified: true, pruned: [] });
    expect((await runScheduledBackup(t.ctx)).ran).toBeNull(); // the same day: not again

    const s = await status();
    expect(s.configured).toBe(true);
    expect(s.stale).toBe(false);
    expect(s.lastGoodBackup).toMatchObject({ kind: 'backup', trigger: 'schedule', status: 'ok', backupId: first.ran!.backupId });
    expect(s.lastGoodBackup.details).toMatchObject({ full: true });
    expect(s.lastVerifiedRestore).toMatchObject({ kind: 'verify', status: 'ok', backupId: first.ran!.backupId });
    expect(s.lastVerifiedRestore.details.counts.dossiers).toBeGreaterThan(0);
    expect(s.onDisk.map((b: any) => b.id)).toEqual([first.ran!.backupId]);
  });

  it('"back up now" runs in the background; a second request meanwhile is refused', async () => {
    t.clock.advance(60_000);
    const started = await admin.post('/api/v1/admin/backups', {});
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', trigger: 'admin' });
    const again = await admin.post('/api/v1/admin/backups', {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('BACKUP_ALREADY_RUNNING');
    let s = await status();
    for (let i = 0; i < 600 && s.running; i++) {
      await new Promise((r) => setTimeout(r, 100));
      s = await status();
    }
    expect(s.recent.find((r: any) => r.id === started.body.id)).toMatchObject({ status: 'ok' });
    expect(s.onDisk).toHaveLength(2);
    expect(s.onDisk[0]).toMatchObject({ id: s.recent.find((r: any) => r.id === started.body.id).backupId, full: false, blobs: 1 }); // a minute after the full one: incremental
    const desk = await t.login('demo.tiepnhan');
    expect((await desk.get('/api/v1/admin/backups')).status).toBe(403);
  });

  it('a failing backup is recorded and alerted; a day without a good one raises one stale alert per day', async () => {
    await nextDay();
    expect((await runScheduledBackup(t.ctx)).ran).toMatchObject({ status: 'ok' }); // a day after the first full one: full again (MOTCUA_BACKUP_FULL_EVERY_DAYS=1)
    // the backup disk goes away: the folder is replaced by a file
    renameSync(dir, `${dir}.away`);
    writeFileSync(dir, 'not a folder');
    try {
      await nextDay();
      const failed = await runScheduledBackup(t.ctx);
      expect(failed.ran).toMatchObject({ status: 'failed' });
      expect(failed.ran!.error).toBeTruthy();
      const afterFailure = await alerts();
      expect(afterFailure.map((m) => m.subject)).toEqual(['Cảnh báo hệ thống một cửa: Sao lưu không thành công']);
      expect(afterFailure[0].body).toContain('/can-bo/admin/backups');
      const s = await status();
      expect(s.recent[0]).toMatchObject({ kind: 'backup', status: 'failed' });
      expect(s.lastGoodBackup.startedAt < s.recent[0].startedAt).toBe(true);

      await nextDay();
      expect((await runScheduledBackup(t.ctx)).staleAlert).toBe(true);
      t.clock.advance(3_600_000);
      const later = await runScheduledBackup(t.ctx); // the next hourly check of the same day
      expect(later.ran).toBeNull();
      expect(later.staleAlert).toBe(true);
      const subjects = (await alerts()).map((m) => m.subject).sort();
      expect(subjects).toEqual([
        'Cảnh báo hệ thống một cửa: Không có bản sao lưu tốt trong hơn một ngày',
        'Cảnh báo hệ thống một cửa: Sao lưu không thành công',
        'Cảnh báo hệ thống một cửa: Sao lưu không thành công',
      ]);
      expect((await status()).stale).toBe(true);
    } finally {
      rmSync(dir, { force: true });
      renameSync(`${dir}.away`, dir);
    }
  });

  it('retention drops old backups once no kept backup needs their blobs', async () => {
    await nextDay();
    expect((await runScheduledBackup(t.ctx)).ran).toMatchObject({ status: 'ok', pruned: [] }); // 3 newest kept
    const before = (await status()).onDisk.map((b: any) => b.id);
    expect(before).toHaveLength(4);
    await nextDay();
    const r = await runScheduledBackup(t.ctx);
    // kept: the 3 newest; the first day's full backup and its incremental go together
    expect(r.ran!.pruned.sort()).toEqual(before.slice(2).sort());
    expect(readdirSync(dir).sort()).toEqual([...before.slice(0, 2), r.ran!.backupId].sort());
    expect((await status()).stale).toBe(false);
  });

  it.skipIf(!HAS_CHROMIUM)('the admins\u2019 page shows the last good backup, the last drill and the backups kept', async () => {
    await ensureWebBuilt();
    const browser = await launch();
    try {
      const d = await signIn(browser, t.url, 'demo.admin');
      await d.page.goto('/can-bo/admin/backups');
      await d.page.getByRole('heading', { name: 'Sao lưu dữ liệu' }).waitFor();
      await d.page.getByRole('button', { name: 'Sao lưu ngay' }).waitFor();
      const text = await d.page.locator('main').innerText();
      expect(text).toContain('Bản sao lưu tốt gần nhất');
      expect(text).toMatch(/Lần kiểm tra khôi phục đạt gần nhất\s+\d\d\/\d\d\/\d{4}/);
      expect(text).toContain('Hằng ngày lúc 01:30');
      expect(text).toContain('Lỗi'); // the failed runs of the lost disk, with their reason
      await shot(d.page, 'admin-backups');
      const found = await seriousViolations(d.page, 'admin-backups');
      expect(found, describeFindings(found)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
