// The cashier's page (thu phí, lệ phí): online payments of the agencies in scope by status (pending, paid,
// failed, expired, refunded), each with its receipt, and the daily reconciliation workbook (Excel) that puts
// motcua's records beside the gateway's and lists the differences and the refused gateway messages.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, download, upload, uploadForFile, type StatementReconciliation } from '../api';
import { DateInput } from '../DateInput';
import { ErrorBox, Link, useAsync } from '../ui';
import { fmtDateTime, fmtMoney } from '../util';

const STATUSES = ['', 'pending', 'paid', 'failed', 'expired', 'refunded'] as const;
type Status = (typeof STATUSES)[number];

/** Today in Vietnam as YYYY-MM-DD. */
const vnToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

export default function PaymentsPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<Status>('');
  const list = useAsync(() => api.payments({ status: status || undefined }), [status]);
  const counts = list.data?.counts;
  return (
    <section className="card">
      <h2>{t('payments.title')}</h2>
      <p className="hint">{t('payments.lead')}</p>
      <div role="group" aria-label={t('payments.filter')} className="chips">
        {STATUSES.map((s) => (
          <button key={s || 'all'} type="button" aria-pressed={status === s} className={status === s ? 'primary' : 'ghost'} onClick={() => setStatus(s)}>
            {s ? t(`payments.st_${s}`) : t('payments.all')}{s && counts ? ` (${counts[s]})` : ''}
          </button>
        ))}
      </div>
      <ErrorBox error={list.error} />
      {list.data && (
        <table className="table" aria-label={t('payments.title')}>
          <thead>
            <tr>
              <th scope="col">{t('payments.dossier')}</th><th scope="col">{t('payments.payer')}</th><th scope="col" className="num">{t('payments.amount')}</th>
              <th scope="col">{t('payments.status')}</th><th scope="col">{t('payments.created')}</th><th scope="col">{t('payments.receipt')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.length === 0 && <tr><td colSpan={6}>{t('payments.none')}</td></tr>}
            {list.data.items.map((p) => (
              <tr key={p.id}>
                <td><Link to={`/dossiers/${encodeURIComponent(p.dossierCode)}`}>{p.dossierCode}</Link><br /><small>{p.orderRef}</small></td>
                <td>{p.payerName ?? '—'}</td>
                <td className="num">{fmtMoney(p.amount, i18n.language)}</td>
                <td><span className={`badge pay-${p.status}`}>{t(`payments.st_${p.status}`)}</span>{p.settledBy && <><br /><small>{t(`payments.by_${p.settledBy}`)}</small></>}</td>
                <td>{fmtDateTime(p.createdAt)}</td>
                <td>{p.receiptNumber ? <a href={`/api/v1/payments/${p.id}/receipt.pdf`} target="_blank" rel="noopener">{p.receiptNumber}</a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Reconciliation />
    </section>
  );
}

/** Saves a blob under its name (the browser's download). */
function save(blob: Blob, filename: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

function Reconciliation() {
  const { t, i18n } = useTranslation();
  const [day, setDay] = useState(vnToday());
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [result, setResult] = useState<StatementReconciliation | null>(null);
  const run = async (f: () => Promise<void>) => {
    setBusy(true); setErr(null); setDone(null);
    try { await f(); } catch (e) { setErr(e); setResult(null); } finally { setBusy(false); }
  };
  const fileErr = err instanceof ApiError && (err.problem.errors ?? []).some((e) => e.path === 'body.file') ? err.message : undefined;
  return (
    <div className="recon">
      <h3>{t('payments.recon')}</h3>
      <p className="hint">{t('payments.reconHint')}</p>
      <label htmlFor="recon-day">{t('payments.day')}</label>{' '}
      <DateInput id="recon-day" value={day} onChange={(iso) => setDay(iso ?? '')} />{' '}
      <button type="button" disabled={busy || !day} aria-busy={busy} onClick={() => run(async () => {
        const { blob, filename } = file ? await uploadForFile(`/api/v1/payments/reconciliation.xlsx?date=${day}`, file) : await download(`/api/v1/payments/reconciliation.xlsx?date=${day}`);
        save(blob, filename);
        setDone(filename);
      })}>{t(file ? 'payments.downloadWithStatement' : 'payments.download')}</button>
      <div className={`field ${fileErr ? 'has-error' : ''}`}>
        <label htmlFor="recon-statement">{t('payments.statement')}</label>
        <input id="recon-statement" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={`recon-statement-hint${fileErr ? ' recon-statement-err' : ''}`}
          onChange={(e) => { setFile(e.target.files?.[0] ?? null); setResult(null); setErr(null); }} />
        <div id="recon-statement-hint" className="hint">{t('payments.statementHint')}</div>
        {fileErr && <div id="recon-statement-err" className="err" role="alert">{fileErr}</div>}
      </div>
      <button type="button" disabled={busy || !day || !file} onClick={() => run(async () => {
        setResult(await upload<StatementReconciliation>(`/api/v1/payments/reconciliation/statement?date=${day}`, file!));
      })}>{t('payments.matchStatement')}</button>
      {done && <p role="status">{t('payments.downloaded', { name: done })}</p>}
      {!fileErr && <ErrorBox error={err} />}
      {result && (
        <div role="status" aria-live="polite">
          <p>{t('payments.statementSummary', { lines: result.lines, matched: result.matched, diffs: result.differences.length })}{result.skipped ? ` ${t('payments.statementSkipped', { n: result.skipped })}` : ''}</p>
          {result.differences.length > 0 && (
            <table className="table" aria-label={t('payments.statementDiffs')}>
              <thead><tr>
                <th scope="col">{t('payments.diffKind')}</th><th scope="col">{t('payments.orderRef')}</th><th scope="col">{t('payments.txnId')}</th><th scope="col">{t('payments.dossier')}</th>
                <th scope="col" className="num">{t('payments.ourAmount')}</th><th scope="col" className="num">{t('payments.statementAmount')}</th>
              </tr></thead>
              <tbody>
                {result.differences.map((d, i) => (
                  <tr key={i} data-kind={d.kind}>
                    <td>{t(`payments.diff_${d.kind}`)}</td><td>{d.orderRef ?? '—'}</td><td>{d.txnId ?? '—'}</td><td>{d.dossierCode ?? '—'}</td>
                    <td className="num">{d.ourAmount === null ? '—' : fmtMoney(d.ourAmount, i18n.language)}</td>
                    <td className="num">{d.statementAmount === null ? '—' : fmtMoney(d.statementAmount, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
