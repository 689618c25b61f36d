// Xác thực văn bản điện tử (/xac-thuc?sha256=…): the result's verify link opens it with the hash; a citizen
// may instead pick the PDF, whose SHA-256 is computed in the browser (crypto.subtle) — the file never leaves
// the device. The answer: the dossier code, procedure, issuing agency, number, date (dd/mm/yyyy) and the
// signer of a digitally signed result, or "không tìm thấy".
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { citizenApi, HttpError, type VerifyResult } from '../api';
import './texts';

const SHA256 = /^[0-9a-f]{64}$/;

/** SHA-256 of a file as 64 lower-case hex digits, in the browser. */
async function sha256Of(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

type Outcome = { kind: 'found'; result: VerifyResult } | { kind: 'notFound' } | { kind: 'failed'; text: string };

export default function VerifyPage() {
  const { t } = useTranslation();
  const [hash, setHash] = useState(new URLSearchParams(location.search).get('sha256') ?? '');
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<'hashing' | 'checking' | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLElement>(null);

  async function check(value: string) {
    const v = value.trim().toLowerCase();
    setOutcome(null);
    const err = !v ? t('verify.hashMissing') : SHA256.test(v) ? null : t('verify.hashInvalid');
    setError(err);
    if (err) { requestAnimationFrame(() => summary.current?.focus()); return; }
    history.replaceState(null, '', `/xac-thuc?sha256=${v}`);
    setBusy('checking');
    try {
      setOutcome({ kind: 'found', result: await citizenApi.verify(v) });
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) setOutcome({ kind: 'notFound' });
      else if (e instanceof HttpError && e.status === 400) setError(e.body.errors?.[0]?.message ?? t('verify.hashInvalid'));
      else if (e instanceof HttpError && e.status === 429) setOutcome({ kind: 'failed', text: t('verify.tooMany') });
      else setOutcome({ kind: 'failed', text: e instanceof HttpError ? (e.body.title ?? t('app.error')) : t('app.error') });
    } finally {
      setBusy(null);
      requestAnimationFrame(() => resultRef.current?.focus());
    }
  }

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    if (!globalThis.crypto?.subtle) { setError(t('verify.noCrypto')); return; }
    setBusy('hashing');
    const h = await sha256Of(file);
    setHash(h);
    await check(h);
  }

  // opened from a result's verify link: check at once
  useEffect(() => {
    if (hash) void check(hash);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = (e: FormEvent) => { e.preventDefault(); void check(hash); };
  return (
    <div className="c-page c-verify">
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.lead')}</p>
      {error && (
        <div className="c-error-summary" role="alert" tabIndex={-1} ref={summary} aria-labelledby="verify-err-title">
          <h2 id="verify-err-title">{t('verify.errorsTitle')}</h2>
          <ul><li><a href="#verify-hash" onClick={(e) => { e.preventDefault(); document.getElementById('verify-hash')?.focus(); }}>{error}</a></li></ul>
        </div>
      )}
      <form onSubmit={submit} noValidate className="c-form">
        <div className="c-field">
          <label htmlFor="verify-file" className="c-button">{t('verify.file')}</label>
          <input id="verify-file" className="c-file" type="file" accept=".pdf,application/pdf" onChange={(e) => void pick(e)} aria-describedby="verify-file-hint" />
          <p id="verify-file-hint" className="c-hint">{t('verify.fileHint')}</p>
        </div>
        <p className="c-or">{t('verify.or')}</p>
        <div className={`c-field ${error ? 'has-error' : ''}`}>
          <label htmlFor="verify-hash">{t('verify.hash')}</label>
          <p id="verify-hash-hint" className="c-hint">{t('verify.hashHint')}</p>
          {error && <p id="verify-hash-err" className="c-err">{error}</p>}
          <input id="verify-hash" name="sha256" value={hash} onChange={(e) => setHash(e.target.value)} autoComplete="off" spellCheck={false} inputMode="text"
            aria-invalid={error ? true : undefined} aria-describedby={error ? 'verify-hash-err verify-hash-hint' : 'verify-hash-hint'} maxLength={200} />
        </div>
        <button type="submit" className="c-button primary" disabled={busy !== null}>{t('verify.submit')}</button>
        {busy === 'hashing' && <p role="status">{t('verify.hashing')}</p>}
      </form>
      {outcome && <Answer outcome={outcome} resultRef={resultRef} />}
    </div>
  );
}

function Answer({ outcome, resultRef }: { outcome: Outcome; resultRef: React.RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  if (outcome.kind !== 'found') {
    return (
      <section className="c-result c-verify-none" aria-labelledby="verify-result" tabIndex={-1} ref={resultRef} data-testid="verify-result">
        <h2 id="verify-result">{outcome.kind === 'notFound' ? t('verify.notFound') : outcome.text}</h2>
        {outcome.kind === 'notFound' && <p>{t('verify.notFoundLead')}</p>}
      </section>
    );
  }
  const r = outcome.result;
  return (
    <section className="c-result c-verify-ok" aria-labelledby="verify-result" tabIndex={-1} ref={resultRef} data-testid="verify-result">
      <h2 id="verify-result">{t('verify.found')}</h2>
      <p>{t('verify.foundLead')}</p>
      {r.documents.map((d, i) => (
        <dl key={i} className="c-facts">
          {d.dossierCode && <div><dt>{t('verify.dossier')}</dt><dd>{d.dossierCode}</dd></div>}
          {d.procedure && <div><dt>{t('verify.procedure')}</dt><dd>{d.procedure.name} ({d.procedure.code})</dd></div>}
          {d.agency && <div><dt>{t('verify.agency')}</dt><dd>{d.agency.name}</dd></div>}
          <div><dt>{t('verify.number')}</dt><dd>{d.number}</dd></div>
          {d.title && <div><dt>{t('verify.docTitle')}</dt><dd>{d.title}</dd></div>}
          <div><dt>{t('verify.issuedOn')}</dt><dd>{d.issuedOnText}</dd></div>
          <div><dt>{t('verify.signature')}</dt><dd>{d.digitallySigned ? t('verify.signed') : t('verify.unsigned')}</dd></div>
          {d.signer && <div><dt>{t('verify.signer')}</dt><dd>{d.signer}</dd></div>}
        </dl>
      ))}
      <p className="c-hash"><span>SHA-256:</span> <code>{r.sha256}</code></p>
    </section>
  );
}
