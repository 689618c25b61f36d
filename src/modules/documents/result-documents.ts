// Result documents: registering the document that decides a dossier, signing the PDF with the issuing
// agency's certificate (a new file; the unsigned one stays), in one transaction with the audit log.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { invalid } from '../../platform/errors.js';
import { writeAudit, type RequestOrigin } from '../../platform/audit.js';
import { can } from '../org/permissions.js';
import * as orgRead from '../org/org.read.js';
import * as dossiers from '../dossiers/dossiers.service.js';
import * as repo from './documents.repo.js';
import { readBlob } from './storage.js';
import { SignatureError } from './signature.js';
import { requireWorker } from './dossier-access.js';
import { placeOf } from './form-heading.js';
import { fileOut } from './file-out.js';
import { dropIfUnreferenced, claimBlob } from './uploads.js';
import { readableFile } from './file-reading.js';
import { resultOut } from './result-out.js';
import { documentErrors } from './documents.errors.js';

export interface ResultDocumentInput {
  number: string;
  date: string;
  signer: string;
  title?: string;
  resultCode?: string;
  fileId: string;
  /** Sign the PDF with the issuing agency's certificate (default true for PDFs when configured). */
  sign?: boolean;
  issuingAgencyCode?: string;
}

/** POST /dossiers/{code}/results: registers a result document; signs the PDF (new file) if configured. */
export async function createResultDocument(ctx: AppContext, p: Principal, ref: string, input: ResultDocumentInput, origin?: RequestOrigin) {
  const { dossier: d } = await dossiers.getDossierWithEvents(ctx, p, ref);
  await requireWorker(ctx, p, d, ['dossier.issue', 'dossier.approve', 'dossier.handle']);
  const issuing = input.issuingAgencyCode ? await orgRead.agencyByCode(ctx.db, input.issuingAgencyCode) : await orgRead.agencyById(ctx.db, d.agencies.competent!.id);
  if (!issuing) throw invalid([{ path: 'body.issuingAgencyCode', code: 'AGENCY_UNKNOWN', messageVi: 'Không có cơ quan này', messageEn: 'Unknown agency' }]);
  // the result is issued (and signed with the certificate of) an agency the caller works for
  if (!(['dossier.issue', 'dossier.approve'] as const).some((a) => can(p, a, issuing))) {
    throw invalid([{ path: 'body.issuingAgencyCode', code: 'AGENCY_NOT_YOURS', messageVi: 'Bạn không được ban hành văn bản thay cơ quan này', messageEn: 'You cannot issue documents for this agency' }]);
  }
  const src = await readableFile(ctx, p, input.fileId);
  if (src.dossier_id !== d.id) throw invalid([{ path: 'body.fileId', code: 'FILE_NOT_OF_DOSSIER', messageVi: 'Tệp không thuộc hồ sơ này', messageEn: 'The file is not of this dossier' }]);
  const now = ctx.clock.now();
  let fileId = src.id;
  let signed = false;
  let created: { sha256: string; created: boolean } | null = null;
  let signedRow: repo.NewFile | null = null;
  const wantSign = input.sign ?? (src.kind === 'pdf' && ctx.signer.configured);
  if (wantSign) {
    if (src.kind !== 'pdf') throw documentErrors.NOT_A_PDF({ fileId: src.id });
    if (!(await ctx.signer.canSign(issuing.code))) throw documentErrors.SIGNING_NOT_CONFIGURED();
    let out: Buffer;
    try {
      out = await ctx.signer.signPdf(await readBlob(ctx.blobStore, src.sha256), {
        agencyCode: issuing.code,
        reason: `Ban hành kết quả giải quyết hồ sơ ${d.code ?? d.id}, văn bản số ${input.number}`,
        location: await placeOf(ctx.db, issuing),
        contactInfo: issuing.name,
        signingTime: now,
      });
    } catch (e) {
      if (e instanceof SignatureError) throw (e.code === 'SIGN_FAILED' || e.code === 'P12_INVALID' ? documentErrors.SIGNING_FAILED : documentErrors.PDF_NOT_SIGNABLE)({ reason: e.message });
      throw e;
    }
    const { Readable } = await import('node:stream');
    const put = await ctx.blobStore.put(Readable.from([out]), { maxBytes: ctx.config.maxFileBytes + 65536 });
    created = { sha256: put.sha256, created: put.created };
    fileId = randomUUID();
    signed = true;
    // a new, not yet attached file: the attaching event records its hash
    const { attached_version: _v, attached_action: _a, attached_at: _t, ...unattached } = src;
    signedRow = {
      ...unattached,
      id: fileId,
      sha256: put.sha256,
      size: put.size,
      name: src.name.replace(/(\.pdf)?$/i, '.signed.pdf'),
      purpose: 'result',
      uploaded_by: p.userId,
      uploaded_at: now,
      digitised: true,
      citizen_visible: false,
      signed_from: src.id,
    };
  }
  const row: repo.ResultDocumentRow = {
    id: randomUUID(),
    dossier_id: d.id,
    number: input.number.normalize('NFC'),
    signed_on: input.date,
    signer: input.signer.normalize('NFC'),
    title: input.title?.normalize('NFC') ?? null,
    issuing_agency_id: issuing.id,
    result_code: input.resultCode ?? `KQ-${(d.code ?? d.id).replace(/[^A-Za-z0-9.-]/g, '')}-${randomUUID().slice(0, 8)}`,
    file_id: fileId,
    digitally_signed: signed,
    created_by: p.userId,
    created_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (signedRow) {
        await claimBlob(ctx, trx, signedRow.sha256);
        await repo.insertFile(trx, signedRow);
      }
      await repo.insertResultDocument(trx, row);
      // the citizen's copy is downloadable online when the delivery choice is online
      if ((d.filing as any)?.delivery?.method === 'online') await repo.setCitizenVisible(trx, fileId, true);
      await writeAudit(trx, { actorId: p.userId, actorLabel: p.username, action: 'result_document.create', targetType: 'dossier', targetId: d.id, details: { id: row.id, number: row.number, fileId, signed } }, origin);
    });
  } catch (e) {
    if (created?.created) await dropIfUnreferenced(ctx, created.sha256);
    if ((e as { code?: string }).code === '23505') throw documentErrors.RESULT_DOCUMENT_EXISTS();
    throw e;
  }
  return { ...resultOut(row), file: signedRow ? fileOut({ ...signedRow, attached_version: null, attached_action: null, attached_at: null }) : fileOut(src) };
}
