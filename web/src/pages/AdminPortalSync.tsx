// The national-portal (DVCQG) sync dashboard for administrators: how many records wait, fail (the portal
// unreachable: retried with back-off) or were refused (the portal's code and reason), each record with its
// dossier, service, national status and attempts, and a resend action for refused ones. Dates dd/mm/yyyy.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type PortalSyncItem } from '../api';
import { ErrorBox, Field, Link, useAsync } from '../ui';
import { fmtDateTime } from '../util';

type Filter = '' | 'pending' | 'failing' | 'accepted' | 'rejected';
const FILTERS: Filter[] = ['', 'pending', 'failing', 'accepted', 'rejected'];

export function PortalSync() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('');
  const [page, setPage] = useState(1);
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const q = filter === 'failing' ? { failing: true } : filter ? { status: filter } : {};
  const list = useAsync(() => api.portalSync({ ...q, page, pageSize: 50 }), [filter, page]);
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / 50));
  const resend = async (id: string) => {
    setErr(null);
    try {
      await api.resendPortalSync(id);
      setMsg(t('sync.resent'));
      list.reload();
    } catch (e) { setErr(e); }
  };
  const c = list.data?.counts;
  return (
    <section className="card" data-testid="portal-sync">
      <h2>{t('sync.title')}</h2>
      {list.data?.provider === 'recording' && <div className="alert" role="note" data-testid="sync-simulated">{t('sync.simulated')}</div>}
      {c && <dl className="sync-counts" data-testid="sync-counts">
        {(['pending', 'failing', 'rejected', 'accepted'] as const).map((k) => (
          <div key={k} className={k === 'failing' || k === 'rejected' ? (c[k] ? 'bad' : '') : ''}><dt>{t(`sync.counts.${k}`)}</dt><dd>{c[k].toLocaleString('vi-VN')}</dd></div>
        ))}
        {c.oldestPendingAt && <div><dt>{t('sync.oldest')}</dt><dd>{fmtDateTime(c.oldestPendingAt)}</dd></div>}
      </dl>}
      <div className="row" style={{ gap: '.6rem', alignItems: 'end' }}>
        <Field label={t('sync.filter')}>{(id) => (
          <select id={id} value={filter} onChange={(e) => { setFilter(e.target.value as Filter); setPage(1); }}>
            {FILTERS.map((f) => <option key={f} value={f}>{f ? t(`sync.counts.${f}`) : t('common.all')}</option>)}
          </select>
        )}</Field>
      </div>
      {msg && <div className="alert ok" role="status">{msg}</div>}
      <ErrorBox error={err ?? list.error} />
      {list.data && list.data.total === 0 && <p className="muted">{t('sync.none')}</p>}
      {list.data && list.data.total > 0 && <>
        <SyncTable items={list.data.items} onResend={resend} showDossier />
        {pages > 1 && <nav className="row" aria-label={t('common.pagination')}>
          <button disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('common.prev')}</button>
          <span>{t('common.page', { page, pages })}</span>
          <button disabled={page >= pages} onClick={() => setPage(page + 1)}>{t('common.next')}</button>
        </nav>}
      </>}
      <InboundDossiers />
    </section>
  );
}

