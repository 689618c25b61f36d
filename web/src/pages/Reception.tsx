// Reception desk: procedure picker, applicant form with validation, checklist, fees, delivery, live
// appointment; accept (receipt, form 01), incomplete (form 02), refuse (form 03); online submissions queue.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type AdminUnit, type ComponentIn, type InboxItem, type Competence, type Pickup, type PickupBody, type Procedure, type ProcedureItem, type ReceiveBody, type ReceiveResult } from '../api';
import { Dialog, ErrorBox, Field, FileDrop, FileIcon, Link, navigate, TabPanel, Tabs, useAsync, useDraft, useSession } from '../ui';
import { emptyApplicant, fieldErrorsFromProblem, fmtAge, fmtDate, fmtDateTime, fmtMoney, isoToDmy, normalisePhone, parseDmy, RECEPTION_FIELDS, validateApplicant, type ApplicantForm, type ProblemFieldError } from '../util';
import { DateInput } from '../DateInput';
import { APPLICANT_LIMITS as L, RECEPTION_TEXT_LIMITS } from '../limits';
import { openPrint } from './Print';

interface Draft {
  procedureCode: string;
  procedureName: string;
  competent: string;
  applicant: ApplicantForm;
  /** the catalogue case (trường hợp) chosen for the checklist */
  caseKey?: string;
  components: Record<string, { provided: boolean; form: ComponentIn['form']; copies: number; fileId?: string; fileName?: string }>;
  delivery: 'counter' | 'post' | 'online';
  deliveryLine: string;
  /** By post: the fees are paid to the postal worker on delivery (COD). */
  cod?: boolean;
  note: string;
  /** How the papers reach the desk: at the counter now, or collected at home by the postal worker (channel 3). */
  intake?: 'counter' | 'pickup';
}
const emptyDraft = (): Draft => ({ procedureCode: '', procedureName: '', competent: '', applicant: emptyApplicant(), components: {}, delivery: 'counter', deliveryLine: '', note: '' });

export function ReceptionPage() {
  const { t } = useTranslation();
  const { agencyFor } = useSession();
  const [tab, setTab] = useState<'new' | 'queue' | 'pickups'>('new');
  // online filings only (channel 2): a dossier registered at the counter is not waiting in this queue
  const queue = useAsync(() => api.dossiers({ status: 1, channel: 2, pageSize: 50, agency: agencyFor('reception') }), [tab]);
  return (
    <>
      <h1>{t('reception.title')}</h1>
      <Tabs id="reception" label={t('reception.title')} value={tab} onChange={setTab}
        tabs={[{ key: 'new', label: t('reception.tabNew') }, { key: 'queue', label: t('reception.tabQueue', { n: queue.data?.total ?? 0 }) }, { key: 'pickups', label: t('pickup.tab') }]} />
      <TabPanel id="reception" value={tab}>
        {tab === 'new' ? <NewDossier showPickups={() => setTab('pickups')} /> : tab === 'queue' ? <OnlineQueue items={queue.data?.items ?? []} error={queue.error} reload={queue.reload} /> : <PickupList />}
      </TabPanel>
    </>
  );
}

