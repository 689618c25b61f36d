// Administration of the agencies' online payment accounts (merchant per beneficiary account): the agency, the
// gateway, the merchant code, the beneficiary account and bank, the receipt series and the REFERENCE of the
// secret (MOTCUA_PAYMENT_SECRET_<REF> on the server; the secret itself is never shown nor sent). Add, edit,
// disable / enable; errors on their field. An agency without an active account pays through the deployment's
// single configuration. Dates dd/mm/yyyy.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type PaymentAccount } from '../api';
import { Dialog, ErrorBox, Field, useAsync } from '../ui';
import { fmtDateTime } from '../util';

const GATEWAYS = ['dvcqg', 'vnpay', 'simulated'] as const;
const FIELDS = ['merchantCode', 'accountNo', 'bankCode', 'accountName', 'receiptSeries', 'secretRef'] as const;
type FormKey = 'agencyCode' | 'gateway' | (typeof FIELDS)[number];
type Form = Record<FormKey, string>;

export function PaymentAccounts() {
  const { t } = useTranslation();
  const list = useAsync(() => api.paymentAccounts(), []);
  const [edit, setEdit] = useState<PaymentAccount | 'new' | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const toggle = async (a: PaymentAccount) => {
    setErr(null);
    try {
      await api.updatePaymentAccount(a.id, { active: !a.active });
      setMsg(t(a.active ? 'payAccounts.disabledMsg' : 'payAccounts.enabledMsg', { merchant: a.merchantCode, agency: a.agencyName }));
      list.reload();
    } catch (e) { setErr(e); }
  };
  if (list.error) return <ErrorBox error={list.error} />;
  const data = list.data;
  return (
    <section className="card" aria-labelledby="pay-accounts-title">
      <h2 id="pay-accounts-title">{t('payAccounts.title')}</h2>
      <p className="muted">{t('payAccounts.lead')}</p>
      {data && <p>{t('payAccounts.gatewayNow')}: <strong>{t(`payAccounts.gateways.${data.gateway}`, { defaultValue: data.gateway })}</strong></p>}
      <p><button type="button" className="primary" onClick={() => { setMsg(null); setEdit('new'); }}>{t('payAccounts.add')}</button></p>
      {msg && <div className="alert info" role="status">{msg}</div>}
      <ErrorBox error={err} />
      {!data ? <p aria-busy="true">{t('app.loading')}</p> : data.items.length === 0 ? <p>{t('payAccounts.none')}</p> : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('payAccounts.title')}</caption>
            <thead><tr>
              <th scope="col">{t('payAccounts.agency')}</th><th scope="col">{t('payAccounts.gateway')}</th><th scope="col">{t('payAccounts.merchantShort')}</th>
              <th scope="col">{t('payAccounts.beneficiary')}</th><th scope="col">{t('payAccounts.receiptSeries')}</th><th scope="col">{t('payAccounts.secretRef')}</th>
              <th scope="col">{t('payAccounts.status')}</th><th scope="col">{t('payAccounts.updated')}</th><th scope="col">{t('admin.actions')}</th>
            </tr></thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id}>
                  <td>{a.agencyName}<br /><span className="muted">{a.agencyCode}</span></td>
                  <td>{a.gateway ? t(`payAccounts.gateways.${a.gateway}`, { defaultValue: a.gateway }) : t('payAccounts.anyGateway')}</td>
                  <td><code>{a.merchantCode}</code></td>
                  <td>{a.accountName}<br /><span className="muted">{a.accountNo} · {a.bankCode}</span></td>
                  <td className="nowrap">{a.receiptSeries}</td>
                  <td>{a.secretRef ? <code>{a.secretRef}</code> : <span className="muted">{t('payAccounts.deploymentSecret')}</span>}<br />
                    <span className={`badge ${a.secretConfigured ? 'on_time' : 'late'}`}>{t(a.secretConfigured ? 'payAccounts.secretSet' : 'payAccounts.secretMissing')}</span></td>
                  <td><span className={`badge ${a.active ? 'on_time' : ''}`}>{t(a.active ? (a.inUse ? 'payAccounts.inUse' : 'payAccounts.active') : 'payAccounts.disabled')}</span></td>
                  <td>{fmtDateTime(a.updatedAt)}</td>
                  <td className="nowrap">
                    <button type="button" className="small" aria-label={t('payAccounts.editOf', { merchant: a.merchantCode, agency: a.agencyName })} onClick={() => { setMsg(null); setEdit(a); }}>{t('payAccounts.edit')}</button>{' '}
                    <button type="button" className="small" aria-label={t(a.active ? 'payAccounts.disableOf' : 'payAccounts.enableOf', { merchant: a.merchantCode, agency: a.agencyName })} onClick={() => toggle(a)}>{t(a.active ? 'payAccounts.disable' : 'payAccounts.enable')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {edit && <AccountDialog account={edit === 'new' ? null : edit} onClose={() => setEdit(null)} onDone={(m) => { setEdit(null); setMsg(m); list.reload(); }} />}
    </section>
  );
}