/** Dossiers citizens filed on the national portal for this province: in a desk's queue, or refused and why. */
function InboundDossiers() {
  const { t, i18n } = useTranslation();
  const list = useAsync(() => api.portalInbound(), []);
  const items = list.data?.items ?? [];
  return (
    <div data-testid="portal-inbound">
      <h3>{t('sync.inbound.title')}</h3>
      <ErrorBox error={list.error} />
      {list.data && items.length === 0 && <p className="muted">{t('sync.inbound.none')}</p>}
      {items.length > 0 && <div className="table-wrap"><table>
        <caption className="sr-only">{t('sync.inbound.title')}</caption>
        <thead><tr>
          <th scope="col">{t('sync.inbound.portalId')}</th><th scope="col">{t('sync.inbound.submittedAt')}</th>
          <th scope="col">{t('sync.inbound.procedure')}</th><th scope="col">{t('sync.inbound.agency')}</th><th scope="col">{t('sync.inbound.outcome')}</th>
        </tr></thead>
        <tbody>{items.map((r) => (
          <tr key={r.portalId} data-testid="inbound-row" data-status={r.status}>
            <td className="code">{r.portalId}</td>
            <td>{r.submittedAt ? fmtDateTime(r.submittedAt, i18n.language) : '—'}</td>
            <td className="code">{r.procedureCode ?? '—'}</td>
            <td className="code">{r.agencyCode ?? '—'}</td>
            <td>
              <span className={`badge ${r.status === 'refused' ? 'bad' : 'ok'}`}>{t(`sync.inbound.${r.status}`)}</span>
              {r.dossierId && <> <Link to={`/dossiers/${encodeURIComponent(r.dossierId)}`}>{t('sync.inbound.open')}</Link></>}
              {r.reason && <><br /><span className="error-text">{r.reason}</span></>}
              {r.errors.slice(0, 3).map((e) => <span key={e.path} className="error-text"><br /><span className="code">{e.path}</span>: {e.message ?? e.code}</span>)}
              <br /><span className="muted">{r.acknowledgedAt ? t('sync.inbound.acked') : t('sync.inbound.ackWaiting')}{r.ackError ? ` (${r.ackError})` : ''}</span>
            </td>
          </tr>
        ))}</tbody>
      </table></div>}
    </div>
  );
}

/** The sync records as a table (the dashboard, and a dossier's own history without the dossier column). */
export function SyncTable({ items, onResend, showDossier }: { items: PortalSyncItem[]; onResend?: (id: string) => void; showDossier?: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <div className="table-wrap">
      <table data-testid="sync-table">
        <caption className="sr-only">{t('sync.title')}</caption>
        <thead><tr>
          <th scope="col">{t('sync.when')}</th>
          {showDossier && <th scope="col">{t('sync.dossier')}</th>}
          <th scope="col">{t('sync.event')}</th><th scope="col">{t('sync.service')}</th><th scope="col">{t('sync.nationalStatus')}</th>
          <th scope="col">{t('sync.status')}</th>{onResend && <th scope="col" />}
        </tr></thead>
        <tbody>{items.map((i) => (
          <tr key={i.id} data-testid="sync-row" data-status={i.status}>
            <td>{fmtDateTime(i.acceptedAt ?? i.lastErrorAt ?? i.createdAt, i18n.language)}</td>
            {showDossier && <td><Link to={`/dossiers/${encodeURIComponent(i.dossierCode)}`} className="code">{i.dossierCode}</Link>{i.agencyCode && <><br /><span className="muted code">{i.agencyCode}</span></>}</td>}
            <td>#{i.eventVersion} · {t(`actions.${i.action}`, { defaultValue: i.action })}</td>
            <td className="code">{i.service}</td>
            <td>{i.nationalStatus} — {en ? i.nationalStatusEn : i.nationalStatusVi}</td>
            <td>
              <span className={`badge ${i.status === 'rejected' || i.lastError ? 'bad' : i.status === 'accepted' ? 'ok' : ''}`}>{t(`sync.statuses.${i.status}`)}</span>
              {i.attempts > 1 && <> <span className="muted">{t('sync.attempts', { n: i.attempts })}</span></>}
              {i.portalErrorCode && <><br /><span className="error-text">{t('sync.portalSaid', { code: i.portalErrorCode })}: {i.portalErrorMessage}</span></>}
              {i.status === 'pending' && i.lastError && <><br /><span className="error-text">{i.lastError}</span></>}
              {i.status === 'pending' && i.attempts > 0 && i.nextAttemptAt && <><br /><span className="muted">{t('sync.next', { at: fmtDateTime(i.nextAttemptAt, i18n.language) })}</span></>}
            </td>
            {onResend && <td>{i.status === 'rejected' && <button onClick={() => onResend(i.id)}>{t('sync.resend')}</button>}</td>}
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}
