// /phan-anh: a signed-in citizen sends a petition (phản ánh, kiến nghị) and follows "my petitions": the
// agency's answer, what it asks for, and the rating of the answer (satisfied / not satisfied).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, get, HttpError, send } from '../api';
import { LoadError, useData } from '../common';
import { Link } from '../router';
import { signInHref, useCitizen } from '../session';
import { fmtDate } from '../../util';
import './petitions-i18n';

export interface MyPetition {
  code: string; kind: string; status: string; title: string; content: string; receivedAt: string; handleDueAt: string; answer: string | null;
  agency: { name: string } | null; refuseReason: string | null; infoRequest: string | null; rating: string | null; actions: string[];
}

export default function PetitionsPage() {
  const { t } = useTranslation();
  const { citizen, ready } = useCitizen();
  if (!ready) return <p className="loading" role="status">{t('app.loading')}</p>;
  if (!citizen) {
    return (
      <section className="c-page">
        <h1>{t('cpet.title')}</h1>
        <p>{t('cpet.lead')}</p>
        <p><Link to={signInHref('/phan-anh')} className="c-button primary">{t('cpet.signIn')}</Link></p>
      </section>
    );
  }
  return <Signed />;
}

function Signed() {
  const { t, i18n } = useTranslation();
  const mine = useData(() => get<{ items: MyPetition[] }>('/api/v1/citizen/petitions'), []);
  const [f, setF] = useState({ kind: 'regulation', title: '', content: '', procedureCode: '', dossierCode: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!f.title.trim()) errs.title = t('cpet.required', { field: t('cpet.titleLabel').toLowerCase() });
    if (!f.content.trim()) errs.content = t('cpet.required', { field: t('cpet.content').toLowerCase() });
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const r = await send<MyPetition>('POST', '/api/v1/citizen/petitions', { kind: f.kind, title: f.title, content: f.content, procedureCode: f.procedureCode || undefined, dossierCode: f.dossierCode || undefined });
      setDone(t('cpet.sent', { code: r.code, due: fmtDate(r.handleDueAt, i18n.language) }));
      setF({ kind: 'regulation', title: '', content: '', procedureCode: '', dossierCode: '' });
      mine.retry();
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors(Object.keys(fe).length ? fe : { form: err instanceof HttpError ? err.body.title ?? err.message : String(err) });
    } finally { setBusy(false); }
  };
  const field = (k: 'title' | 'procedureCode' | 'dossierCode', label: string, required = false) => (
    <div className={`c-field ${errors[k] ? 'has-error' : ''}`}>
      <label htmlFor={`pet-${k}`}>{label}</label>
      {errors[k] && <p id={`pet-${k}-err`} className="c-err">{errors[k]}</p>}
      <input id={`pet-${k}`} name={k} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} maxLength={k === 'title' ? 200 : 40} aria-required={required || undefined} aria-invalid={!!errors[k] || undefined} aria-describedby={errors[k] ? `pet-${k}-err` : undefined} />
    </div>
  );
  return (
    <section className="c-page">
      <h1>{t('cpet.title')}</h1>
      <p>{t('cpet.lead')}</p>
      <form className="c-form" onSubmit={submit} noValidate aria-label={t('cpet.title')}>
        <fieldset className="c-fieldset">
          <legend>{t('cpet.kind')}</legend>
          {(['regulation', 'behaviour'] as const).map((k) => (
            <label key={k} className="c-radio"><input type="radio" name="kind" value={k} checked={f.kind === k} onChange={() => setF({ ...f, kind: k })} /> {t(`cpet.${k}`)}</label>
          ))}
        </fieldset>
        {field('title', t('cpet.titleLabel'), true)}
        <div className={`c-field ${errors.content ? 'has-error' : ''}`}>
          <label htmlFor="pet-content">{t('cpet.content')}</label>
          {errors.content && <p id="pet-content-err" className="c-err">{errors.content}</p>}
          <textarea id="pet-content" name="content" rows={6} value={f.content} onChange={(e) => setF({ ...f, content: e.target.value })} maxLength={5000} aria-required aria-invalid={!!errors.content || undefined} aria-describedby={errors.content ? 'pet-content-err' : undefined} />
        </div>
        {field('procedureCode', t('cpet.procedure'))}
        {field('dossierCode', t('cpet.dossier'))}
        {errors.form && <p className="c-alert" role="alert">{errors.form}</p>}
        <button type="submit" className="c-button primary" disabled={busy}>{t('cpet.submit')}</button>
        {done && <p role="status" className="c-ok" data-testid="petition-sent">{done}</p>}
      </form>
      <h2>{t('cpet.mine')}</h2>
      {mine.error ? <LoadError retry={mine.retry} /> : mine.data && (mine.data.items.length === 0 ? <p>{t('cpet.none')}</p> : (
        <ul className="c-list" data-testid="my-petitions">{mine.data.items.map((p) => <PetitionCard key={p.code} p={p} onChanged={mine.retry} />)}</ul>
      ))}
    </section>
  );
}

function PetitionCard({ p, onChanged }: { p: MyPetition; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [more, setMore] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = async (url: string, body: unknown) => {
    setError(null);
    try { await send('POST', url, body); onChanged(); } catch (err) { setError(err instanceof HttpError ? err.body.title ?? err.message : String(err)); }
  };
  const base = `/api/v1/citizen/petitions/${encodeURIComponent(p.code)}`;
  return (
    <li className="c-card" data-code={p.code}>
      <h3 className="c-card-title">{p.title}</h3>
      <p className="c-card-meta"><span>{p.code}</span><span>{t(`cpet.status.${p.status}`)}</span><span>{t('cpet.receivedAt')}: {fmtDate(p.receivedAt, i18n.language)}</span><span>{t('cpet.due')}: {fmtDate(p.handleDueAt, i18n.language)}</span></p>
      {p.agency && <p>{t('cpet.agency')}: {p.agency.name}</p>}
      {p.refuseReason && <p>{t('cpet.refused', { reason: p.refuseReason })}</p>}
      {p.status === 'info_requested' && p.infoRequest && <p>{t('cpet.info', { message: p.infoRequest })}</p>}
      {p.answer && (p.status === 'published' || p.status === 'rated') && <><h4>{t('cpet.answer')}</h4><p className="c-pre">{p.answer}</p></>}
      {p.actions.includes('rate') && (
        <div role="group" aria-label={t('cpet.rate')}>
          <p>{t('cpet.rate')}</p>
          <button type="button" className="c-button primary" onClick={() => void act(`${base}/rating`, { rating: 'satisfied' })}>{t('cpet.satisfied')}</button>{' '}
          <button type="button" className="c-button" onClick={() => void act(`${base}/rating`, { rating: 'unsatisfied' })}>{t('cpet.unsatisfied')}</button>
        </div>
      )}
      {p.rating && <p data-testid="petition-rated">{t('cpet.rated', { rating: t(`cpet.${p.rating}`) })}</p>}
      {p.actions.includes('supplement') && (
        <form onSubmit={(e) => { e.preventDefault(); if (more.trim()) void act(`${base}/supplement`, { content: more }); }}>
          <label htmlFor={`sup-${p.code}`}>{t('cpet.supplement')}</label>
          <textarea id={`sup-${p.code}`} value={more} onChange={(e) => setMore(e.target.value)} rows={3} />
          <button type="submit" className="c-button">{t('cpet.supplementSend')}</button>
        </form>
      )}
      {error && <p className="c-alert" role="alert">{error}</p>}
    </li>
  );
}
