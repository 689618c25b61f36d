// A dossier's postal orders on its page (bưu chính công ích): the item code, the order's status, every
// tracking change VNPost reported, and whether the confirmed delivery completed the return step.
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorBox, useAsync } from '../ui';
import { fmtDateTime, fmtMoney } from '../util';

export function DossierPostal({ code, version }: { code: string; version: number }) {
  const { t, i18n } = useTranslation();
  const post = useAsync(() => api.dossierPostal(code), [code, version]);
  if (!post.data?.items.length && !post.error) return null;
  return (
    <section className="card" aria-labelledby="d-post" data-testid="dossier-postal">
      <h2 id="d-post">{t('postal.title')}</h2>
      <ErrorBox error={post.error} />
      {post.data?.provider === 'recording' && <p className="muted">{t('postal.simulated')}</p>}
      {post.data?.items.map((o) => (
        <div key={o.id} data-testid="postal-order" data-status={o.status}>
          <p>
            <strong>{t(`postal.directions.${o.direction}`)}</strong>
            {o.itemCode && <> · {t('postal.itemCode')}: <span className="code">{o.itemCode}</span></>}
            {' · '}<span className={`badge ${o.status === 'rejected' || o.status === 'failed' ? 'bad' : o.status === 'delivered' ? 'ok' : ''}`}>{t(`postal.statuses.${o.status}`, { defaultValue: o.status })}</span>
            {o.codAmount > 0 && <> · {t('postal.cod')}: {fmtMoney(o.codAmount)}</>}
          </p>
          {o.problem && <p className="error-text">{o.problem}</p>}
          {o.returnRecordedAt && <p className="muted">{t('postal.returnRecorded', { at: fmtDateTime(o.returnRecordedAt, i18n.language) })}</p>}
          {o.tracking.length > 0 && <ol>{o.tracking.map((e) => (
            <li key={`${e.vnpostStatus}-${e.at}`}>{fmtDateTime(e.at, i18n.language)} — {e.statusVi}{e.place && <> · {e.place}</>}</li>
          ))}</ol>}
        </div>
      ))}
    </section>
  );
}
