// Printable forms rendered from the API's form data: 01 receipt and appointment, 02 completion guidance,
// 03 refusal (data returned once by reception), 06 control slip (read from the API). Opened in a new
// window; the browser's print dialog makes the paper copy or a PDF.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, formPdf, type ControlSlip, type Dossier } from '../api';
import { BASE, ErrorBox, useAsync, useLocation } from '../ui';
import { fmtDateTime, fmtMoney } from '../util';

const KEY = 'motcua.print.';

/**
 * Opens the print view of a form in a new window (same tab if pop-ups are blocked): the server's PDF
 * (documents API) when it can be rendered, else the form drawn here from the data reception returned.
 * The data (with the receipt secret for the QR) goes through sessionStorage, which the new window copies.
 */
export function openPrint(doc: Record<string, any>, pdf?: { ref: string; form: string; secret?: string }): void {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const keys = Object.keys(sessionStorage).filter((k) => k.startsWith(KEY)).sort();
  for (const k of keys.slice(0, Math.max(0, keys.length - 10))) sessionStorage.removeItem(k);
  sessionStorage.setItem(KEY + id, JSON.stringify({ doc, pdf }));
  const w = window.open(`${BASE}/print/form/${id}`, '_blank');
  if (!w) location.assign(`${BASE}/print/form/${id}`);
}

export function PrintPage() {
  const { path } = useLocation();
  const { t } = useTranslation();
  const m = /^\/print\/(form|slip)\/(.+)$/.exec(path);
  const kind = m?.[1];
  const ref = decodeURIComponent(m?.[2] ?? '');
  const slip = useAsync(async () => (kind === 'slip' ? Promise.all([api.controlSlip(ref), api.dossier(ref)]) : null), [kind, ref]);
  const stored = kind === 'form' ? (JSON.parse(sessionStorage.getItem(KEY + ref) ?? 'null') as { doc: Record<string, any>; pdf?: { ref: string; form: string; secret?: string } } | null) : null;
  const doc = stored?.doc ?? null;
  const [pdfUrl, setPdfUrl] = useState<string | null | undefined>(stored?.pdf ? undefined : null);
  useEffect(() => {
    if (!stored?.pdf) return;
    let url: string | null = null;
    formPdf(stored.pdf.ref, stored.pdf.form, stored.pdf.secret).then((b) => { url = URL.createObjectURL(b); setPdfUrl(url); }, () => setPdfUrl(null));
    return () => { if (url) URL.revokeObjectURL(url); };
  }, [ref]); // eslint-disable-line react-hooks/exhaustive-deps
  const ready = kind === 'form' ? !!doc && pdfUrl === null : !!slip.data;
  useEffect(() => {
    if (ready && !navigator.webdriver) setTimeout(() => window.print(), 300);
  }, [ready]);
  if (pdfUrl) {
    return (
      <main id="main">
        <div className="noprint row">
          <a className="button primary" href={pdfUrl} download={`mau-${stored?.pdf?.form}-${stored?.pdf?.ref}.pdf`}>{t('files.pdf')}</a>
          <button onClick={() => window.close()}>{t('common.close')}</button>
        </div>
        <iframe className="pdf-frame" src={pdfUrl} title={`${t('common.print')} ${doc?.title ?? ''}`} />
      </main>
    );
  }
  if (pdfUrl === undefined) return <p className="loading">{t('app.loading')}</p>;
  return (
    <main id="main">
      <div className="noprint row">
        <button className="primary" onClick={() => window.print()}>{t('common.print')}</button>
        <button onClick={() => window.close()}>{t('common.close')}</button>
      </div>
      <ErrorBox error={slip.error} />
      {doc?.form === '01' && <Receipt r={doc} />}
      {doc?.form === '02' && <Guidance g={doc} />}
      {doc?.form === '03' && <Refusal r={doc} />}
      {slip.data && <Slip slip={slip.data[0]} d={slip.data[1]} />}
    </main>
  );
}

function Header({ agency }: { agency?: string | null }) {
  return (
    <div className="grid g2" style={{ marginBottom: '.5rem' }}>
      <div style={{ textAlign: 'center' }}><div>{agency ?? ''}</div><div style={{ fontWeight: 600 }}>BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ</div></div>
      <div><div className="nat">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div className="motto">Độc lập - Tự do - Hạnh phúc</div></div>
    </div>
  );
}

