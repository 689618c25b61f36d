// Online submission of one procedure (/nop-ho-so/{code}): the e-form generated from the catalogue (GET
// /public/procedures/{code}/form), kept as a server-side draft saved as the citizen types (debounced, with
// its version: a save from another device comes back as 409 and the newer copy is loaded), one upload per
// component, a review page ("Kiểm tra lại hồ sơ"), then submission and the acknowledgement.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../router';
import { LoadError, useData } from '../common';
import { problemOf, submissionApi, vnDate, type Draft, type PublicForm } from './api';
import './texts';

type Form = Record<string, any>;
const AUTOSAVE_MS = 800;

export default function SubmitPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const data = useData(async () => ({ session: await submissionApi.session(), form: await submissionApi.form(code) }), [code]);
  if (data.loading) return <p className="loading" role="status">{t('app.loading')}</p>;
  if (data.error || !data.data) return <section className="c-page"><LoadError retry={data.retry} /></section>;
  const { session, form } = data.data;
  if (!form.online) {
    return (
      <section className="c-page">
        <h1>{form.procedure.name}</h1>
        <p className="c-alert" role="status">{t('submit.notOnline')}</p>
        <p>{t('submit.whereInPerson')} {form.procedure.receivingAddress}</p>
      </section>
    );
  }
  if (!session.signedIn) {
    const next = `/nop-ho-so/${encodeURIComponent(code)}`;
    return (
      <section className="c-page">
        <h1>{t('submit.signIn')}</h1>
        <p>{form.procedure.name}</p>
        <p>{t('submit.signInLead')}</p>
        <p><Link to={`/dang-nhap?next=${encodeURIComponent(next)}`} className="c-button primary">{t('submit.signInGo')}</Link></p>
      </section>
    );
  }
  return <DraftEditor form={form} />;
}

