// The rating form (shared by the tracking page, "my dossier" and the counter kiosk): one radio group per
// criterion (3 rất hài lòng, 2 hài lòng, 1 không hài lòng), a free comment, errors on the fields.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { paths } from '../../api.gen';
import { HttpError } from '../api';
import { fmtDateTime } from '../../util';
import './texts';

export type RatingFormData = paths['/api/v1/public/ratings']['get']['responses'][200]['content']['application/json'];
export interface RatingInput { answers: Record<string, number>; comment: string | null }

export function RatingForm({ form, submit, idPrefix = 'rt', large = false }: { form: RatingFormData; submit: (b: RatingInput) => Promise<RatingFormData>; idPrefix?: string; large?: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [data, setData] = useState(form);
  const [answers, setAnswers] = useState<Record<string, number>>(form.rating?.answers ?? {});
  const [comment, setComment] = useState(form.rating?.comment ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(!form.rated);

  async function send(e: FormEvent) {
    e.preventDefault();
    const missing = data.criteria.filter((c) => c.required && answers[c.key] === undefined);
    if (missing.length > 0) {
      setErrors(Object.fromEntries(missing.map((c) => [c.key, t('rating.required')])));
      document.getElementById(`${idPrefix}-${missing[0]!.key}-3`)?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const r = await submit({ answers, comment: comment.trim() || null });
      setData(r);
      setEditing(false);
      setStatus(t('rating.thanks'));
    } catch (err) {
      if (err instanceof HttpError && err.body.errors?.length) {
        setErrors(Object.fromEntries(err.body.errors.map((x) => [x.path.replace(/^body\.(answers\.)?/, ''), x.message ?? err.body.title ?? x.code])));
      } else setStatus(err instanceof HttpError ? (err.body.title ?? t('app.error')) : t('app.error'));
    } finally {
      setBusy(false);
    }
  }

  const r = data.rating;
  if (!editing || !data.canRate) {
    return (
      <div className="c-rating-done">
        {status && <p role="status" className="c-rating-thanks">{status}</p>}
        {r ? (
          <>
            <p>{t('rating.yours', { at: fmtDateTime(r.updatedAt) })}</p>
            <ul className="c-rating-summary">
              {data.criteria.filter((c) => r.answers[c.key] !== undefined).map((c) => {
                const l = data.levels.find((x) => x.level === r.answers[c.key]);
                return <li key={c.key}>{en ? c.nameEn : c.nameVi}: <strong>{l ? (en ? l.en : l.vi) : '—'}</strong></li>;
              })}
            </ul>
            {r.comment && <p className="c-hint">“{r.comment}”</p>}
            {data.canRate ? (
              <>
                <p className="c-hint">{t('rating.editUntil', { at: fmtDateTime(r.editableUntil) })}</p>
                <button type="button" className="c-button" onClick={() => { setEditing(true); setStatus(null); }}>{t('rating.change')}</button>
              </>
            ) : data.reason === 'RATING_WINDOW_CLOSED' ? <p className="c-hint">{t('rating.closed')}</p> : null}
          </>
        ) : (
          !status && <p>{data.reason === 'RATING_NOT_RETURNED' ? t('rating.notReturned') : t('rating.already')}</p>
        )}
      </div>
    );
  }
  return (
    <form onSubmit={send} noValidate className={`c-form c-rating-form${large ? ' large' : ''}`}>
      {status && <p role="alert" className="c-err">{status}</p>}
      {data.criteria.map((c) => (
        <fieldset key={c.key} className={`c-field c-rating-q ${errors[c.key] ? 'has-error' : ''}`} aria-describedby={errors[c.key] ? `${idPrefix}-${c.key}-err` : undefined}>
          <legend>{en ? c.nameEn : c.nameVi}{c.required && <span aria-hidden="true"> *</span>}</legend>
          {errors[c.key] && <p id={`${idPrefix}-${c.key}-err`} className="c-err">{errors[c.key]}</p>}
          <div className="c-rating-levels">
            {data.levels.map((l) => (
              <label key={l.level} className={`c-rating-level lv${l.level}`}>
                <input type="radio" id={`${idPrefix}-${c.key}-${l.level}`} name={`${idPrefix}-${c.key}`} value={l.level} checked={answers[c.key] === l.level}
                  required={c.required} onChange={() => setAnswers({ ...answers, [c.key]: l.level })} />
                <span>{en ? l.en : l.vi}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div className={`c-field ${errors.comment ? 'has-error' : ''}`}>
        <label htmlFor={`${idPrefix}-comment`}>{t('rating.comment')}</label>
        {errors.comment && <p id={`${idPrefix}-comment-err`} className="c-err">{errors.comment}</p>}
        <textarea id={`${idPrefix}-comment`} rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} aria-describedby={errors.comment ? `${idPrefix}-comment-err` : undefined} />
      </div>
      <button type="submit" className="c-button primary" disabled={busy}>{busy ? t('rating.sending') : r ? t('rating.change') : t('rating.submit')}</button>
    </form>
  );
}
