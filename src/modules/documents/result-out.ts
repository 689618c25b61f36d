// The API shape of a result document.
import * as repo from './documents.repo.js';
import './documents.errors.js';

export function resultOut(r: repo.ResultDocumentRow) {
  return {
    id: r.id,
    number: r.number,
    date: r.signed_on,
    signer: r.signer,
    title: r.title,
    issuingAgencyId: r.issuing_agency_id,
    resultCode: r.result_code,
    fileId: r.file_id,
    digitallySigned: r.digitally_signed,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
