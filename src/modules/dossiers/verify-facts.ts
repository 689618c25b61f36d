// What the public verify page may say of the dossier a result was issued for: its code and procedure, never
// the applicant or anything personal (read as the system; the caller holds the document's hash).
import type { Db } from '../../platform/db/database.js';
import * as repo from './dossiers.repo.js';

export interface DossierVerifyFacts {
  code: string | null;
  procedureCode: string;
  procedureName: string;
}

export async function verifyFactsById(db: Db, id: string): Promise<DossierVerifyFacts | null> {
  const row = await repo.findByRef(db, id);
  return row ? { code: row.code, procedureCode: row.procedure_code, procedureName: row.procedure_name } : null;
}