const FORM_VI: Record<string, string> = { original: 'Bản chính', certified: 'Bản sao chứng thực', copy: 'Bản sao' };
/** "12 Lê Lợi, Phường Hạc Thành, Tỉnh Thanh Hóa": names looked up from the administrative units. */
export function AddressText({ a }: { a: { line: string; communeCode?: string; provinceCode?: string } }) {
  const names = useAsync(async () => Promise.all([
    a.communeCode ? api.adminUnit(a.communeCode).catch(() => null) : null,
    a.provinceCode ? api.adminUnit(a.provinceCode).catch(() => null) : null,
  ]), [a.communeCode, a.provinceCode]);
  const [c, p] = names.data ?? [null, null];
  return <>{[a.line, c?.fullName ?? c?.name, p?.fullName ?? p?.name].filter(Boolean).join(', ')}</>;
}

function Receipt({ r }: { r: Record<string, any> }) {
  return (
    <article className="print" aria-label="Mẫu số 01">
      <Header agency={r.receivingAgency?.name} />
      <p style={{ textAlign: 'right' }}>Mẫu số 01 · Mã hồ sơ: <strong className="code">{r.code}</strong></p>
      <h1>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</h1>
      <p className="sub">Mã tra cứu: <strong>{r.secret}</strong></p>
      <p>{r.receivingAgency?.name} đã tiếp nhận hồ sơ của: <strong>{r.applicant?.fullName}</strong></p>
      <p>Số định danh cá nhân: {r.applicant?.idNumber ?? '—'} · Điện thoại: {r.applicant?.phone ?? '—'} · Email: {r.applicant?.email ?? '—'}</p>
      {r.applicant?.address && <p>Địa chỉ: <AddressText a={r.applicant.address} /></p>}
      <p>Nội dung yêu cầu giải quyết: <strong>{r.procedure?.name}</strong> ({r.procedure?.code})</p>
      <p>1. Thành phần hồ sơ nộp gồm:</p>
      <table>
        <thead><tr><th scope="col">TT</th><th scope="col">Tên giấy tờ</th><th scope="col">Hình thức</th><th scope="col">Số lượng</th></tr></thead>
        <tbody>{(r.components ?? []).filter((c: any) => c.provided !== false).map((c: any, i: number) => <tr key={i}><td>{i + 1}</td><td>{c.name}</td><td>{FORM_VI[c.form] ?? c.form}</td><td>{c.copies}</td></tr>)}</tbody>
      </table>
      <p>2. Số lượng hồ sơ: {r.sets ?? 1} (bộ)</p>
      <p>3. Thời gian giải quyết hồ sơ theo quy định: {r.legalTimeLimit?.sameDay ? 'trong ngày' : `${r.legalTimeLimit?.workingDays ?? '—'} ngày làm việc`}</p>
      <p>4. Thời gian nhận hồ sơ: <strong>{fmtDateTime(r.receivedAt)}</strong></p>
      <p>5. Thời gian trả kết quả giải quyết hồ sơ: <strong>{fmtDateTime(r.appointmentAt)}</strong></p>
      <p>6. Đăng ký nhận kết quả tại: {r.delivery?.method === 'post' ? 'qua dịch vụ bưu chính' : r.delivery?.method === 'online' ? 'trực tuyến' : r.delivery?.place?.name}</p>
      {(r.fees ?? []).length > 0 && <p>Phí, lệ phí: {(r.fees as any[]).map((f) => `${f.name}: ${f.amountVnd ? fmtMoney(f.amountVnd) : f.text}`).join('; ')}</p>}
      <div className="sign"><div><strong>NGƯỜI NỘP HỒ SƠ</strong><br /><em>(Ký và ghi rõ họ tên)</em></div><div><strong>NGƯỜI TIẾP NHẬN HỒ SƠ</strong><br /><em>(Ký và ghi rõ họ tên)</em><br /><br /><br />{r.receivedBy?.fullName}</div></div>
    </article>
  );
}

