// Leader dashboard on the reports API (code-split: ECharts loads only here). A reporting period (presets or
// from/to) and an agency of the caller's scope, both kept in the URL; KPI tiles; on-time/late and 12-month
// charts; the official progress table (by agency, field, procedure, channel, month) where every figure
// opens the list of the dossiers behind it (/dashboard/dossiers?…); results by official, every number
// opening the steps or dossiers behind it (the same page with userId); the QĐ 766
// indicators (unavailable ones greyed with what is missing); Excel exports from the server.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import {
  api, download, MEASURES, OFFICIAL_MEASURES, qs, type Agency, type GroupBy, type Indicators, type Measure, type OfficialDrillItem, type OfficialMeasure, type OfficialRow,
  type Progress, type ProgressRow, type ReportQuery, type Role,
} from '../api';
import { ErrorBox, Link, navigate, StatusBadge, TabPanel, Tabs, useAsync, useLocation, useSession } from '../ui';
import { DateInput } from '../DateInput';
import { fmtDateTime, fmtLocalDate, fmtRate, isIsoDate, localDate, monthStartBefore, PRESETS, presetRange, type Preset } from '../util';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

const GROUPS: GroupBy[] = ['agency', 'field', 'procedure', 'channel', 'month'];
const SCOPE_ROLES: Role[] = ['unit_leader', 'agency_leader', 'procedure_control', 'admin'];
/** The progress row of dossiers without a field (lĩnh vực) when the server sends no key. */
const NO_KEY = '__none__';
const FONT = "'Be Vietnam Pro', system-ui, sans-serif";
const COLORS = { early: '#0d652d', onTime: '#34a853', late: '#b3261e', inOk: '#8ab4f8', inLate: '#f29900', received: '#0b57d0', resolved: '#34a853', rate: '#c8102e' };

/** Charts: no animation under automation or reduced motion (screenshots), the app's font for labels. */
function Chart({ option, label, height, onClick }: { option: echarts.EChartsCoreOption; label: string; height: number; onClick?: (seriesIndex: number, dataIndex: number) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const animate = !navigator.webdriver && !matchMedia('(prefers-reduced-motion: reduce)').matches;
    c.setOption({ animation: animate, textStyle: { fontFamily: FONT }, ...option });
    if (onClick) c.on('click', (p: any) => onClick(p.seriesIndex, p.dataIndex));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => { ro.disconnect(); c.dispose(); };
  }, [option, onClick]);
  return <div ref={ref} className="chart" style={{ height }} role="img" aria-label={label} />;
}

// ---- the period, agency and tabs live in the URL ----

interface DashState { preset: Preset; from: string; to: string; agency: string; by: GroupBy; chartBy: 'agency' | 'field' }

function readState(query: URLSearchParams): DashState {
  const today = localDate(new Date());
  const p = query.get('p');
  const preset: Preset = (PRESETS as readonly string[]).includes(p ?? '') ? (p as Preset) : 'this_month';
  const range = preset === 'custom'
    ? { from: query.get('from') ?? presetRange('this_month', today).from, to: query.get('to') ?? today }
    : presetRange(preset, today);
  const by = query.get('by');
  return { preset, ...range, agency: query.get('agency') ?? '', by: GROUPS.includes(by as GroupBy) ? (by as GroupBy) : 'agency', chartBy: query.get('chart') === 'field' ? 'field' : 'agency' };
}

function writeState(s: DashState): string {
  return qs({
    p: s.preset === 'this_month' ? undefined : s.preset,
    from: s.preset === 'custom' ? s.from : undefined,
    to: s.preset === 'custom' ? s.to : undefined,
    agency: s.agency || undefined,
    by: s.by === 'agency' ? undefined : s.by,
    chart: s.chartBy === 'agency' ? undefined : s.chartBy,
  });
}

function drillHref(rq: ReportQuery, groupBy: GroupBy | undefined, key: string | null | undefined, measure: Measure, label: string, ret: string): string {
  return `/dashboard/dossiers${qs({ ...rq, groupBy, key: key ?? undefined, measure, label, ret })}`;
}

/** The steps or dossiers behind a number of an official's row (the same drill-down page, with userId). */
function officialHref(rq: ReportQuery, userId: string, measure: OfficialMeasure, name: string, ret: string): string {
  return `/dashboard/dossiers${qs({ ...rq, userId, measure, label: name, ret })}`;
}

export default function DashboardPage() {
  const { path, query } = useLocation();
  return path.startsWith('/dashboard/dossiers') ? <DrillPage query={query} /> : <Overview query={query} />;
}

