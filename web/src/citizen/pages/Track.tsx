// Tra cứu hồ sơ (/tra-cuu, also what the receipt's QR code opens: ?code=&secret=): no sign-in, the dossier
// code plus the lookup code printed on the receipt. Shows the status, the appointment, what the citizen is
// expected to do now and the timeline in plain words. Errors are summarised at the top with links to the
// fields; what was typed is kept.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { citizenApi, HttpError, type Tracking } from '../api';
import { fmtDateTime } from '../../util';
import PaymentSection, { rememberedSecret } from './PaymentSection';
import { lazy, Suspense } from 'react';

// the rating section (its own chunk: only returned dossiers show it)
const RatingSection = lazy(() => import('../rating/RatingSection'));

type FieldErrors = Partial<Record<'code' | 'secret', string>>;

export default function TrackPage() {
  const { t, i18n } = useTranslation();
  const params = new URLSearchParams(location.search);
  const [code, setCode] = useState(params.get('code') ?? '');
  // back from the payment gateway: the secret this tab remembered (it never goes through the gateway)
  const [secret, setSecret] = useState(params.get('secret') ?? (params.get('code') ? rememberedSecret(params.get('code')!) : null) ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<{ text: string; hint?: string } | null>(null);
  const [result, setResult] = useState<Tracking | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLElement>(null);
  const en = i18n.language === 'en';

  async function lookup(e?: FormEvent) {
    e?.preventDefault();
    const errs: FieldErrors = {};
    if (!code.trim()) errs.code = t('track.codeMissing');
    if (!secret.trim()) errs.secret = t('track.secretMissing');
    setErrors(errs);
    setFailure(null);
    if (Object.keys(errs).length > 0) {
      setResult(null);
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setBusy(true);
    try {
      const r = await citizenApi.track(code.trim(), secret.trim());
      setResult(r);
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (err) {
      setResult(null);
      if (err instanceof HttpError && err.status === 404) setFailure({ text: t('track.notFound'), hint: en ? err.body.hintEn : err.body.hintVi });
      else if (err instanceof HttpError && err.status === 429) setFailure({ text: t('track.tooMany') });
      else setFailure({ text: err instanceof HttpError ? (err.body.title ?? t('app.error')) : t('app.error') });
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  // opened from the QR code: look up at once
  useEffect(() => {
    if (code && secret) void lookup();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const fieldErrors = Object.entries(errors) as Array<['code' | 'secret', string]>;
  return (
    <div className="c-page c-track">
      <h1>{t('track.title')}</h1>
      <p>{t('track.lead')}</p>
      {(fieldErrors.length > 0 || failure) && (
        <div className="c-error-summary" role="alert" tabIndex={-1} ref={summary} aria-labelledby="err-title">
          <h2 id="err-title">{failure ? failure.text : t('track.errorsTitle')}</h2>
          {fieldErrors.length > 0 && <ul>{fieldErrors.map(([f, m]) => <li key={f}><a href={`#track-${f}`} onClick={(e) => { e.preventDefault(); document.getElementById(`track-${f}`)?.focus(); }}>{m}</a></li>)}</ul>}
          {failure?.hint && <p>{failure.hint}</p>}
        </div>
      )}
      <form onSubmit={lookup} noValidate className="c-form">
        <div className={`c-field ${errors.code ? 'has-error' : ''}`}>
          <label htmlFor="track-code">{t('track.code')}</label>
          <p id="track-code-hint" className="c-hint">{t('track.codeHint')}</p>
          {errors.code && <p id="track-code-err" className="c-err">{errors.code}</p>}
          <input id="track-code" name="code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" autoCapitalize="characters" spellCheck={false}
            aria-invalid={errors.code ? true : undefined} aria-describedby={errors.code ? 'track-code-err track-code-hint' : 'track-code-hint'} maxLength={60} />
        </div>
        <div className={`c-field ${errors.secret ? 'has-error' : ''}`}>
          <label htmlFor="track-secret">{t('track.secret')}</label>
          <p id="track-secret-hint" className="c-hint">{t('track.secretHint')}</p>
          {errors.secret && <p id="track-secret-err" className="c-err">{errors.secret}</p>}
          <input id="track-secret" name="secret" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" autoCapitalize="characters" spellCheck={false}
            aria-invalid={errors.secret ? true : undefined} aria-describedby={errors.secret ? 'track-secret-err track-secret-hint' : 'track-secret-hint'} maxLength={40} />
        </div>
        <button type="submit" className="c-button primary" disabled={busy}>{t('track.submit')}</button>
      </form>
      {result && (
        <section className="c-result lookup-result" aria-labelledby="track-result" tabIndex={-1} ref={resultRef}>
          <h2 id="track-result">{result.code}</h2>
          <p className={`c-status st${result.nationalStatus}`}><strong>{result.statusLabel[en ? 'en' : 'vi']}</strong></p>
          <dl className="c-facts">
            <div><dt>{t('track.procedure')}</dt><dd>{result.procedure.name} ({result.procedure.code})</dd></div>
            <div><dt>{t('track.receivedAt')}</dt><dd>{fmtDateTime(result.receivedAt)}</dd></div>
            <div><dt>{t('track.appointment')}</dt><dd><strong>{fmtDateTime(result.appointmentAt)}</strong></dd></div>
            <div><dt>{t('track.where')}</dt><dd>{result.returnAgency ?? result.receivingAgency ?? '—'}</dd></div>
            {result.returnedAt && <div><dt>{t('track.returnedAt')}</dt><dd>{fmtDateTime(result.returnedAt)}</dd></div>}
          </dl>
          <PaymentSection code={result.code} secret={secret.trim()} nationalStatus={result.nationalStatus} />
          {result.nationalStatus === 10 && (
            <Suspense fallback={null}><RatingSection source={{ kind: 'secret', code: result.code, secret: secret.trim() }} invited={params.has('danh-gia')} /></Suspense>
          )}
          <div className={`c-now ${result.next.action}`}>
            <h3>{t('track.now')}</h3>
            <p>{en ? result.next.en : result.next.vi}</p>
          </div>
          <h3>{t('track.timeline')}</h3>
          <ol className="c-timeline">
            {[...result.timeline].reverse().map((e, i) => (
              <li key={i}>
                <time dateTime={e.at}>{fmtDateTime(e.at)}</time>
                <strong>{e.label[en ? 'en' : 'vi']}</strong>
                <span>{e.text[en ? 'en' : 'vi']}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
