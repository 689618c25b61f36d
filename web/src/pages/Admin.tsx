// Administration: users and role assignments, agencies and units, procedures (publish/hide, local fees,
// performing agencies), the process editor (inline validation errors from the server), the holiday
// calendar (year view), office hours.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Agency, type HolidayYear, type ProcessDef, type ProcessStep, type ProcedureItem, type RoleAssignment, type User, type Weekly } from '../api';
import { Dialog, ErrorBox, Field, navigate, TabPanel, Tabs, useAsync, useLocation, useSession } from '../ui';
import { DateInput } from '../DateInput';
import { FieldAgencies, Stranded, TimeLimitDialog, TimeLimits } from './AdminCompetence';
import { Notifications } from './AdminNotifications';
import { Backups } from './AdminBackups';
import { PortalSync } from './AdminPortalSync';
import { PaymentAccounts } from './AdminPaymentAccounts';
import { RatingCriteria } from './AdminRatingCriteria';
import { fmtLocalDate, fmtMoney, localDate } from '../util';

const TABS = ['users', 'agencies', 'procedures', 'timeLimits', 'fieldAgencies', 'stranded', 'notifications', 'portalSync', 'paymentAccounts', 'ratingCriteria', 'backups', 'process', 'holidays', 'hours'] as const;
type Tab = (typeof TABS)[number];
const ROLES = ['admin', 'reception', 'handler', 'unit_leader', 'agency_leader', 'clerk', 'return_officer', 'cashier', 'procedure_control'];

export default function AdminPage() {
  const { t } = useTranslation();
  const { path } = useLocation();
  const { has } = useSession();
  const admin = has('admin');
  const visible = TABS.filter((k) => admin || k === 'procedures' || k === 'process' || k === 'timeLimits');
  const tab = (visible.find((k) => path === `/admin/${k}`) ?? visible[0]) as Tab;
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <Tabs id="admin" label={t('admin.title')} tabs={visible.map((k) => ({ key: k, label: t(`admin.${k}`) }))} value={tab} onChange={(k) => navigate(`/admin/${k}`)} />
      <TabPanel id="admin" value={tab}>
        {tab === 'users' && <Users />}
        {tab === 'agencies' && <Agencies />}
        {tab === 'procedures' && <Procedures />}
        {tab === 'timeLimits' && <TimeLimits />}
        {tab === 'fieldAgencies' && <FieldAgencies />}
        {tab === 'stranded' && <Stranded />}
        {tab === 'notifications' && <Notifications />}
        {tab === 'backups' && <Backups />}
        {tab === 'portalSync' && <PortalSync />}
        {tab === 'paymentAccounts' && <PaymentAccounts />}
        {tab === 'ratingCriteria' && <RatingCriteria />}
        {tab === 'process' && <ProcessEditor />}
        {tab === 'holidays' && <Holidays />}
        {tab === 'hours' && <OfficeHours />}
      </TabPanel>
    </>
  );
}

function Users() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const list = useAsync(() => api.users({ q: query || undefined, pageSize: 100 }), [query]);
  const [edit, setEdit] = useState<User | null>(null);
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<{ user: User; a: RoleAssignment } | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  return (
    <section className="card">
      <form className="row" role="search" onSubmit={(e) => { e.preventDefault(); setQuery(q); }}>
        <label className="sr-only" htmlFor="uq">{t('common.search')}</label>
        <input id="uq" style={{ maxWidth: 320 }} value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('admin.username')} />
        <button type="submit">{t('common.search')}</button>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => setCreating(true)}>{t('admin.createUser')}</button>
      </form>
      <ErrorBox error={list.error} />
      {msg && <div className="alert ok" role="status">{msg}</div>}
      <div className="table-wrap" style={{ marginTop: '.6rem' }}>
        <table data-testid="users-table">
          <caption className="sr-only">{t('admin.usersCaption')}</caption>
          <thead><tr><th scope="col">{t('admin.username')}</th><th scope="col">{t('admin.fullName')}</th><th scope="col">{t('admin.assigned')}</th><th scope="col">{t('admin.active')}</th><th scope="col"><span className="sr-only">{t('admin.actions')}</span></th></tr></thead>
          <tbody>{list.data?.items.map((u) => (
            <tr key={u.id} data-user={u.username}>
              <th scope="row" className="code" style={{ fontWeight: 400, background: 'none' }}>{u.username}</th>
              <td>{u.fullName}{u.email && <div><small>{u.email}</small></div>}</td>
              <td>
                {!u.roles || u.roles.length === 0 ? <span className="muted">{t('admin.noRoles')}</span> : (
                  <ul className="role-list">{u.roles.map((a) => (
                    <li key={a.id}>
                      <span>{t(`roles.${a.role}`)} — {a.agencyName}{a.unit ? ` (${a.unit.name})` : ''}</span>
                      <button type="button" className="small danger icon" aria-label={t('admin.removeRole', { role: t(`roles.${a.role}`), agency: a.agencyName })} title={t('admin.removeRole', { role: t(`roles.${a.role}`), agency: a.agencyName })}
                        onClick={() => { setMsg(null); setRemoving({ user: u, a }); }}>×</button>
                    </li>
                  ))}</ul>
                )}
              </td>
              <td>{u.active ? t('common.yes') : t('common.no')}</td>
              <td><button type="button" className="small" aria-label={t('admin.manage', { user: u.fullName })} onClick={() => setEdit(u)}>{t('admin.assign')}</button></td>
            </tr>
          ))}</tbody>
        </table>
      </div>
      {creating && <CreateUser onClose={() => setCreating(false)} onDone={() => { setCreating(false); list.reload(); }} />}
      {edit && <RolesDialog user={edit} onClose={() => { setEdit(null); list.reload(); }} />}
      {removing && <RemoveRole user={removing.user} a={removing.a} onClose={() => setRemoving(null)} onDone={(m) => { setRemoving(null); setMsg(m); list.reload(); }} />}
    </section>
  );
}

