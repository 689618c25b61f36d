// Inbox: mine / my roles' pools / everything in scope; filters, search, server-side pagination;
// due-soon and overdue highlighted with the remaining working time; leaders assign in bulk.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type InboxItem } from '../api';
import { ErrorBox, Field, navigate, StatusBadge, useAsync, useLocation, useSession } from '../ui';
import { defaultCalendar, fmtDateTime, fmtWorkingHours, localDate, workingHoursBetween, type WorkCalendar } from '../util';

const TABS = ['mine', 'pool', 'all'] as const;
type Tab = (typeof TABS)[number];

/** Holidays + office hours of the official's agency, to show the remaining working time. */
export function useWorkCalendar(agencyCode: string | undefined): WorkCalendar {
  const [cal, setCal] = useState<WorkCalendar>(defaultCalendar);
  useEffect(() => {
    const y = Number(localDate(new Date()).slice(0, 4));
    Promise.all([
      api.holidays(y).catch(() => null),
      api.holidays(y + 1).catch(() => null),
      agencyCode ? api.officeHours(agencyCode).catch(() => null) : Promise.resolve(null),
    ]).then(([a, b, oh]) => {
      const c = defaultCalendar();
      for (const h of [...(a?.items ?? []), ...(b?.items ?? [])]) (h.kind === 'working_day_swap' ? c.swaps : c.off).add(h.date);
      if (oh?.current?.weekly) c.weekly = oh.current.weekly as WorkCalendar['weekly'];
      setCal(c);
    });
  }, [agencyCode]);
  return cal;
}

