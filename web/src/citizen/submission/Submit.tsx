// Online submission of one procedure (/nop-ho-so/{code}): the e-form generated from the catalogue (GET
// /public/procedures/{code}/form), kept as a server-side draft saved as the citizen types (debounced, with
// its version: a save from another device comes back as 409 and the newer copy is loaded), one upload per
// component, a review page ("Kiểm tra lại hồ sơ"), then submission and the acknowledgement.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../router';
import { LoadError, useData } from '../common';
import { problemOf, submissionApi, vnDate, type Draft, type PublicForm } from './api';
import { getDefaultFormState, type RJSFSchema, type UiSchema } from '@rjsf/utils';
import { SchemaSection, fieldIdOf, validateForm, validator, type FormError } from './SchemaForm';
import { mergeDrafts, setAt, type Conflict } from './merge';
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
  const [errors, setErrors] = useState<FormError[]>([]);
  const [checked, setChecked] = useState(false); // after the first check, errors follow the citizen's typing
  const [ack, setAck] = useState<Awaited<ReturnType<typeof submissionApi.submit>> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const version = useRef(0);
  // the server copy this device last saw: the base of the field-by-field merge when another device saved meanwhile
  const base = useRef<Form>({});
  const [conflicts, setConflicts] = useState<Array<Conflict & { pick: 'mine' | 'theirs' }>>([]);
  // Idempotency-Keys: a repeated start or a retried submission answers the first one
  const createKey = useRef(crypto.randomUUID());
  const submitKey = useRef(crypto.randomUUID());

  useEffect(() => {
    (async () => {
      const open = (await submissionApi.drafts()).items.find((d) => d.procedureCode === form.procedure.code);
      const d = open ?? (await submissionApi.createDraft(form.procedure.code, createKey.current));
      version.current = d.version;
      base.current = d.form as Form;
      setDraft(d);
      const withDefaults = getDefaultFormState(validator, form.schema as RJSFSchema, d.form as Form, form.schema as RJSFSchema, false, { emptyObjectFields: 'skipEmptyDefaults' }) as Form;
      setValues(withDefaults);
      if (JSON.stringify(withDefaults) !== JSON.stringify(d.form)) void saveWith(d.id, withDefaults);
    })().catch(() => setStatus(t('app.error')));
  }, [form.procedure.code]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async (next: Form) => {
    if (draft) await saveWith(draft.id, next);
  };
  const saveWith = async (draftId: string, next: Form) => {
    setStatus(t('submit.saving'));
    try {
      const d = await submissionApi.saveDraft(draftId, version.current, next);
      version.current = d.version;
      base.current = d.form as Form;
      setStatus(t('submit.saved', { at: vnDate(d.updatedAt, true) }));
    } catch (e) {
      const p = problemOf(e);
      if (p?.code === 'DRAFT_VERSION_CONFLICT' && p.draft) await mergeWith(draftId, next, p.draft);
      else setStatus(p?.detail ?? t('app.error'));
    }
  };
  // another device saved first: what only one side changed is merged and saved; true conflicts are asked
  const mergeWith = async (draftId: string, mine: Form, theirs: Draft) => {
    const { merged, conflicts: found } = mergeDrafts(base.current, mine, theirs.form);
    version.current = theirs.version;
    base.current = theirs.form as Form;
    setValues(merged as Form);
    if (found.length === 0) {
      setStatus(t('submit.merged'));
      await saveWith(draftId, merged as Form);
    } else {
      setConflicts(found.map((c) => ({ ...c, pick: 'mine' })));
      setStatus(t('submit.conflict'));
    }
  };
  const resolve = () => {
    let next: Form = values;
    for (const c of conflicts) next = setAt(next, c.path, c.pick === 'mine' ? c.mine : c.theirs) as Form;
    setConflicts([]);
    setValues(next);
    void save(next);
  };
  const change = (path: string[], value: unknown) => {
    setValues((old) => {
      const next = setIn(old, path, value);
      if (checked) setErrors(validateForm(form.schema as RJSFSchema, next, t));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(next), AUTOSAVE_MS);
      return next;
    });
  };
  // the upload answers the whole draft, but what was typed since the last save is only here: take the file's entry
  const uploaded = (componentId: string, d: Draft) => {
    version.current = d.version;
    base.current = d.form as Form;
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
      const r = await submissionApi.submit(draft.id, submitKey.current);
      setAck(r);
      setStage('done');
    } catch (e) {
      const p = problemOf(e);
      setErrors((p?.errors ?? [{ path: '', message: p?.detail ?? t('app.error') }]).map((x) => ({ path: x.path, message: x.message ?? '' })));
      setChecked(true);
      setStage('edit');
      setStatus('');
    }
  };

  return (
    <section className="c-page c-submit">
      <h1>{t('submit.title')}</h1>
      <p className="c-lead">{form.procedure.name}</p>
      <p className="c-hint" role="status" aria-live="polite" data-testid="save-status">{status}</p>
      {conflicts.length > 0 && (
        <ConflictPanel conflicts={conflicts} label={(p) => labelOfPath(p.join('.'), form, t)}
          onPick={(i, pick) => setConflicts((cs) => cs.map((c, j) => (j === i ? { ...c, pick } : c)))} onDone={resolve} />
      )}
      {errors.length > 0 && (
        <div className="c-alert c-error-summary" role="alert" data-testid="error-summary">
          <p>{t('submit.errors', { count: errors.length })}</p>
          <ul>{errors.map((e, i) => (
            <li key={i}>
              {e.path ? <a href={`#${fieldIdOf(e.path)}`} onClick={(ev) => { ev.preventDefault(); focusField(fieldIdOf(e.path)); }}>{labelOfPath(e.path, form, t)}: {e.message}</a> : e.message}
            </li>
          ))}</ul>
        </div>
      )}
      {stage === 'review' ? (
        <Review form={form} values={values} onBack={() => setStage('edit')} onSubmit={submit} />
      ) : (
        <>
          <fieldset className="c-fieldset">
            <legend>{t('submit.step1')}</legend>
            <Select id="receivingAgencyCode" label={t('submit.desk')} value={values.receivingAgencyCode ?? ''} onChange={(v) => change(['receivingAgencyCode'], v)}
              options={[['', t('submit.chooseDesk')], ...form.desks.map((d) => [d.code, d.name] as [string, string])]} />
            <SchemaSection name="applicant" schema={applicantSchema(form, values.applicant?.kind)} uiSchema={applicantUi(t)} value={values.applicant} errors={errors} onChange={(v) => change(['applicant'], v)} />
            <label className="c-check"><input type="checkbox" checked={!!values.actingForAnother} onChange={(e) => change(['actingForAnother'], e.target.checked)} /> {t('submit.acting')}</label>
            {values.actingForAnother && (
              <SchemaSection name="representative" schema={partSchema(form, 'representative')} uiSchema={representativeUi(t)} value={values.representative} errors={errors} onChange={(v) => change(['representative'], v)} />
            )}
          </fieldset>
          <fieldset className="c-fieldset">
            <legend>{t('submit.step2')}</legend>
            {form.hints.cases.length > 1 && (
              <Select id="caseKey" label={t('submit.case')} value={caseKey ?? ''} onChange={(v) => change(['caseKey'], v)}
                options={[['', t('submit.chooseCase')], ...form.hints.cases.map((c) => [c.key, c.title] as [string, string])]} />
            )}
            {chosen && (
              <ul className="c-papers">
                {chosen.components.map((c) => (
                  <ComponentUpload key={c.id} draftId={draft.id} component={c} value={values.components?.[c.id]} onUploaded={uploaded} />
                ))}
              </ul>
            )}
            <Select id="delivery_method" label={t('submit.delivery')} value={values.delivery?.method ?? 'online'} onChange={(v) => change(['delivery', 'method'], v)}
              options={[['online', t('submit.online')], ['counter', t('submit.counter')], ['post', t('submit.post')]]} />
          </fieldset>
          {extraOf(form) && (
            <SchemaSection name="extra" schema={extraOf(form)!} uiSchema={{ 'ui:title': t('submit.extra') }} value={values.extra} errors={errors} onChange={(v) => change(['extra'], v)} />
          )}
          <p><button type="button" className="c-button primary" onClick={() => {
            clearTimeout(timer.current);
            void save(values);
            const found = validateForm(form.schema as RJSFSchema, values, t);
            setErrors(found);
            setChecked(true);
            if (found.length === 0) setStage('review');
            else setTimeout(() => document.querySelector<HTMLElement>('[data-testid=error-summary] a')?.focus(), 0);
          }}>{t('submit.review')}</button></p>
        </>
      )}
    </section>
  );
}