function AccountDialog({ account, onClose, onDone }: { account: PaymentAccount | null; onClose: () => void; onDone: (msg: string) => void }) {
  const { t } = useTranslation();
  const agencies = useAsync(() => api.agencies(), []);
  const [f, setF] = useState<Form>({
    agencyCode: account?.agencyCode ?? '', gateway: account?.gateway ?? 'dvcqg', merchantCode: account?.merchantCode ?? '', accountNo: account?.accountNo ?? '',
    bankCode: account?.bankCode ?? '', accountName: account?.accountName ?? '', receiptSeries: account?.receiptSeries ?? '', secretRef: account?.secretRef ?? '',
  });
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // the server's field errors under their field (body.secretRef → secretRef)
  const fe: Partial<Record<string, string>> = err instanceof ApiError
    ? Object.fromEntries((err.problem.errors ?? []).map((e) => [e.path.split('.').pop(), e.message ?? e.messageVi ?? e.code])) : {};
  const rest = err instanceof ApiError && (err.problem.errors ?? []).every((e) => FIELDS.includes(e.path.split('.').pop() as never) || ['agencyCode', 'gateway', 'active'].includes(e.path.split('.').pop()!)) ? null : err;
  const save = async () => {
    setBusy(true);
    setErr(null);
    const fields = { merchantCode: f.merchantCode, accountNo: f.accountNo, bankCode: f.bankCode, accountName: f.accountName, receiptSeries: f.receiptSeries, secretRef: f.secretRef.trim() || null };
    try {
      const saved = account
        ? await api.updatePaymentAccount(account.id, fields)
        : await api.createPaymentAccount({ agencyCode: f.agencyCode, gateway: f.gateway as (typeof GATEWAYS)[number], ...fields, secretRef: fields.secretRef ?? undefined });
      onDone(t('payAccounts.saved', { merchant: saved.merchantCode, agency: saved.agencyName }));
    } catch (e) { setErr(e); setBusy(false); }
  };
  const set = (k: FormKey) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <Dialog title={account ? t('payAccounts.editTitle', { agency: account.agencyName }) : t('payAccounts.add')} onClose={onClose} wide footer={<>
      <button type="button" onClick={onClose}>{t('common.cancel')}</button>
      <button type="button" className="primary" disabled={busy} onClick={save}>{t('common.save')}</button>
    </>}>
      <div className="grid g2">
        <Field label={t('payAccounts.agency')} required error={fe.agencyCode}>
          {(id, d) => <select id={id} aria-describedby={d} value={f.agencyCode} disabled={!!account} onChange={set('agencyCode')}>
            <option value="">{t('payAccounts.pickAgency')}</option>
            {(agencies.data?.items ?? []).map((a) => <option key={a.code} value={a.code}>{a.name} ({a.code})</option>)}
          </select>}
        </Field>
        <Field label={t('payAccounts.gateway')} required error={fe.gateway ?? fe.active}>
          {(id, d) => <select id={id} aria-describedby={d} value={f.gateway} disabled={!!account} onChange={set('gateway')}>
            {GATEWAYS.map((g) => <option key={g} value={g}>{t(`payAccounts.gateways.${g}`)}</option>)}
          </select>}
        </Field>
        {FIELDS.map((k) => (
          <Field key={k} label={t(`payAccounts.${k}`)} required={k !== 'secretRef'} error={fe[k]} hint={k === 'secretRef' ? t('payAccounts.secretRefHint') : k === 'merchantCode' ? t('payAccounts.merchantHint') : undefined}>
            {(id, d) => <input id={id} aria-describedby={d} value={f[k]} autoComplete="off" spellCheck={false} onChange={set(k)} />}
          </Field>
        ))}
      </div>
      <ErrorBox error={rest} />
    </Dialog>
  );
}