export function Remaining({ item, cal }: { item: Pick<InboxItem, 'dueAt' | 'overdue' | 'dueSoon' | 'nationalStatus'>; cal: WorkCalendar }) {
  const { t, i18n } = useTranslation();
  if (!item.dueAt || [3, 8, 9, 10].includes(item.nationalStatus)) return <span className="muted">—</span>;
  if (item.nationalStatus === 5 || item.nationalStatus === 6) return <span className="muted">{t('inbox.paused')}</span>;
  const h = workingHoursBetween(new Date(), new Date(item.dueAt), cal);
  const r = fmtWorkingHours(h, i18n.language);
  const cls = h < 0 || item.overdue ? 'late' : item.dueSoon ? 'soon' : '';
  return <span className={`remaining ${cls}`}>{h < 0 ? t('inbox.hoursLate', { h: r }) : t('inbox.hoursLeft', { h: r })}</span>;
}

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const { has, roles, me } = useSession();
  const { query } = useLocation();
  const leader = has('unit_leader', 'agency_leader');
  const [tab, setTab] = useState<Tab>((query.get('tab') as Tab) ?? (roles.has('procedure_control') && roles.size === 1 ? 'all' : 'mine'));
  const [q, setQ] = useState(query.get('q') ?? '');
  const [filters, setFilters] = useState({
    q: query.get('q') ?? '', status: query.get('status') ?? '', procedure: query.get('procedure') ?? '', agency: query.get('agency') ?? '',
    overdue: query.get('overdue') === 'true', dueSoon: query.get('dueSoon') === 'true',
  });
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const list = useAsync(() => api.dossiers({
    page, pageSize, q: filters.q || undefined, status: filters.status || undefined, procedure: filters.procedure || undefined, agency: filters.agency || undefined,
    overdue: filters.overdue || undefined, dueSoon: filters.dueSoon || undefined,
    mine: tab === 'mine' || undefined, pool: tab === 'pool' || undefined,
  }), [tab, page, filters]);
  const cal = useWorkCalendar(me.roles[0]?.agencyCode);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assignee, setAssignee] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const items = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));
  useEffect(() => setSelected(new Set()), [tab, page, filters]);
  const byId = useMemo(() => new Map(items.map((i) => [i.id, i])), [items]);

  async function bulkAssign() {
    setErr(null); setMsg(null);
    let ok = 0; let failed = 0;
    for (const id of selected) {
      const it = byId.get(id);
      if (!it) continue;
      try { await api.act(id, 'assign', it.version, { userId: assignee.trim() }); ok++; } catch (e) { failed++; setErr(e); }
    }
    setMsg(t('inbox.assigned', { ok, failed }));
    setSelected(new Set());
    list.reload();
  }

  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <div className="tabs" role="tablist" aria-label={t('inbox.title')}>
        {TABS.map((k) => <button key={k} role="tab" aria-selected={tab === k} onClick={() => { setTab(k); setPage(1); }}>{t(`inbox.${k}`)}</button>)}
      </div>
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); setPage(1); setFilters((f) => ({ ...f, q })); }}>
        <Field label={t('common.search')}>{(id) => <input id={id} type="search" placeholder={t('inbox.q')} value={q} onChange={(e) => setQ(e.target.value)} />}</Field>
        <Field label={t('inbox.status')}>{(id) => (
          <select id={id} value={filters.status} onChange={(e) => { setPage(1); setFilters((f) => ({ ...f, status: e.target.value })); }}>
            <option value="">{t('common.all')}</option>
            {[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => <option key={s} value={s}>{s}. {t(`status.${s}`)}</option>)}
          </select>
        )}</Field>
        <Field label={t('inbox.procedure')}>{(id) => <input id={id} value={filters.procedure} onChange={(e) => { setPage(1); setFilters((f) => ({ ...f, procedure: e.target.value.trim() })); }} />}</Field>
        <label className="check"><input type="checkbox" checked={filters.overdue} onChange={(e) => { setPage(1); setFilters((f) => ({ ...f, overdue: e.target.checked })); }} />{t('inbox.overdue')}</label>
        <label className="check"><input type="checkbox" checked={filters.dueSoon} onChange={(e) => { setPage(1); setFilters((f) => ({ ...f, dueSoon: e.target.checked })); }} />{t('inbox.dueSoon')}</label>
        <button type="submit" className="primary">{t('common.search')}</button>
      </form>
      {filters.agency && <p className="muted">{t('inbox.agency')}: <span className="code">{filters.agency}</span> <button className="small" onClick={() => setFilters((f) => ({ ...f, agency: '' }))}>×</button></p>}

      {leader && selected.size > 0 && (
        <div className="card row" role="region" aria-label={t('inbox.assign', { n: selected.size })}>
          <Field label={t('inbox.assignTo')}>{(id) => <input id={id} value={assignee} onChange={(e) => setAssignee(e.target.value)} autoComplete="off" />}</Field>
          <button className="primary" disabled={!assignee.trim()} onClick={() => void bulkAssign()}>{t('inbox.assign', { n: selected.size })}</button>
        </div>
      )}
      {msg && <div className="alert ok" role="status">{msg}</div>}
      <ErrorBox error={list.error ?? err} />

      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <thead>
            <tr>
              {leader && <th><input type="checkbox" aria-label={t('inbox.selectAll')} checked={items.length > 0 && selected.size === items.length} onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())} /></th>}
              <th>{t('inbox.code')}</th><th>{t('inbox.applicant')}</th><th>{t('inbox.procedureName')}</th><th>{t('inbox.status')}</th><th>{t('inbox.due')}</th><th>{t('inbox.remaining')}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && !list.loading && <tr><td colSpan={7} className="muted">{t('inbox.empty')}</td></tr>}
            {items.map((it) => {
              const href = `/dossiers/${encodeURIComponent(it.code ?? it.id)}`;
              return (
                <tr key={it.id} className={`clickable ${it.overdue ? 'overdue' : it.dueSoon ? 'duesoon' : ''}`} onClick={(e) => { if ((e.target as HTMLElement).closest('input,a,button')) return; navigate(href); }}>
                  {leader && <td><input type="checkbox" aria-label={t('inbox.select', { code: it.code ?? it.applicantName })} checked={selected.has(it.id)} onChange={(e) => setSelected((s) => { const n = new Set(s); if (e.target.checked) n.add(it.id); else n.delete(it.id); return n; })} /></td>}
                  <td><a className="code" href={href} onClick={(e) => { e.preventDefault(); navigate(href); }}>{it.code ?? t('inbox.noCode')}</a></td>
                  <td>{it.applicantName}</td>
                  <td><span className="code">{it.procedureCode}</span> {it.procedureName.length > 90 ? `${it.procedureName.slice(0, 90)}…` : it.procedureName}</td>
                  <td><StatusBadge status={it.nationalStatus} />{it.stepKey && <div><small>{t(`steps.${it.stepKey}`, { defaultValue: it.stepKey })}</small></div>}</td>
                  <td>{fmtDateTime(it.dueAt, i18n.language)}</td>
                  <td><Remaining item={it} cal={cal} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="pagination">
        <span>{t('common.total', { n: list.data?.total ?? 0 })}</span>
        <button disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>{t('common.prev')}</button>
        <span aria-live="polite">{t('common.page', { page, pages })}</span>
        <button disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>{t('common.next')}</button>
      </nav>
    </>
  );
}
