// Tra cứu hồ sơ: the citizen's lookup page that the QR code on the receipt (form 01) opens.
// No sign-in: the dossier code plus the secret printed on the receipt; shows only what the receipt shows.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtDateTime } from '../util';

interface LookupResult {
  code: string;
  procedure: { code: string; name: string };
  receivingAgency: string | null;
  returnAgency: string | null;
  nationalStatus: number;
  statusLabel: { vi: string; en: string };
  receivedAt: string | null;
  appointmentAt: string | null;
  resultReady: boolean;
  returnedAt: string | null;
}

export function PublicLookupPage() {
  const { t, i18n } = useTranslation();
  const params = new URLSearchParams(location.search);
  const [code, setCode] = useState(params.get('code') ?? '');
  const [secret, setSecret] = useState(params.get('secret') ?? '');
  const [result, setResult] = useState<LookupResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function lookup(e?: FormEvent) {
    e?.preventDefault();
    if (!code.trim() || !secret.trim()) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const res = await fetch(`/api/v1/public/dossiers/${encodeURIComponent(code.trim())}?secret=${encodeURIComponent(secret.trim())}`, {
        headers: { 'accept-language': i18n.language },
      });
      const body = await res.json();
      if (res.ok) setResult(body as LookupResult);
      else setError(res.status === 404 ? t('lookup.notFound') : (body.title ?? t('common.error')));
    } catch {
      setError(t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  // opened from the QR code: look up at once
  useEffect(() => {
    if (code && secret) void lookup();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <main className="lookup" id="main">
      <h1>{t('lookup.title')}</h1>
      <form onSubmit={lookup} className="lookup-form">
        <label>
          {t('lookup.code')}
          <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" required />
        </label>
        <label>
          {t('lookup.secret')}
          <input value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" required />
        </label>
        <button type="submit" disabled={busy}>{t('common.search')}</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {result && (
        <section aria-live="polite" className="lookup-result">
          <h2>{result.code}</h2>
          <dl>
            <dt>{t('lookup.procedure')}</dt><dd>{result.procedure.name} ({result.procedure.code})</dd>
            <dt>{t('lookup.status')}</dt><dd><strong>{result.statusLabel[lang]}</strong></dd>
            <dt>{t('lookup.receivedAt')}</dt><dd>{fmtDateTime(result.receivedAt)}</dd>
            <dt>{t('lookup.appointment')}</dt><dd>{fmtDateTime(result.appointmentAt)}</dd>
            <dt>{t('lookup.where')}</dt><dd>{result.returnAgency ?? result.receivingAgency ?? '—'}</dd>
            {result.returnedAt && (<><dt>{t('lookup.returnedAt')}</dt><dd>{fmtDateTime(result.returnedAt)}</dd></>)}
          </dl>
          {result.resultReady && <p className="notice">{t('lookup.ready')}</p>}
        </section>
      )}
    </main>
  );
}
