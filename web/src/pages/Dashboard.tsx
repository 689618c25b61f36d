// Leader dashboard (code-split: ECharts loads only here). There is no reports API yet, so the numbers come
// from the dossiers API: the totals are exact (`total` of filtered queries); the breakdowns are computed
// from the dossiers themselves (up to a cap, said on screen when reached).
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { api, type Dossier, type InboxItem } from '../api';
import { ErrorBox, navigate, useAsync, useSession } from '../ui';
import { localDate, toCsv } from '../util';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

const CAP_LIST = 1000;
const CAP_DETAIL = 300;
const RECEIVED = [2, 4, 5, 6, 7, 8, 9, 10];
const IN_PROCESS = [2, 4, 5, 6, 7];

async function pool<T, R>(xs: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(xs.length);
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(n, xs.length) }, async () => {
    while (i < xs.length) { const k = i++; out[k] = await f(xs[k]!); }
  }));
  return out;
}

interface Stats {
  byStatus: Record<number, number>;
  overdue: number;
  dueSoon: number;
  total: number;
  items: InboxItem[];
  details: Dossier[];
  fields: Record<string, string>;
  users: Record<string, string>;
}

async function load(meId: string, meName: string): Promise<Stats> {
  const counts = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => api.dossiers({ status: s, pageSize: 1 }).then((r) => r.total)));
  const [overdue, dueSoon] = await Promise.all([api.dossiers({ overdue: true, pageSize: 1 }).then((r) => r.total), api.dossiers({ dueSoon: true, pageSize: 1 }).then((r) => r.total)]);
  const byStatus: Record<number, number> = {};
  counts.forEach((n, i) => (byStatus[i + 1] = n));
  const items: InboxItem[] = [];
  for (let page = 1; items.length < CAP_LIST; page++) {
    const r = await api.dossiers({ page, pageSize: 200 });
    items.push(...r.items);
    if (r.items.length < 200) break;
  }
  const received = items.filter((i) => RECEIVED.includes(i.nationalStatus)).slice(0, CAP_DETAIL);
  const details = await pool(received, 6, (i) => api.dossier(i.id));
  const fields: Record<string, string> = {};
  for (const code of [...new Set(details.map((d) => d.procedure.code))]) {
    try { fields[code] = (await api.procedure(code)).field ?? '—'; } catch { fields[code] = '—'; }
  }
  const users: Record<string, string> = { [meId]: meName };
  try { for (const u of (await api.users({ pageSize: 200 })).items) users[u.id] = u.fullName; } catch { /* only admins list users */ }
  return { byStatus, overdue, dueSoon, total: counts.reduce((a, b) => a + b, 0), items, details, fields, users };
}

export const onTime = (d: Dossier): boolean => !!d.finishedAt && !!d.dueAt && new Date(d.finishedAt) <= new Date(d.dueAt) && !d.detail.lateForIndicators;

