// Tài khoản của tôi (/tai-khoan): the profile that pre-fills online forms (name, ID number, birth date,
// address in the two-tier units), the proven phone and e-mail (changed by a code), and the people or
// organisations the citizen acts for, with their authorisation document. Signed-out visitors are sent to
// sign-in and back.
import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi, fieldErrorsOf, get, HttpError, type CodeSent, type Profile, type Representation } from '../api';
import { navigate } from '../router';
import { signInHref, signOutCitizen, useCitizen } from '../session';
import { fmtDate } from '../../util';
import { LoadError, useData } from '../common';

type Unit = { code: string; fullName: string };
const units = (q: string) => get<{ items: Unit[] }>(`/api/v1/admin-units?${q}`).then((r) => r.items);

export default function AccountPage() {
  const { t } = useTranslation();
  const { session, citizen } = useCitizen();
  useEffect(() => {
    if (session && !citizen) navigate(signInHref('/tai-khoan'), true);
  }, [session, citizen]);
  if (!session || !citizen) return <p className="loading" role="status">{t('app.loading')}</p>;
  return (
    <div className="c-page c-account">
      <h1>{t('account.title')}</h1>
      <p>{t('account.lead')}</p>
      <ProfileSection />
      <RepresentationsSection />
      <p><button type="button" className="c-button" onClick={() => void signOutCitizen().then(() => navigate('/'))}>{t('account.signOut')}</button></p>
    </div>
  );
}

