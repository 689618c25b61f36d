// The national-portal client port (ctx.nationalPortal): pushes a dossier's progress to the Cổng Dịch vụ công
// quốc gia (DVCQG: DongBoHoSoMC for a new dossier, CapNhatTienDoHoSoMC for progress). The real adapter (the
// DVCQG adapter's session login and JSON services) is the national-portal issue's work.
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { Recorder, type CallOptions, type PortLog } from './recording.js';

export const DossierStatusPush = z.object({
  /** Public dossier code (MaHoSo). */
  dossierCode: z.string().min(1),
  /** Catalogue procedure code (MaTTHC), e.g. 1.001193. */
  procedureCode: z.string().min(1),
  /** Agency code (QCVN 102:2016) of the agency handling the dossier. */
  agencyCode: z.string().min(1),
  /** Our state name; the adapter maps it to the portal's numeric status. */
  state: z.string().min(1),
  /** The dossier's version when the state was reached: the portal must not regress to an older one. */
  version: z.number().int().min(1),
  at: z.date(),
  receivedAt: z.date().optional(),
  dueAt: z.date().optional(),
  finishedAt: z.date().optional(),
  /** First push of this dossier (DongBoHoSoMC) rather than a progress update. */
  isNew: z.boolean().default(false),
});
export type DossierStatusPush = z.input<typeof DossierStatusPush>;

export const PushResult = z.object({ accepted: z.boolean(), portalRef: z.string() });
export type PushResult = z.infer<typeof PushResult>;

export interface NationalPortalClient {
  pushDossierStatus(push: DossierStatusPush, opts: CallOptions): Promise<PushResult>;
}

export const NATIONAL_PORTAL_ADAPTERS = ['recording'] as const;

export class RecordingNationalPortal implements NationalPortalClient {
  readonly recorder: Recorder;
  constructor(clock: Clock, log?: PortLog) {
    this.recorder = new Recorder('nationalPortal', clock, log);
  }
  async pushDossierStatus(push: DossierStatusPush, opts: CallOptions): Promise<PushResult> {
    const m = DossierStatusPush.parse(push);
    return this.recorder.record('pushDossierStatus', opts.idempotencyKey, m, () => ({ accepted: true, portalRef: `recorded:${m.dossierCode}:${m.version}` }));
  }
}