/** Agencies of the caller's reporting scope (their assignments' subtrees), depth-first. */
function useScopeAgencies(): { items: Array<Agency & { level: number }>; names: Map<string, string> } {
  const { me } = useSession();
  const list = useAsync(() => api.agencies(), []);
  return useMemo(() => {
    const all = list.data?.items ?? [];
    const names = new Map(all.map((a) => [a.code, a.name]));
    const kids = new Map<string | null, Agency[]>();
    for (const a of all) kids.set(a.parentId, [...(kids.get(a.parentId) ?? []), a]);
    const roots = new Set(me.roles.filter((r) => SCOPE_ROLES.includes(r.role)).map((r) => r.agencyCode));
    const out: Array<Agency & { level: number }> = [];
    const seen = new Set<string>();
    const walk = (a: Agency, level: number) => {
      if (seen.has(a.id)) return;
      seen.add(a.id);
      out.push({ ...a, level });
      for (const k of (kids.get(a.id) ?? []).sort((x, y) => x.code.localeCompare(y.code))) walk(k, level + 1);
    };
    for (const a of all.filter((x) => roots.has(x.code)).sort((x, y) => x.depth - y.depth || x.code.localeCompare(y.code))) walk(a, 0);
    return { items: out, names };
  }, [list.data, me]);
}

