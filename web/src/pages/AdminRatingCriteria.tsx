// Administration of the satisfaction-rating criteria (domain-vn §8; architecture §14): the list in the order
// the rating form asks them, add (asked last), edit the names and the required flag, move up / down, disable
// and enable. `overall` feeds QĐ 766 5.4: it is shown locked (never disabled, always required). Field errors
// from the API appear under their field. Province-wide: administrators at the top of the organisation only.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type RatingCriteria as CriteriaList, type RatingCriterion } from '../api';
import { Dialog, ErrorBox, Field } from '../ui';
import './rating-criteria-i18n';

const OVERALL = 'overall';
type Dir = -1 | 1;

/** The server's field errors by field name (body.nameVi → nameVi); an error that is the problem itself shows its title. */
function fieldErrors(err: unknown): Partial<Record<string, string>> {
  if (!(err instanceof ApiError)) return {};
  const p = err.problem;
  return Object.fromEntries((p.errors ?? []).map((e) => [e.path.split('.').pop(), (e.code === p.code ? p.title : e.message) ?? e.messageVi ?? e.code]));
}

/** The keys with `key` moved one place up (-1) or down (+1). */
export function moved(keys: string[], key: string, dir: Dir): string[] {
  const i = keys.indexOf(key);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= keys.length) return keys;
  const out = [...keys];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export function RatingCriteria() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<RatingCriterion[] | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [edit, setEdit] = useState<RatingCriterion | 'new' | null>(null);
  const [focus, setFocus] = useState<{ key: string; dir: Dir } | null>(null);
  const [busy, setBusy] = useState(false);
  const nameOf = (c: RatingCriterion) => (i18n.language === 'en' ? c.nameEn : c.nameVi);

  useEffect(() => { api.ratingCriteria().then((r) => setItems(r.items), setErr); }, []);
  // keep the keyboard on the criterion just moved (its button of the same direction, else the other one)
  useEffect(() => {
    if (!focus) return;
    const b = document.querySelector<HTMLButtonElement>(`[data-move="${focus.key}:${focus.dir}"]:not(:disabled)`)
      ?? document.querySelector<HTMLButtonElement>(`[data-move="${focus.key}:${-focus.dir}"]`);
    b?.focus();
    setFocus(null);
  }, [items, focus]);

  async function write(run: () => Promise<CriteriaList>, done: (list: RatingCriterion[]) => string) {
    setBusy(true); setErr(null); setMsg(null);
    try {
      const r = await run();
      setItems(r.items);
      setMsg(done(r.items));
    } catch (e) { setErr(e); } finally { setBusy(false); }
  }
  const move = (c: RatingCriterion, dir: Dir) => write(
    () => api.reorderRatingCriteria(moved(items!.map((x) => x.key), c.key, dir)),
    (list) => { setFocus({ key: c.key, dir }); return t('crit.moved', { name: nameOf(c), n: list.findIndex((x) => x.key === c.key) + 1 }); },
  );
  const toggle = (c: RatingCriterion) => write(
    () => api.updateRatingCriterion(c.key, { active: !c.active }),
    () => t(c.active ? 'crit.disabled' : 'crit.enabled', { name: nameOf(c) }),
  );

  return (
    <section className="card" aria-labelledby="crit-title" data-testid="rating-criteria">
      <h2 id="crit-title">{t('crit.title')}</h2>
      <p className="muted">{t('crit.lead')}</p>
      <p><button type="button" className="primary" onClick={() => { setMsg(null); setEdit('new'); }}>{t('crit.add')}</button></p>
      {msg && <div className="alert ok" role="status">{msg}</div>}
      <ErrorBox error={err} />
      {!items ? (!err && <p aria-busy="true">{t('app.loading')}</p>) : (
        <div className="table-wrap">
          <table className="table" data-testid="criteria-table">
            <caption className="sr-only">{t('crit.caption')}</caption>
            <thead><tr>
              <th scope="col">{t('crit.order')}</th><th scope="col">{t('crit.name')}</th><th scope="col">{t('crit.required')}</th>
              <th scope="col">{t('crit.status')}</th><th scope="col">{t('crit.actions')}</th>
            </tr></thead>
            <tbody>
              {items.map((c, i) => (
                <CriterionRow key={c.key} c={c} n={i + 1} last={i === items.length - 1} busy={busy} name={nameOf(c)}
                  onMove={(dir) => void move(c, dir)} onEdit={() => { setMsg(null); setEdit(c); }} onToggle={() => void toggle(c)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {edit && <CriterionDialog criterion={edit === 'new' ? null : edit} onClose={() => setEdit(null)}
        onDone={(list, m) => { setEdit(null); setItems(list); setMsg(m); }} />}
    </section>
  );
}

function CriterionRow({ c, n, last, busy, name, onMove, onEdit, onToggle }: {
  c: RatingCriterion; n: number; last: boolean; busy: boolean; name: string; onMove: (dir: Dir) => void; onEdit: () => void; onToggle: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locked = c.key === OVERALL;
  return (
    <tr data-key={c.key}>
      <td>{n}</td>
      <td>{name}<br /><span className="muted">{i18n.language === 'en' ? c.nameVi : c.nameEn}</span> · <code>{c.key}</code></td>
      <td>{c.required ? t('common.yes') : t('common.no')}</td>
      <td>
        {locked
          ? <><span className="badge on_time"><LockIcon /> {t('crit.locked')}</span><br /><small className="muted">{t('crit.lockedHint')}</small></>
          : <span className={`badge ${c.active ? 'on_time' : ''}`}>{t(c.active ? 'crit.active' : 'crit.inactive')}</span>}
      </td>
      <td className="nowrap">
        <button type="button" className="small" data-move={`${c.key}:-1`} disabled={busy || n === 1} aria-label={t('crit.upOf', { name })} onClick={() => onMove(-1)}>↑ {t('crit.up')}</button>{' '}
        <button type="button" className="small" data-move={`${c.key}:1`} disabled={busy || last} aria-label={t('crit.downOf', { name })} onClick={() => onMove(1)}>↓ {t('crit.down')}</button>{' '}
        <button type="button" className="small" disabled={busy} aria-label={t('crit.editOf', { name })} onClick={onEdit}>{t('common.edit')}</button>{' '}
        {!locked && <button type="button" className="small" disabled={busy} aria-label={t(c.active ? 'crit.disableOf' : 'crit.enableOf', { name })} onClick={onToggle}>{t(c.active ? 'crit.disable' : 'crit.enable')}</button>}
      </td>
    </tr>
  );
}

function LockIcon() {
  return (
    <svg width="10" height="12" viewBox="0 0 10 12" aria-hidden="true" style={{ verticalAlign: '-1px' }}>
      <rect x="1" y="5" width="8" height="6.5" rx="1" fill="currentColor" />
      <path d="M2.8 5V3.4a2.2 2.2 0 0 1 4.4 0V5" fill="none" stroke="currentColor" strokeWidth="1.3" />
    </svg>
  );
}

function CriterionDialog({ criterion, onClose, onDone }: { criterion: RatingCriterion | null; onClose: () => void; onDone: (list: RatingCriterion[], msg: string) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ key: criterion?.key ?? '', nameVi: criterion?.nameVi ?? '', nameEn: criterion?.nameEn ?? '', required: criterion?.required ?? false });
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const locked = criterion?.key === OVERALL;
  const fe = fieldErrors(err);
  const reqErr = fe.required ?? fe.active;
  const reqHint = locked ? t('crit.lockedHint') : criterion ? null : t('crit.addedLast');
  const onField = err instanceof ApiError && (err.problem.errors ?? []).length > 0 && (err.problem.errors ?? []).every((e) => ['key', 'nameVi', 'nameEn', 'required', 'active'].includes(e.path.split('.').pop()!));
  async function save() {
    setBusy(true); setErr(null);
    try {
      const r = criterion
        ? await api.updateRatingCriterion(criterion.key, { nameVi: f.nameVi, nameEn: f.nameEn, ...(locked ? {} : { required: f.required }) })
        : await api.addRatingCriterion({ key: f.key.trim(), nameVi: f.nameVi, nameEn: f.nameEn, required: f.required });
      onDone(r.items, t(criterion ? 'crit.saved' : 'crit.added', { name: f.nameVi.trim() }));
    } catch (e) { setErr(e); setBusy(false); }
  }
  const text = (k: 'key' | 'nameVi' | 'nameEn') => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <Dialog title={criterion ? t('crit.editTitle', { name: criterion.nameVi }) : t('crit.addTitle')} onClose={onClose} footer={<>
      <button type="button" onClick={onClose}>{t('common.cancel')}</button>
      <button type="button" className="primary" disabled={busy} onClick={() => void save()}>{t('common.save')}</button>
    </>}>
      <Field label={t('crit.key')} required error={fe.key} hint={criterion ? undefined : t('crit.keyHint')}>
        {(id, d) => <input id={id} aria-describedby={d} value={f.key} disabled={!!criterion} autoComplete="off" spellCheck={false} onChange={text('key')} />}
      </Field>
      <Field label={t('crit.nameVi')} required error={fe.nameVi}>
        {(id, d) => <input id={id} aria-describedby={d} value={f.nameVi} onChange={text('nameVi')} />}
      </Field>
      <Field label={t('crit.nameEn')} required error={fe.nameEn}>
        {(id, d) => <input id={id} aria-describedby={d} lang="en" value={f.nameEn} onChange={text('nameEn')} />}
      </Field>
      <div className={`field ${reqErr ? 'has-error' : ''}`}>
        <label className="check"><input type="checkbox" aria-describedby={[reqHint ? 'crit-req-hint' : '', reqErr ? 'crit-req-err' : ''].join(' ').trim() || undefined}
          checked={f.required} disabled={locked} onChange={(e) => setF({ ...f, required: e.target.checked })} /> {t('crit.requiredLabel')}</label>
        {reqHint && <div id="crit-req-hint" className="hint">{reqHint}</div>}
        {reqErr && <div id="crit-req-err" className="err" role="alert">{reqErr}</div>}
      </div>
      <ErrorBox error={onField ? null : err} />
    </Dialog>
  );
}
