// "Thanh toán" on the tracking page: what the dossier owes (fee lines, exemptions with their reason), the
// button that sends the citizen to the payment gateway, the payments made and their electronic receipts.
// The lookup secret is kept in this tab's sessionStorage while the citizen is at the gateway, so the page can
// show the result when the gateway sends the browser back (/tra-cuu?code=…&thanh-toan=…): the secret never
// travels through the gateway.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { citizenApi, HttpError, type PaymentSummary } from '../api';
import { fmtDateTime, fmtMoney } from '../../util';

const KEY = (code: string) => `motcua.pay.${code}`;

/** The secret remembered for a dossier code while its payment is under way (this tab only). */
export function rememberedSecret(code: string): string | null {
  try { return sessionStorage.getItem(KEY(code)); } catch { return null; }
}

export default function PaymentSection({ code, secret, nationalStatus }: { code: string; secret: string; nationalStatus: number }) {
  const { t, i18n } = useTranslation();
  const [s, setS] = useState<PaymentSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const back = new URLSearchParams(location.search).get('thanh-toan');

  useEffect(() => {
    citizenApi.payments(code, secret).then(setS, () => setS(null));
  }, [code, secret, nationalStatus]);

  if (!s || (!s.awaitingPayment && s.payments.length === 0)) return null;
  const open = s.payments.find((p) => p.status === 'pending' && p.payUrl);

  async function pay() {
    setBusy(true);
    setError(null);
    try {
      const p = await citizenApi.startPayment(code, secret, i18n.language);
      try { sessionStorage.setItem(KEY(code), secret); } catch { /* private mode: the citizen types the code again */ }
      if (p.payUrl) location.assign(p.payUrl);
    } catch (err) {
      setError(err instanceof HttpError ? (err.body.title ?? t('app.error')) : t('app.error'));
      setBusy(false);
    }
  }

  const lines = s.owed?.lines ?? [];
  return (
    <section className="c-pay" aria-labelledby="pay-title">
      <h3 id="pay-title">{t('pay.title')}</h3>
      {back && <p role="status" className={`c-pay-back ${back}`}>{back === 'paid' ? t('pay.paidOk') : back === 'error' ? t('pay.error') : back === 'pending' ? t('pay.pendingBack') : t('pay.failed')}</p>}
      {s.awaitingPayment && s.owed && (
        <>
          <p>{t('pay.lead')}</p>
          {lines.length > 0 && (
            <table className="c-pay-lines">
              <thead><tr><th scope="col">{t('pay.item')}</th><th scope="col" className="n">{t('pay.amount')}</th></tr></thead>
              <tbody>
                {lines.map((l) => (
                  <tr key={l.code}>
                    <td>{l.name}
                      {l.quantity !== null && l.quantity > 1 && l.unitAmount !== null && <span className="c-hint"> ({l.quantity} × {fmtMoney(l.unitAmount, i18n.language)})</span>}
                      {l.state !== 'charged' && l.reason && <span className="c-hint"> — {l.reason}{l.legalBasis && ` (${t('pay.basis')}: ${l.legalBasis})`}</span>}</td>
                    <td className="n">{l.state === 'charged' ? fmtMoney(l.amount, i18n.language) : l.state === 'exempt' ? t('pay.exempt') : t('pay.notYet')}</td>
                  </tr>
                ))}
              </tbody>
              {s.owed.total > 0 && <tfoot><tr><th scope="row">{t('pay.total')}</th><td className="n"><strong id="pay-total">{fmtMoney(s.owed.total, i18n.language)}</strong></td></tr></tfoot>}
            </table>
          )}
          {s.owed.blocked === 'amount_unknown' && <p className="c-hint">{t('pay.unknown')}</p>}
          {s.owed.blocked === 'free' && <p>{t('pay.free')}</p>}
          {!s.owed.blocked && (
            <button type="button" className="c-button primary" onClick={pay} disabled={busy}>{busy ? t('pay.starting') : open ? t('pay.continue') : t('pay.start')}</button>
          )}
          {error && <p role="alert" className="c-err">{error}</p>}
        </>
      )}
      {s.payments.length > 0 && (
        <>
          <h4>{t('pay.history')}</h4>
          <ul className="c-pay-list">
            {s.payments.map((p) => (
              <li key={p.orderRef}>
                <strong>{fmtMoney(p.amount, i18n.language)}</strong> — {t(`pay.st_${p.status}`)}
                {p.paidAt && <> · {t('pay.paidAt')}: {fmtDateTime(p.paidAt)}</>}
                {p.receiptNumber && (
                  <div>
                    {t('pay.receiptNo')}: {p.receiptNumber} ·{' '}
                    <a href={citizenApi.receiptUrl(p.orderRef, code, secret)} target="_blank" rel="noopener">{t('pay.receipt')}</a>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
