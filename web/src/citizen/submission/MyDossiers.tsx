// "Hồ sơ của tôi" (/ho-so-cua-toi) and one dossier (/ho-so-cua-toi/{id}): status in plain words, what is
// expected now, the receipt / request / refusal as PDF, answering a supplement request with uploads,
// withdrawal, and the electronic result with its SHA-256 and a verify link (or the postal tracking number).
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../router';
import { LoadError, useData } from '../common';
import { problemOf, submissionApi, vnDate } from './api';
import './texts';

// the rating section (its own chunk): shown once the result was returned
const RatingSection = lazy(() => import('../rating/RatingSection'));

const words = (w: { vi: string; en: string }, lang: string) => (lang === 'en' ? w.en : w.vi);

export function MyDossiersPage() {
  const { t, i18n } = useTranslation();
  const data = useData(async () => {
    const s = await submissionApi.session();
    return s.signedIn ? { signedIn: true as const, list: await submissionApi.mine() } : { signedIn: false as const };
  }, []);
  if (data.loading) return <p className="loading" role="status">{t('app.loading')}</p>;
  if (data.error || !data.data) return <section className="c-page"><LoadError retry={data.retry} /></section>;
  if (!data.data.signedIn) return <SignInFirst next="/ho-so-cua-toi" />;
  const items = data.data.list.items;
  return (
    <section className="c-page">
      <h1>{t('mine.title')}</h1>
      {items.length === 0 ? <p>{t('mine.empty')}</p> : (
        <ul className="c-list">
          {items.map((d) => (
            <li key={d.id}>
              <Link to={`/ho-so-cua-toi/${d.id}`} className="c-card" data-dossier={d.id}>
                <span className="c-card-title">{d.procedure.name}</span>
                <span className="c-card-meta">
                  <span>{d.code ?? t('mine.noCode')}</span>
                  <span className="c-tag">{words(d.statusLabel, i18n.language)}</span>
                  <span>{t('mine.submitted', { at: vnDate(d.submittedAt) })}</span>
                  {d.appointmentAt && <span>{t('mine.appointment', { at: vnDate(d.appointmentAt, true) })}</span>}
                </span>
                <span className="c-hint">{words(d.expected, i18n.language)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SignInFirst({ next }: { next: string }) {
  const { t } = useTranslation();
  return (
    <section className="c-page">
      <h1>{t('submit.signIn')}</h1>
      <p>{t('submit.signInLead')}</p>
      <p><Link to={`/dang-nhap?next=${encodeURIComponent(next)}`} className="c-button primary">{t('submit.signInGo')}</Link></p>
    </section>
  );
}

export function MyDossierPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const data = useData(async () => {
    await submissionApi.session();
    return submissionApi.dossier(id);
  }, [id]);
  const [files, setFiles] = useState<Array<{ id: string; name: string }>>([]);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (data.loading) return <p className="loading" role="status">{t('app.loading')}</p>;
  if (data.error || !data.data) return <section className="c-page"><LoadError retry={data.retry} /></section>;
  const d = data.data;
  const act = async (action: string, body: { reason?: string; fileIds?: string[] }) => {
    try {
      await submissionApi.act(d.id, action, { version: d.version, ...body }, crypto.randomUUID());
      setMessage(t('mine.done'));
      setFiles([]);
      data.retry();
    } catch (e) {
      setMessage(problemOf(e)?.detail ?? t('app.error'));
    }
  };
  const pdf = (form: string) => `/api/v1/citizen/dossiers/${d.id}/forms/${form}.pdf`;
  return (
    <section className="c-page c-mine">
      <p><Link to="/ho-so-cua-toi">{t('mine.back')}</Link></p>
      <h1>{d.procedure.name}</h1>
      <dl className="c-facts">
        <div><dt>{t('mine.code')}</dt><dd data-testid="code">{d.code ?? t('mine.noCode')}</dd></div>
        <div><dt>{t('submit.desk')}</dt><dd>{d.receivingAgency}</dd></div>
        <div><dt>{t('mine.submitted', { at: '' }).trim()}</dt><dd>{vnDate(d.submittedAt, true)}</dd></div>
        {d.appointmentAt && <div><dt>{t('mine.appointment', { at: '' }).trim()}</dt><dd data-testid="appointment">{vnDate(d.appointmentAt, true)}</dd></div>}
      </dl>
      <div className="c-online" data-status={d.nationalStatus}>
        <strong>{words(d.statusLabel, i18n.language)}</strong>
        <p>{words(d.statusText, i18n.language)}</p>
      </div>
      <h2>{t('mine.now')}</h2>
      <p data-expected={d.expected.action}>{words(d.expected, i18n.language)}</p>
      {message && <p role="status">{message}</p>}
      {d.request && (
        <div className="c-request" data-request={d.request.kind}>
          {d.request.reason && <p><strong>{t('mine.reason')}:</strong> {d.request.reason}</p>}
          {d.request.items.length > 0 && <><p><strong>{t('mine.asked')}:</strong></p><ul>{d.request.items.map((x, i) => <li key={i}>{x}</li>)}</ul></>}
        </div>
      )}
      <p className="c-actions">
        {d.forms.receipt && <a className="c-button" href={pdf('01')} download>{t('mine.receipt')}</a>}
        {d.forms.request && <a className="c-button" href={pdf('02')} download>{t('mine.request')}</a>}
        {d.forms.refusal && <a className="c-button" href={pdf('03')} download>{t('mine.refusal')}</a>}
      </p>
      {d.allowed.includes('receive_supplement') && (
        <div className="c-fieldset">
          <label htmlFor="supplement-file" className="c-button">{t('mine.addFile')}</label>
          <input id="supplement-file" className="c-file" type="file" accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx" aria-label={t('mine.addFile')} onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            try { const up = await submissionApi.uploadSupplement(d.id, f); setFiles((x) => [...x, up]); } catch (err) { setMessage(problemOf(err)?.detail ?? t('app.error')); }
          }} />
          <ul>{files.map((f) => <li key={f.id}>{f.name}</li>)}</ul>
          <button type="button" className="c-button primary" disabled={files.length === 0} onClick={() => void act('receive_supplement', { fileIds: files.map((f) => f.id) })}>{t('mine.sendSupplement')}</button>
        </div>
      )}
      {d.results.length > 0 && (
        <>
          <h2>{t('mine.results')}</h2>
          <ul className="c-results">
            {d.results.map((r) => (
              <li key={r.file.id}>
                <a className="c-button primary" href={`/api/v1/citizen/dossiers/${d.id}/results/${r.file.id}`} download>{t('mine.download', { name: r.file.name })}</a>
                <p>{r.number} — {vnDate(`${r.date}T00:00:00+07:00`)}{r.digitallySigned ? ` — ${t('mine.signed')}` : ''}</p>
                <p className="c-hash"><span>{t('mine.sha')}:</span> <a href={r.verifyUrl} title={t('mine.verify')}><code data-testid="sha256">{r.file.sha256}</code></a></p>
                <p><a href={r.verifyUrl}>{t('mine.verify')}</a></p>
              </li>
            ))}
          </ul>
        </>
      )}
      {d.returned?.trackingNumber && <p>{t('mine.post', { n: d.returned.trackingNumber })}</p>}
      {d.nationalStatus === 10 && <Suspense fallback={null}><RatingSection source={{ kind: 'citizen', ref: d.id }} /></Suspense>}
      {d.allowed.includes('request_withdrawal') && (
        <details className="c-case">
          <summary>{t('mine.withdraw')}</summary>
          <div className="c-field"><label htmlFor="withdraw-reason">{t('mine.withdrawReason')}</label><input id="withdraw-reason" value={reason} onChange={(e) => setReason(e.target.value)} /></div>
          <button type="button" className="c-button" onClick={() => void act('request_withdrawal', reason.trim() ? { reason: reason.trim() } : {})}>{t('mine.withdrawConfirm')}</button>
        </details>
      )}
      <h2>{t('mine.timeline')}</h2>
      <ol className="c-timeline">{d.timeline.map((x, i) => <li key={i}><time>{vnDate(x.at, true)}</time> {words(x.label, i18n.language)}</li>)}</ol>
    </section>
  );
}

export default MyDossiersPage;
