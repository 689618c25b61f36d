// Administration screens for what the desk needs to reach a competent official: the field → competent agency
// map (versioned), the dossiers nobody can act on (with the configuration that fixes each), and the time
// limits: the ones read with a rule (to review), the procedures still without one (with the reason), and
// setting a limit with its legal basis. Vietnamese first; dates dd/mm/yyyy.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type FieldAgency } from '../api';
import { Dialog, ErrorBox, Field, Link, useAsync } from '../ui';
import { fmtDate } from '../util';

/** Field errors of a problem+json answer by the last part of their path (body.agencyCode → agencyCode). */
function fieldErrors(err: unknown): Record<string, string | undefined> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries((err.problem.errors ?? []).map((e) => [e.path.split('.').pop() ?? e.path, e.message ?? e.messageVi ?? e.code]));
}

// ---- field → competent agency ----

export function FieldAgencies() {
  const { t, i18n } = useTranslation();
  const [level, setLevel] = useState<'province' | 'commune'>('province');
  const [q, setQ] = useState('');
  const list = useAsync(() => api.fieldAgencies(level), [level]);
  const [edit, setEdit] = useState<{ field: string; current: FieldAgency | null } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const rows = useMemo(() => {
    const items = list.data?.items ?? [];
    const unmapped = (list.data?.unmapped ?? []).filter((u) => u.level === level).map((u) => ({ field: u.field, current: null as FieldAgency | null }));
    const all = [...unmapped, ...items.map((i) => ({ field: i.field, current: i as FieldAgency | null }))];
    const needle = q.trim().toLowerCase();
    return needle ? all.filter((r) => r.field.toLowerCase().includes(needle) || (r.current?.agencyName ?? '').toLowerCase().includes(needle)) : all;
  }, [list.data, q, level]);
  return (
    <section className="card">
      <h2>{t('admin.fieldAgencies')}</h2>
      <p className="muted">{t('admin.fieldAgenciesHint')}</p>
      <div className="row">
        <Field label={t('admin.level')}>{(id) => (
          <select id={id} value={level} onChange={(e) => setLevel(e.target.value as 'province' | 'commune')}>
            <option value="province">{t('admin.levels.province')}</option>
            <option value="commune">{t('admin.levels.commune')}</option>
          </select>
        )}</Field>
        <Field label={t('admin.filterFields')}>{(id) => <input id={id} value={q} onChange={(e) => setQ(e.target.value)} />}</Field>
      </div>
      {saved && <div className="alert ok" role="status">{saved}</div>}
      {(list.data?.unmapped ?? []).some((u) => u.level === level) && <div className="alert error" role="alert">{t('admin.unmappedFields', { n: (list.data?.unmapped ?? []).filter((u) => u.level === level).length })}</div>}
      <ErrorBox error={list.error} />
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{t('admin.fieldAgencies')}</caption>
          <thead><tr><th scope="col">{t('admin.field')}</th><th scope="col">{t('admin.competentAgency')}</th><th scope="col">{t('admin.versionCol')}</th><th scope="col">{t('admin.validFrom')}</th><th scope="col">{t('admin.note')}</th><th scope="col"><span className="sr-only">{t('dossier.actions')}</span></th></tr></thead>
          <tbody>{rows.map((r) => (
            <tr key={r.field} className={r.current ? '' : 'overdue'} data-testid="field-row">
              <td>{r.field}</td>
              <td>{r.current ? (r.current.agencyName ?? (r.current.communeKind ? t(`admin.communeKinds.${r.current.communeKind}`) : '—')) : <strong>{t('admin.notMapped')}</strong>}</td>
              <td>{r.current?.version ?? '—'}</td>
              <td>{r.current ? fmtDate(r.current.validFrom, i18n.language) : '—'}</td>
              <td>{r.current?.note ?? ''}</td>
              <td><button className="small" aria-label={t('admin.changeAgencyOf', { field: r.field })} onClick={() => { setSaved(null); setEdit(r); }}>{t('common.edit')}</button></td>
            </tr>
          ))}</tbody>
        </table>
      </div>
      {edit && <FieldAgencyDialog level={level} field={edit.field} current={edit.current} onClose={() => setEdit(null)}
        onDone={(x) => { setEdit(null); setSaved(t('admin.fieldMapped', { field: x.field, agency: x.agencyName ?? (x.communeKind ? t(`admin.communeKinds.${x.communeKind}`) : ''), v: x.version })); list.reload(); }} />}
    </section>
  );
}