function ProcedurePicker({ value, label, onPick, error }: { value: string; label: string; onPick: (p: ProcedureItem) => void; error?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(value);
  const [items, setItems] = useState<ProcedureItem[]>([]);
  const [fuzzy, setFuzzy] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const { agencyFor } = useSession();
  const id = useId();
  useEffect(() => setQ(value), [value]);
  useEffect(() => {
    if (!open || q.trim().length < 2) { setItems([]); return; }
    const h = setTimeout(() => {
      api.procedures({ q: q.trim(), pageSize: 10, desk: agencyFor('reception') || undefined }).then((r) => { setItems(r.items); setFuzzy(!!r.fuzzy); setActive(0); }, () => setItems([]));
    }, 200);
    return () => clearTimeout(h);
  }, [q, open, agencyFor]);
  const pick = (p: ProcedureItem) => { setOpen(false); setQ(`${p.code} — ${p.name}`); onPick(p); };
  return (
    <Field label={label} error={error} required>
      {(fid, desc) => (
        <div className="combo">
          <input id={fid} aria-describedby={desc} role="combobox" aria-expanded={open && items.length > 0} aria-controls={`${id}-lb`} aria-autocomplete="list"
            aria-activedescendant={open && items[active] ? `${id}-o${active}` : undefined}
            placeholder={t('reception.procedurePh')} value={q} autoComplete="off"
            onChange={(e) => { setQ(e.target.value); setOpen(true); }}
            onFocus={() => setOpen(true)}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, items.length - 1)); }
              else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
              else if (e.key === 'Enter' && open && items[active]) { e.preventDefault(); pick(items[active]!); }
              else if (e.key === 'Escape') setOpen(false);
            }} />
          {open && q.trim().length >= 2 && (
            <ul role="listbox" id={`${id}-lb`} aria-label={label}>
              {items.length === 0 && <li aria-disabled="true" className="muted">{t('reception.noMatch')}</li>}
              {items.map((p, i) => (
                <li key={p.code} id={`${id}-o${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => { e.preventDefault(); pick(p); }}>
                  <span className="code">{p.code}</span>{p.name}
                  {p.timeLimit && <small> · {p.timeLimit.text}</small>}
                  {fuzzy && <small> · {t('reception.fuzzy')}</small>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Field>
  );
}

function AddressPicker({ a, set, errors }: { a: ApplicantForm; set: (p: Partial<ApplicantForm>) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const provinces = useAsync(() => api.adminUnits({ level: 'province', pageSize: 100 }), []);
  const [communes, setCommunes] = useState<AdminUnit[]>([]);
  useEffect(() => {
    if (!a.provinceCode) { setCommunes([]); return; }
    api.adminUnits({ level: 'commune', parent: a.provinceCode, pageSize: 500 }).then((r) => setCommunes(r.items), () => setCommunes([]));
  }, [a.provinceCode]);
  return (
    <div className="grid g3">
      <Field label={t('reception.province')}>
        {(id) => (
          <select id={id} name="province" value={a.provinceCode} onChange={(e) => set({ provinceCode: e.target.value, communeCode: '' })}>
            <option value="">—</option>
            {provinces.data?.items.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('reception.commune')} error={errors.communeCode}>
        {(id, d) => (
          <select id={id} name="commune" aria-describedby={d} aria-invalid={!!errors.communeCode} value={a.communeCode} disabled={!a.provinceCode} onChange={(e) => set({ communeCode: e.target.value })}>
            <option value="">—</option>
            {communes.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('reception.line')} error={errors.line}>
        {(id, d) => <input id={id} name="line" aria-describedby={d} aria-invalid={!!errors.line} maxLength={L.addressLine} value={a.line} onChange={(e) => set({ line: e.target.value })} />}
      </Field>
    </div>
  );
}

function NewDossier({ showPickups }: { showPickups: () => void }) {
  const { t, i18n } = useTranslation();
  const { agencyFor } = useSession();
  const [d, setD, clearDraft, restored] = useDraft<Draft>('reception', emptyDraft);
  const [proc, setProc] = useState<Procedure | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<unknown>(null);
  /** Field errors of the last refusal that no field of the form shows. */
  const [otherErrors, setOtherErrors] = useState<ProblemFieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<null | 'incomplete' | 'refuse'>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [items, setItems] = useState('');
  const [done, setDone] = useState<ReceiveResult | null>(null);
  const [booked, setBooked] = useState<Pickup | null>(null);
  const pickup = d.intake === 'pickup';
  const [appointment, setAppointment] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  const receiving = agencyFor('reception');
  const allAgencies = useAsync(() => api.agencies().then((r) => new Map(r.items.map((a) => [a.code, a]))), []);
  // the one-stop centres receive; the competent agency is chosen among the others that perform it
  const competentChoicesOld = (proc?.agencies ?? []).filter((g) => !/centre/.test(allAgencies.data?.get(g.code)?.kind ?? ''));
  // the competent agency as the server resolves it for this desk (links, catalogue text, field map)
  const [competence, setCompetence] = useState<Competence | null>(null);
  const competentChoices = competence ? competence.candidates : competentChoicesOld;
  useEffect(() => {
    setCompetence(null);
    if (!proc || !receiving) return;
    api.competence(proc.code, receiving).then((c) => {
      setCompetence(c);
      if (c.candidates.length === 1) setD((x) => (x.procedureCode === proc.code && !x.competent ? { ...x, competent: c.candidates[0]!.code } : x));
    }, () => setCompetence(null));
  }, [proc, receiving]);
  const cases = proc?.cases ?? [];
  const chosenCase = cases.length === 1 ? cases[0] : cases.find((c) => c.key === d.caseKey);
  const byId = new Map((proc?.components ?? []).map((c) => [c.id, c]));
  // the checklist: the chosen case's rows (without cases from an older server: every component)
  const rows = proc ? (proc.cases ? (chosenCase?.components ?? []).map((r) => ({ ...byId.get(r.id)!, required: r.required })) : proc.components) : [];
  const pickCase = (key: string) => setD((x) => {
    const chosen = cases.find((c) => c.key === key);
    const comps = { ...x.components };
    for (const r of chosen?.components ?? []) {
      const c = byId.get(r.id);
      if (c) comps[c.id] ??= { provided: r.required, form: c.originals > 0 ? 'original' : c.certifiedCopies > 0 ? 'certified' : 'copy', copies: Math.max(1, c.originals + c.certifiedCopies + c.copies) };
    }
    return { ...x, caseKey: key, components: comps };
  });

  useEffect(() => {
    if (!d.procedureCode) { setProc(null); return; }
    api.procedure(d.procedureCode).then((p) => {
      setProc(p);
      setD((x) => {
        if (x.procedureCode !== p.code) return x;
        const comps = { ...x.components };
        // with cases, rows are set when the case is chosen (the only case at once); required as that case says
        const only = p.cases?.length === 1 ? p.cases[0] : undefined;
        const initial = p.cases ? (only?.components ?? []).map((r) => ({ ...p.components.find((c) => c.id === r.id)!, required: r.required })) : p.components;
        for (const c of initial) comps[c.id] ??= { provided: c.required, form: c.originals > 0 ? 'original' : c.certifiedCopies > 0 ? 'certified' : 'copy', copies: Math.max(1, c.originals + c.certifiedCopies + c.copies) };
        return { ...x, caseKey: only?.key ?? x.caseKey, components: comps };
      });
    }, () => setProc(null));
  }, [d.procedureCode]); // eslint-disable-line react-hooks/exhaustive-deps

  // the appointment, live: recomputed when the procedure changes and every minute
  useEffect(() => {
    const h = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(h);
  }, []);
  useEffect(() => {
    if (!proc || proc.legalLimitHours === null) { setAppointment(null); return; }
    if (proc.sameDay || proc.legalLimitHours === 0) { setAppointment('sameDay'); return; }
    api.due({ from: now.toISOString(), workingHours: proc.legalLimitHours, agency: receiving }).then((r) => setAppointment(r.due), () => setAppointment(null));
  }, [proc, now, receiving]);

  const setA = (p: Partial<ApplicantForm>) => setD((x) => ({ ...x, applicant: { ...x.applicant, ...p } }));
  const a = d.applicant;
  const inPerson = proc?.channels.find((c) => c.kind === 'in_person') ?? proc?.channels[0];
  const fees = inPerson?.fees ?? [];

  function clientErrors(): Record<string, string> {
    const e: Record<string, string> = {};
    const v = validateApplicant(a);
    for (const [k, m] of Object.entries(v)) e[k] = t(m.key, { field: m.field ? t(m.field).toLowerCase() : '', ...m.params });
    if (!d.procedureCode) e.procedure = t('v.procedure');
    if (d.delivery === 'post' && !d.deliveryLine.trim()) e.deliveryLine = t('v.required', { field: t('reception.deliveryAddress').toLowerCase() });
    return e;
  }
  // once errors are shown, they follow the typing (a corrected field clears its message at once)
  useEffect(() => {
    if (Object.keys(errors).length > 0) setErrors(clientErrors());
  }, [d.applicant, d.procedureCode, d.delivery, d.deliveryLine]); // eslint-disable-line react-hooks/exhaustive-deps

  function validate(): boolean {
    const e = clientErrors();
    setErrors(e);
    if (Object.keys(e).length > 0) {
      setTimeout(() => document.querySelector<HTMLElement>('.has-error input, .has-error select')?.focus(), 0);
      return false;
    }
    return true;
  }

  function body(outcome: ReceiveBody['outcome']): ReceiveBody {
    const address = a.communeCode && a.line.trim() ? { line: a.line.trim(), communeCode: a.communeCode, provinceCode: a.provinceCode || undefined } : undefined;
    return {
      procedureCode: d.procedureCode,
      channel: 1,
      outcome,
      competentAgencyCode: d.competent || undefined,
      caseKey: chosenCase?.key,
      applicant: {
        kind: a.kind,
        fullName: a.fullName.trim(),
        idNumber: a.idNumber.trim() || undefined,
        birthDate: parseDmy(isoToDmy(a.birthDate)) ?? undefined,
        gender: a.gender || undefined,
        organisation: a.kind === 'organisation' ? { name: a.orgName.trim(), taxCode: a.taxCode.trim() || undefined } : undefined,
        phone: a.phone.trim() ? normalisePhone(a.phone) : undefined,
        email: a.email.trim() || undefined,
        address,
      },
      components: rows.map((c) => {
        const s = d.components[c.id] ?? { provided: false, form: 'copy' as const, copies: 1 };
        return { componentId: c.id, provided: s.provided, form: s.form, copies: s.copies, fileId: s.fileId };
      }),
      delivery: d.delivery === 'post' ? { method: 'post', address: address ? { ...address, line: d.deliveryLine.trim() } : undefined, ...(d.cod ? { cod: true } : {}) } : { method: d.delivery },
      note: d.note.trim() || undefined,
      reason: outcome === 'accept' ? undefined : reason.trim() || undefined,
      items: outcome === 'incomplete' ? items.split('\n').map((s) => s.trim()).filter(Boolean) : undefined,
    };
  }

  /** The filing as a collection at home: the postal worker collects it at the applicant's address. */
  function pickupBody(): PickupBody {
    const { channel: _c, outcome: _o, reason: _r, items: _i, ...rest } = body('accept');
    return rest;
  }

  async function submit(outcome: 'accept' | 'incomplete' | 'refuse') {
    setSubmitError(null);
    setOtherErrors([]);
    if (outcome === 'accept') {
      if (!validate()) return;
      if (cases.length > 1 && !chosenCase) { setErrors((e) => ({ ...e, caseKey: t('reception.casePickFirst') })); return; }
      // collected at home: the papers are not at the desk yet, the postal worker checks them
      const missing = pickup ? [] : rows.filter((c) => c.required && !d.components[c.id]?.provided);
      if (missing.length > 0) { setSubmitError(new Error(t('reception.missingRequired', { names: missing.map((m) => m.name).join('; ') }))); return; }
    }
    setBusy(true);
    if (pickup && outcome === 'accept') {
      try {
        setBooked(await api.bookPickup(pickupBody()));
        clearDraft();
        setErrors({}); setOtherErrors([]);
      } catch (e) { showProblem(e); } finally { setBusy(false); }
      return;
    }
    try {
      const r = await api.receive(body(outcome));
      setDone(r);
      setDialog(null);
      clearDraft();
      setReason(''); setItems(''); setErrors({}); setOtherErrors([]);
      const doc = r.receipt ?? r.guidance ?? r.refusal;
      if (doc) openPrint(doc, { ref: r.dossier.code ?? r.dossier.id, form: doc.form, secret: r.receipt?.secret });
    } catch (e) { showProblem(e); } finally { setBusy(false); }
  }

  function showProblem(e: unknown) {
    if (e instanceof ApiError && e.problem.errors) {
      // each refusal on the field it names, marked; what no field shows is listed under the summary
      const { fields, rest } = fieldErrorsFromProblem(e.problem.errors, RECEPTION_FIELDS, i18n.language);
      setErrors(fields);
      setOtherErrors(rest);
      setTimeout(() => document.querySelector<HTMLElement>('.has-error input, .has-error select, .has-error textarea')?.focus(), 0);
    }
    setSubmitError(e);
  }

  if (booked) {
    return (
      <div className="card" data-testid="pickup-booked">
        <div className="alert ok" role="status">{t('pickup.booked', { ref: booked.orderNumber })}</div>
        <PickupSummary p={booked} />
        <div className="row">
          <button type="button" className="primary" onClick={showPickups}>{t('pickup.seeList')}</button>
          <button type="button" onClick={() => setBooked(null)}>{t('reception.newDossier')}</button>
        </div>
      </div>
    );
  }

  if (done) {
    const doc = done.receipt ?? done.guidance ?? done.refusal;
    return (
      <div className="card">
        <div className="alert ok" role="status">
          {done.receipt ? t('reception.accepted', { code: done.dossier.code }) : done.guidance ? t('reception.guidanceDone') : t('reception.refusalDone')}
        </div>
        {done.receipt && <p>{t('reception.appointment')}: <strong className="appointment">{fmtDateTime(done.receipt.appointmentAt, i18n.language)}</strong></p>}
        <div className="row">
          {doc && <button className="primary" onClick={() => openPrint(doc, { ref: done.dossier.code ?? done.dossier.id, form: doc.form, secret: done.receipt?.secret })}>{done.receipt ? t('reception.printReceipt') : t('reception.printForm')}</button>}
          {done.dossier.code && <Link className="button" to={`/dossiers/${encodeURIComponent(done.dossier.code)}`}>{t('common.open')} {done.dossier.code}</Link>}
          <button onClick={() => setDone(null)}>{t('reception.newDossier')}</button>
        </div>
      </div>
    );
  }

  const err = (k: string) => errors[k];
  /** The label of a form field key, for the error summary ("components.2" → "Thành phần hồ sơ 3"). */
  const fieldLabel = (k: string) => {
    const comp = /^components\.(\d+)$/.exec(k);
    if (comp) return `${t('reception.components')} ${Number(comp[1]) + 1}`;
    const labels: Record<string, string> = { procedure: 'reception.procedure', communeCode: 'reception.commune', deliveryLine: 'reception.deliveryAddress', competent: 'reception.competent', reason: 'reception.reason', items: 'reception.items', note: 'act.note' };
    return t(labels[k] ?? `reception.${k}`);
  };
  return (
    <form className="reception" noValidate onSubmit={(e) => { e.preventDefault(); void submit('accept'); }}>
      <div>
        {restored && d.procedureCode && <div className="alert info" role="status">{t('reception.draftRestored')}</div>}
        <section className="card" aria-labelledby="sec-proc">
          <h2 id="sec-proc">{t('reception.procedure')}</h2>
          <ProcedurePicker label={t('reception.procedure')} value={d.procedureCode ? `${d.procedureCode} — ${d.procedureName}` : ''} error={err('procedure') ?? err('procedureCode')}
            onPick={(p) => setD((x) => ({ ...x, procedureCode: p.code, procedureName: p.name, components: {}, competent: '', caseKey: undefined }))} />
          {proc && (
            <div className="grid g2">
              <div><span className="muted">{t('reception.timeLimit')}:</span> {proc.timeLimit
                ? <>{proc.timeLimit.unit === 'same_day' ? t('reception.units.same_day') : `${proc.timeLimit.value} ${t(`reception.units.${proc.timeLimit.unit}`)}`}{proc.timeLimit.source === 'unit_inferred' && <small className="muted"> ({t('reception.unitInferred')})</small>}{proc.timeLimit.basis && <small className="muted" title={proc.timeLimit.basis}> — {proc.timeLimit.basis}</small>}</>
                : (inPerson?.timeLimit?.text ?? inPerson?.timeText ?? '—')}</div>
              {competentChoices.length > 0 && (
                <Field label={t('reception.competent')} hint={competence && competence.candidates.length > 1 ? t('reception.competentMust') : undefined} required={!!competence && competence.candidates.length > 1}>
                  {(id, ds) => (
                    <select id={id} name="competent" aria-describedby={ds} value={d.competent} onChange={(e) => setD((x) => ({ ...x, competent: e.target.value }))}>
                      <option value="">{competence && competence.candidates.length > 1 ? t('reception.competentPick') : t('reception.competentAuto')}</option>
                      {competentChoices.map((g) => <option key={g.code} value={g.code}>{g.name}</option>)}
                    </select>
                  )}
                </Field>
              )}
              {competence && competence.candidates.length === 0 && competence.missingVi && (
                <div className="alert error" role="alert">{i18n.language === 'en' ? competence.missingEn : competence.missingVi}</div>
              )}
            </div>
          )}
        </section>

        <section className="card" aria-labelledby="sec-intake">
          <h2 id="sec-intake">{t('pickup.intake')}</h2>
          <div className="radios" role="radiogroup" aria-labelledby="sec-intake">
            {(['counter', 'pickup'] as const).map((m) => (
              <label key={m}><input type="radio" name="intake" checked={(d.intake ?? 'counter') === m} onChange={() => setD((x) => ({ ...x, intake: m }))} />{t(`pickup.intakes.${m}`)}</label>
            ))}
          </div>
          {pickup && <p className="hint" data-testid="pickup-hint">{t('pickup.hint')}</p>}
        </section>

        <section className="card" aria-labelledby="sec-app">
          <h2 id="sec-app">{t('reception.applicant')}</h2>
          <fieldset>
            <legend>{t('reception.kind')}</legend>
            <div className="radios">
              {(['individual', 'organisation'] as const).map((k) => (
                <label key={k}><input type="radio" name="kind" checked={a.kind === k} onChange={() => setA({ kind: k })} />{t(`reception.${k}`)}</label>
              ))}
            </div>
          </fieldset>
          {a.kind === 'organisation' && (
            <div className="grid g2">
              <Field label={t('reception.orgName')} error={err('orgName')} required>{(id, ds) => <input id={id} name="orgName" aria-describedby={ds} aria-invalid={!!err('orgName')} maxLength={L.organisationName} value={a.orgName} onChange={(e) => setA({ orgName: e.target.value })} />}</Field>
              <Field label={t('reception.taxCode')} error={err('taxCode')}>{(id, ds) => <input id={id} name="taxCode" aria-describedby={ds} aria-invalid={!!err('taxCode')} inputMode="numeric" maxLength={L.taxCode} value={a.taxCode} onChange={(e) => setA({ taxCode: e.target.value })} />}</Field>
            </div>
          )}
          <div className="grid g3">
            <Field label={t('reception.fullName')} error={err('fullName')} required>{(id, ds) => <input id={id} name="fullName" aria-describedby={ds} aria-invalid={!!err('fullName')} autoComplete="off" maxLength={L.fullName} value={a.fullName} onChange={(e) => setA({ fullName: e.target.value })} />}</Field>
            <Field label={t('reception.idNumber')} error={err('idNumber')} required={a.kind === 'individual'} hint={t('reception.idHint')}>{(id, ds) => <input id={id} name="idNumber" aria-describedby={ds} aria-invalid={!!err('idNumber')} inputMode="numeric" maxLength={L.idNumber} value={a.idNumber} onChange={(e) => setA({ idNumber: e.target.value.replace(/\D/g, '') })} />}</Field>
            <Field label={t('reception.birthDate')} error={err('birthDate')}>{(id, ds) => <DateInput id={id} name="birthDate" aria-describedby={ds} aria-invalid={!!err('birthDate')} value={a.birthDate} onChange={(_, text) => setA({ birthDate: text })} />}</Field>
            <Field label={t('reception.gender')}>{(id) => (
              <select id={id} value={a.gender} onChange={(e) => setA({ gender: e.target.value as ApplicantForm['gender'] })}>
                <option value="">—</option><option value="male">{t('reception.male')}</option><option value="female">{t('reception.female')}</option>
              </select>
            )}</Field>
            <Field label={t('reception.phone')} error={err('phone')} required={pickup}>{(id, ds) => <input id={id} name="phone" type="tel" aria-describedby={ds} aria-invalid={!!err('phone')} maxLength={L.phone} value={a.phone} onChange={(e) => setA({ phone: e.target.value })} />}</Field>
            <Field label={t('reception.email')} error={err('email')}>{(id, ds) => <input id={id} name="email" type="email" aria-describedby={ds} aria-invalid={!!err('email')} maxLength={L.email} value={a.email} onChange={(e) => setA({ email: e.target.value })} />}</Field>
          </div>
          <h3>{t('reception.address')}</h3>
          <AddressPicker a={a} set={setA} errors={errors} />
        </section>

        {proc && (
          <section className="card" aria-labelledby="sec-comp">
            <h2 id="sec-comp">{t('reception.components')}</h2>
            {cases.length > 1 && (
              <Field label={t('reception.caseLabel')} error={err('caseKey')} required>
                {(id, ds) => (
                  <select id={id} name="caseKey" aria-describedby={ds} aria-invalid={!!err('caseKey')} value={chosenCase?.key ?? ''} onChange={(e) => pickCase(e.target.value)}>
                    <option value="">{t('reception.casePick')}</option>
                    {cases.map((c) => <option key={c.key} value={c.key}>{c.title.length > 140 ? `${c.title.slice(0, 139)}…` : c.title}</option>)}
                  </select>
                )}
              </Field>
            )}
            {cases.length > 1 && !chosenCase ? <p className="muted">{t('reception.casePickFirst')}</p> : (
            <div className="table-wrap">
              <table className="checklist" aria-labelledby="sec-comp">
                <thead><tr><th scope="col"><span className="sr-only">{t('reception.provided')}</span>✓</th><th scope="col">{t('reception.components')}</th><th scope="col">{t('reception.form')}</th><th scope="col">{t('reception.copies')}</th><th scope="col">{t('files.scan')}</th></tr></thead>
                <tbody>
                  {rows.map((c) => {
                    const s = d.components[c.id] ?? { provided: false, form: 'copy' as const, copies: 1 };
                    const upd = (p: Partial<typeof s>) => setD((x) => ({ ...x, components: { ...x.components, [c.id]: { ...s, ...p } } }));
                    return (
                      <tr key={c.id}>
                        <td><input type="checkbox" aria-label={`${t('reception.provided')}: ${c.name}`} checked={s.provided} onChange={(e) => upd({ provided: e.target.checked })} /></td>
                        <td><LongText text={c.name} more={t('reception.showFull')} />{c.required && <small> ({t('reception.requiredMark')})</small>}</td>
                        <td><select aria-label={`${t('reception.form')}: ${c.name}`} value={s.form} onChange={(e) => upd({ form: e.target.value as ComponentIn['form'] })}>
                          <option value="original">{t('reception.original')}</option><option value="certified">{t('reception.certified')}</option><option value="copy">{t('reception.copy')}</option>
                        </select></td>
                        <td style={{ width: '5.5rem' }}><input type="number" min={0} max={100} aria-label={`${t('reception.copies')}: ${c.name}`} value={s.copies} onChange={(e) => upd({ copies: Math.max(0, Number(e.target.value) || 0) })} /></td>
                        <td style={{ minWidth: '8.5rem' }}>
                          {s.fileId ? <span className="row"><small title={s.fileName} data-testid="scan"><FileIcon />{(s.fileName ?? '').slice(0, 24)}</small><button type="button" className="small" aria-label={`${t('common.delete')}: ${s.fileName}`} onClick={() => upd({ fileId: undefined, fileName: undefined })}>×</button></span>
                            : <FileDrop compact label={`${t('files.scan')}: ${c.name}`} busy={uploading === c.id} onFile={async (f) => {
                              setUploading(c.id); setSubmitError(null);
                              try { const r = await api.stageFile(f, { componentId: c.id, componentName: c.name }); upd({ fileId: r.id, fileName: r.name, provided: true }); }
                              catch (e) { setSubmitError(e); } finally { setUploading(null); }
                            }} />}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            )}
          </section>
        )}

        <section className="card" aria-labelledby="sec-del">
          <h2 id="sec-del">{t('reception.delivery')}</h2>
          <div className="radios" role="radiogroup" aria-labelledby="sec-del">
            {(['counter', 'post', 'online'] as const).map((m) => (
              <label key={m}><input type="radio" name="delivery" checked={d.delivery === m} onChange={() => setD((x) => ({ ...x, delivery: m }))} />{t(`reception.${m}`)}</label>
            ))}
          </div>
          {d.delivery === 'post' && (
            <Field label={t('reception.deliveryAddress')} error={err('deliveryLine')} required>{(id, ds) => <input id={id} name="deliveryLine" aria-describedby={ds} aria-invalid={!!err('deliveryLine')} maxLength={L.addressLine} value={d.deliveryLine} onChange={(e) => setD((x) => ({ ...x, deliveryLine: e.target.value }))} />}</Field>
          )}
          {d.delivery === 'post' && (
            <label className="check"><input type="checkbox" name="cod" checked={!!d.cod} onChange={(e) => setD((x) => ({ ...x, cod: e.target.checked }))} />{t('reception.cod')}</label>
          )}
        </section>
      </div>

      <aside className="side" aria-label={t('reception.appointment')}>
        <div className="card">
          <h2>{t('reception.appointment')}</h2>
          <p className="appointment" aria-live="polite" data-testid="appointment">
            {appointment === 'sameDay' ? t('reception.sameDay') : appointment ? fmtDateTime(appointment, i18n.language) : '—'}
          </p>
          <h3>{t('reception.fees')}</h3>
          {proc ? (fees.length === 0 ? <p className="muted">{t('reception.noFee')}</p> : (
            <ul>{fees.map((f, i) => <li key={i}>{f.name}: <strong>{f.amountVnd ? fmtMoney(f.amountVnd, i18n.language) : f.text}</strong></li>)}</ul>
          )) : <p className="muted">—</p>}
        </div>
        <div className="card actions-bar">
          {submitError !== null && (Object.keys(errors).length > 0 || otherErrors.length > 0 ? (
            <div className="alert error" role="alert" data-testid="fix-errors">
              {t('reception.fixErrors')}
              <ul>
                {Object.entries(errors).map(([k, m]) => <li key={k}><a href="#" onClick={(e) => { e.preventDefault(); focusField(fieldLabel(k)); }}>{fieldLabel(k)}</a>: {m}</li>)}
                {otherErrors.map((x, i) => <li key={`o${i}`}>{x.message ?? x.code}</li>)}
              </ul>
            </div>
          ) : <ErrorBox error={submitError} />)}
          <button type="submit" className="primary" disabled={busy}>{pickup ? t('pickup.book') : t('reception.accept')}</button>
          {!pickup && <button type="button" disabled={busy || !d.procedureCode} onClick={() => setDialog('incomplete')}>{t('reception.incomplete')}</button>}
          {!pickup && <button type="button" className="danger" disabled={busy || !d.procedureCode} onClick={() => setDialog('refuse')}>{t('reception.refuse')}</button>}
          <button type="button" className="ghost" onClick={() => { clearDraft(); setErrors({}); setSubmitError(null); }}>{t('reception.clear')}</button>
        </div>
      </aside>

      {dialog && (
        <Dialog title={dialog === 'incomplete' ? t('reception.incomplete') : t('reception.refuse')} onClose={() => setDialog(null)}
          footer={<>
            <button type="button" onClick={() => setDialog(null)}>{t('common.cancel')}</button>
            <button type="button" className="primary" disabled={busy || !reason.trim() || !d.applicant.fullName.trim()} onClick={() => void submit(dialog)}>{t('common.confirm')}</button>
          </>}>
          {!d.applicant.fullName.trim() && <div className="alert error">{t('v.required', { field: t('reception.fullName').toLowerCase() })}</div>}
          <Field label={t('reception.reason')} error={err('reason')} required>{(id, ds) => <textarea id={id} aria-describedby={ds} aria-invalid={!!err('reason')} maxLength={RECEPTION_TEXT_LIMITS.reason} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
          {dialog === 'incomplete' && <Field label={t('reception.items')} error={err('items')}>{(id, ds) => <textarea id={id} aria-describedby={ds} aria-invalid={!!err('items')} value={items} onChange={(e) => setItems(e.target.value)} />}</Field>}
          <ErrorBox error={submitError} />
        </Dialog>
      )}
    </form>
  );
}

function OnlineQueue({ items, error, reload }: { items: InboxItem[]; error: unknown; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const acceptOne = async (it: InboxItem) => {
    setBusy(it.id); setErr(null);
    try {
      const r = await api.act(it.id, 'accept', it.version);
      if (r.receipt) openPrint(r.receipt, { ref: r.dossier.code ?? r.dossier.id, form: '01', secret: r.receipt.secret });
      reload();
      if (r.dossier.code) navigate(`/dossiers/${encodeURIComponent(r.dossier.code)}`);
    } catch (e) { setErr(e); } finally { setBusy(null); }
  };
  const sorted = useMemo(() => [...items].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)), [items]);
  // the age of each filing, refreshed every minute (display only)
  const [now, setNow] = useState(() => new Date());
  useEffect(() => { const h = setInterval(() => setNow(new Date()), 60_000); return () => clearInterval(h); }, []);
  const ref = useRef<HTMLDivElement>(null);
  return (
    <div className="card" ref={ref}>
      <ErrorBox error={error ?? err} />
      {sorted.length === 0 ? <p className="muted">{t('reception.queueEmpty')}</p> : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('reception.tabQueue', { n: sorted.length })}</caption>
            <thead><tr><th scope="col">{t('reception.submittedAt')}</th><th scope="col">{t('queue.age')}</th><th scope="col">{t('inbox.applicant')}</th><th scope="col">{t('inbox.procedureName')}</th><th scope="col">{t('inbox.channel')}</th><th scope="col"><span className="sr-only">{t('dossier.actions')}</span></th></tr></thead>
            <tbody>
              {sorted.map((it) => (
                <tr key={it.id}>
                  <td>{fmtDateTime(it.submittedAt, i18n.language)}</td>
                  <td data-testid="age">{fmtAge(it.submittedAt, now, i18n.language)}</td>
                  <td>{it.applicantName}</td>
                  <td><span className="code">{it.procedureCode}</span> {it.procedureName}</td>
                  <td>{t(`channel.${it.channel}`)}</td>
                  <td className="row">
                    <button className="primary small" disabled={busy === it.id} onClick={() => void acceptOne(it)}>{t('reception.acceptOnline')}</button>
                    <Link className="button small" to={`/dossiers/${it.id}`}>{t('common.open')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** A catalogue text shown short (its first sentence or 160 characters), the whole of it on demand. */
function LongText({ text, more }: { text: string; more: string }) {
  const cut = text.length > 160 ? text.slice(0, 160).replace(/\s+\S*$/u, '') : text;
  if (cut === text) return <>{text}</>;
  return (
    <details className="long-text">
      <summary>{cut}… <span className="link">{more}</span></summary>
      <span>{text}</span>
    </details>
  );
}

/** Focuses the form field whose label reads `label` (the error summary's links). */
function focusField(label: string) {
  const l = [...document.querySelectorAll<HTMLLabelElement>('form.reception label[for]')].find((x) => (x.textContent ?? '').replace(/\s*\*$/, '').trim() === label);
  const el = l ? document.getElementById(l.htmlFor) : document.querySelector<HTMLElement>('.has-error input, .has-error select');
  el?.focus();
}

/** A collection's state as the desk reads it: booking, booked, collected, registered (with the code), a problem. */
function PickupState({ p }: { p: Pickup }) {
  const { t } = useTranslation();
  const bad = p.status === 'rejected' || p.status === 'failed' || p.status === 'cancelled' || !!p.problem;
  const label = p.dossierCode ? t('pickup.registered', { code: p.dossierCode }) : p.dossierId ? t('pickup.waiting') : t(`postal.statuses.${p.status}`, { defaultValue: p.status });
  return <span className={`badge ${bad ? 'bad' : p.dossierCode ? 'ok' : ''}`} data-testid="pickup-state" data-status={p.status}>{label}</span>;
}

function PickupSummary({ p }: { p: Pickup }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <dl className="kv">
        <div><dt>{t('pickup.reference')}</dt><dd className="code" data-testid="pickup-ref">{p.orderNumber}</dd></div>
        <div><dt>{t('pickup.state')}</dt><dd><PickupState p={p} /></dd></div>
        <div><dt>{t('inbox.applicant')}</dt><dd>{p.applicantName}</dd></div>
        <div><dt>{t('inbox.procedureName')}</dt><dd><span className="code">{p.procedureCode}</span> {p.procedureName}</dd></div>
        <div><dt>{t('pickup.createdAt')}</dt><dd>{fmtDateTime(p.createdAt, i18n.language)}</dd></div>
        {p.itemCode && <div><dt>{t('postal.itemCode')}</dt><dd className="code">{p.itemCode}</dd></div>}
      </dl>
      {p.problem && <p className="error-text">{t('pickup.problem')}: {p.problem}</p>}
      <h3 id={`cl-${p.id}`}>{t('pickup.checklist')}</h3>
      <ol aria-labelledby={`cl-${p.id}`} data-testid="pickup-checklist">
        {p.checklist.map((c) => <li key={c.componentId}>{c.name}{c.required && <small> ({t('reception.requiredMark')})</small>}</li>)}
      </ol>
    </>
  );
}

/** The desk's collections at home: each booking with its state; a collected dossier is received from here. */
function PickupList() {
  const { t, i18n } = useTranslation();
  const { agencyFor } = useSession();
  const desk = agencyFor('reception');
  const list = useAsync(() => (desk ? api.pickups(desk) : Promise.resolve({ items: [] as Pickup[] })), [desk]);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const receive = async (p: Pickup) => {
    setBusy(p.id); setErr(null);
    try {
      const d = await api.dossier(p.dossierId!);
      const r = await api.act(d.id, 'accept', d.version);
      if (r.receipt) openPrint(r.receipt, { ref: r.dossier.code ?? r.dossier.id, form: '01', secret: r.receipt.secret });
      list.reload();
    } catch (e) { setErr(e); } finally { setBusy(null); }
  };
  const items = list.data?.items ?? [];
  return (
    <div className="card">
      <h2 id="pickups-h">{t('pickup.listTitle')}</h2>
      <ErrorBox error={list.error ?? err} />
      {items.length === 0 ? <p className="muted">{t('pickup.none')}</p> : (
        <div className="table-wrap">
          <table data-testid="pickups" aria-labelledby="pickups-h">
            <thead><tr>
              <th scope="col">{t('pickup.createdAt')}</th><th scope="col">{t('pickup.reference')}</th><th scope="col">{t('inbox.applicant')}</th>
              <th scope="col">{t('inbox.procedureName')}</th><th scope="col">{t('pickup.checklist')}</th><th scope="col">{t('pickup.state')}</th>
              <th scope="col"><span className="sr-only">{t('dossier.actions')}</span></th>
            </tr></thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} data-testid="pickup-row" data-ref={p.orderNumber}>
                  <td>{fmtDate(p.createdAt, i18n.language)}</td>
                  <td><span className="code">{p.orderNumber}</span>{p.itemCode && <><br /><small>{t('postal.itemCode')}: <span className="code">{p.itemCode}</span></small></>}</td>
                  <td>{p.applicantName}</td>
                  <td><span className="code">{p.procedureCode}</span> {p.procedureName}</td>
                  <td>
                    <details><summary>{t('pickup.items', { n: p.checklist.length })}</summary>
                      <ol>{p.checklist.map((c) => <li key={c.componentId}>{c.name}</li>)}</ol>
                    </details>
                  </td>
                  <td><PickupState p={p} />{p.problem && <div className="error-text">{p.problem}</div>}</td>
                  <td><div className="row">
                    {p.dossierId && !p.dossierCode && <button type="button" className="primary small" disabled={busy === p.id} onClick={() => void receive(p)}>{t('reception.acceptOnline')}</button>}
                    {p.dossierId && <Link className="button small" to={`/dossiers/${encodeURIComponent(p.dossierCode ?? p.dossierId)}`}>{t('common.open')}</Link>}
                  </div></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