function Overview({ query }: { query: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const st = readState(query);
  const set = (patch: Partial<DashState>) => navigate(`/dashboard${writeState({ ...st, ...patch })}`, true, true);
  const [refresh, setRefresh] = useState(0);
  const valid = isIsoDate(st.from) && isIsoDate(st.to) && st.from <= st.to;
  const rq: ReportQuery = { from: st.from, to: st.to, agency: st.agency || undefined };
  const k = `${st.from}|${st.to}|${st.agency}|${refresh}`;
  const none = <T,>() => Promise.resolve(undefined as T | undefined);
  const progress = useAsync(() => (valid ? api.progress({ ...rq, groupBy: st.by }) : none<Progress>()), [k, st.by]);
  const chartRows = useAsync(() => (valid && st.chartBy !== st.by ? api.progress({ ...rq, groupBy: st.chartBy }) : none<Progress>()), [k, st.chartBy, st.by]);
  const trendFrom = monthStartBefore(st.to, 11);
  const trend = useAsync(() => (valid ? api.progress({ ...rq, from: trendFrom, groupBy: 'month' }) : none<Progress>()), [k]);
  const officials = useAsync(() => (valid ? api.officialsReport(rq) : none<{ rows: OfficialRow[] }>()), [k]);
  const indicators = useAsync(() => (valid ? api.indicators(rq) : none<Indicators>()), [k]);
  const scope = useScopeAgencies();
  const ret = `/dashboard${writeState(st)}`;
  const period = t('dash.periodText', { from: fmtLocalDate(st.from), to: fmtLocalDate(st.to) });
  const totals = progress.data?.totals;
  const chartData = st.chartBy === st.by ? progress.data : chartRows.data;

  return (
    <div className="dash">
      <div className="dash-head">
        <h1>{t('dash.title')}</h1>
        <form className="dash-controls" aria-label={t('dash.scope')} onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="d-preset">{t('dash.period')}</label>
            <select id="d-preset" value={st.preset} onChange={(e) => set({ preset: e.target.value as Preset })}>
              {PRESETS.map((p) => <option key={p} value={p}>{t(`dash.presets.${p}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="d-from">{t('dash.from')}</label>
            <DateInput id="d-from" name="from" value={st.from} onChange={(iso) => { if (iso) set({ preset: 'custom', from: iso }); }} />
          </div>
          <div className="field">
            <label htmlFor="d-to">{t('dash.to')}</label>
            <DateInput id="d-to" name="to" value={st.to} onChange={(iso) => { if (iso) set({ preset: 'custom', to: iso }); }} />
          </div>
          <div className="field d-agency">
            <label htmlFor="d-agency">{t('dash.agency')}</label>
            <select id="d-agency" value={st.agency} onChange={(e) => set({ agency: e.target.value })}>
              <option value="">{t('dash.allScope')}</option>
              {st.agency && !scope.items.some((a) => a.code === st.agency) && <option value={st.agency}>{scope.names.get(st.agency) ?? st.agency}</option>}
              {scope.items.map((a) => <option key={a.code} value={a.code}>{'\u00a0\u00a0'.repeat(a.level)}{a.name}</option>)}
            </select>
          </div>
        </form>
      </div>
      <p className="muted dash-period">
        <span>{period}{progress.data ? ` · ${t('dash.asOf', { at: fmtDateTime(progress.data.period.asOf, lang) })}` : ''}{st.agency && ` · ${scope.names.get(st.agency) ?? st.agency}`}</span>
        <button type="button" className="small" onClick={() => setRefresh((n) => n + 1)}>{t('dash.refresh')}</button>
      </p>
      {!valid && <div className="alert error" role="alert">{t('dash.badRange')}</div>}
      <ErrorBox error={progress.error} />

      <div className="kpis" data-testid="kpis" aria-busy={progress.loading}>
        <Kpi label={t('dash.received')} value={totals?.received} href={totals && drillHref(rq, undefined, undefined, 'received', t('dash.totalRow'), ret)} />
        <Kpi label={t('dash.resolved')} value={totals?.resolved} href={totals && drillHref(rq, undefined, undefined, 'resolved', t('dash.totalRow'), ret)} />
        <Kpi label={t('dash.inProcess')} value={totals?.inProcess} href={totals && drillHref(rq, undefined, undefined, 'inProcess', t('dash.totalRow'), ret)} />
        <Kpi label={t('dash.onTimeRate')} value={totals ? fmtRate(totals.onTimeRate, lang) : undefined} sub={t('dash.rateHint')} tone="good" testid="on-time" />
        <Kpi label={t('dash.overdue')} value={totals?.inProcessOverdue} tone={totals && totals.inProcessOverdue > 0 ? 'bad' : undefined}
          href={totals && drillHref(rq, undefined, undefined, 'inProcessOverdue', t('dash.totalRow'), ret)} />
      </div>

      <div className="charts">
        <section className="card" aria-labelledby="c-ontime">
          <div className="row card-head">
            <h2 id="c-ontime">{t('dash.chartOnTime')} — {t(`dash.by.${st.chartBy}`).toLowerCase()}</h2>
            <span className="spacer" />
            <label className="sr-only" htmlFor="d-chart-by">{t('dash.chartBy')}</label>
            <select id="d-chart-by" className="auto" value={st.chartBy} onChange={(e) => set({ chartBy: e.target.value as 'agency' | 'field' })}>
              <option value="agency">{t('dash.tabs.agency')}</option>
              <option value="field">{t('dash.tabs.field')}</option>
            </select>
          </div>
          <OnTimeChart data={chartData} by={st.chartBy} rq={rq} ret={ret} />
        </section>
        <section className="card" aria-labelledby="c-trend">
          <div className="row card-head"><h2 id="c-trend">{t('dash.trend')}</h2><span className="spacer" /><small>{t('dash.periodText', { from: fmtLocalDate(trendFrom), to: fmtLocalDate(st.to) })}</small></div>
          <ErrorBox error={trend.error} />
          <TrendChart data={trend.data} rq={{ ...rq, from: trendFrom }} ret={ret} />
        </section>
      </div>

      <section className="card" aria-labelledby="p-title">
        <div className="row card-head">
          <h2 id="p-title">{t('dash.progress')}</h2>
          <span className="spacer" />
          <ExportButton label={t('dash.exportProgress')} url={api.progressXlsxUrl({ ...rq, groupBy: st.by })} disabled={!valid} testid="export-progress" />
        </div>
        <Tabs id="p" label={t('dash.progress')} tabs={GROUPS.map((g) => ({ key: g, label: t(`dash.tabs.${g}`) }))} value={st.by} onChange={(g) => set({ by: g })} />
        <TabPanel id="p" value={st.by}>
          <p className="muted hint">{t('dash.drillHint')}</p>
          {progress.data ? <ProgressTable data={progress.data} rq={rq} ret={ret} period={period} /> : progress.loading && <p className="loading">{t('app.loading')}</p>}
        </TabPanel>
      </section>

      <section className="card" aria-labelledby="o-title">
        <h2 id="o-title">{t('dash.officials')}</h2>
        <ErrorBox error={officials.error} />
        {officials.data && <OfficialsTable rows={officials.data.rows} names={scope.names} period={period} rq={rq} ret={ret} />}
      </section>

      <section className="card" aria-labelledby="r-title">
        <h2 id="r-title">{t('ratings.title')}</h2>
        {valid && <RatingsPanel rq={rq} period={period} />}
      </section>

      <section className="card" aria-labelledby="i-title">
        <div className="row card-head">
          <h2 id="i-title">{t('dash.indicators')}</h2>
          <span className="spacer" />
          <ExportButton label={t('dash.exportIndicators')} url={api.indicatorsXlsxUrl(rq)} disabled={!valid} testid="export-indicators" />
        </div>
        <ErrorBox error={indicators.error} />
        {indicators.data && <IndicatorsPanel data={indicators.data} period={period} />}
      </section>
    </div>
  );
}

function Kpi({ label, value, sub, tone, href, testid }: { label: string; value: number | string | undefined; sub?: string; tone?: 'good' | 'bad'; href?: string; testid?: string }) {
  const inner = <><span className="n">{value ?? '…'}</span><span className="l">{label}</span>{sub && <span className="s">{sub}</span>}</>;
  return href
    ? <Link to={href} className={`kpi ${tone ?? ''}`} data-testid={testid}>{inner}</Link>
    : <div className={`kpi ${tone ?? ''}`} data-testid={testid}>{inner}</div>;
}

/** Row labels in the interface language where the server's label is a code (channel, month). */
function rowLabel(t: (k: string) => string, by: GroupBy, r: ProgressRow): string {
  if (by === 'channel' && r.key) return t(`channel.${r.key}`);
  if (by === 'month' && r.key && /^\d{4}-\d{2}$/.test(r.key)) return `${r.key.slice(5, 7)}/${r.key.slice(0, 4)}`;
  return r.label;
}
const sortRows = (by: GroupBy, rows: ProgressRow[]) => (by === 'month' ? [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key))) : rows);

const RECEIVED_COLS: Measure[] = ['received', 'carriedOver', 'newOnline', 'newInPerson', 'newPostal'];
const RESOLVED_COLS: Measure[] = ['resolved', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate'];
const PROCESS_COLS: Measure[] = ['inProcess', 'inProcessOnTime', 'inProcessOverdue'];

function ProgressTable({ data, rq, ret, period }: { data: Progress; rq: ReportQuery; ret: string; period: string }) {
  const { t, i18n } = useTranslation();
  const by = data.groupBy;
  const rows = sortRows(by, data.rows);
  const cell = (r: ProgressRow, m: Measure, label: string, total: boolean) => {
    const n = r[m];
    const first = m === 'received' || m === 'resolved' || m === 'inProcess';
    return (
      <td key={m} className={`num ${first ? 'sum' : ''}`} data-measure={m}>
        {n > 0
          ? <Link to={drillHref(rq, total ? undefined : by, total ? undefined : r.key ?? NO_KEY, m, label, ret)} aria-label={t('dash.cell', { n, measure: t(`dash.m.${m}`), label })}>{n}</Link>
          : <span className="zero">0</span>}
      </td>
    );
  };
  const line = (r: ProgressRow, i: number | null) => {
    const total = i === null;
    const label = total ? t('dash.totalRow') : rowLabel(t, by, r);
    return (
      <tr key={total ? '__total' : r.key ?? `__none${i}`} className={total ? 'total' : ''} data-key={total ? undefined : r.key ?? NO_KEY}>
        <td className="num stt">{total ? '' : i! + 1}</td>
        <th scope="row" className="name">{label}{!total && by === 'procedure' && r.key && <div><small className="code">{r.key}</small></div>}</th>
        {[...RECEIVED_COLS, ...RESOLVED_COLS, ...PROCESS_COLS].map((m) => cell(r, m, label, total))}
        <td className="num rate" data-measure="onTimeRate">{fmtRate(r.onTimeRate, i18n.language)}</td>
      </tr>
    );
  };
  return (
    <div className="table-wrap">
      <table className="report" data-testid="progress-table">
        <caption className="sr-only">{t('dash.caption', { title: t('dash.progress'), by: t(`dash.by.${by}`), period })}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="stt">{t('dash.h.stt')}</th>
            <th scope="col" rowSpan={2} className="name">{t(`dash.by.${by}`)}</th>
            <th scope="colgroup" colSpan={5}>{t('dash.h.received')}</th>
            <th scope="colgroup" colSpan={4}>{t('dash.h.resolved')}</th>
            <th scope="colgroup" colSpan={3}>{t('dash.h.inProcess')}</th>
            <th scope="col" rowSpan={2}>{t('dash.h.rate')}</th>
          </tr>
          <tr>
            {[...RECEIVED_COLS, ...RESOLVED_COLS, ...PROCESS_COLS].map((m) => (
              <th key={m} scope="col" className="sub">{m === 'received' || m === 'resolved' || m === 'inProcess' ? t('dash.h.total') : t(`dash.col.${m}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && <tr><td colSpan={15} className="muted">{t('dash.noRows')}</td></tr>}
          {rows.map((r, i) => line(r, i))}
        </tbody>
        {rows.length > 0 && <tfoot>{line(data.totals, null)}</tfoot>}
      </table>
    </div>
  );
}

const ONTIME_SERIES: Array<{ m: Measure; name: string; color: string }> = [
  { m: 'resolvedEarly', name: 'dash.col.resolvedEarly', color: COLORS.early },
  { m: 'resolvedOnTime', name: 'dash.col.resolvedOnTime', color: COLORS.onTime },
  { m: 'resolvedLate', name: 'dash.s.resolvedLate', color: COLORS.late },
  { m: 'inProcessOnTime', name: 'dash.s.inProcessOk', color: COLORS.inOk },
  { m: 'inProcessOverdue', name: 'dash.s.inProcessLate', color: COLORS.inLate },
];

function OnTimeChart({ data, by, rq, ret }: { data: Progress | undefined; by: GroupBy; rq: ReportQuery; ret: string }) {
  const { t } = useTranslation();
  const rows = useMemo(() => (data?.rows ?? []).filter((r) => r.received > 0).slice(0, 10), [data]);
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 16, top: 52, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => rowLabel(t, by, r)), axisLabel: { width: 170, overflow: 'truncate', fontSize: 11 } },
    series: ONTIME_SERIES.map((s) => ({
      name: s.m === 'resolvedEarly' ? t('dash.m.resolvedEarly') : s.m === 'resolvedOnTime' ? t('dash.m.resolvedOnTime') : t(s.name),
      type: 'bar', stack: 'x', barMaxWidth: 26, itemStyle: { color: s.color }, data: rows.map((r) => r[s.m]),
    })),
  }), [rows, by, t]);
  const onClick = useMemo(() => (si: number, di: number) => {
    const r = rows[di];
    const s = ONTIME_SERIES[si];
    if (r && s) navigate(drillHref(rq, by, r.key ?? NO_KEY, s.m, rowLabel(t, by, r), ret));
  }, [rows, by, rq.from, rq.to, rq.agency, ret, t]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!data) return <div className="chart-empty" />;
  if (rows.length === 0) return <p className="muted chart-empty">{t('dash.chartEmpty')}</p>;
  return <Chart option={option} height={Math.max(280, rows.length * 34 + 70)} label={t('dash.chartAlt', { title: t('dash.chartOnTime') })} onClick={onClick} />;
}

