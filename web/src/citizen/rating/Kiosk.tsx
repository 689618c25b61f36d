// /kiosk/danh-gia: the counter tablet (no sign-in). The desk official pairs it by opening the link shown once
// when pairing (/kiosk/danh-gia#k=<device token>); the token is kept in this tablet's localStorage and sent as
// X-Kiosk-Token. The page asks every few seconds which dossier the desk handed to it and shows its rating
// form; after the rating it thanks the citizen and waits for the next dossier.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { paths } from '../../api.gen';
import { HttpError } from '../api';
import { RatingForm, type RatingFormData, type RatingInput } from './RatingForm';

type Current = paths['/api/v1/public/kiosk/rating']['get']['responses'][200]['content']['application/json'];
const KEY = 'motcua.kiosk';

function tokenOf(): string | null {
  const m = /(?:^#|&)k=([^&]+)/.exec(location.hash);
  try {
    if (m) {
      localStorage.setItem(KEY, decodeURIComponent(m[1]!));
      history.replaceState(null, '', location.pathname); // the token does not stay in the address bar
    }
    return localStorage.getItem(KEY);
  } catch {
    return m ? decodeURIComponent(m[1]!) : null;
  }
}

async function call<T>(method: 'GET' | 'POST', token: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-kiosk-token': token, 'accept-language': document.documentElement.lang || 'vi' };
  if (body) headers['content-type'] = 'application/json';
  const res = await fetch('/api/v1/public/kiosk/rating', { method, headers, body: body ? JSON.stringify(body) : undefined, credentials: 'omit' });
  const out = await res.json().catch(() => ({}));
  if (!res.ok) throw new HttpError(res.status, out);
  return out as T;
}

export default function KioskPage() {
  const { t } = useTranslation();
  const [token] = useState(tokenOf);
  const [cur, setCur] = useState<Current | null>(null);
  const [unpaired, setUnpaired] = useState(!token);
  const [thanks, setThanks] = useState(false);

  const load = useCallback(async () => {
    if (!token) return;
    try {
      const c = await call<Current>('GET', token);
      setCur((old) => (old?.form?.code === c.form?.code && old?.form?.rated === c.form?.rated ? old : c));
      if (c.form) setThanks(false);
    } catch (err) {
      if (err instanceof HttpError && err.status === 401) setUnpaired(true);
    }
  }, [token]);

  useEffect(() => {
    void load();
    const id = setInterval(() => void load(), 3000);
    return () => clearInterval(id);
  }, [load]);

  async function submit(b: RatingInput): Promise<RatingFormData> {
    const r = await call<RatingFormData>('POST', token!, { code: cur!.form!.code, ...b });
    setThanks(true);
    setCur({ label: cur!.label, form: null });
    return r;
  }

  return (
    <div className="c-page c-kiosk">
      <h1>{t('kiosk.title')}{cur?.label ? ` — ${cur.label}` : ''}</h1>
      {unpaired ? <p className="c-now">{t('kiosk.unpaired')}</p>
        : thanks ? <p role="status" className="c-rating-thanks large">{t('kiosk.thanks')}</p>
          : cur?.form ? (
            <section aria-labelledby="kiosk-dossier">
              <dl className="c-facts">
                <div><dt id="kiosk-dossier">{t('kiosk.dossier')}</dt><dd><strong>{cur.form.code}</strong></dd></div>
                <div><dt>{t('kiosk.procedure')}</dt><dd>{cur.form.procedure.name}</dd></div>
              </dl>
              {cur.form.canRate && <p>{t('rating.lead')}</p>}
              <RatingForm key={cur.form.code} form={cur.form} submit={submit} idPrefix="kiosk" large />
            </section>
          ) : <p className="c-now">{t('kiosk.waiting')}</p>}
    </div>
  );
}