function RemoveRole({ user, a, onClose, onDone }: { user: User; a: RoleAssignment; onClose: () => void; onDone: (msg: string) => void }) {
  const { t } = useTranslation();
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const p = { role: t(`roles.${a.role}`), agency: a.agencyName, user: user.fullName };
  return (
    <Dialog title={t('admin.removeRole', p)} onClose={onClose} footer={<>
      <button type="button" onClick={onClose}>{t('common.cancel')}</button>
      <button type="button" className="primary danger-fill" disabled={busy} onClick={async () => {
        setBusy(true);
        try { await api.removeRole(user.id, a.id); onDone(t('admin.removed', p)); } catch (e) { setErr(e); setBusy(false); }
      }}>{t('common.delete')}</button>
    </>}>
      <p>{t('admin.confirmRemove', p)}</p>
      <ErrorBox error={err} />
    </Dialog>
  );
}

function CreateUser({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ username: '', fullName: '', email: '', phone: '', password: '' });
  const [err, setErr] = useState<unknown>(null);
  const fe = err instanceof ApiError ? Object.fromEntries((err.problem.errors ?? []).map((e) => [e.path.split('.').pop(), e.message ?? e.code])) : {};
  return (
    <Dialog title={t('admin.createUser')} onClose={onClose} footer={<><button onClick={onClose}>{t('common.cancel')}</button>
      <button className="primary" onClick={async () => {
        try {
          await api.createUser({ username: f.username, fullName: f.fullName, email: f.email || undefined, phone: f.phone || undefined, password: f.password || undefined });
          onDone();
        } catch (e) { setErr(e); }
      }}>{t('common.save')}</button></>}>
      {(['username', 'fullName', 'email', 'phone', 'password'] as const).map((k) => (
        <Field key={k} label={t(`admin.${k}`)} error={fe[k] as string | undefined} required={k === 'username' || k === 'fullName'}>
          {(id, d) => <input id={id} aria-describedby={d} type={k === 'password' ? 'password' : 'text'} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} />}
        </Field>
      ))}
      <ErrorBox error={err} />
    </Dialog>
  );
}

function RolesDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState('handler');
  const [agency, setAgency] = useState('');
  const [items, setItems] = useState<RoleAssignment[]>(user.roles ?? []);
  const [err, setErr] = useState<unknown>(null);
  const agencies = useAsync(() => api.agencies(), []);
  return (
    <Dialog title={t('admin.manage', { user: user.fullName })} onClose={onClose} footer={<button type="button" onClick={onClose}>{t('common.close')}</button>}>
      <h3>{t('admin.assigned')}</h3>
      {items.length === 0 ? <p className="muted">{t('admin.noRoles')}</p> : (
        <ul className="role-list">{items.map((a) => (
          <li key={a.id}><span>{t(`roles.${a.role}`)} — {a.agencyName}{a.unit ? ` (${a.unit.name})` : ''}</span>
            <button type="button" className="small danger icon" aria-label={t('admin.removeRole', { role: t(`roles.${a.role}`), agency: a.agencyName })}
              onClick={async () => { try { await api.removeRole(user.id, a.id); setItems(items.filter((x) => x.id !== a.id)); setErr(null); } catch (e) { setErr(e); } }}>×</button></li>
        ))}</ul>
      )}
      <div className="grid g2">
        <Field label={t('admin.role')}>{(id) => <select id={id} value={role} onChange={(e) => setRole(e.target.value)}>{ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}</select>}</Field>
        <Field label={t('admin.agencyCode')}>{(id) => (
          <select id={id} value={agency} onChange={(e) => setAgency(e.target.value)}>
            <option value="">—</option>{agencies.data?.items.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
          </select>
        )}</Field>
      </div>
      <button type="button" className="primary" disabled={!agency} onClick={async () => {
        try { const r = await api.assignRole(user.id, { role, agencyCode: agency }); setItems(r.items); setErr(null); } catch (e) { setErr(e); }
      }}>{t('admin.assign')}</button>
      <ErrorBox error={err} />
    </Dialog>
  );
}

