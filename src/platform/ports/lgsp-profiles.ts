// Province configurations of the route to the national portal (lgsp-profiles/*.json): straight to the DVCQG
// adapter, or through a province's LGSP that renames the token endpoint, the header names, the token request's
// fields and answer, and the service names. One file per configuration; MOTCUA_DVCQG_PROFILE names the one a
// deployment uses; test/portal-sync/lgsp-contract.test.ts exercises every file against a local HTTP peer.
// The files are motcua's own (written from integrations-vn.md §2.1/§2.6 and domain-vn.md §5.5), not a
// province's published contract: a province copies the nearest one and adjusts it.
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const HeaderName = z.string().regex(/^[A-Za-z0-9-_]+$/);
const Field = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/);
export const SERVICE_NAMES = ['DongBoHoSoMC', 'CapNhatTienDoHoSoMC', 'LayDanhSachHoiDapGuiTuDVCQG', 'DongBoKetQuaHoiDapGuiTuDVCQG', 'LayDanhSachHoSoGuiTuDVCQG', 'XacNhanHoSoGuiTuDVCQG'] as const;

export const LgspProfile = z.strictObject({
  name: z.string().min(1),
  authPath: z.string().startsWith('/'),
  servicePath: z.string().startsWith('/'),
  systemCodeHeader: HeaderName,
  sessionHeader: HeaderName,
  sessionPrefix: z.string(),
  /** The token request's field names for the credentials. */
  tokenRequest: z.strictObject({ username: Field, password: Field }),
  /** The token answer's field that holds the session / access token. */
  tokenAnswer: Field,
  /** The gateway's name of each DVCQG service (absent: the DVCQG name). */
  services: z.partialRecord(z.enum(SERVICE_NAMES), z.string().min(1).max(200)),
});
export type LgspProfile = z.infer<typeof LgspProfile>;

const DIR = new URL('./lgsp-profiles/', import.meta.url);

/** Every configuration file by its name (file name without .json); a bad file throws naming it. */
export function lgspProfiles(): Map<string, LgspProfile> {
  const out = new Map<string, LgspProfile>();
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.json')).sort()) {
    const parsed = LgspProfile.safeParse(JSON.parse(readFileSync(new URL(f, DIR), 'utf8')));
    if (!parsed.success) throw new Error(`lgsp-profiles/${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    out.set(f.replace(/\.json$/, ''), parsed.data);
  }
  return out;
}