function Summary({ errors, prefix, title }: { errors: Record<string, string>; prefix: string; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = Object.entries(errors);
  useEffect(() => { if (list.length) ref.current?.focus(); }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!list.length) return null;
  return (
    <div className="c-error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h3>{title}</h3>
      <ul>{list.map(([f, m]) => {
        const id = `${prefix}-${f.replace(/\./g, '-')}`;
        return <li key={f}><a href={`#${id}`} onClick={(e) => { e.preventDefault(); document.getElementById(id)?.focus(); }}>{m}</a></li>;
      })}</ul>
    </div>
  );
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: (a: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactElement }) {
  const described = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`c-field ${error ? 'has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="c-hint">{hint}</p>}
      {error && <p id={`${id}-err`} className="c-err">{error}</p>}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
    </div>
  );
}

function ProfileSection() {
  const { t, i18n } = useTranslation();
  const { data, error, retry } = useData(() => accountApi.profile(), []);
  const [p, setP] = useState<Profile | null>(null);
  const [form, setForm] = useState({ fullName: '', idNumber: '', birthDate: '', line: '', province: '', commune: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const provinces = useData(() => units('level=province&pageSize=100'), []);
  const communes = useData(() => (form.province ? units(`level=commune&parent=${form.province}&pageSize=500`) : Promise.resolve([])), [form.province]);

  useEffect(() => {
    if (!data) return;
    setP(data);
    setForm({ fullName: data.fullName ?? '', idNumber: data.idNumber ?? '', birthDate: data.birthDate ?? '', line: data.address?.line ?? '', province: data.address?.provinceCode ?? '', commune: data.address?.communeCode ?? '' });
  }, [data]);
  if (error) return <LoadError retry={retry} />;
  if (!p) return <p className="loading" role="status">{t('app.loading')}</p>;
  const proven = !!p.verified.identity;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => { setForm({ ...form, [k]: e.target.value, ...(k === 'province' ? { commune: '' } : {}) }); setSaved(false); };

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const out = await accountApi.saveProfile({
        fullName: form.fullName.trim() || null,
        idNumber: form.idNumber.trim() || null,
        birthDate: form.birthDate || null,
        address: form.commune ? { line: form.line.trim() || '-', communeCode: form.commune } : null,
      });
      setP(out);
      setSaved(true);
    } catch (err) {
      const f = fieldErrorsOf(err);
      const mapped: Record<string, string> = {};
      for (const [k, v] of Object.entries(f)) mapped[k === 'address.communeCode' ? 'commune' : k === 'address.line' ? 'line' : k] = v;
      setErrors(Object.keys(mapped).length ? mapped : { fullName: err instanceof HttpError ? (err.body.title ?? t('app.error')) : t('app.error') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="profile-title" className="c-section">
      <h2 id="profile-title">{t('account.profile')}</h2>
      {proven && <p className="c-verified">{t('account.identityProven', { date: fmtDate(p.verified.identity, i18n.language) })}</p>}
      <Summary errors={errors} prefix="profile" title={t('account.fix')} />
      <form onSubmit={save} noValidate className="c-form">
        <Field id="profile-fullName" label={t('account.fullName')} error={errors.fullName}>
          {(a) => <input {...a} value={form.fullName} onChange={set('fullName')} autoComplete="name" maxLength={100} readOnly={proven && !!p.fullName} />}
        </Field>
        <Field id="profile-idNumber" label={t('account.idNumber')} hint={t('account.idNumberHint')} error={errors.idNumber}>
          {(a) => <input {...a} value={form.idNumber} onChange={set('idNumber')} inputMode="numeric" maxLength={12} readOnly={proven && !!p.idNumber} />}
        </Field>
        <Field id="profile-birthDate" label={t('account.birthDate')} hint={t('account.birthDateHint')} error={errors.birthDate}>
          {(a) => <input {...a} type="date" value={form.birthDate} onChange={set('birthDate')} autoComplete="bday" readOnly={proven && !!p.birthDate} />}
        </Field>
        <Field id="profile-province" label={t('account.province')} error={errors.province}>
          {(a) => (
            <select {...a} value={form.province} onChange={set('province')}>
              <option value="">{t('account.choose')}</option>
              {(provinces.data ?? []).map((u) => <option key={u.code} value={u.code}>{u.fullName}</option>)}
            </select>
          )}
        </Field>
        <Field id="profile-commune" label={t('account.commune')} error={errors.commune}>
          {(a) => (
            <select {...a} value={form.commune} onChange={set('commune')} disabled={!form.province}>
              <option value="">{t('account.choose')}</option>
              {(communes.data ?? []).map((u) => <option key={u.code} value={u.code}>{u.fullName}</option>)}
            </select>
          )}
        </Field>
        <Field id="profile-line" label={t('account.line')} hint={t('account.lineHint')} error={errors.line}>
          {(a) => <input {...a} value={form.line} onChange={set('line')} autoComplete="street-address" maxLength={300} />}
        </Field>
        <button type="submit" className="c-button primary" disabled={busy}>{t('account.save')}</button>
        {saved && <p role="status" className="c-ok">{t('account.saved')}</p>}
      </form>
      <ContactSection profile={p} onChange={setP} />
    </section>
  );
}

function ContactSection({ profile, onChange }: { profile: Profile; onChange: (p: Profile) => void }) {
  const { t } = useTranslation();
  const [address, setAddress] = useState('');
  const [sent, setSent] = useState<CodeSent | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const fail = (err: unknown, field: string) => {
    const f = fieldErrorsOf(err);
    setErrors(Object.keys(f).length ? Object.fromEntries(Object.keys(f).map((k) => [k, err instanceof HttpError ? (err.body.title ?? f[k]!) : f[k]!])) : { [field]: t('app.error') });
  };
  return (
    <div className="c-contact">
      <h3>{t('account.contact')}</h3>
      <dl className="c-facts">
        <div><dt>{t('account.phone')}</dt><dd>{profile.phone ?? '—'} {profile.phone && <span className="c-tag">{t('account.proven')}</span>}</dd></div>
        <div><dt>{t('account.email')}</dt><dd>{profile.email ?? '—'} {profile.email && <span className="c-tag">{t('account.proven')}</span>}</dd></div>
      </dl>
      <Summary errors={errors} prefix="contact" title={t('account.fix')} />
      {!sent ? (
        <form className="c-form" noValidate onSubmit={async (e) => {
          e.preventDefault();
          setErrors({});
          try { setSent(await accountApi.sendContactCode(address.trim())); } catch (err) { fail(err, 'address'); }
        }}>
          <Field id="contact-address" label={t('account.newContact')} hint={t('signIn.addressHint')} error={errors.address}>
            {(a) => <input {...a} value={address} onChange={(e) => setAddress(e.target.value)} maxLength={254} />}
          </Field>
          <button type="submit" className="c-button">{t('signIn.send')}</button>
        </form>
      ) : (
        <form className="c-form" noValidate onSubmit={async (e) => {
          e.preventDefault();
          setErrors({});
          try { onChange(await accountApi.verifyContact(sent.challengeId, code.trim())); setSent(null); setAddress(''); setCode(''); } catch (err) { fail(err, 'code'); }
        }}>
          <p role="status">{t(sent.channel === 'sms' ? 'signIn.sentSms' : 'signIn.sentEmail', { to: sent.sentTo })}</p>
          <Field id="contact-code" label={t('signIn.code')} error={errors.code}>
            {(a) => <input {...a} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))} inputMode="numeric" autoComplete="one-time-code" className="c-code-input" />}
          </Field>
          <button type="submit" className="c-button primary">{t('signIn.verify')}</button>
        </form>
      )}
    </div>
  );
}

function RepresentationsSection() {
  const { t, i18n } = useTranslation();
  const list = useData(() => accountApi.representations(), []);
  const [kind, setKind] = useState<'individual' | 'organisation'>('individual');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const file = fd.get('document');
    fd.delete('document');
    if (file instanceof File && file.size > 0) fd.append('document', file); // the text fields go first
    setBusy(true);
    setErrors({});
    try {
      await accountApi.addRepresentation(fd);
      formRef.current?.reset();
      list.retry();
    } catch (err) {
      const f = fieldErrorsOf(err);
      setErrors(Object.keys(f).length ? f : { document: err instanceof HttpError ? (err.body.title ?? t('app.error')) : t('app.error') });
    } finally {
      setBusy(false);
    }
  }

  const items: Representation[] = list.data?.items ?? [];
  return (
    <section aria-labelledby="rep-title" className="c-section">
      <h2 id="rep-title">{t('account.reps')}</h2>
      <p>{t('account.repsLead')}</p>
      {list.error ? <LoadError retry={list.retry} /> : items.length === 0 ? <p>{t('account.noReps')}</p> : (
        <ul className="c-reps">
          {items.map((r) => (
            <li key={r.id} className={`c-rep ${r.status}`}>
              <strong>{r.partyName}</strong>
              <span>{r.partyKind === 'individual' ? `${t('account.idNumber')}: ${r.partyIdNumber ?? '—'}` : `${t('account.taxCode')}: ${r.partyTaxCode ?? '—'}`}</span>
              <span>{t(`account.basis.${r.basis}`)} · {t(`account.status.${r.status}`)}{r.validUntil ? ` · ${t('account.validUntil')}: ${fmtDate(r.validUntil, i18n.language)}` : ''}</span>
              {r.document && <a href={`/api/v1/citizen/representations/${r.id}/document`} target="_blank" rel="noopener">{r.document.name}</a>}
              {r.status === 'active' && (
                <button type="button" className="c-button" onClick={() => void accountApi.revokeRepresentation(r.id).then(list.retry)} aria-label={t('account.revokeFor', { name: r.partyName })}>{t('account.revoke')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('account.addRep')}</h3>
      <Summary errors={errors} prefix="rep" title={t('account.fix')} />
      <form ref={formRef} onSubmit={add} noValidate className="c-form" encType="multipart/form-data">
        <fieldset className="c-choice">
          <legend>{t('account.partyKind')}</legend>
          <label><input type="radio" name="partyKind" value="individual" checked={kind === 'individual'} onChange={() => setKind('individual')} /> {t('account.kindIndividual')}</label>
          <label><input type="radio" name="partyKind" value="organisation" checked={kind === 'organisation'} onChange={() => setKind('organisation')} /> {t('account.kindOrganisation')}</label>
        </fieldset>
        <input type="hidden" name="basis" value={kind === 'organisation' ? 'legal_representative' : 'authorisation'} />
        <Field id="rep-partyName" label={t(kind === 'individual' ? 'account.partyPerson' : 'account.partyOrg')} error={errors.partyName}>
          {(a) => <input {...a} name="partyName" maxLength={300} />}
        </Field>
        {kind === 'individual' ? (
          <Field id="rep-partyIdNumber" label={t('account.idNumber')} hint={t('account.idNumberHint')} error={errors.partyIdNumber}>
            {(a) => <input {...a} name="partyIdNumber" inputMode="numeric" maxLength={12} />}
          </Field>
        ) : (
          <Field id="rep-partyTaxCode" label={t('account.taxCode')} error={errors.partyTaxCode}>
            {(a) => <input {...a} name="partyTaxCode" inputMode="numeric" maxLength={14} />}
          </Field>
        )}
        <Field id="rep-validUntil" label={t('account.validUntil')} hint={t('account.validUntilHint')} error={errors.validUntil}>
          {(a) => <input {...a} type="date" name="validUntil" />}
        </Field>
        <Field id="rep-document" label={t('account.document')} hint={t('account.documentHint')} error={errors.document}>
          {(a) => <input {...a} type="file" name="document" accept="application/pdf,image/jpeg,image/png" />}
        </Field>
        <button type="submit" className="c-button primary" disabled={busy}>{t('account.addRepSubmit')}</button>
      </form>
    </section>
  );
}