function TrendChart({ data, rq, ret }: { data: Progress | undefined; rq: ReportQuery; ret: string }) {
  const { t } = useTranslation();
  // every month of the window, empty months as zeros (the server lists only months with dossiers)
  const rows = useMemo(() => {
    const byKey = new Map((data?.rows ?? []).map((r) => [r.key, r]));
    const out: ProgressRow[] = [];
    for (let m = rq.from.slice(0, 7); m <= rq.to.slice(0, 7); m = monthStartBefore(`${m}-01`, -1).slice(0, 7)) {
      out.push(byKey.get(m) ?? ({ key: m, label: m, onTimeRate: null, ...Object.fromEntries(MEASURES.map((x) => [x, 0])) } as ProgressRow));
    }
    return out;
  }, [data, rq.from, rq.to]);
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => rowLabel(t, 'month', r)), axisLabel: { fontSize: 11 } },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } }],
    series: [
      { name: t('dash.received'), type: 'bar', barMaxWidth: 22, itemStyle: { color: COLORS.received }, data: rows.map((r) => r.received) },
      { name: t('dash.resolved'), type: 'bar', barMaxWidth: 22, itemStyle: { color: COLORS.resolved }, data: rows.map((r) => r.resolved) },
      { name: t('dash.s.rate'), type: 'line', yAxisIndex: 1, itemStyle: { color: COLORS.rate }, data: rows.map((r) => r.onTimeRate) },
    ],
  }), [rows, t]);
  const onClick = useMemo(() => (si: number, di: number) => {
    const r = rows[di];
    if (r && si < 2) navigate(drillHref(rq, 'month', r.key ?? NO_KEY, si === 0 ? 'received' : 'resolved', rowLabel(t, 'month', r), ret));
  }, [rows, rq.from, rq.to, rq.agency, ret, t]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!data) return <div className="chart-empty" />;
  if (data.rows.length === 0) return <p className="muted chart-empty">{t('dash.chartEmpty')}</p>;
  return <Chart option={option} height={280} label={t('dash.chartAlt', { title: t('dash.trend') })} onClick={onClick} />;
}

