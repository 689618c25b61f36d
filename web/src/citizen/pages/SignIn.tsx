// Đăng nhập (/dang-nhap?next=/…): a mobile number or an e-mail → a 6-digit code (resend after a countdown),
// or the national identity account when the province configured one. Errors are summarised at the top with
// links to their field; after sign-in the citizen goes back to `next`.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi, fieldErrorsOf, HttpError, type CodeSent } from '../api';
import { navigate } from '../router';
import { safeNext, setCitizenSession, useCitizen } from '../session';

export default function SignInPage() {
  const { t } = useTranslation();
  const { session } = useCitizen();
  const params = new URLSearchParams(location.search);
  const next = safeNext(params.get('next'));
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<CodeSent | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>(() => {
    const e = params.get('error');
    const out: Record<string, string> = {};
    if (e) out.form = t(`signIn.error.${e}`, { defaultValue: t('signIn.error.oidc') });
    return out;
  });
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const summary = useRef<HTMLDivElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!sent) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [sent]);
  const wait = sent ? Math.max(0, Math.ceil((new Date(sent.resendAt).getTime() - now) / 1000)) : 0;

  function fail(err: unknown, field: string) {
    const f = fieldErrorsOf(err);
    if (Object.keys(f).length === 0) f[field] = err instanceof HttpError ? (err.body.title ?? t('app.error')) : t('app.error');
    else if (err instanceof HttpError && err.body.title) for (const k of Object.keys(f)) f[k] = err.body.title; // the code's own sentence
    setErrors(f);
    requestAnimationFrame(() => summary.current?.focus());
  }

  async function sendCode(e?: FormEvent) {
    e?.preventDefault();
    if (!address.trim()) {
      setErrors({ address: t('signIn.addressMissing') });
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const s = await accountApi.sendCode(address.trim());
      setSent(s);
      setNow(Date.now());
      setCode('');
      requestAnimationFrame(() => codeInput.current?.focus());
    } catch (err) {
      fail(err, 'address');
    } finally {
      setBusy(false);
    }
  }

  async function verify(e: FormEvent) {
    e.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) {
      setErrors({ code: t('signIn.codeFormat') });
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      setCitizenSession(await accountApi.verifyCode(sent!.challengeId, code.trim()));
      navigate(next, true);
    } catch (err) {
      fail(err, 'code');
    } finally {
      setBusy(false);
    }
  }

  const idp = session?.signInOptions.identityProvider;
  const list = Object.entries(errors);
  const fieldId = (f: string) => (f === 'address' ? 'signin-address' : f === 'code' ? 'signin-code' : '');
  return (
    <div className="c-page c-signin">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.lead')}</p>
      {list.length > 0 && (
        <div className="c-error-summary" role="alert" tabIndex={-1} ref={summary} aria-labelledby="signin-err">
          <h2 id="signin-err">{t('signIn.errorsTitle')}</h2>
          <ul>{list.map(([f, m]) => <li key={f}>{fieldId(f) ? <a href={`#${fieldId(f)}`} onClick={(ev) => { ev.preventDefault(); document.getElementById(fieldId(f))?.focus(); }}>{m}</a> : m}</li>)}</ul>
        </div>
      )}
      {!sent ? (
        <form onSubmit={sendCode} noValidate className="c-form">
          <div className={`c-field ${errors.address ? 'has-error' : ''}`}>
            <label htmlFor="signin-address">{t('signIn.address')}</label>
            <p id="signin-address-hint" className="c-hint">{t('signIn.addressHint')}</p>
            {errors.address && <p id="signin-address-err" className="c-err">{errors.address}</p>}
            <input id="signin-address" name="address" value={address} onChange={(e) => setAddress(e.target.value)} autoComplete="username" inputMode="email" maxLength={254}
              aria-invalid={errors.address ? true : undefined} aria-describedby={errors.address ? 'signin-address-err signin-address-hint' : 'signin-address-hint'} />
          </div>
          <button type="submit" className="c-button primary" disabled={busy}>{t('signIn.send')}</button>
        </form>
      ) : (
        <form onSubmit={verify} noValidate className="c-form">
          <p role="status">{t(sent.channel === 'sms' ? 'signIn.sentSms' : 'signIn.sentEmail', { to: sent.sentTo })}</p>
          <div className={`c-field ${errors.code ? 'has-error' : ''}`}>
            <label htmlFor="signin-code">{t('signIn.code')}</label>
            <p id="signin-code-hint" className="c-hint">{t('signIn.codeHint')}</p>
            {errors.code && <p id="signin-code-err" className="c-err">{errors.code}</p>}
            <input id="signin-code" ref={codeInput} name="code" value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))} autoComplete="one-time-code" inputMode="numeric"
              className="c-code-input" aria-invalid={errors.code ? true : undefined} aria-describedby={errors.code ? 'signin-code-err signin-code-hint' : 'signin-code-hint'} />
          </div>
          <button type="submit" className="c-button primary" disabled={busy}>{t('signIn.verify')}</button>
          <div className="c-row">
            <button type="button" className="c-button" disabled={busy || wait > 0} onClick={() => void sendCode()}>
              {wait > 0 ? t('signIn.resendIn', { seconds: wait }) : t('signIn.resend')}
            </button>
            <button type="button" className="c-button" onClick={() => { setSent(null); setErrors({}); }}>{t('signIn.other')}</button>
          </div>
        </form>
      )}
      {idp && (
        <div className="c-idp">
          <p className="c-or">{t('signIn.or')}</p>
          <a className="c-button c-idp-button" href={`/api/v1/citizen/oidc/start?next=${encodeURIComponent(next)}`}>{t('signIn.withIdp', { name: idp.label })}</a>
          <p className="c-hint">{t('signIn.idpHint', { name: idp.label })}</p>
        </div>
      )}
    </div>
  );
}