function Guidance({ g }: { g: Record<string, any> }) {
  return (
    <article className="print" aria-label="Mẫu số 02">
      <Header agency={g.receivingAgency?.name} />
      <p style={{ textAlign: 'right' }}>Mẫu số 02</p>
      <h1>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ</h1>
      <p className="sub">{fmtDateTime(g.at)}</p>
      <p>Hồ sơ của: <strong>{g.applicant?.fullName}</strong></p>
      <p>Nội dung yêu cầu giải quyết: {g.procedure?.name} ({g.procedure?.code})</p>
      <p>Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:</p>
      <ol>{(g.items ?? []).map((x: string, i: number) => <li key={i}>{x}</li>)}</ol>
      {g.reason && <p>Lý do: {g.reason}</p>}
      <p>Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với người hướng dẫn để được hướng dẫn.</p>
      <div className="sign"><div /><div><strong>NGƯỜI HƯỚNG DẪN</strong><br /><em>(Ký và ghi rõ họ tên)</em><br /><br /><br />{g.guidedBy?.fullName}</div></div>
    </article>
  );
}

function Refusal({ r }: { r: Record<string, any> }) {
  return (
    <article className="print" aria-label="Mẫu số 03">
      <Header agency={r.receivingAgency?.name} />
      <p style={{ textAlign: 'right' }}>Mẫu số 03</p>
      <h1>Phiếu từ chối tiếp nhận giải quyết hồ sơ</h1>
      <p className="sub">{fmtDateTime(r.at)}</p>
      <p>Bộ phận tiếp nhận và trả kết quả: {r.receivingAgency?.name}</p>
      <p>Tiếp nhận hồ sơ của: <strong>{r.applicant?.fullName}</strong></p>
      <p>Nội dung yêu cầu giải quyết: {r.procedure?.name} ({r.procedure?.code})</p>
      <p>Qua xem xét, cơ quan tiếp nhận từ chối tiếp nhận hồ sơ với lý do: <strong>{r.reason}</strong></p>
      <p>Xin thông báo cho ông/bà được biết và thực hiện.</p>
      <div className="sign"><div /><div><strong>NGƯỜI TIẾP NHẬN HỒ SƠ</strong><br /><em>(Ký và ghi rõ họ tên)</em><br /><br /><br />{r.refusedBy?.fullName}</div></div>
    </article>
  );
}

const CLS: Record<string, string> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };

export function partyLabel(p: { agencyId: string | null; stepNameVi?: string | null; stepNameEn?: string | null; applicant?: boolean }, agencies: ControlSlip['agencies'], lang = 'vi'): string {
  if (p.applicant) return lang === 'en' ? 'Applicant' : 'Công dân / tổ chức';
  const a = p.agencyId ? agencies[p.agencyId]?.name ?? '' : '';
  return [a, lang === 'en' ? p.stepNameEn ?? p.stepNameVi : p.stepNameVi].filter(Boolean).join(' — ');
}

function Slip({ slip, d }: { slip: ControlSlip; d: Dossier }) {
  return (
    <article className="print" aria-label="Mẫu số 06">
      <Header agency={d.agencies.receiving?.name} />
      <p style={{ textAlign: 'right' }}>Mẫu số 06 · Mã hồ sơ: <strong className="code">{d.code}</strong></p>
      <h1>{slip.title}</h1>
      <p>Kèm theo hồ sơ của: <strong>{slip.applicantName}</strong> · Thủ tục: {d.procedureName}</p>
      <p>Ngày hẹn trả kết quả: {fmtDateTime(d.dueAt)}</p>
      <table>
        <thead><tr><th scope="col">Tên cơ quan, bộ phận</th><th scope="col">Thời gian giao, nhận hồ sơ</th><th scope="col">Kết quả giải quyết (trước hạn / đúng hạn / quá hạn)</th><th scope="col">Ghi chú</th></tr></thead>
        <tbody>
          {slip.rows.map((r, i) => (
            <tr key={i}>
              <td>{i + 1}. Giao: {partyLabel(r.giver as any, slip.agencies)}<br />Nhận: {partyLabel(r.receiver as any, slip.agencies)}</td>
              <td>{fmtDateTime(r.at)}</td>
              <td>{r.classification ? CLS[r.classification] : ''}</td>
              <td>{r.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