function FieldAgencyDialog({ level, field, current, onClose, onDone }: { level: 'province' | 'commune'; field: string; current: FieldAgency | null; onClose: () => void; onDone: (x: FieldAgency) => void }) {
  const { t } = useTranslation();
  const agencies = useAsync(() => api.agencies(), []);
  const [agencyCode, setAgencyCode] = useState(current?.agencyCode ?? '');
  const [communeKind, setCommuneKind] = useState<string>(current?.communeKind ?? 'commune_committee');
  const [note, setNote] = useState('');
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fe: Record<string, string | undefined> = { ...fieldErrors(err), ...(err === 'pick' ? { agencyCode: t('admin.pickAgencyMust') } : {}) };
  const choices = (agencies.data?.items ?? []).filter((a) => !a.validTo && a.depth >= 1 && !['service_centre', 'commune_centre', 'commune_committee'].includes(a.kind));
  return (
    <Dialog title={t('admin.mapField', { field })} onClose={onClose} footer={<>
      <button onClick={onClose}>{t('common.cancel')}</button>
      <button className="primary" disabled={busy} onClick={async () => {
        if (level === 'province' && !agencyCode) { setErr('pick'); return; }
        setBusy(true);
        try {
          const r = level === 'province'
            ? await api.setFieldAgency({ level, field, agencyCode, note: note.trim() || undefined })
            : await api.setFieldAgency({ level, field, communeKind, note: note.trim() || undefined });
          onDone(r);
        } catch (e) { setErr(e); setBusy(false); }
      }}>{t('common.save')}</button>
    </>}>
      {level === 'province'
        ? <Field label={t('admin.competentAgency')} required error={fe.agencyCode}>{(id, d) => (
          <select id={id} aria-describedby={d} value={agencyCode} onChange={(e) => setAgencyCode(e.target.value)}>
            <option value="">{t('admin.pickAgencyOption')}</option>
            {choices.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
          </select>
        )}</Field>
        : <Field label={t('admin.competentAgency')} required error={fe.communeKind}>{(id, d) => (
          <select id={id} aria-describedby={d} value={communeKind} onChange={(e) => setCommuneKind(e.target.value)}>
            <option value="commune_committee">{t('admin.communeKinds.commune_committee')}</option>
            <option value="commune_police">{t('admin.communeKinds.commune_police')}</option>
          </select>
        )}</Field>}
      <Field label={t('admin.note')} error={fe.note} hint={t('admin.newVersionHint')}>{(id, d) => <input id={id} aria-describedby={d} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
      {err !== 'pick' && <ErrorBox error={err} />}
    </Dialog>
  );
}

// ---- stranded dossiers ----

export function Stranded() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useAsync(() => api.stranded({ page, pageSize: 50 }), [page]);
  const en = i18n.language === 'en';
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / 50));
  return (
    <section className="card">
      <h2>{t('admin.stranded')}</h2>
      <p className="muted">{t('admin.strandedHint')}</p>
      <ErrorBox error={list.error} />
      {list.data && list.data.total === 0 && <div className="alert ok" role="status">{t('admin.strandedNone')}</div>}
      {list.data && list.data.total > 0 && <>
        <p>{t('admin.strandedCount', { n: list.data.total })}</p>
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('admin.stranded')}</caption>
            <thead><tr><th scope="col">{t('admin.dossierCode')}</th><th scope="col">{t('admin.procedures')}</th><th scope="col">{t('admin.waitingFor')}</th><th scope="col">{t('admin.agencyCode')}</th><th scope="col">{t('admin.fix')}</th><th scope="col">{t('admin.since')}</th></tr></thead>
            <tbody>{list.data.items.map((d) => (
              <tr key={d.id} data-testid="stranded-row">
                <td className="code">{d.code ? <Link to={`/dossiers/${encodeURIComponent(d.code)}`}>{d.code}</Link> : '—'}</td>
                <td><span className="code">{d.procedureCode}</span> {d.procedureName}</td>
                <td>{t(`roles.${d.role}`, { defaultValue: d.roleName })}</td>
                <td>{d.agencyName}</td>
                <td>{en ? d.fixEn : d.fixVi}</td>
                <td>{fmtDate(d.updatedAt, i18n.language)}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
        {pages > 1 && <nav className="row" aria-label={t('common.pagination')}>
          <button disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('common.prev')}</button>
          <span>{t('common.page', { page, pages })}</span>
          <button disabled={page >= pages} onClick={() => setPage(page + 1)}>{t('common.next')}</button>
        </nav>}
      </>}
    </section>
  );
}

