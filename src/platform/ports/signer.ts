// The signer port (ctx.signer, wired in src/app.ts): signs a PDF on behalf of an agency.
// - P12FileSigner, the real adapter: the agency's PKCS#12 from MOTCUA_SIGNING_DIR/<agency code>.p12, else the
//   default MOTCUA_SIGNING_P12 (what the documents service did before the port existed).
// - TestPkiSigner, the in-process fake: a throw-away CA and one certificate per agency, made in memory on first
//   use. It still produces a real PAdES signature, so a test can verify it (trusting `caPem`) instead of
//   checking that a no-op was called.
import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { signPdf } from './pades.js';

export { SignatureError } from './pades.js';

export const SignRequest = z.object({
  /** The issuing agency: whose certificate signs. */
  agencyCode: z.string().min(1),
  reason: z.string().min(1),
  location: z.string(),
  contactInfo: z.string().optional(),
  /** From the clock port: the library would otherwise take the machine's time. */
  signingTime: z.date(),
});
export type SignRequest = z.infer<typeof SignRequest>;

export interface Signer {
  /** A certificate is configured at all (results are then signed by default). */
  readonly configured: boolean;
  /** A certificate exists for this agency (its own or the default). */
  canSign(agencyCode: string): Promise<boolean>;
  /** Throws SignerNotConfigured when canSign is false, SignatureError when the PDF or the key is bad. */
  signPdf(pdf: Buffer, req: SignRequest): Promise<Buffer>;
}

export class SignerNotConfigured extends Error {
  constructor(readonly agencyCode: string) {
    super(`no signing certificate for agency ${agencyCode}`);
  }
}

/** Agency codes become file names: only these characters (no path separators). */
const SAFE_CODE = /^[0-9A-Za-z.\-]+$/;

export class P12FileSigner implements Signer {
  constructor(private readonly cfg: { p12?: string; dir?: string; password: string }) {}

  get configured(): boolean {
    return !!(this.cfg.p12 || this.cfg.dir);
  }

  private async p12For(agencyCode: string): Promise<Buffer | null> {
    const { dir, p12 } = this.cfg;
    if (dir && SAFE_CODE.test(agencyCode)) {
      try {
        return await readFile(join(dir, `${agencyCode}.p12`));
      } catch {
        // fall back to the default certificate
      }
    }
    return p12 ? readFile(p12) : null;
  }

  async canSign(agencyCode: string): Promise<boolean> {
    return (await this.p12For(agencyCode)) !== null;
  }

  async signPdf(pdf: Buffer, req: SignRequest): Promise<Buffer> {
    const r = SignRequest.parse(req);
    const p12 = await this.p12For(r.agencyCode);
    if (!p12) throw new SignerNotConfigured(r.agencyCode);
    return signPdf(pdf, { p12, passphrase: this.cfg.password, reason: r.reason, location: r.location, contactInfo: r.contactInfo, signingTime: r.signingTime });
  }
}

const DAY = 86_400_000;

/** The fake: a real signature from a test PKI held in memory (validity from the injected clock, never the machine's). */
export class TestPkiSigner implements Signer {
  readonly configured = true;
  private ca?: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey };
  private readonly agencies = new Map<string, Buffer>();
  /** Every signing done, for assertions. */
  readonly signed: { agencyCode: string; reason: string; at: Date }[] = [];

  constructor(private readonly clock: Clock, private readonly opts: { organisation?: string } = {}) {}

  /** The CA to trust when verifying (MOTCUA_TRUSTED_CA content). */
  get caPem(): string {
    return forge.pki.certificateToPem(this.root().cert);
  }

  async canSign(): Promise<boolean> {
    return true;
  }

  async signPdf(pdf: Buffer, req: SignRequest): Promise<Buffer> {
    const r = SignRequest.parse(req);
    const out = await signPdf(pdf, { p12: this.p12For(r.agencyCode), passphrase: '', reason: r.reason, location: r.location, contactInfo: r.contactInfo, signingTime: r.signingTime });
    this.signed.push({ agencyCode: r.agencyCode, reason: r.reason, at: r.signingTime });
    return out;
  }

  private root() {
    this.ca ??= issue({ CN: 'motcua fake signer CA', O: 'motcua', C: 'VN' }, null, this.clock.now(), '01');
    return this.ca;
  }

  private p12For(agencyCode: string): Buffer {
    let p12 = this.agencies.get(agencyCode);
    if (!p12) {
      const ca = this.root();
      const c = issue({ CN: agencyCode, O: this.opts.organisation ?? 'motcua', C: 'VN' }, ca, this.clock.now(), String(this.agencies.size + 2).padStart(2, '0'));
      const asn1 = forge.pkcs12.toPkcs12Asn1(c.key, [c.cert, ca.cert], '', { algorithm: '3des' });
      p12 = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
      this.agencies.set(agencyCode, p12);
    }
    return p12;
  }
}

function issue(subject: Record<string, string>, issuer: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | null, now: Date, serial: string) {
  // node's native key generation: forge's pure-JS RSA takes seconds per key
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date(now.getTime() - DAY);
  cert.validity.notAfter = new Date(now.getTime() + 5 * 365 * DAY);
  const attrs = Object.entries(subject).map(([shortName, value]) => ({ shortName, value: forge.util.encodeUtf8(value) }));
  cert.setSubject(attrs);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: !issuer },
    { name: 'keyUsage', keyCertSign: !issuer, cRLSign: !issuer, digitalSignature: true, nonRepudiation: !!issuer },
  ]);
  cert.sign(issuer?.key ?? key, forge.md.sha256.create());
  return { cert, key };
}
