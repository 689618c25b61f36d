// The official's payment request (status 6): the fee lines (phí, lệ phí) pre-filled from the catalogue's lines
// of the dossier's channel, editable — name, kind, amount in đồng, quantity — each exemptable (miễn) with a
// reason and an optional legal basis; the total owed is the sum of the lines not exempt. A line's error from
// the server (body.payload.lines.2.amount) is shown on that line.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';

export interface EditLine { name: string; kind: 'phi' | 'le_phi'; amount: string; quantity: string; exempt: boolean; exemptReason: string; legalBasis: string; hint: string | null }

const vnd = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const lineTotal = (l: EditLine) => (l.exempt ? 0 : (Number(l.amount) || 0) * (Number(l.quantity) || 1));
export const linesTotal = (ls: EditLine[]) => ls.reduce((s, l) => s + lineTotal(l), 0);

/** The request's payload lines. */
export function linesPayload(ls: EditLine[]): Array<Record<string, unknown>> {
  return ls.map((l) => ({
    name: l.name.trim(), kind: l.kind, amount: l.amount.trim() === '' ? 0 : Number(l.amount), quantity: l.quantity.trim() === '' ? 1 : Number(l.quantity),
    ...(l.exempt ? { exemptReason: l.exemptReason.trim(), ...(l.legalBasis.trim() ? { legalBasis: l.legalBasis.trim() } : {}) } : {}),
  }));
}

/** Field errors of the lines from a problem answer: "2.amount" → message. */
function lineErrors(err: unknown, lang: string): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of (err.problem.errors ?? []) as Array<{ path: string; message?: string; messageVi?: string; messageEn?: string }>) {
    const m = /^body\.payload\.lines\.(\d+)\.(\w+)$/.exec(e.path);
    if (m) out[`${m[1]}.${m[2]}`] = (lang === 'en' ? e.messageEn : e.messageVi) ?? e.message ?? '';
  }
  return out;
}

const empty = (): EditLine => ({ name: '', kind: 'le_phi', amount: '', quantity: '1', exempt: false, exemptReason: '', legalBasis: '', hint: null });

export function FeeLinesEditor({ dossierRef, lines, onChange, error }: { dossierRef: string; lines: EditLine[] | null; onChange: (ls: EditLine[]) => void; error: unknown }) {
  const { t, i18n } = useTranslation();
  const [loadErr, setLoadErr] = useState<unknown>(null);
  useEffect(() => {
    if (lines !== null) return;
    api.feeLines(dossierRef).then((r) => onChange(r.lines.length > 0
      ? r.lines.map((l) => ({ name: l.name, kind: l.kind, amount: String(l.amount), quantity: String(l.quantity), exempt: !!l.exemptReason, exemptReason: l.exemptReason ?? '', legalBasis: '', hint: l.hint }))
      : [empty()])).catch((e) => { setLoadErr(e); onChange([empty()]); });
  }, [dossierRef]); // eslint-disable-line react-hooks/exhaustive-deps
  if (lines === null) return <p aria-busy="true">{t('app.loading')}</p>;
  const errs = lineErrors(error, i18n.language);
  const set = (i: number, patch: Partial<EditLine>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const err = (i: number, f: string) => errs[`${i}.${f}`];
  return (
    <fieldset className="fee-lines">
      <legend>{t('fees.title')}</legend>
      {loadErr !== null && <p className="hint">{t('fees.noSuggestion')}</p>}
      {lines.map((l, i) => {
        const id = `fee-${i}`;
        return (
          <div key={i} className="fee-line" role="group" aria-label={t('fees.line', { n: i + 1 })}>
            <div className="fee-line-row">
              <div className={`field grow ${err(i, 'name') ? 'has-error' : ''}`}>
                <label htmlFor={`${id}-name`}>{t('fees.name')} <span className="req" aria-hidden="true">*</span></label>
                <input id={`${id}-name`} name={`lines.${i}.name`} value={l.name} onChange={(e) => set(i, { name: e.target.value })} />
                {err(i, 'name') && <div className="err" role="alert">{err(i, 'name')}</div>}
              </div>
              <div className="field">
                <label htmlFor={`${id}-kind`}>{t('fees.kind')}</label>
                <select id={`${id}-kind`} name={`lines.${i}.kind`} value={l.kind} onChange={(e) => set(i, { kind: e.target.value as EditLine['kind'] })}>
                  <option value="le_phi">{t('fees.le_phi')}</option><option value="phi">{t('fees.phi')}</option>
                </select>
              </div>
              <div className={`field ${err(i, 'amount') ? 'has-error' : ''}`}>
                <label htmlFor={`${id}-amount`}>{t('fees.amount')}</label>
                <input id={`${id}-amount`} name={`lines.${i}.amount`} type="number" min={0} step={1} inputMode="numeric" value={l.amount} onChange={(e) => set(i, { amount: e.target.value })} style={{ width: '9em' }} />
                {err(i, 'amount') && <div className="err" role="alert">{err(i, 'amount')}</div>}
              </div>
              <div className={`field ${err(i, 'quantity') ? 'has-error' : ''}`}>
                <label htmlFor={`${id}-qty`}>{t('fees.quantity')}</label>
                <input id={`${id}-qty`} name={`lines.${i}.quantity`} type="number" min={1} step={1} inputMode="numeric" value={l.quantity} onChange={(e) => set(i, { quantity: e.target.value })} style={{ width: '5em' }} />
                {err(i, 'quantity') && <div className="err" role="alert">{err(i, 'quantity')}</div>}
              </div>
              <button type="button" className="link" onClick={() => onChange(lines.filter((_, j) => j !== i))} disabled={lines.length === 1}
                aria-label={t('fees.remove', { n: i + 1 })}>{t('common.delete')}</button>
            </div>
            {l.hint && <div className="hint">{t('fees.catalogueSays')}: {l.hint}</div>}
            <label className="check"><input type="checkbox" name={`lines.${i}.exempt`} checked={l.exempt} onChange={(e) => set(i, { exempt: e.target.checked })} /> {t('fees.exempt')}</label>
            {l.exempt && (
              <div className="fee-line-row">
                <div className={`field grow ${err(i, 'exemptReason') ? 'has-error' : ''}`}>
                  <label htmlFor={`${id}-reason`}>{t('fees.exemptReason')} <span className="req" aria-hidden="true">*</span></label>
                  <input id={`${id}-reason`} name={`lines.${i}.exemptReason`} value={l.exemptReason} placeholder={t('fees.exemptReasonPh')} onChange={(e) => set(i, { exemptReason: e.target.value })} />
                  {err(i, 'exemptReason') && <div className="err" role="alert">{err(i, 'exemptReason')}</div>}
                </div>
                <div className="field grow">
                  <label htmlFor={`${id}-basis`}>{t('fees.legalBasis')}</label>
                  <input id={`${id}-basis`} name={`lines.${i}.legalBasis`} value={l.legalBasis} onChange={(e) => set(i, { legalBasis: e.target.value })} />
                </div>
              </div>
            )}
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...lines, empty()])}>{t('fees.add')}</button>
      <p className="fee-total" aria-live="polite"><strong>{t('fees.total')}: {vnd(linesTotal(lines))} {t('fees.dong')}</strong></p>
    </fieldset>
  );
}

/** The editor's lines are complete enough to send: a name on each, a reason on each exemption. */
export function linesReady(ls: EditLine[] | null): boolean {
  return !!ls && ls.length > 0 && ls.every((l) => l.name.trim() !== '' && (!l.exempt || l.exemptReason.trim() !== ''));
}