function DraftEditor({ form }: { form: PublicForm }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [values, setValues] = useState<Form>({});
  const [status, setStatus] = useState<string>('');
  const [stage, setStage] = useState<'edit' | 'review' | 'done'>('edit');
  const [errors, setErrors] = useState<Array<{ path: string; message?: string }>>([]);
  const [ack, setAck] = useState<Awaited<ReturnType<typeof submissionApi.submit>> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const version = useRef(0);

  useEffect(() => {
    (async () => {
      const open = (await submissionApi.drafts()).items.find((d) => d.procedureCode === form.procedure.code);
      const d = open ?? (await submissionApi.createDraft(form.procedure.code));
      version.current = d.version;
      setDraft(d);
      setValues(d.form as Form);
    })().catch(() => setStatus(t('app.error')));
  }, [form.procedure.code]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async (next: Form) => {
    if (!draft) return;
    setStatus(t('submit.saving'));
    try {
      const d = await submissionApi.saveDraft(draft.id, version.current, next);
      version.current = d.version;
      setStatus(t('submit.saved', { at: vnDate(d.updatedAt, true) }));
    } catch (e) {
      const p = problemOf(e);
      if (p?.code === 'DRAFT_VERSION_CONFLICT' && p.draft) {
        version.current = p.draft.version;
        setValues(p.draft.form as Form);
        setStatus(t('submit.conflict'));
      } else setStatus(p?.detail ?? t('app.error'));
    }
  };
  const change = (path: string[], value: unknown) => {
    setValues((old) => {
      const next = setIn(old, path, value);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(next), AUTOSAVE_MS);
      return next;
    });
  };
  // the upload answers the whole draft, but what was typed since the last save is only here: take the file's entry
  const uploaded = (componentId: string, d: Draft) => {
    version.current = d.version;
    const entry = (d.form as Form).components?.[componentId];
    setValues((old) => {
      const next = { ...old, components: { ...(old.components ?? {}), [componentId]: entry } };
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(next), AUTOSAVE_MS);
      return next;
    });
  };

  if (!draft) return <p className="loading" role="status">{status || t('app.loading')}</p>;
  if (stage === 'done' && ack) {
    return (
      <section className="c-page" data-testid="ack">
        <h1>{t('submit.ackTitle')}</h1>
        <p>{t('submit.ackLead', { desk: ack.dossier.receivingAgency ?? '', at: vnDate(ack.dossier.submittedAt, true) })}</p>
        <p><Link to={`/ho-so-cua-toi/${ack.dossier.id}`} className="c-button primary">{t('submit.ackMine')}</Link></p>
      </section>
    );
  }
  const caseKey: string | undefined = values.caseKey;
  const chosen = form.hints.cases.find((c) => c.key === caseKey);
  const submit = async () => {
    clearTimeout(timer.current);
    await save(values);
    setStatus(t('submit.sending'));
    try {
      const r = await submissionApi.submit(draft.id);
      setAck(r);
      setStage('done');
    } catch (e) {
      const p = problemOf(e);
      setErrors(p?.errors ?? [{ path: '', message: p?.detail ?? t('app.error') }]);
      setStage('edit');
      setStatus('');
    }
  };

  return (
    <section className="c-page c-submit">
      <h1>{t('submit.title')}</h1>
      <p className="c-lead">{form.procedure.name}</p>
      <p className="c-hint" role="status" aria-live="polite" data-testid="save-status">{status}</p>
      {errors.length > 0 && (
        <div className="c-alert" role="alert">
          <p>{t('submit.errors', { count: errors.length })}</p>
          <ul>{errors.map((e, i) => <li key={i}>{labelOfPath(e.path, form, t)}: {e.message}</li>)}</ul>
        </div>
      )}
      {stage === 'review' ? (
        <Review form={form} values={values} onBack={() => setStage('edit')} onSubmit={submit} />
      ) : (
        <>
          <fieldset className="c-fieldset">
            <legend>{t('submit.step1')}</legend>
            <Select label={t('submit.desk')} value={values.receivingAgencyCode ?? ''} onChange={(v) => change(['receivingAgencyCode'], v)}
              options={[['', t('submit.chooseDesk')], ...form.desks.map((d) => [d.code, d.name] as [string, string])]} />
            <Select label={t('submit.kind')} value={values.applicant?.kind ?? 'individual'} onChange={(v) => change(['applicant', 'kind'], v)}
              options={[['individual', t('submit.individual')], ['organisation', t('submit.organisation')]]} />
            <Text label={t('submit.fullName')} value={values.applicant?.fullName} onChange={(v) => change(['applicant', 'fullName'], v)} autoComplete="name" />
            <Text label={t('submit.idNumber')} value={values.applicant?.idNumber} onChange={(v) => change(['applicant', 'idNumber'], v)} inputMode="numeric" />
            <DateField label={t('submit.birthDate')} value={values.applicant?.birthDate} onChange={(v) => change(['applicant', 'birthDate'], v)} />
            <Text label={t('submit.phone')} value={values.applicant?.phone} onChange={(v) => change(['applicant', 'phone'], v)} inputMode="tel" autoComplete="tel" />
            <Text label={t('submit.email')} value={values.applicant?.email} onChange={(v) => change(['applicant', 'email'], v)} inputMode="email" autoComplete="email" />
            {values.applicant?.kind === 'organisation' && (
              <>
                <Text label={t('submit.orgName')} value={values.applicant?.organisation?.name} onChange={(v) => change(['applicant', 'organisation', 'name'], v)} />
                <Text label={t('submit.taxCode')} value={values.applicant?.organisation?.taxCode} onChange={(v) => change(['applicant', 'organisation', 'taxCode'], v)} />
              </>
            )}
            <label className="c-check"><input type="checkbox" checked={!!values.actingForAnother} onChange={(e) => change(['actingForAnother'], e.target.checked)} /> {t('submit.acting')}</label>
            {values.actingForAnother && (
              <>
                <Text label={t('submit.repName')} value={values.representative?.fullName} onChange={(v) => change(['representative', 'fullName'], v)} />
                <Text label={t('submit.repId')} value={values.representative?.idNumber} onChange={(v) => change(['representative', 'idNumber'], v)} inputMode="numeric" />
                <Text label={t('submit.repDoc')} value={values.representative?.authorisationDocument} onChange={(v) => change(['representative', 'authorisationDocument'], v)} />
              </>
            )}
          </fieldset>
          <fieldset className="c-fieldset">
            <legend>{t('submit.step2')}</legend>
            {form.hints.cases.length > 1 && (
              <Select label={t('submit.case')} value={caseKey ?? ''} onChange={(v) => change(['caseKey'], v)}
                options={[['', t('submit.chooseCase')], ...form.hints.cases.map((c) => [c.key, c.title] as [string, string])]} />
            )}
            {chosen && (
              <ul className="c-papers">
                {chosen.components.map((c) => (
                  <ComponentUpload key={c.id} draftId={draft.id} component={c} value={values.components?.[c.id]} onUploaded={uploaded} />
                ))}
              </ul>
            )}
            <Select label={t('submit.delivery')} value={values.delivery?.method ?? 'online'} onChange={(v) => change(['delivery', 'method'], v)}
              options={[['online', t('submit.online')], ['counter', t('submit.counter')], ['post', t('submit.post')]]} />
          </fieldset>
          <ExtraFields schema={(form.schema as any).properties?.extra} values={values.extra ?? {}} onChange={(k, v) => change(['extra', k], v)} />
          <p><button type="button" className="c-button primary" onClick={() => { clearTimeout(timer.current); void save(values); setStage('review'); }}>{t('submit.review')}</button></p>
        </>
      )}
    </section>
  );
}