// ---- time limits ----

const LIMIT_UNITS = ['working_days', 'working_hours', 'same_day'] as const;

export function TimeLimitDialog({ code, name, current, onClose, onDone }: { code: string; name: string; current?: { value: number; unit: string; basis: string | null } | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(current && current.unit !== 'same_day' && (LIMIT_UNITS as readonly string[]).includes(current.unit) ? String(current.value) : '');
  const [unit, setUnit] = useState<string>(current && (LIMIT_UNITS as readonly string[]).includes(current.unit) ? current.unit : 'working_days');
  const [basis, setBasis] = useState(current?.basis ?? '');
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fe = fieldErrors(err);
  const local: Record<string, string | undefined> = {};
  if (err === 'local') {
    if (unit !== 'same_day' && !(Number(value.replace(',', '.')) > 0)) local.value = t('admin.limitValueMust');
    if (basis.trim().length < 3) local.basis = t('admin.basisMust');
  }
  return (
    <Dialog title={t('admin.setLimitFor', { code })} onClose={onClose} footer={<>
      <button onClick={onClose}>{t('common.cancel')}</button>
      <button className="primary" disabled={busy} onClick={async () => {
        const v = unit === 'same_day' ? 1 : Number(value.replace(',', '.'));
        if ((unit !== 'same_day' && !(v > 0)) || basis.trim().length < 3) { setErr('local'); return; }
        setBusy(true);
        try { await api.setTimeLimit(code, { value: v, unit, basis: basis.trim() }); onDone(); } catch (e) { setErr(e); setBusy(false); }
      }}>{t('common.save')}</button>
    </>}>
      <p>{name}</p>
      <div className="grid g2">
        <Field label={t('admin.limitValue')} required={unit !== 'same_day'} error={local.value ?? fe.value}>{(id, d) => (
          <input id={id} aria-describedby={d} inputMode="decimal" disabled={unit === 'same_day'} value={unit === 'same_day' ? '' : value} onChange={(e) => setValue(e.target.value)} />
        )}</Field>
        <Field label={t('admin.limitUnit')} required error={fe.unit}>{(id, d) => (
          <select id={id} aria-describedby={d} value={unit} onChange={(e) => setUnit(e.target.value)}>
            {LIMIT_UNITS.map((u) => <option key={u} value={u}>{t(`reception.units.${u}`)}</option>)}
          </select>
        )}</Field>
      </div>
      <Field label={t('admin.legalBasis')} required error={local.basis ?? fe.basis} hint={t('admin.legalBasisHint')}>{(id, d) => (
        <textarea id={id} aria-describedby={d} rows={3} value={basis} onChange={(e) => setBasis(e.target.value)} />
      )}</Field>
      {err !== 'local' && <ErrorBox error={err} />}
    </Dialog>
  );
}

export function TimeLimits() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const review = useAsync(() => api.limitsToReview({ pageSize: 200 }), []);
  const missing = useAsync(() => api.withoutLimit(), []);
  const [kind, setKind] = useState<string>('');
  const [edit, setEdit] = useState<{ code: string; name: string } | null>(null);
  const setLimitButton = (p: { code: string; name: string }) => (
    <button className="small" style={{ whiteSpace: 'nowrap' }} aria-label={t('admin.setLimitFor', { code: p.code })} onClick={() => { setSaved(null); setEdit(p); }}>{t('admin.setLimit')}</button>
  );
  const [saved, setSaved] = useState<string | null>(null);
  const reviewItems = (review.data?.items ?? []).filter((i) => !kind || i.kind === kind);
  return (
    <>
      {saved && <div className="alert ok" role="status">{saved}</div>}
      <section className="card">
        <h2>{t('admin.withoutLimit')}</h2>
        <p className="muted">{t('admin.withoutLimitHint')}</p>
        <ErrorBox error={missing.error} />
        {missing.data && <p>{t('admin.withoutLimitCount', { n: missing.data.total })}</p>}
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('admin.withoutLimit')}</caption>
            <thead><tr><th scope="col">{t('admin.code')}</th><th scope="col">{t('admin.name')}</th><th scope="col">{t('admin.reason')}</th><th scope="col"><span className="sr-only">{t('dossier.actions')}</span></th></tr></thead>
            <tbody>{missing.data?.items.map((p) => (
              <tr key={p.code} data-testid="without-limit-row">
                <td className="code">{p.code}</td>
                <td>{p.name}<div><small>{p.field}</small></div></td>
                <td>{en ? p.reasonEn : p.reasonVi}<div><small className="muted">{p.detail}</small></div></td>
                <td>{setLimitButton(p)}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      </section>
      <section className="card">
        <h2>{t('admin.limitsToReview')}</h2>
        <p className="muted">{t('admin.limitsToReviewHint')}</p>
        <Field label={t('admin.readAs')}>{(id) => (
          <select id={id} value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {(['unit_inferred', 'cases', 'phases', 'months'] as const).map((k) => <option key={k} value={k}>{t(`admin.reviewKinds.${k}`)}</option>)}
          </select>
        )}</Field>
        <ErrorBox error={review.error} />
        {review.data && <p>{t('admin.reviewCount', { n: reviewItems.length, total: review.data.total })}</p>}
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('admin.limitsToReview')}</caption>
            <thead><tr><th scope="col">{t('admin.code')}</th><th scope="col">{t('admin.name')}</th><th scope="col">{t('admin.readLimit')}</th><th scope="col">{t('admin.readAs')}</th><th scope="col">{t('admin.sourceText')}</th><th scope="col"><span className="sr-only">{t('dossier.actions')}</span></th></tr></thead>
            <tbody>{reviewItems.map((p) => (
              <tr key={p.code} data-testid="review-row">
                <td className="code">{p.code}</td>
                <td>{p.name}</td>
                <td>{p.readAs === 'same_day' ? t('reception.units.same_day') : `${p.value} ${t(`reception.units.${p.readAs}`, { defaultValue: p.readAs })}`}</td>
                <td><span className="badge st5">{en ? p.labelEn : p.label}</span></td>
                <td><small>{(p.timeText ?? '').slice(0, 160)}</small></td>
                <td>{setLimitButton(p)}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      </section>
      {edit && <TimeLimitDialog code={edit.code} name={edit.name} onClose={() => setEdit(null)}
        onDone={() => { setSaved(t('admin.limitSaved', { code: edit.code })); setEdit(null); review.reload(); missing.reload(); }} />}
    </>
  );
}