function Chart({ option, label, onClick }: { option: echarts.EChartsCoreOption; label: string; onClick?: (name: string, dataIndex: number) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const animate = !navigator.webdriver && !matchMedia('(prefers-reduced-motion: reduce)').matches;
    c.setOption({ animation: animate, textStyle: { fontFamily: 'Be Vietnam Pro, sans-serif' }, tooltip: {}, ...option });
    if (onClick) c.on('click', (p: any) => onClick(p.name, p.dataIndex));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => { ro.disconnect(); c.dispose(); };
  }, [option, onClick]);
  return <div ref={ref} className="chart" role="img" aria-label={label} />;
}

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const s = useAsync(() => load(me.id, me.fullName), []);
  const [dim, setDim] = useState<'agency' | 'field' | 'procedure' | 'official' | 'period'>('agency');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  const view = useMemo(() => {
    if (!s.data) return null;
    const st = s.data.byStatus;
    const sum = (xs: number[]) => xs.reduce((a, k) => a + (st[k] ?? 0), 0);
    // a period (by local acceptance date) filters the dossiers themselves; the API totals then do not apply
    const period = !!(from || to);
    const inPeriod = (d: Dossier) => { const day = d.acceptedAt ? localDate(new Date(d.acceptedAt)) : ''; return !!day && (!from || day >= from) && (!to || day <= to); };
    const details = period ? s.data.details.filter(inPeriod) : s.data.details;
    const resolvedDetails = details.filter((d) => d.finishedAt && [9, 10].includes(d.nationalStatus));
    const ok = resolvedDetails.filter(onTime).length;
    const dimKey = (d: Dossier): [string, string] | null => {
      switch (dim) {
        case 'agency': return d.agencies.competent ? [d.agencies.competent.code, d.agencies.competent.name] : null;
        case 'field': { const f = s.data!.fields[d.procedure.code] ?? '—'; return [f, f]; }
        case 'procedure': return [d.procedure.code, `${d.procedure.code} ${d.procedure.name.slice(0, 40)}`];
        case 'official': { const u = (d.detail.stepHandlers as Record<string, string>)?.handling ?? d.assigneeId; return u ? [u, s.data!.users[u] ?? u.slice(0, 8)] : null; }
        case 'period': { const m = d.acceptedAt ? localDate(new Date(d.acceptedAt)).slice(0, 7) : null; return m ? [m, m] : null; }
      }
    };
    const rows = new Map<string, { key: string; name: string; received: number; resolved: number; onTime: number; inProcess: number; overdue: number }>();
    for (const d of details) {
      const k = dimKey(d);
      if (!k) continue;
      const r = rows.get(k[0]) ?? { key: k[0], name: k[1], received: 0, resolved: 0, onTime: 0, inProcess: 0, overdue: 0 };
      r.received++;
      if ([9, 10].includes(d.nationalStatus)) { r.resolved++; if (onTime(d)) r.onTime++; }
      if (IN_PROCESS.includes(d.nationalStatus)) r.inProcess++;
      if (d.overdue) r.overdue++;
      rows.set(k[0], r);
    }
    const table = [...rows.values()].sort((a, b) => (dim === 'period' ? a.key.localeCompare(b.key) : b.received - a.received));
    return {
      period,
      received: period ? details.length : sum(RECEIVED),
      resolved: period ? resolvedDetails.length : sum([9, 10]),
      inProcess: period ? details.filter((d) => IN_PROCESS.includes(d.nationalStatus)).length : sum(IN_PROCESS),
      overdue: period ? details.filter((d) => d.overdue).length : s.data.overdue,
      dueSoon: period ? details.filter((d) => d.dueSoon).length : s.data.dueSoon,
      ok, resolvedKnown: resolvedDetails.length,
      rate: resolvedDetails.length ? Math.round((ok / resolvedDetails.length) * 1000) / 10 : null, table,
    };
  }, [s.data, dim, from, to]);

  const statusOption = useMemo(() => s.data && ({
    grid: { left: 160, right: 20, top: 10, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => t(`status.${k}`)) },
    series: [{ type: 'bar', barMaxWidth: 28, data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => s.data!.byStatus[k] ?? 0), itemStyle: { color: '#0b57d0' }, label: { show: true, position: 'right' } }],
  }), [s.data, t]);
  const dimOption = useMemo(() => view && ({
    legend: { top: 0 },
    grid: { left: 40, right: 20, top: 30, bottom: 70 },
    xAxis: { type: 'category', data: view.table.map((r) => r.name), axisLabel: { interval: 0, rotate: view.table.length > 4 ? 25 : 0, width: 140, overflow: 'truncate' } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('dash.onTime'), type: 'bar', stack: 'r', barMaxWidth: 56, data: view.table.map((r) => r.onTime), itemStyle: { color: '#146c2e' } },
      { name: t('dash.late'), type: 'bar', stack: 'r', data: view.table.map((r) => r.resolved - r.onTime), itemStyle: { color: '#b3261e' } },
      { name: t('dash.inProcess'), type: 'bar', stack: 'r', data: view.table.map((r) => r.inProcess), itemStyle: { color: '#f0a202' } },
    ],
  }), [view, t]);

  const drillStatus = useMemo(() => (_: string, i: number) => navigate(`/inbox?tab=all&status=${i + 1}`), []);
  const drillDim = useMemo(() => (_: string, i: number) => {
    const r = view?.table[i];
    if (!r) return;
    if (dim === 'agency') navigate(`/inbox?tab=all&agency=${encodeURIComponent(r.key)}`);
    else if (dim === 'procedure') navigate(`/inbox?tab=all&procedure=${encodeURIComponent(r.key)}`);
  }, [view, dim]);

  function exportRows(kind: 'csv' | 'xls') {
    if (!view) return;
    const head = [t('dash.name'), t('dash.received'), t('dash.resolved'), t('dash.onTime'), t('dash.inProcess'), t('dash.overdue')];
    const rows = view.table.map((r) => [r.name, r.received, r.resolved, r.onTime, r.inProcess, r.overdue]);
    let blob: Blob;
    if (kind === 'csv') blob = new Blob([toCsv([head, ...rows])], { type: 'text/csv;charset=utf-8' });
    else {
      const esc = (x: unknown) => String(x).replace(/&/g, '&amp;').replace(/</g, '&lt;');
      const html = `<html><head><meta charset="utf-8"></head><body><table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table></body></html>`;
      blob = new Blob([html], { type: 'application/vnd.ms-excel' });
    }
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `thong-ke-${dim}.${kind}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  return (
    <>
      <div className="row"><h1>{t('dash.title')}</h1><span className="spacer" />
        <label htmlFor="d-from">{t('dash.from')}</label><input id="d-from" type="date" style={{ width: 'auto' }} value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor="d-to">{t('dash.to')}</label><input id="d-to" type="date" style={{ width: 'auto' }} value={to} onChange={(e) => setTo(e.target.value)} />
        <button onClick={s.reload}>{t('dash.refresh')}</button></div>
      <ErrorBox error={s.error} />
      {!s.data || !view ? <p className="loading">{t('app.loading')}</p> : (
        <>
          <div className="kpis" data-testid="kpis">
            <Kpi label={t('dash.received')} n={view.received} onClick={() => navigate('/inbox?tab=all')} />
            <Kpi label={t('dash.resolved')} n={view.resolved} onClick={() => navigate('/inbox?tab=all&status=10')} />
            <Kpi label={t('dash.inProcess')} n={view.inProcess} onClick={() => navigate('/inbox?tab=all&status=4')} />
            <Kpi label={t('dash.onTimeRate')} n={view.rate === null ? '—' : `${view.rate.toLocaleString(i18n.language)}%`} sub={`${view.ok}/${view.resolvedKnown}`} tone="good" testid="on-time" />
            <Kpi label={t('dash.overdue')} n={view.overdue} tone={view.overdue > 0 ? 'bad' : undefined} onClick={() => navigate('/inbox?tab=all&overdue=true')} />
            <Kpi label={t('dash.dueSoon')} n={view.dueSoon} onClick={() => navigate('/inbox?tab=all&dueSoon=true')} />
          </div>
          <p className="muted"><small>{t('dash.computed', { n: s.data.details.length, total: s.data.total })} {s.data.items.length >= CAP_LIST || s.data.details.length >= CAP_DETAIL ? t('dash.capped', { n: s.data.details.length }) : ''} {t('dash.drill')}.</small></p>
          <div className="charts">
            <section className="card"><h2>{t('dash.byStatus')}</h2>{statusOption && <Chart option={statusOption} label={t('dash.byStatus')} onClick={drillStatus} />}</section>
            <section className="card">
              <div className="row">
                <h2 style={{ margin: 0 }}>{t(`dash.by${dim[0]!.toUpperCase()}${dim.slice(1)}`)}</h2>
                <span className="spacer" />
                <label className="sr-only" htmlFor="dim">{t('dash.name')}</label>
                <select id="dim" style={{ width: 'auto' }} value={dim} onChange={(e) => setDim(e.target.value as typeof dim)}>
                  {(['agency', 'field', 'procedure', 'official', 'period'] as const).map((k) => <option key={k} value={k}>{t(`dash.by${k[0]!.toUpperCase()}${k.slice(1)}`)}</option>)}
                </select>
              </div>
              {dimOption && <Chart option={dimOption} label={t(`dash.by${dim[0]!.toUpperCase()}${dim.slice(1)}`)} onClick={drillDim} />}
            </section>
          </div>
          <section className="card">
            <div className="row"><h2 style={{ margin: 0 }}>{t(`dash.by${dim[0]!.toUpperCase()}${dim.slice(1)}`)}</h2><span className="spacer" />
              <button onClick={() => exportRows('csv')}>{t('dash.export')}</button><button onClick={() => exportRows('xls')}>{t('dash.exportXls')}</button></div>
            <div className="table-wrap" style={{ marginTop: '.5rem' }}>
              <table>
                <thead><tr><th>{t('dash.name')}</th><th>{t('dash.received')}</th><th>{t('dash.resolved')}</th><th>{t('dash.onTime')}</th><th>{t('dash.inProcess')}</th><th>{t('dash.overdue')}</th></tr></thead>
                <tbody>{view.table.map((r) => <tr key={r.key}><td>{r.name}</td><td>{r.received}</td><td>{r.resolved}</td><td>{r.onTime}</td><td>{r.inProcess}</td><td>{r.overdue}</td></tr>)}</tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}

function Kpi({ label, n, sub, tone, onClick, testid }: { label: string; n: number | string; sub?: string; tone?: 'good' | 'bad'; onClick?: () => void; testid?: string }) {
  const inner = <><div className="n">{n}</div><div className="l">{label}{sub && <> · {sub}</>}</div></>;
  return onClick
    ? <button className={`kpi ${tone ?? ''}`} style={{ textAlign: 'left' }} onClick={onClick} data-testid={testid}>{inner}</button>
    : <div className={`kpi ${tone ?? ''}`} data-testid={testid}>{inner}</div>;
}

