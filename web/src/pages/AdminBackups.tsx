// Administration of backups: the last good backup and the last verified restore (the restore drill), a
// warning when the last good backup is more than a day old, "back up now" (runs in the background; the page
// follows it), recent runs with their errors, and the backups on disk. Dates dd/mm/yyyy.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type BackupRun } from '../api';
import { ErrorBox, useAsync } from '../ui';
import { fmtDateTime } from '../util';

const mb = (n: number | null | undefined) => (n == null ? '—' : `${(n / 1_048_576).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`);

export function Backups() {
  const { t } = useTranslation();
  const status = useAsync(() => api.backupStatus(), []);
  const [err, setErr] = useState<unknown>(null);
  const s = status.data;
  // follow a run in progress
  useEffect(() => {
    if (!s?.running) return;
    const h = setTimeout(() => status.reload(), 2000);
    return () => clearTimeout(h);
  }, [s]);
  const start = async () => {
    setErr(null);
    try {
      await api.runBackup();
      status.reload();
    } catch (e) { setErr(e); }
  };
  if (status.error) return <ErrorBox error={status.error} />;
  if (!s) return <p aria-busy="true">{t('app.loading')}</p>;
  return (
    <section className="card" aria-labelledby="backups-title">
      <h2 id="backups-title">{t('backups.title')}</h2>
      {!s.configured && <div className="alert info">{t('backups.notConfigured')}</div>}
      {s.configured && s.stale && <div className="alert error" role="alert">{t('backups.stale')}</div>}
      <dl className="kv">
        <dt>{t('backups.lastGood')}</dt>
        <dd>{s.lastGoodBackup ? `${fmtDateTime(s.lastGoodBackup.finishedAt)} — ${s.lastGoodBackup.backupId} (${mb(s.lastGoodBackup.bytes)})` : t('backups.never')}</dd>
        <dt>{t('backups.lastVerified')}</dt>
        <dd>{s.lastVerifiedRestore ? `${fmtDateTime(s.lastVerifiedRestore.finishedAt)} — ${s.lastVerifiedRestore.backupId}` : t('backups.never')}</dd>
        {s.schedule && (<>
          <dt>{t('backups.schedule')}</dt>
          <dd>{t('backups.scheduleText', { at: s.schedule.at, keep: s.schedule.keepDays, full: s.schedule.fullEveryDays })}{s.schedule.encrypted ? ` · ${t('backups.encrypted')}` : ''}{s.schedule.verify ? ` · ${t('backups.drill')}` : ''}</dd>
        </>)}
      </dl>
      {s.configured && (
        <p>
          <button type="button" onClick={start} disabled={!!s.running}>{s.running ? t('backups.running') : t('backups.runNow')}</button>
        </p>
      )}
      <ErrorBox error={err} />
      <h3>{t('backups.recent')}</h3>
      {s.recent.length === 0 ? <p>{t('backups.none')}</p> : (
        <table className="table">
          <thead><tr><th scope="col">{t('backups.started')}</th><th scope="col">{t('backups.kind')}</th><th scope="col">{t('backups.status')}</th><th scope="col">{t('backups.backup')}</th><th scope="col">{t('backups.error')}</th></tr></thead>
          <tbody>
            {s.recent.map((r: BackupRun) => (
              <tr key={r.id}>
                <td>{fmtDateTime(r.startedAt)}</td>
                <td>{t(`backups.kinds.${r.kind}`)} · {t(`backups.triggers.${r.trigger}`)}</td>
                <td><span className={`badge ${r.status === 'failed' ? 'late' : r.status === 'ok' ? 'on_time' : ''}`}>{t(`backups.statuses.${r.status}`)}</span></td>
                <td>{r.backupId ?? '—'}</td>
                <td>{r.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('backups.onDisk')}</h3>
      {s.onDisk.length === 0 ? <p>{t('backups.none')}</p> : (
        <table className="table">
          <thead><tr><th scope="col">{t('backups.backup')}</th><th scope="col">{t('backups.created')}</th><th scope="col">{t('backups.type')}</th><th scope="col">{t('backups.size')}</th></tr></thead>
          <tbody>
            {s.onDisk.map((b) => (
              <tr key={b.id}><td>{b.id}</td><td>{fmtDateTime(b.createdAt)}</td><td>{b.full ? t('backups.full') : t('backups.incremental')}</td><td>{mb(b.databaseBytes)} · {t('backups.files', { n: b.blobs })}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
