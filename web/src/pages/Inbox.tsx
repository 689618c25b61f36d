// Inbox: mine / my roles' pools / everything in scope; filters, search, server-side pagination;
// due-soon and overdue highlighted with the remaining working time; leaders assign in bulk.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type InboxItem, type Official } from '../api';
import { appHref, ErrorBox, Field, navigate, StatusBadge, TabPanel, Tabs, useAsync, useLocation, useSession } from '../ui';
import { DateInput } from '../DateInput';
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

const FILTER_KEYS = ['q', 'status', 'procedure', 'agency', 'field', 'channel', 'receivedFrom', 'receivedTo', 'finishedFrom', 'finishedTo', 'overdue', 'dueSoon', 'sort'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const SORTS = ['updated_desc', 'due_asc', 'received_desc'] as const;

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const { has, roles, me } = useSession();
  const { query } = useLocation();
  const leader = has('unit_leader', 'agency_leader');
  // the URL is the state: tab, filters and page survive a reload and can be linked to
  const qTab = query.get('tab') as Tab | null;
  const tab: Tab = qTab && TABS.includes(qTab) ? qTab : roles.has('procedure_control') && roles.size === 1 ? 'all' : 'mine';
  const f = Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ''])) as Record<FilterKey, string>;
  const page = Math.max(1, Number(query.get('page')) || 1);
  const go = (patch: Partial<Record<FilterKey | 'tab' | 'page', string>>) => {
    const next = new URLSearchParams(query);
    if (!('page' in patch)) next.delete('page');
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    const s = next.toString();
    navigate(`/inbox${s ? `?${s}` : ''}`, true, true);
  };
  const [q, setQ] = useState(f.q);
  useEffect(() => setQ(f.q), [f.q]);
  const fields = useAsync(() => api.fields(), []);
  const pageSize = 20;
  const key = `${tab}|${page}|${FILTER_KEYS.map((k) => f[k]).join('|')}`;
  const list = useAsync(() => api.dossiers({
    page, pageSize, q: f.q || undefined, status: f.status || undefined, procedure: f.procedure || undefined, agency: f.agency || undefined,
    field: f.field || undefined, channel: f.channel || undefined, receivedFrom: f.receivedFrom || undefined, receivedTo: f.receivedTo || undefined,
    finishedFrom: f.finishedFrom || undefined, finishedTo: f.finishedTo || undefined, sort: f.sort || undefined,
    overdue: f.overdue === 'true' || undefined, dueSoon: f.dueSoon === 'true' || undefined,
    mine: tab === 'mine' || undefined, pool: tab === 'pool' || undefined,
  }), [key]);
  const cal = useWorkCalendar(me.roles[0]?.agencyCode);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assignee, setAssignee] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const items = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));
  // a capped count ("more than 1,000"): the pages go on while a page comes back full
  const capped = list.data?.totalCapped === true;
  useEffect(() => setSelected(new Set()), [key]);
  const byId = useMemo(() => new Map(items.map((i) => [i.id, i])), [items]);
  const active = FILTER_KEYS.some((k) => f[k]);

  async function bulkAssign() {
    setErr(null); setMsg(null);
    let ok = 0; let failed = 0;
    for (const id of selected) {
      const it = byId.get(id);
      if (!it) continue;
      try { await api.act(id, 'assign', it.version, { userId: assignee }); ok++; } catch (e) { failed++; setErr(e); }
    }
    setMsg(t('inbox.assigned', { ok, failed }));
    setSelected(new Set());
    list.reload();
  }

  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <Tabs id="inbox" label={t('inbox.title')} tabs={TABS.map((k) => ({ key: k, label: t(`inbox.${k}`) }))} value={tab} onChange={(k) => go({ tab: k })} />
      <TabPanel id="inbox" value={tab}>
        <form className="filters" role="search" aria-label={t('inbox.filters')} onSubmit={(e) => { e.preventDefault(); go({ q: q.trim() }); }}>
          <Field label={t('common.search')} className="f-q">{(id) => <input id={id} type="search" placeholder={t('inbox.q')} value={q} onChange={(e) => setQ(e.target.value)} />}</Field>
          <Field label={t('inbox.status')}>{(id) => (
            <select id={id} value={f.status} onChange={(e) => go({ status: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => <option key={s} value={s}>{s}. {t(`status.${s}`)}</option>)}
            </select>
          )}</Field>
          <Field label={t('inbox.field')} className="f-field">{(id) => (
            <select id={id} value={f.field} onChange={(e) => go({ field: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {f.field && !fields.data?.items.some((x) => x.name === f.field) && <option value={f.field}>{f.field}</option>}
              {fields.data?.items.map((x) => <option key={x.name} value={x.name}>{x.name}</option>)}
            </select>
          )}</Field>
          <Field label={t('inbox.channel')}>{(id) => (
            <select id={id} value={f.channel} onChange={(e) => go({ channel: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {[1, 2, 3].map((c) => <option key={c} value={c}>{t(`channel.${c}`)}</option>)}
            </select>
          )}</Field>
          <Field label={t('inbox.procedure')}>{(id) => <input id={id} value={f.procedure} onChange={(e) => go({ procedure: e.target.value.trim() })} />}</Field>
          <Field label={t('inbox.receivedFrom')}>{(id) => <DateInput id={id} name="receivedFrom" value={f.receivedFrom} onChange={(iso) => { if (iso !== null) go({ receivedFrom: iso }); }} />}</Field>
          <Field label={t('inbox.receivedTo')}>{(id) => <DateInput id={id} name="receivedTo" value={f.receivedTo} onChange={(iso) => { if (iso !== null) go({ receivedTo: iso }); }} />}</Field>
          <Field label={t('inbox.sort')}>{(id) => (
            <select id={id} value={f.sort || 'updated_desc'} onChange={(e) => go({ sort: e.target.value === 'updated_desc' ? '' : e.target.value })}>
              {SORTS.map((s) => <option key={s} value={s}>{t(`inbox.sorts.${s}`)}</option>)}
            </select>
          )}</Field>
          <div className="f-end">
            <label className="check"><input type="checkbox" checked={f.overdue === 'true'} onChange={(e) => go({ overdue: e.target.checked ? 'true' : '' })} />{t('inbox.overdue')}</label>
            <label className="check"><input type="checkbox" checked={f.dueSoon === 'true'} onChange={(e) => go({ dueSoon: e.target.checked ? 'true' : '' })} />{t('inbox.dueSoon')}</label>
            <button type="submit" className="primary">{t('common.search')}</button>
            {active && <button type="button" onClick={() => { setQ(''); navigate(`/inbox?tab=${tab}`, true, true); }}>{t('inbox.clear')}</button>}
          </div>
        </form>
        {(f.agency || f.finishedFrom || f.finishedTo) && (
          <p className="chips">
            {f.agency && <span className="chip">{t('inbox.agency')}: <span className="code">{f.agency}</span> <button type="button" className="small" aria-label={`${t('inbox.clear')}: ${t('inbox.agency')}`} onClick={() => go({ agency: '' })}>×</button></span>}
            {f.finishedFrom && <span className="chip">{t('inbox.finishedFrom')}: {f.finishedFrom} <button type="button" className="small" aria-label={`${t('inbox.clear')}: ${t('inbox.finishedFrom')}`} onClick={() => go({ finishedFrom: '' })}>×</button></span>}
            {f.finishedTo && <span className="chip">{t('inbox.finishedTo')}: {f.finishedTo} <button type="button" className="small" aria-label={`${t('inbox.clear')}: ${t('inbox.finishedTo')}`} onClick={() => go({ finishedTo: '' })}>×</button></span>}
          </p>
        )}

        {leader && selected.size > 0 && (
          <section className="card bulk" aria-label={t('inbox.bulk')}>
            <AssigneePicker value={assignee} onChange={setAssignee} />
            <button type="button" className="primary" disabled={!assignee} onClick={() => void bulkAssign()}>{t('inbox.assign', { n: selected.size })}</button>
          </section>
        )}
        {msg && <div className="alert ok" role="status">{msg}</div>}
        <ErrorBox error={list.error ?? err} />

        <div className="table-wrap">
          <table aria-busy={list.loading} data-testid="inbox-table">
            <caption className="sr-only">{t('inbox.title')}: {t(`inbox.${tab}`)}</caption>
            <thead>
              <tr>
                {leader && <th scope="col"><input type="checkbox" aria-label={t('inbox.selectAll')} checked={items.length > 0 && selected.size === items.length} onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())} /></th>}
                <th scope="col">{t('inbox.code')}</th><th scope="col">{t('inbox.applicant')}</th><th scope="col">{t('inbox.procedureName')}</th><th scope="col">{t('inbox.status')}</th><th scope="col">{t('inbox.due')}</th><th scope="col">{t('inbox.remaining')}</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && !list.loading && <tr><td colSpan={7} className="muted">{t('inbox.empty')}</td></tr>}
              {items.map((it) => {
                const href = `/dossiers/${encodeURIComponent(it.code ?? it.id)}`;
                return (
                  <tr key={it.id} className={`clickable ${it.overdue ? 'overdue' : it.dueSoon ? 'duesoon' : ''}`} onClick={(e) => { if ((e.target as HTMLElement).closest('input,a,button')) return; navigate(href); }}>
                    {leader && <td><input type="checkbox" aria-label={t('inbox.select', { code: it.code ?? it.applicantName })} checked={selected.has(it.id)} onChange={(e) => setSelected((s) => { const n = new Set(s); if (e.target.checked) n.add(it.id); else n.delete(it.id); return n; })} /></td>}
                    <td><a className="code" href={appHref(href)} onClick={(e) => { e.preventDefault(); navigate(href); }}>{it.code ?? t('inbox.noCode')}</a>{it.channel !== 1 && <div><small>{t(`channel.${it.channel}`)}</small></div>}</td>
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
        <nav className="pager" aria-label={t('common.pagination')}>
          <span>{t(capped ? 'common.totalCapped' : 'common.total', { n: (list.data?.total ?? 0).toLocaleString(i18n.language) })}</span>
          <button type="button" disabled={page <= 1} onClick={() => go({ page: String(page - 1) })}>{t('common.prev')}</button>
          <span aria-live="polite">{t('common.page', { page, pages: capped ? `${Math.max(page, pages)}+` : pages })}</span>
          <button type="button" disabled={capped ? items.length < pageSize : page >= pages} onClick={() => go({ page: String(page + 1) })}>{t('common.next')}</button>
        </nav>
      </TabPanel>
    </>
  );
}

/** Officials of the leader's agencies (GET /agencies/{code}/officials), searchable; the value is a user id. */
export function AssigneePicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const agencies = useMemo(() => [...new Set(me.roles.filter((r) => r.role === 'unit_leader' || r.role === 'agency_leader').map((r) => r.agencyCode))], [me]);
  const [term, setTerm] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => { const h = setTimeout(() => setQ(term.trim()), 250); return () => clearTimeout(h); }, [term]);
  const list = useAsync(async () => {
    const all = await Promise.all(agencies.map((a) => api.officials(a, { q: q || undefined }).then((r) => r.items)));
    const seen = new Map<string, Official>();
    for (const o of all.flat()) if (!seen.has(o.id)) seen.set(o.id, o);
    return [...seen.values()].sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  }, [agencies.join(','), q]);
  const items = list.data ?? [];
  return (
    <div className="picker">
      <Field label={t('inbox.findOfficial')}>{(id) => <input id={id} type="search" value={term} autoComplete="off" onChange={(e) => setTerm(e.target.value)} />}</Field>
      <Field label={t('inbox.assignee')}>{(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-busy={list.loading}>
          <option value="">{items.length || list.loading ? t('inbox.pickOfficial') : t('inbox.noOfficials')}</option>
          {items.map((o) => (
            <option key={o.id} value={o.id}>{o.fullName} ({o.username}) — {[...new Set(o.roles.map((r) => t(`roles.${r.role}`)))].join(', ')}</option>
          ))}
        </select>
      )}</Field>
      <ErrorBox error={list.error} />
    </div>
  );
}