function OfficialsTable({ rows, names, period, rq, ret }: { rows: OfficialRow[]; names: Map<string, string>; period: string; rq: ReportQuery; ret: string }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('dash.noOfficials')}</p>;
  const sorted = [...rows].sort((a, b) => b.stepsDone - a.stepsDone || b.holding - a.holding || a.fullName.localeCompare(b.fullName, 'vi'));
  const num = (r: OfficialRow, m: OfficialMeasure, bad = false) => {
    const n = r[m];
    return (
      <td key={m} className={`num ${bad && n > 0 ? 'bad' : ''}`} data-measure={m}>
        {n > 0
          ? <Link to={officialHref(rq, r.userId, m, r.fullName, ret)} aria-label={t('dash.officialCell', { n, measure: t(`dash.om.${m}`), name: r.fullName })}>{n}</Link>
          : <span className="zero">0</span>}
      </td>
    );
  };
  return (
    <>
      <p className="muted hint">{t('dash.officialsHint')}</p>
      <div className="table-wrap">
        <table className="report" data-testid="officials-table">
          <caption className="sr-only">{t('dash.caption', { title: t('dash.officials'), by: t('dash.official'), period })}</caption>
          <thead>
            <tr>
              <th scope="col" className="name">{t('dash.official')}</th><th scope="col">{t('dash.agency')}</th>
              <th scope="col">{t('dash.stepsDone')}</th><th scope="col">{t('dash.early')}</th><th scope="col">{t('dash.onTime')}</th><th scope="col">{t('dash.late')}</th>
              <th scope="col">{t('dash.h.rate')}</th><th scope="col">{t('dash.holding')}</th><th scope="col">{t('dash.holdingOverdue')}</th>
              <th scope="col">{t('dash.ratings')}</th><th scope="col">{t('dash.satisfiedRate')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.userId} data-user={r.username}>
                <th scope="row" className="name">{r.fullName} <small>({r.username})</small></th>
                <td>{r.agencyCode ? names.get(r.agencyCode) ?? r.agencyCode : '—'}</td>
                {num(r, 'stepsDone')}{num(r, 'early')}{num(r, 'onTime')}{num(r, 'late', true)}
                <td className="num">{fmtRate(r.onTimeRate, i18n.language)}</td>
                {num(r, 'holding')}{num(r, 'holdingOverdue', true)}
                <td className="num" data-measure="ratings">{r.ratings}</td>
                <td className="num" data-measure="satisfiedRate">{fmtRate(r.satisfiedRate, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Satisfaction ratings of the period, by agency, procedure or official, with the citizens' comments. */
function RatingsPanel({ rq, period }: { rq: ReportQuery; period: string }) {
  const { t, i18n } = useTranslation();
  const [by, setBy] = useState<'agency' | 'procedure' | 'official'>('agency');
  const r = useAsync(() => api.ratingsReport({ ...rq, groupBy: by }), [JSON.stringify(rq), by]);
  const en = i18n.language === 'en';
  const d = r.data;
  const level = (c: Record<string, { '3': number; '2': number; '1': number }>, k: '3' | '2' | '1') => c.overall?.[k] ?? 0;
  return (
    <>
      <div className="row">
        <label htmlFor="ratings-by">{t('ratings.by')}</label>
        <select id="ratings-by" value={by} onChange={(e) => setBy(e.target.value as typeof by)}>
          <option value="agency">{t('ratings.agency')}</option><option value="procedure">{t('ratings.procedure')}</option><option value="official">{t('ratings.official')}</option>
        </select>
      </div>
      <ErrorBox error={r.error} />
      {d && (d.totals.ratings === 0 ? <p className="muted">{t('ratings.none')}</p> : (
        <>
          <div className="table-wrap">
            <table className="report" data-testid="ratings-table">
              <caption className="sr-only">{t('dash.caption', { title: t('ratings.title'), by: t(`ratings.${by}`), period })}</caption>
              <thead><tr>
                <th scope="col" className="name">{t(`ratings.${by}`)}</th><th scope="col">{t('ratings.count')}</th>
                {d.levels.map((l) => <th scope="col" key={l.level}>{en ? l.en : l.vi}</th>)}<th scope="col">{t('ratings.satisfied')}</th>
              </tr></thead>
              <tbody>
                {d.rows.map((x) => (
                  <tr key={String(x.key)}><th scope="row" className="name">{x.label}</th><td className="num">{x.ratings}</td>
                    {d.levels.map((l) => <td className="num" key={l.level}>{level(x.counts, String(l.level) as '3')}</td>)}
                    <td className="num">{fmtRate(x.satisfiedPct, i18n.language)}</td></tr>
                ))}
              </tbody>
              <tfoot><tr><th scope="row">{t('ratings.total')}</th><td className="num" data-testid="ratings-total">{d.totals.ratings}</td>
                {d.levels.map((l) => <td className="num" key={l.level}>{level(d.totals.counts, String(l.level) as '3')}</td>)}
                <td className="num">{fmtRate(d.totals.satisfiedPct, i18n.language)}</td></tr></tfoot>
            </table>
          </div>
          {d.comments.length > 0 && (
            <>
              <h3>{t('ratings.comments')}</h3>
              <ul className="comments" data-testid="ratings-comments">
                {d.comments.map((c, i) => (
                  <li key={i}><strong>{d.levels.find((l) => l.level === c.overall)?.[en ? 'en' : 'vi']}</strong> · {fmtDateTime(c.at, i18n.language)} · {t('ratings.dossier')} {c.dossierCode} ({c.procedureName}): “{c.comment}”</li>
                ))}
              </ul>
            </>
          )}
        </>
      ))}
    </>
  );
}

function IndicatorsPanel({ data, period }: { data: Indicators; period: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const num = (n: number | null) => (n === null ? '—' : new Intl.NumberFormat(en ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }).format(n));
  return (
    <>
      <p className="score-total" data-testid="indicators-total">{t('dash.totalScore', { score: num(data.score), max: num(data.maxAvailable) })}</p>
      <div className="table-wrap">
        <table className="report indicators" data-testid="indicators-table">
          <caption className="sr-only">{t('dash.caption', { title: t('dash.indicators'), by: t('dash.indicator'), period })}</caption>
          <thead>
            <tr><th scope="col" className="code-col">#</th><th scope="col" className="name">{t('dash.indicator')}</th><th scope="col">{t('dash.value')}</th><th scope="col">{t('dash.score')}</th></tr>
          </thead>
          {data.groups.map((g) => (
            <tbody key={g.code}>
              <tr className="group">
                <th scope="rowgroup" colSpan={3}>{g.code} — {en ? g.nameEn : g.nameVi}</th>
                <td className="num">{g.score === null ? <span className="muted">{t('dash.notScored')}</span> : t('dash.points', { score: num(g.score), max: num(g.max) })}</td>
              </tr>
              {g.indicators.map((x) => (
                <tr key={x.code} className={x.available ? '' : 'na'} data-indicator={x.code}>
                  <td className="code">{x.code}</td>
                  <th scope="row" className="name">{en ? x.nameEn : x.nameVi}
                    {(!x.available || (en ? x.noteEn : x.noteVi)) && <div className="note">{!x.available && <strong>{t('dash.unavailable')}: </strong>}{en ? x.noteEn : x.noteVi}</div>}
                  </th>
                  <td className="num">{x.available
                    ? <>{x.numerator !== null && x.denominator !== null && <span>{num(x.numerator)} / {num(x.denominator)}</span>}{x.ratio !== null && <div><strong>{fmtRate(x.ratio, i18n.language)}</strong></div>}</>
                    : <span aria-label={t('dash.unavailable')}>—</span>}</td>
                  <td className="num">{x.available && x.score !== null ? t('dash.points', { score: num(x.score), max: num(x.max) }) : `— / ${num(x.max)}`}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </>
  );
}

function ExportButton({ label, url, disabled, testid }: { label: string; url: string; disabled?: boolean; testid: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [err, setErr] = useState<unknown>(null);
  return (
    <span className="export">
      <button type="button" data-testid={testid} disabled={disabled || busy} aria-busy={busy} onClick={async () => {
        setBusy(true); setErr(null); setDone(null);
        try {
          const { blob, filename } = await download(url);
          const a = document.createElement('a');
          a.href = URL.createObjectURL(blob);
          a.download = filename;
          document.body.append(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
          setDone(filename);
        } catch (e) { setErr(e); } finally { setBusy(false); }
      }}><XlsIcon /> {label}</button>
      <span className="sr-only" role="status">{done ? t('dash.exported', { name: done }) : ''}</span>
      {err ? <ErrorBox error={err} /> : null}
    </span>
  );
}

function XlsIcon() {
  return (
    <svg width="14" height="16" viewBox="0 0 14 16" aria-hidden="true" style={{ verticalAlign: '-2px' }}>
      <path d="M1 1h8l4 4v10H1z" fill="#e6f4ea" stroke="#0d652d" strokeWidth="1.2" />
      <path d="M4 7l4 5M8 7l-4 5" stroke="#0d652d" strokeWidth="1.4" />
    </svg>
  );
}

// ---- drill-down: the dossiers behind one figure ----

function DrillPage({ query }: { query: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const agency = query.get('agency') ?? undefined;
  const groupBy = (query.get('groupBy') ?? undefined) as GroupBy | undefined;
  const key = query.get('key') ?? undefined;
  // an official's number (userId) or a cell of the progress report
  const userId = query.get('userId') ?? undefined;
  const rawMeasure = query.get('measure');
  const officialMeasure: OfficialMeasure = (OFFICIAL_MEASURES as readonly string[]).includes(rawMeasure ?? '') ? (rawMeasure as OfficialMeasure) : 'stepsDone';
  const measure = (rawMeasure ?? 'received') as Measure;
  const label = query.get('label') ?? '';
  const ret = query.get('ret');
  const back = ret && ret.startsWith('/dashboard') && !ret.startsWith('//') ? ret : '/dashboard';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const pageSize = 50;
  const list = useAsync<{ items: OfficialDrillItem[]; total: number; official?: { fullName: string; username: string } }>(
    () => (userId
      ? api.officialDossiers({ from, to, agency, userId, measure: officialMeasure, page, pageSize })
      : api.progressDossiers({ from, to, agency, groupBy, key, measure, page, pageSize }).then((r) => ({ ...r, items: r.items.map((it) => ({ ...it, step: null })) }))),
    [query.toString()],
  );
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / pageSize));
  const goPage = (p: number) => { const q = new URLSearchParams(query); q.set('page', String(p)); navigate(`/dashboard/dossiers?${q}`, true); };
  // the official's name from the server (the URL's label is only a placeholder while loading)
  const official = list.data?.official;
  const title = userId
    ? t('dash.drillTitle', { measure: t(`dash.om.${officialMeasure}`), label: official ? `${official.fullName} (${official.username})` : label })
    : t('dash.drillTitle', { measure: t(`dash.m.${measure}`, { defaultValue: measure }), label });
  const steps = userId !== undefined && !officialMeasure.startsWith('holding');
  const period = t('dash.periodText', { from: fmtLocalDate(from), to: fmtLocalDate(to) });
  const cols = steps ? 8 : 7;
  return (
    <>
      <p className="noprint"><Link to={back}>← {t('dash.back')}</Link></p>
      <h1>{title}</h1>
      <p className="muted">{period}</p>
      <ErrorBox error={list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading} data-testid="drill-table">
          <caption className="sr-only">{title}, {period}</caption>
          <thead>
            <tr>
              {steps && <th scope="col">{t('dash.stepAt')}</th>}
              <th scope="col">{t('inbox.code')}</th><th scope="col">{t('inbox.applicant')}</th><th scope="col">{t('inbox.procedureName')}</th>
              <th scope="col">{t('inbox.status')}</th><th scope="col">{t('dash.acceptedAt')}</th><th scope="col">{t('inbox.due')}</th><th scope="col">{t('dash.finishedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data && list.data.items.length === 0 && <tr><td colSpan={cols} className="muted">{t('dash.drillEmpty')}</td></tr>}
            {list.data?.items.map((it) => (
              <tr key={it.step ? `${it.id}@${it.step.at}` : it.id} className={it.overdue ? 'overdue' : ''}>
                {steps && <td>{it.step ? <>{fmtDateTime(it.step.at, i18n.language)} <StepBadge classification={it.step.classification} /></> : '—'}</td>}
                <td><Link className="code" to={`/dossiers/${encodeURIComponent(it.code ?? it.id)}`}>{it.code ?? t('inbox.noCode')}</Link></td>
                <td>{it.applicantName}</td>
                <td><span className="code">{it.procedureCode}</span> {it.procedureName.length > 90 ? `${it.procedureName.slice(0, 90)}…` : it.procedureName}</td>
                <td><StatusBadge status={it.nationalStatus} /></td>
                <td>{fmtDateTime(it.acceptedAt, i18n.language)}</td>
                <td data-testid="due">{fmtDateTime(it.dueAt, i18n.language)}
                  {it.extended === true && <div><span className="badge late">{t('dash.extended')}</span> <small>{t('dash.originalDue', { at: fmtDateTime(typeof it.originalDueAt === 'string' ? it.originalDueAt : null, i18n.language) })}</small></div>}</td>
                <td>{it.finishedAt ? <>{fmtDateTime(it.finishedAt, i18n.language)}{typeof it.indicatorOnTime === 'boolean' && <> <span className={`badge ${it.indicatorOnTime ? 'on_time' : 'late'}`}>{t(it.indicatorOnTime ? 'dossier.on_time' : 'dossier.late')}</span></>}</> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager total={list.data?.total ?? 0} page={page} pages={pages} onPage={goPage} />
    </>
  );
}

/** A step's classification against its due instant (none: no time limit, counted as on time). */
function StepBadge({ classification }: { classification: string | null }) {
  const { t } = useTranslation();
  if (classification === 'early' || classification === 'on_time' || classification === 'late') {
    return <span className={`badge ${classification}`}>{t(`dossier.${classification}`)}</span>;
  }
  return <span className="badge on_time">{t('dash.noStepDue')}</span>;
}

function Pager({ total, page, pages, onPage }: { total: number; page: number; pages: number; onPage: (p: number) => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={t('common.pagination')}>
      <span>{t('common.total', { n: total })}</span>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>{t('common.prev')}</button>
      <span aria-live="polite">{t('common.page', { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>{t('common.next')}</button>
    </nav>
  );
}