function ComponentUpload({ draftId, component, value, onUploaded }: { draftId: string; component: PublicForm['hints']['cases'][number]['components'][number]; value?: { name?: string }; onUploaded: (componentId: string, d: Draft) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `up-${component.id}`;
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      onUploaded(component.id, (await submissionApi.upload(draftId, component.id, file)).draft);
    } catch (e) {
      setError(problemOf(e)?.detail ?? problemOf(e)?.title ?? t('app.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="c-paper" data-component={component.id}>
      <span className="c-paper-name">{component.name} <em>({component.required ? t('submit.required') : t('submit.optional')})</em></span>
      <span className="c-hint">{t('submit.copies', { originals: component.originals, copies: component.copies })}</span>
      {value?.name && <span className="c-ok">{t('submit.uploaded', { name: value.name })}</span>}
      <label htmlFor={id} className="c-button">{value?.name ? t('submit.replace') : t('submit.upload', { name: '' }).trim()}</label>
      <input id={id} className="c-file" type="file" accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx" disabled={busy}
        aria-label={t('submit.upload', { name: component.name.slice(0, 80) })} onChange={(e) => void pick(e.target.files?.[0])} />
      {error && <span className="c-alert" role="alert">{error}</span>}
    </li>
  );
}

function Review({ form, values, onBack, onSubmit }: { form: PublicForm; values: Form; onBack: () => void; onSubmit: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const a = values.applicant ?? {};
  const chosen = form.hints.cases.find((c) => c.key === values.caseKey);
  const desk = form.desks.find((d) => d.code === values.receivingAgencyCode)?.name;
  const row = (label: string, v: ReactNode) => <div><dt>{label}</dt><dd>{v || t('submit.none')}</dd></div>;
  return (
    <div data-testid="review">
      <h2>{t('submit.step3')}</h2>
      <dl className="c-facts">
        {row(t('submit.desk'), desk)}
        {row(t('submit.fullName'), a.fullName)}
        {row(t('submit.idNumber'), a.idNumber)}
        {row(t('submit.birthDate'), a.birthDate ? vnDate(`${a.birthDate}T00:00:00+07:00`) : '')}
        {row(t('submit.phone'), a.phone)}
        {row(t('submit.email'), a.email)}
        {chosen && form.hints.cases.length > 1 && row(t('submit.case'), chosen.title)}
      </dl>
      <ul className="c-papers">
        {(chosen?.components ?? []).map((c) => (
          <li key={c.id} className="c-paper"><span className="c-paper-name">{c.name}</span> <span>{values.components?.[c.id]?.name ?? t('submit.missingFile')}</span></li>
        ))}
      </ul>
      <p className="c-actions">
        <button type="button" className="c-button" onClick={onBack}>{t('submit.back')}</button>
        <button type="button" className="c-button primary" disabled={busy} onClick={() => { setBusy(true); void Promise.resolve(onSubmit()).finally(() => setBusy(false)); }}>{busy ? t('submit.sending') : t('submit.send')}</button>
      </p>
    </div>
  );
}

/** The admin's extra fields: simple types rendered from their JSON Schema (string, number, boolean, enum). */
function ExtraFields({ schema, values, onChange }: { schema?: { properties?: Record<string, any>; title?: string }; values: Record<string, unknown>; onChange: (k: string, v: unknown) => void }) {
  const { t } = useTranslation();
  if (!schema?.properties || Object.keys(schema.properties).length === 0) return null;
  return (
    <fieldset className="c-fieldset">
      <legend>{t('submit.extra')}</legend>
      {Object.entries(schema.properties).map(([k, p]) =>
        Array.isArray(p.enum) ? <Select key={k} label={p.title ?? k} value={String(values[k] ?? '')} onChange={(v) => onChange(k, v)} options={[['', ''], ...p.enum.map((x: unknown) => [String(x), String(x)] as [string, string])]} />
        : p.type === 'boolean' ? <label key={k} className="c-check"><input type="checkbox" checked={!!values[k]} onChange={(e) => onChange(k, e.target.checked)} /> {p.title ?? k}</label>
        : p.format === 'date' ? <DateField key={k} label={p.title ?? k} value={values[k] as string | undefined} onChange={(v) => onChange(k, v)} />
        : <Text key={k} label={p.title ?? k} value={values[k] === undefined ? '' : String(values[k])} onChange={(v) => onChange(k, p.type === 'number' || p.type === 'integer' ? (v === '' ? undefined : Number(v)) : v)} />,
      )}
    </fieldset>
  );
}

function Text({ label, value, onChange, ...rest }: { label: string; value?: string; onChange: (v: string) => void; inputMode?: 'numeric' | 'tel' | 'email'; autoComplete?: string }) {
  const id = `f-${label.replace(/\W+/g, '-')}`;
  return <div className="c-field"><label htmlFor={id}>{label}</label><input id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} {...rest} /></div>;
}

/** dd/mm/yyyy typed, ISO yyyy-mm-dd stored. */
function DateField({ label, value, onChange }: { label: string; value?: string; onChange: (v: string | undefined) => void }) {
  const shown = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}` : value ?? '';
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const id = `f-${label.replace(/\W+/g, '-')}`;
  return (
    <div className="c-field"><label htmlFor={id}>{label}</label>
      <input id={id} value={text} placeholder="dd/mm/yyyy" inputMode="numeric" onChange={(e) => {
        setText(e.target.value);
        const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(e.target.value.trim());
        if (m) onChange(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`);
      }} />
    </div>
  );
}

function Select({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: Array<[string, string]> }) {
  const id = `f-${label.replace(/\W+/g, '-')}`;
  return (
    <div className="c-field"><label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>{options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select>
    </div>
  );
}

function setIn(obj: Form, path: string[], value: unknown): Form {
  const [head, ...rest] = path;
  const copy = { ...obj };
  copy[head!] = rest.length === 0 ? value : setIn((obj[head!] as Form) ?? {}, rest, value);
  return copy;
}

function labelOfPath(path: string, form: PublicForm, t: (k: string) => string): string {
  const m = /^form\.components\.(.+?)(\.|$)/.exec(path);
  if (m) return form.hints.cases.flatMap((c) => c.components).find((c) => c.id === m[1])?.name.slice(0, 80) ?? path;
  const key = path.replace(/^form\./, '').split('.').at(-1) ?? '';
  const map: Record<string, string> = { fullName: 'submit.fullName', idNumber: 'submit.idNumber', birthDate: 'submit.birthDate', phone: 'submit.phone', email: 'submit.email', receivingAgencyCode: 'submit.desk', caseKey: 'submit.case', representative: 'submit.repName', organisation: 'submit.orgName' };
  return map[key] ? t(map[key]) : key;
}
