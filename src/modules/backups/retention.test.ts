import { describe, expect, it } from 'vitest';
import { backupDue, backupStale, fullBackupDue, lastScheduledInstant, staleAlertKey } from './backup-schedule.js';
import { backupsToDelete, type BackupSummary } from './retention.js';

const DAY = 86_400_000;
const NOW = new Date('2026-11-23T02:00:00Z'); // 09:00 in Hanoi
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

describe('retention', () => {
  const chain = (start: number, len: number, prefix: string): BackupSummary[] =>
    Array.from({ length: len }, (_, i) => ({ id: `${prefix}${i}`, createdAt: ago(start - i), uses: i === 0 ? [`${prefix}0`] : [`${prefix}0`, `${prefix}${i}`] }));

  it('deletes an old chain only once a newer full backup stands alone', () => {
    const old = chain(30, 7, 'a'); // a0 full 30 days ago, a1..a6 incrementals on it
    const recent = chain(10, 11, 'b'); // b0 full 10 days ago, b1..b10 up to today
    expect(backupsToDelete([...old, ...recent], NOW, { keepDays: 14, keepAtLeast: 3 })).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
  });

  it('keeps an old full backup while a kept incremental still reads its blobs', () => {
    const c = chain(20, 21, 'c'); // one chain of 21 daily backups, the full one 20 days ago
    expect(backupsToDelete(c, NOW, { keepDays: 14, keepAtLeast: 3 })).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('keeps the newest few whatever their age', () => {
    const stale = [0, 1, 2, 3].map((i) => ({ id: `s${i}`, createdAt: ago(100 - i), uses: [`s${i}`] }));
    expect(backupsToDelete(stale, NOW, { keepDays: 14, keepAtLeast: 2 })).toEqual(['s0', 's1']);
  });

  it('never deletes anything a kept backup depends on, for any policy (property)', () => {
    for (let seed = 1; seed < 300; seed++) {
      let x = seed;
      const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const list: BackupSummary[] = [];
      for (let i = 0; i < 12; i++) {
        const uses = [`k${i}`];
        for (let j = 0; j < i; j++) if (rnd() < 0.3) uses.push(`k${j}`);
        list.push({ id: `k${i}`, createdAt: ago(40 - i * 3), uses });
      }
      const policy = { keepDays: Math.floor(rnd() * 40), keepAtLeast: Math.floor(rnd() * 4) };
      const gone = new Set(backupsToDelete(list, NOW, policy));
      for (const b of list.filter((b) => !gone.has(b.id))) for (const u of b.uses) expect(gone.has(u)).toBe(false);
      const young = list.filter((b) => b.createdAt.getTime() >= NOW.getTime() - policy.keepDays * DAY);
      for (const b of young) expect(gone.has(b.id)).toBe(false);
    }
  });
});

describe('schedule', () => {
  it('is due once per local day after the configured time', () => {
    expect(lastScheduledInstant(NOW, '01:30').toISOString()).toBe('2026-11-22T18:30:00.000Z');
    expect(lastScheduledInstant(NOW, '10:00').toISOString()).toBe('2026-11-22T03:00:00.000Z');
    expect(backupDue(NOW, '01:30', null)).toBe(true);
    expect(backupDue(NOW, '01:30', new Date('2026-11-22T18:31:00Z'))).toBe(false);
    expect(backupDue(NOW, '01:30', new Date('2026-11-22T18:29:00Z'))).toBe(true);
  });
  it('asks for a full backup when the newest full one is old enough', () => {
    expect(fullBackupDue(NOW, 7, null)).toBe(true);
    expect(fullBackupDue(NOW, 7, ago(6.9))).toBe(false);
    expect(fullBackupDue(NOW, 7, ago(7))).toBe(true);
  });
  it('calls a backup stale after a day, with one alert key per local day', () => {
    expect(backupStale(NOW, ago(0.9))).toBe(false);
    expect(backupStale(NOW, ago(1.1))).toBe(true);
    expect(backupStale(NOW, null)).toBe(true);
    expect(staleAlertKey(new Date('2026-11-22T17:30:00Z'))).toBe('backup-stale:2026-11-23');
  });
});