/** Shown as text: a file's name, a list's items, a yes/no, or the value itself. */
function shown(v: unknown, t: (k: string) => string): string {
  if (v === undefined || v === null || v === '') return t('submit.none');
  if (typeof v === 'boolean') return v ? t('submit.yes') : t('submit.no');
  if (typeof v === 'object' && v && 'name' in v) return String((v as { name: unknown }).name);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The fields both devices changed differently: the citizen chooses one value for each, then it is saved. */
function ConflictPanel({ conflicts, label, onPick, onDone }: {
  conflicts: Array<Conflict & { pick: 'mine' | 'theirs' }>; label: (path: string[]) => string;
  onPick: (i: number, pick: 'mine' | 'theirs') => void; onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="c-alert c-conflicts" role="alert" data-testid="conflicts">
      <h2>{t('submit.conflictTitle')}</h2>
      <p>{t('submit.conflictLead')}</p>
      {conflicts.map((c, i) => (
        <fieldset key={c.path.join('.')} className="c-fieldset" data-conflict={c.path.join('.')}>
          <legend>{label(c.path)}</legend>
          <label className="c-radio"><input type="radio" name={`conflict-${i}`} checked={c.pick === 'mine'} onChange={() => onPick(i, 'mine')} /> <span>{t('submit.keepMine')}: <strong>{shown(c.mine, t)}</strong></span></label>
          <label className="c-radio"><input type="radio" name={`conflict-${i}`} checked={c.pick === 'theirs'} onChange={() => onPick(i, 'theirs')} /> <span>{t('submit.keepTheirs')}: <strong>{shown(c.theirs, t)}</strong></span></label>
        </fieldset>
      ))}
      <p><button type="button" className="c-button primary" onClick={onDone}>{t('submit.conflictSave')}</button></p>
    </div>
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

function Select({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange: (v: string) => void; options: Array<[string, string]> }) {
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

type Defs = Record<string, RJSFSchema>;
const defsOf = (form: PublicForm) => ((form.schema as RJSFSchema).definitions ?? {}) as Defs;
/** A shared part of the form (`#/definitions/<name>`) as a schema of its own, with the form's definitions. */
function partSchema(form: PublicForm, name: string): RJSFSchema {
  const { title: _title, ...rest } = defsOf(form)[name] ?? {};
  return { ...rest, definitions: defsOf(form) };
}
/** The applicant as the citizen fills it: the organisation only for an organisation (the address is the profile's). */
function applicantSchema(form: PublicForm, kind: string | undefined): RJSFSchema {
  const s = partSchema(form, 'applicant');
  const { address: _a, organisation, ...props } = (s.properties ?? {}) as Record<string, RJSFSchema>;
  return { ...s, properties: { ...props, ...(kind === 'organisation' ? { organisation } : {}) } };
}
function extraOf(form: PublicForm): RJSFSchema | null {
  const extra = (form.schema as RJSFSchema).properties?.extra as RJSFSchema | undefined;
  if (!extra?.properties || Object.keys(extra.properties).length === 0) return null;
  return { ...extra, definitions: defsOf(form) };
}
const applicantUi = (t: (k: string) => string): UiSchema => ({
  'ui:order': ['kind', 'fullName', 'idNumber', 'birthDate', 'phone', 'email', '*'],
  kind: { 'ui:title': t('submit.kind'), 'ui:enumNames': [t('submit.individual'), t('submit.organisation')] },
  fullName: { 'ui:title': t('submit.fullName'), 'ui:autocomplete': 'name' },
  idNumber: { 'ui:title': t('submit.idNumber') },
  birthDate: { 'ui:title': t('submit.birthDate') },
  phone: { 'ui:title': t('submit.phone'), 'ui:autocomplete': 'tel', 'ui:options': { inputType: 'tel' } },
  email: { 'ui:title': t('submit.email'), 'ui:autocomplete': 'email', 'ui:options': { inputType: 'email' } },
  organisation: { 'ui:title': t('submit.organisation'), name: { 'ui:title': t('submit.orgName') }, taxCode: { 'ui:title': t('submit.taxCode') } },
});
const representativeUi = (t: (k: string) => string): UiSchema => ({
  'ui:order': ['fullName', 'idNumber', 'authorisationDocument', '*'],
  fullName: { 'ui:title': t('submit.repName') },
  idNumber: { 'ui:title': t('submit.repId') },
  authorisationDocument: { 'ui:title': t('submit.repDoc') },
  phone: { 'ui:title': t('submit.phone') },
  email: { 'ui:title': t('submit.email') },
});

function focusField(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  (el.matches('input, select, textarea, button') ? el : el.querySelector<HTMLElement>('input, select, textarea, button') ?? el).focus();
}

/** The title of the field at `form.a.b.c` in the form's schema ($refs to the definitions followed). */
function titleAt(form: PublicForm, parts: string[]): string | undefined {
  let node: RJSFSchema | undefined = form.schema as RJSFSchema;
  for (const p of parts) {
    while (node?.$ref) node = defsOf(form)[node.$ref.replace('#/definitions/', '')];
    node = (node?.properties?.[p] as RJSFSchema | undefined) ?? (/^\d+$/.test(p) ? (node?.items as RJSFSchema | undefined) : undefined);
  }
  return node?.title;
}

function labelOfPath(path: string, form: PublicForm, t: (k: string) => string): string {
  const m = /^\.?(?:form\.)?components\.(.+?)(\.|$)/.exec(path);
  if (m) return form.hints.cases.flatMap((c) => c.components).find((c) => c.id === m[1])?.name.slice(0, 80) ?? path;
  const parts = path.replace(/^form\./, '').replace(/^\./, '').replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  const key = parts.at(-1) ?? '';
  if (parts[0] === 'extra') return titleAt(form, parts) ?? key;
  const map: Record<string, string> = { fullName: 'submit.fullName', idNumber: 'submit.idNumber', birthDate: 'submit.birthDate', phone: 'submit.phone', email: 'submit.email', receivingAgencyCode: 'submit.desk', caseKey: 'submit.case', representative: 'submit.repName', organisation: 'submit.orgName' };
  return map[key] ? t(map[key]) : key;
}
