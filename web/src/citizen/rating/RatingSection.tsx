// "Đánh giá mức độ hài lòng" on the tracking page (the receipt's secret: also the invitation link
// /tra-cuu?code=…&danh-gia=1, which scrolls here) and on "my dossier" (the citizen's account).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HttpError, get, send } from '../api';
import { RatingForm, type RatingFormData, type RatingInput } from './RatingForm';

type Source = { kind: 'secret'; code: string; secret: string } | { kind: 'citizen'; ref: string };

async function post(url: string, body: unknown): Promise<RatingFormData> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': document.documentElement.lang || 'vi' }, body: JSON.stringify(body) });
  const out = await res.json().catch(() => ({}));
  if (!res.ok) throw new HttpError(res.status, out);
  return out as RatingFormData;
}

export default function RatingSection({ source, invited = false }: { source: Source; invited?: boolean }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<RatingFormData | null>(null);
  const ref = useRef<HTMLElement>(null);
  const key = source.kind === 'secret' ? `${source.code}|${source.secret}` : source.ref;

  useEffect(() => {
    const url = source.kind === 'secret'
      ? `/api/v1/public/ratings?code=${encodeURIComponent(source.code)}&secret=${encodeURIComponent(source.secret)}`
      : `/api/v1/citizen/dossiers/${encodeURIComponent(source.ref)}/rating`;
    get<RatingFormData>(url).then(setForm, () => setForm(null));
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (form && invited) ref.current?.scrollIntoView({ block: 'start' });
  }, [form, invited]);

  if (!form || (form.reason === 'RATING_NOT_RETURNED')) return null;
  const submit = (b: RatingInput) => source.kind === 'secret'
    ? post('/api/v1/public/ratings', { code: source.code, secret: source.secret, ...b })
    : send<RatingFormData>('PUT', `/api/v1/citizen/dossiers/${encodeURIComponent(source.ref)}/rating`, b);
  return (
    <section className="c-rating" aria-labelledby="rating-title" ref={ref} id="danh-gia">
      <h3 id="rating-title">{t('rating.title')}</h3>
      {form.canRate && !form.rated && <p>{invited ? t('rating.invite') + ' ' : ''}{t('rating.lead')}</p>}
      <RatingForm form={form} submit={submit} />
    </section>
  );
}
