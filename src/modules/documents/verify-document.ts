// The public verify page (/xac-thuc?sha256=…): is this the hash of an electronic result issued by motcua?
// Anyone holding the file can compute its hash, so the answer says what the document is — the dossier code,
// the procedure, the issuing agency, the number and date, the signer of a digitally signed result — and
// nothing personal (no applicant, no address, no file content).
import type { AppContext } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import * as orgRead from '../org/org.read.js';
import * as dossiers from '../dossiers/dossiers.service.js';
import * as repo from './documents.repo.js';
import { documentErrors } from './documents.errors.js';

const SHA256 = /^[0-9a-f]{64}$/;

/** "2026-11-23" → "23/11/2026". */
const ddmmyyyy = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

export function checkSha256(raw: string | undefined): string {
  const v = (raw ?? '').trim().toLowerCase();
  if (!SHA256.test(v)) {
    throw invalid([{
      path: 'query.sha256',
      code: 'SHA256_INVALID',
      messageVi: 'Mã băm SHA-256 phải gồm đúng 64 chữ số thập lục phân (0–9, a–f).',
      messageEn: 'A SHA-256 hash is exactly 64 hexadecimal digits (0–9, a–f).',
    }], 'VALIDATION_FAILED', 400);
  }
  return v;
}

/** GET /public/verify?sha256=: the result documents issued with this file; 404 VERIFY_NOT_FOUND when none. */
export async function verifyDocument(ctx: AppContext, raw: string | undefined) {
  const sha256 = checkSha256(raw);
  const rows = await repo.resultDocumentsByFileSha256(ctx.db, sha256);
  if (rows.length === 0) throw documentErrors.VERIFY_NOT_FOUND();
  const documents = [];
  for (const r of rows) {
    const [facts, agency] = await Promise.all([dossiers.verifyFactsById(ctx.db, r.dossier_id), orgRead.agencyById(ctx.db, r.issuing_agency_id)]);
    documents.push({
      kind: 'result' as const,
      dossierCode: facts?.code ?? null,
      procedure: facts ? { code: facts.procedureCode, name: facts.procedureName } : null,
      agency: agency ? { code: agency.code, name: agency.name } : null,
      number: r.number,
      title: r.title,
      issuedOn: r.signed_on,
      issuedOnText: ddmmyyyy(r.signed_on),
      digitallySigned: r.digitally_signed,
      signer: r.digitally_signed ? r.signer : null,
    });
  }
  return { sha256, found: true as const, documents };
}