function Agencies() {
  const { t } = useTranslation();
  const list = useAsync(() => api.agencies(), []);
  const [sel, setSel] = useState<string | null>(null);
  const detail = useAsync(() => (sel ? api.agency(sel) : Promise.resolve(null)), [sel]);
  const [unit, setUnit] = useState({ code: '', name: '' });
  const [err, setErr] = useState<unknown>(null);
  const [na, setNa] = useState({ code: '', name: '', kind: 'department' });
  // depth-first order: each agency followed by its children (by code)
  const ordered = useMemo(() => {
    const items = list.data?.items ?? [];
    const kids = new Map<string | null, Agency[]>();
    for (const a of items) kids.set(a.parentId, [...(kids.get(a.parentId) ?? []), a]);
    const ids = new Set(items.map((a) => a.id));
    const out: Agency[] = [];
    const walk = (p: string | null) => { for (const a of (kids.get(p) ?? []).sort((x, y) => x.code.localeCompare(y.code))) { out.push(a); walk(a.id); } };
    walk(null);
    for (const a of items) if (a.parentId && !ids.has(a.parentId) && !out.includes(a)) { out.push(a); walk(a.id); }
    return out;
  }, [list.data]);
  return (
    <div className="dossier">
      <section className="card">
        <h2>{t('admin.agencies')}</h2>
        <ErrorBox error={list.error} />
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {ordered.map((a: Agency) => (
            <li key={a.id} style={{ paddingLeft: `${a.depth * 1.2}rem` }}>
              <button className={`ghost ${sel === a.code ? 'primary' : ''}`} style={{ border: 'none', textAlign: 'left' }} aria-pressed={sel === a.code} onClick={() => setSel(a.code)}>
                {a.name} <small className="code">{a.code}</small>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <aside className="card">
        {detail.data ? (
          <>
            <h2>{detail.data.name}</h2>
            <p className="code">{detail.data.code} · {detail.data.kind}</p>
            <h3>{t('admin.units')}</h3>
            <ul>{detail.data.units.map((u) => <li key={u.id}>{u.name} <small>({u.code})</small></li>)}</ul>
            <Field label={t('admin.code')}>{(id) => <input id={id} value={unit.code} onChange={(e) => setUnit({ ...unit, code: e.target.value })} />}</Field>
            <Field label={t('admin.name')}>{(id) => <input id={id} value={unit.name} onChange={(e) => setUnit({ ...unit, name: e.target.value })} />}</Field>
            <button className="primary" onClick={async () => { try { await api.createUnit(detail.data!.code, unit); setUnit({ code: '', name: '' }); detail.reload(); setErr(null); } catch (e) { setErr(e); } }}>{t('admin.addUnit')}</button>
            <ErrorBox error={err} />
          </>
        ) : <p className="muted">{t('admin.pickAgency')}</p>}
        <h3>{t('admin.createAgency')}{detail.data ? ` — ${t('admin.parent').toLowerCase()}: ${detail.data.code}` : ''}</h3>
        <Field label={t('admin.code')}>{(id) => <input id={id} value={na.code} placeholder="000.00.08.H56" onChange={(e) => setNa({ ...na, code: e.target.value })} />}</Field>
        <Field label={t('admin.name')}>{(id) => <input id={id} value={na.name} onChange={(e) => setNa({ ...na, name: e.target.value })} />}</Field>
        <Field label={t('admin.kind')}>{(id) => (
          <select id={id} value={na.kind} onChange={(e) => setNa({ ...na, kind: e.target.value })}>
            {['province_committee', 'department', 'service_centre', 'commune_committee', 'commune_centre', 'vertical_agency', 'other'].map((k) => <option key={k} value={k}>{t(`admin.kinds.${k}`)}</option>)}
          </select>
        )}</Field>
        <button onClick={async () => {
          try { await api.createAgency({ ...na, parentCode: detail.data?.code }); setNa({ code: '', name: '', kind: 'department' }); list.reload(); setErr(null); } catch (e) { setErr(e); }
        }}>{t('admin.createAgency')}</button>
      </aside>
    </div>
  );
}

function Procedures() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const list = useAsync(() => api.procedures({ q: query || undefined, pageSize: 20 }), [query]);
  const [sel, setSel] = useState<ProcedureItem | null>(null);
  return (
    <div className="dossier">
      <section className="card">
        <form className="row" role="search" onSubmit={(e) => { e.preventDefault(); setQuery(q); }}>
          <label className="sr-only" htmlFor="pq">{t('common.search')}</label>
          <input id="pq" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('reception.procedurePh')} style={{ flex: 1 }} />
          <button type="submit">{t('common.search')}</button>
        </form>
        <ErrorBox error={list.error} />
        <div className="table-wrap" style={{ marginTop: '.6rem' }}>
          <table>
            <caption className="sr-only">{t('admin.procedures')}</caption>
            <thead><tr><th scope="col">{t('admin.code')}</th><th scope="col">{t('admin.name')}</th><th scope="col"><span className="sr-only">{t('dossier.actions')}</span></th></tr></thead>
            <tbody>{list.data?.items.map((p) => (
              <tr key={p.code} className={sel?.code === p.code ? 'duesoon' : ''}><td className="code">{p.code}</td><td>{p.name}<div><small>{p.field}</small></div></td>
                <td><button className="small" onClick={() => setSel(p)}>{t('common.open')}</button></td></tr>
            ))}</tbody>
          </table>
        </div>
      </section>
      <aside>{sel && <ProcedureAdmin key={sel.code} code={sel.code} lang={i18n.language} />}</aside>
    </div>
  );
}

function ProcedureAdmin({ code, lang }: { code: string; lang: string }) {
  const { t } = useTranslation();
  const p = useAsync(() => Promise.all([api.procedure(code), api.feeOverrides(code), api.performers(code)]), [code]);
  const [fee, setFee] = useState({ channel: 'in_person', feeName: '', amountVnd: '' });
  const [err, setErr] = useState<unknown>(null);
  const [limitOpen, setLimitOpen] = useState(false);
  if (!p.data) return <div className="card"><ErrorBox error={p.error} /></div>;
  const [proc, fees, perf] = p.data;
  const lim = proc.timeLimit;
  return (
    <div className="card">
      <h2>{proc.code}</h2>
      <p>{proc.name}</p>
      <p>{proc.public ? <span className="badge st9">{t('admin.public')}</span> : <span className="badge st8">{t('admin.hidden')}</span>}{' '}
        <button className="small" onClick={async () => { try { await api.publish(code, !proc.public); p.reload(); } catch (e) { setErr(e); } }}>{proc.public ? t('admin.hide') : t('admin.publish')}</button>
        {' '}<button className="small" onClick={() => navigate(`/admin/process?procedure=${encodeURIComponent(code)}`)}>{t('admin.process')}</button></p>
      <h3>{t('admin.timeLimit')}</h3>
      <p data-testid="procedure-limit">{lim ? <>{lim.unit === 'same_day' ? t('reception.units.same_day') : `${lim.value} ${t(`reception.units.${lim.unit}`)}`}{' '}<small className="muted">({t(`admin.limitSource.${lim.source}`)}{lim.basis ? ` — ${lim.basis}` : ''})</small></> : <strong>{t('admin.noLimit')}</strong>}{' '}
        <button className="small" onClick={() => setLimitOpen(true)}>{t('admin.setLimit')}</button></p>
      {limitOpen && <TimeLimitDialog code={proc.code} name={proc.name} current={lim ?? null} onClose={() => setLimitOpen(false)} onDone={() => { setLimitOpen(false); p.reload(); }} />}
      <h3>{t('admin.performers')}</h3>
      <ul>{perf.items.map((a) => <li key={a.code}>{a.name}</li>)}</ul>
      <h3>{t('admin.localFee')}</h3>
      <ul>{fees.items.map((f, i) => <li key={i}>{f.channel}: {f.feeName} — {fmtMoney(f.amountVnd, lang)}</li>)}</ul>
      <Field label={t('admin.feeName')}>{(id) => <input id={id} value={fee.feeName} onChange={(e) => setFee({ ...fee, feeName: e.target.value })} />}</Field>
      <div className="grid g2">
        <Field label={t('admin.channel')}>{(id) => <select id={id} value={fee.channel} onChange={(e) => setFee({ ...fee, channel: e.target.value })}><option value="in_person">{t('channel.1')}</option><option value="online">{t('channel.2')}</option><option value="postal">{t('channel.3')}</option></select>}</Field>
        <Field label={t('admin.amount')}>{(id) => <input id={id} type="number" min={0} value={fee.amountVnd} onChange={(e) => setFee({ ...fee, amountVnd: e.target.value })} />}</Field>
      </div>
      <button className="primary" onClick={async () => { try { await api.setFee(code, { channel: fee.channel, feeName: fee.feeName, amountVnd: Number(fee.amountVnd) }); p.reload(); setErr(null); } catch (e) { setErr(e); } }}>{t('common.save')}</button>
      <ErrorBox error={err} />
    </div>
  );
}

const AGENCY_CHOICES = ['receiving_centre', 'competent_agency', 'return_point'];
const CFG_KEYS = ['maxSupplementRequests', 'maxApologies', 'dueSoonHours', 'suspendOnPayment'] as const;

/** The actions a process step may offer (the server checks them against the step's role). */
const STEP_ACTIONS = ['accept', 'request_completion', 'refuse', 'forward', 'send_back', 'request_supplement', 'request_payment', 'consult', 'transfer', 'approve', 'reject', 'record_result', 'return_result'] as const;

/** A compact multiple choice: the chosen labels as the summary, checkboxes when opened. */
function CheckList({ label, options, value, onChange }: { label: string; options: Array<{ value: string; label: string }>; value: string[]; onChange: (v: string[]) => void }) {
  const chosen = options.filter((o) => value.includes(o.value)).map((o) => o.label);
  return (
    <details className="checklist-picker">
      <summary aria-label={`${label}: ${chosen.join(', ') || '—'}`}>{chosen.join(', ') || '—'}</summary>
      <fieldset>
        <legend className="sr-only">{label}</legend>
        {options.map((o) => (
          <label key={o.value} style={{ display: 'block', whiteSpace: 'nowrap' }}>
            <input type="checkbox" aria-label={`${label}: ${o.label}`} checked={value.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((x) => x !== o.value))} /> {o.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

function ProcessEditor() {
  const { t, i18n } = useTranslation();
  const { query } = useLocation();
  const [code, setCode] = useState(query.get('procedure') ?? '');
  const [def, setDef] = useState<ProcessDef | null>(null);
  const [steps, setSteps] = useState<ProcessStep[]>([]);
  const [err, setErr] = useState<unknown>(null);
  const [issues, setIssues] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState(false);
  const [agencyCode, setAgencyCode] = useState('');
  const [cfg, setCfg] = useState<Record<string, string>>({});
  const agencies = useAsync(() => api.agencies(), []);
  async function open(c: string, ag = agencyCode) {
    setErr(null); setIssues({}); setSaved(false);
    try {
      const d = await api.process(c.trim(), ag || undefined);
      setDef(d); setSteps(d.steps);
      setCfg(Object.fromEntries(CFG_KEYS.map((k) => [k, d.config[k] === undefined ? '' : String(d.config[k])])));
    } catch (e) { setErr(e); setDef(null); }
  }
  useEffect(() => { if (code) void open(code); }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const sum = steps.reduce((a, s) => a + (Number(s.budgetHours) || 0), 0);
  const upd = (i: number, p: Partial<ProcessStep>) => setSteps((xs) => xs.map((s, k) => (k === i ? { ...s, ...p } : s)));
  // the server's messages name steps, actions and roles by their labels (workflow/process.ts), in the language asked
  const issueAt = (prefix: string) => Object.entries(issues).filter(([p]) => p === prefix || p.startsWith(prefix + '.')).flatMap(([, m]) => m);
  async function save() {
    setErr(null); setIssues({}); setSaved(false);
    try {
      const config: Record<string, unknown> = {};
      for (const k of CFG_KEYS) if ((cfg[k] ?? '') !== '') config[k] = k === 'suspendOnPayment' ? cfg[k] === 'true' : Number(cfg[k]);
      const d = await api.saveProcess(code.trim(), { steps: steps.map((s) => ({ ...s, budgetHours: Number(s.budgetHours) })), config, agencyCode: agencyCode || undefined });
      setDef(d); setSteps(d.steps); setSaved(true);
    } catch (e) {
      if (e instanceof ApiError && e.problem.errors) {
        const m: Record<string, string[]> = {};
        for (const x of e.problem.errors) {
          const p = x.path.replace(/^body\./, '').replace(/\[(\d+)\]/g, '.$1');
          (m[p] ??= []).push((i18n.language === 'en' ? x.messageEn : x.messageVi) ?? x.message ?? x.code ?? '');
        }
        setIssues(m);
      } else setErr(e);
    }
  }
  return (
    <section className="card">
      <form className="row" onSubmit={(e) => { e.preventDefault(); void open(code); }}>
        <label htmlFor="pc">{t('admin.procedureCode')}</label>
        <input id="pc" style={{ maxWidth: 200 }} value={code} onChange={(e) => setCode(e.target.value)} placeholder="1.009832" />
        <label htmlFor="pag">{t('admin.forAgency')}</label>
        <select id="pag" style={{ width: 'auto', maxWidth: 360 }} value={agencyCode} onChange={(e) => { setAgencyCode(e.target.value); if (code) void open(code, e.target.value); }}>
          <option value="">{t('admin.allAgencies')}</option>
          {agencies.data?.items.filter((a) => !/centre/.test(a.kind)).map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
        </select>
        <button type="submit">{t('admin.loadProcess')}</button>
      </form>
      {def && (
        <>
          <p>{t('admin.version', { v: def.version })} {def.derived && t('admin.derived')} · {t('admin.legalLimit', { h: def.legalLimitHours })} ·{' '}
            <strong className={sum > def.legalLimitHours ? 'remaining late' : ''}>{t('admin.budgetSum', { h: sum })}</strong></p>
          {Object.keys(issues).some((k) => !/^steps\.\d+/.test(k)) && (
            <div className="alert error" role="alert"><ul>{Object.entries(issues).filter(([k]) => !/^steps\.\d+/.test(k)).flatMap(([, ms]) => ms).map((m, i) => <li key={i}>{m}</li>)}</ul></div>
          )}
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('admin.process')}</caption>
              <thead><tr><th scope="col">#</th><th scope="col">{t('admin.nameVi')}</th><th scope="col">{t('admin.role')}</th><th scope="col">{t('admin.agency')}</th><th scope="col">{t('admin.budget')}</th><th scope="col">{t('admin.actions')}</th><th scope="col">{t('admin.next')}</th><th scope="col"><span className="sr-only">{t('dossier.actions')}</span></th></tr></thead>
              <tbody>
                {steps.map((s, i) => {
                  const errs = issueAt(`steps.${i}`);
                  return (
                    <tr key={i} className={errs.length ? 'overdue' : ''}>
                      <td>{i + 1}</td>
                      <td><input aria-label={`${t('admin.nameVi')} ${i + 1}`} value={s.nameVi} onChange={(e) => upd(i, { nameVi: e.target.value, nameEn: s.nameEn || e.target.value })} />
                        {errs.length > 0 && <div className="err" role="alert" style={{ color: 'var(--bad)', fontSize: '.82rem' }}>{errs.join('; ')}</div>}</td>
                      <td><select aria-label={`${t('admin.role')} ${i + 1}`} value={s.role} onChange={(e) => upd(i, { role: e.target.value })}>{ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}</select></td>
                      <td><select aria-label={`${t('admin.agency')} ${i + 1}`} value={typeof s.agency === 'string' ? s.agency : 'fixed'} onChange={(e) => upd(i, { agency: e.target.value as ProcessStep['agency'] })}>
                        {AGENCY_CHOICES.map((a) => <option key={a} value={a}>{t(`admin.where.${a}`)}</option>)}{typeof s.agency !== 'string' && <option value="fixed">{s.agency.agencyId}</option>}</select></td>
                      <td><input aria-label={`${t('admin.budget')} ${i + 1}`} type="number" step="0.5" min={0} value={s.budgetHours} onChange={(e) => upd(i, { budgetHours: e.target.value as unknown as number })} style={{ width: '5rem' }} /></td>
                      <td><CheckList label={`${t('admin.actions')} ${i + 1}`} options={STEP_ACTIONS.map((a) => ({ value: a, label: t(`actions.${a}`) }))}
                        value={s.actions} onChange={(actions) => upd(i, { actions })} /></td>
                      <td><CheckList label={`${t('admin.next')} ${i + 1}`} options={steps.filter((_, k) => k !== i).map((x) => ({ value: x.key, label: x.nameVi || x.key }))}
                        value={s.next} onChange={(next) => upd(i, { next })} /></td>
                      <td><button className="small danger" aria-label={`${t('admin.removeStep')} ${i + 1}`} onClick={() => setSteps((xs) => xs.filter((_, k) => k !== i))}>×</button></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <fieldset style={{ marginTop: '.6rem' }}>
            <legend>{t('admin.config')}</legend>
            <div className="grid g4">
              {CFG_KEYS.map((k) => (
                <Field key={k} label={t(`admin.cfg.${k}`)} error={issues[`config.${k}`]?.join('; ')}>
                  {(id, ds) => k === 'suspendOnPayment'
                    ? <select id={id} aria-describedby={ds} value={cfg[k] ?? ''} onChange={(e) => setCfg({ ...cfg, [k]: e.target.value })}><option value="">—</option><option value="true">{t('common.yes')}</option><option value="false">{t('common.no')}</option></select>
                    : <input id={id} aria-describedby={ds} type="number" min={0} step={k === 'dueSoonHours' ? 0.5 : 1} value={cfg[k] ?? ''} onChange={(e) => setCfg({ ...cfg, [k]: e.target.value })} />}
                </Field>
              ))}
            </div>
          </fieldset>
          <div className="row" style={{ marginTop: '.6rem' }}>
            <button onClick={() => setSteps((xs) => [...xs, { key: `step${xs.length + 1}`, nameVi: '', nameEn: '', role: 'handler', agency: 'competent_agency', unitId: null, budgetHours: 0, actions: ['forward'], next: [] }])}>{t('admin.addStep')}</button>
            <span className="spacer" />
            <button className="primary" onClick={() => void save()}>{t('admin.saveProcess')}</button>
          </div>
          {saved && <div className="alert ok" role="status">{t('common.saved')}</div>}
        </>
      )}
      <ErrorBox error={err} />
    </section>
  );
}

function Holidays() {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState(Number(localDate(new Date()).slice(0, 4)));
  const h = useAsync(() => api.holidays(year), [year]);
  const [day, setDay] = useState<string | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const byDate = useMemo(() => new Map((h.data?.items ?? []).map((x) => [x.date, x])), [h.data]);
  const months = Array.from({ length: 12 }, (_, m) => m);
  const wdNames = i18n.language === 'en' ? ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] : ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];
  const data = h.data as HolidayYear | undefined;
  return (
    <section className="card">
      <div className="row">
        <button aria-label={`${t('admin.year')} ${year - 1}`} onClick={() => setYear(year - 1)}>‹</button>
        <h2 style={{ margin: 0 }}>{t('admin.year')} {year}</h2>
        <button aria-label={`${t('admin.year')} ${year + 1}`} onClick={() => setYear(year + 1)}>›</button>
        {data && <span className={`badge ${data.status === 'confirmed' ? 'st9' : 'st5'}`}>{data.status === 'confirmed' ? t('admin.confirmed') : t('admin.provisional')}</span>}
        <span className="spacer" />
        <span className="legend"><span><span className="sw" style={{ background: '#f8c9c5' }} />{t('admin.dayOff')}</span><span><span className="sw" style={{ background: '#c8e6c9' }} />{t('admin.swap')}</span></span>
        {data?.status === 'provisional' && <button className="primary" onClick={async () => { try { await api.confirmYear(year); h.reload(); } catch (e) { setErr(e); } }}>{t('admin.confirmYear', { y: year })}</button>}
      </div>
      <ErrorBox error={h.error ?? err} />
      <div className="year" style={{ marginTop: '.7rem' }}>
        {months.map((m) => {
          const first = new Date(Date.UTC(year, m, 1));
          const offset = (first.getUTCDay() + 6) % 7;
          const days = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
          const cells: Array<number | null> = [...Array(offset).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
          while (cells.length % 7) cells.push(null);
          return (
            <div className="month" key={m}>
              <h3>{new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN', { month: 'long', timeZone: 'UTC' }).format(first)}</h3>
              <table>
                <thead><tr>{wdNames.map((w) => <th key={w} scope="col">{w}</th>)}</tr></thead>
                <tbody>{Array.from({ length: cells.length / 7 }, (_, r) => (
                  <tr key={r}>{cells.slice(r * 7, r * 7 + 7).map((d, c) => {
                    if (!d) return <td key={c} />;
                    const iso = `${year}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
                    const x = byDate.get(iso);
                    const cls = x ? (x.kind === 'working_day_swap' ? 'swap' : 'off') : c >= 5 ? 'we' : '';
                    return <td key={c}><button className={`day ${cls}`} title={x ? (i18n.language === 'en' ? x.nameEn : x.nameVi) : undefined} onClick={() => setDay(iso)}>
                      {/* named by its date in words for screen readers (no aria-label: the visible number must be part of the name) */}
                      <span aria-hidden="true">{d}</span><span className="sr-only">{`${fmtLocalDate(iso)}${x ? ` — ${i18n.language === 'en' ? x.nameEn : x.nameVi}` : ''}`}</span>
                    </button></td>;
                  })}</tr>
                ))}</tbody>
              </table>
            </div>
          );
        })}
      </div>
      {day && <DayDialog date={day} existing={byDate.get(day) ?? null} onClose={() => setDay(null)} onDone={() => { setDay(null); h.reload(); }} />}
    </section>
  );
}

function DayDialog({ date, existing, onClose, onDone }: { date: string; existing: { id: string | null; nameVi: string; kind: string } | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(existing?.nameVi ?? '');
  const [err, setErr] = useState<unknown>(null);
  const add = async (kind: string) => { try { await api.addHoliday({ date, kind, nameVi: name || (kind === 'working_day_swap' ? 'Ngày làm bù' : 'Ngày nghỉ') }); onDone(); } catch (e) { setErr(e); } };
  return (
    <Dialog title={fmtLocalDate(date)} onClose={onClose} footer={<button onClick={onClose}>{t('common.close')}</button>}>
      {existing && <p><strong>{existing.nameVi}</strong> ({t(`admin.dayKind.${existing.kind}`, { defaultValue: existing.kind })})</p>}
      {existing?.id ? (
        <button className="danger" onClick={async () => { try { await api.deleteHoliday(existing.id!); onDone(); } catch (e) { setErr(e); } }}>{t('admin.removeDay')}</button>
      ) : (
        <>
          <Field label={t('admin.dayName')}>{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
          <div className="row"><button className="primary" onClick={() => void add('holiday')}>{t('admin.markOff')}</button><button onClick={() => void add('working_day_swap')}>{t('admin.markSwap')}</button></div>
        </>
      )}
      <ErrorBox error={err} />
    </Dialog>
  );
}

const WD = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const fmtSessions = (s: Array<{ start: string; end: string }>) => s.map((x) => `${x.start}-${x.end}`).join(', ');
const parseSessions = (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean).map((x) => { const [start, end] = x.split('-').map((y) => y.trim()); return { start: start ?? '', end: end ?? '' }; });

function OfficeHours() {
  const { t } = useTranslation();
  const agencies = useAsync(() => api.agencies(), []);
  const [code, setCode] = useState('');
  const oh = useAsync(() => (code ? api.officeHours(code) : Promise.resolve(null)), [code]);
  const [week, setWeek] = useState<Record<string, string>>({});
  const [from, setFrom] = useState(localDate(new Date()));
  const [err, setErr] = useState<unknown>(null);
  const [ok, setOk] = useState(false);
  useEffect(() => {
    const w = oh.data?.current?.weekly as Weekly | undefined;
    if (w) setWeek(Object.fromEntries(WD.map((d) => [d, fmtSessions(w[d] ?? [])])));
  }, [oh.data]);
  useEffect(() => { if (!code && agencies.data?.items[0]) setCode(agencies.data.items[0].code); }, [agencies.data, code]);
  return (
    <section className="card">
      <div className="grid g2">
        <Field label={t('admin.agencyCode')}>{(id) => <select id={id} value={code} onChange={(e) => setCode(e.target.value)}>{agencies.data?.items.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}</select>}</Field>
        <Field label={t('admin.validFrom')}>{(id) => <DateInput id={id} value={from} onChange={(iso, text) => setFrom(iso ?? text)} />}</Field>
      </div>
      {oh.data && <p className="muted">{t('admin.inForce')}: {oh.data.current.sourceAgency ?? t('admin.national')}{oh.data.current.from ? ` (${fmtLocalDate(oh.data.current.from)})` : ''}</p>}
      <table>
        <caption className="sr-only">{t('admin.hours')}</caption>
        <thead><tr><th scope="col">{t('admin.weekday')}</th><th scope="col">{t('admin.sessions')}</th></tr></thead>
        <tbody>{WD.map((d) => <tr key={d}><td><label htmlFor={`wd-${d}`}>{t(`wd.${d}`)}</label></td><td><input id={`wd-${d}`} value={week[d] ?? ''} onChange={(e) => setWeek({ ...week, [d]: e.target.value })} /></td></tr>)}</tbody>
      </table>
      <div className="row" style={{ marginTop: '.6rem' }}>
        <button className="primary" onClick={async () => {
          setErr(null); setOk(false);
          try { await api.setOfficeHours(code, { validFrom: from, weekly: Object.fromEntries(WD.map((d) => [d, parseSessions(week[d] ?? '')])) as Weekly }); setOk(true); oh.reload(); } catch (e) { setErr(e); }
        }}>{t('admin.saveHours')}</button>
        <button onClick={async () => { try { await api.setOfficeHours(code, { validFrom: from, weekly: null }); setOk(true); oh.reload(); } catch (e) { setErr(e); } }}>{t('admin.inherit')}</button>
      </div>
      {ok && <div className="alert ok" role="status">{t('common.saved')}</div>}
      <ErrorBox error={err ?? oh.error} />
    </section>
  );
}
