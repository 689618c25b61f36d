// "Mời đánh giá tại quầy" on a returned dossier's page: the desk hands the dossier to its counter tablet
// (the kiosk shows that dossier's rating form, once). Without a paired tablet the official pairs one here:
// the link is shown once, to open on the tablet (/kiosk/danh-gia#k=…), with its QR code so that the tablet (or
// a phone) opens it by its camera. The QR library is loaded only then (its own lazy chunk).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { ErrorBox } from '../ui';
import { KIOSK_QR, svgDataUrl } from './kiosk-qr';

export function DossierKiosk({ code }: { code: string }) {
  const { t } = useTranslation();
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const [link, setLink] = useState<string | null>(null);
  const [needPair, setNeedPair] = useState(false);
  const [busy, setBusy] = useState(false);

  async function hand() {
    setBusy(true); setErr(null); setMsg(null);
    try {
      const r = await api.handToKiosk(code);
      setMsg(t('kiosk.handed', { label: r.kiosk.label }));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'RATING_KIOSK_NONE') setNeedPair(true);
      else setErr(e);
    } finally { setBusy(false); }
  }
  async function pair() {
    setBusy(true); setErr(null);
    try {
      const k = await api.pairKiosk();
      setLink(k.url);
      setNeedPair(false);
    } catch (e) { setErr(e); } finally { setBusy(false); }
  }

  return (
    <section className="card" aria-labelledby="d-kiosk" data-testid="dossier-kiosk">
      <h2 id="d-kiosk">{t('kiosk.title')}</h2>
      <p className="muted">{t('kiosk.lead')}</p>
      <ErrorBox error={err} />
      {msg && <p className="alert ok" role="status">{msg}</p>}
      {needPair && <p className="alert" role="status">{t('kiosk.none')}</p>}
      {link && (
        <div className="alert ok" role="status">
          <p>{t('kiosk.paired')}</p>
          <KioskQr url={link} />
          <p><a href={link} target="_blank" rel="noopener" data-testid="kiosk-link">{link}</a></p>
        </div>
      )}
      <div className="row">
        <button type="button" onClick={() => void hand()} disabled={busy} data-testid="kiosk-hand">{t('kiosk.hand')}</button>
        <button type="button" className="ghost" onClick={() => void pair()} disabled={busy}>{t('kiosk.pair')}</button>
      </div>
    </section>
  );
}

/** The QR code of the kiosk link, as an SVG image; the text of the link stays beside it. */
function KioskQr({ url }: { url: string }) {
  const { t } = useTranslation();
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // a CommonJS package: its functions are on the default export once bundled
    void import('qrcode').then((q) => q.default.toString(url, KIOSK_QR)).then((s) => { if (live) setSvg(s); }, () => undefined);
    return () => { live = false; };
  }, [url]);
  if (!svg) return null;
  return (
    <figure className="kiosk-qr">
      <img src={svgDataUrl(svg)} width={200} height={200} alt={t('kiosk.qrAlt')} data-testid="kiosk-qr" />
      <figcaption>{t('kiosk.qrCaption')}</figcaption>
    </figure>
  );
}
