// PAdES-style PDF signing with a PKCS#12 (moved from documents/signature.ts so that the signer port's real
// adapter lives in platform): a PDF signature dictionary, /ByteRange over the whole file, detached
// CMS/PKCS#7 SignedData with SHA-256, the signing certificate and a signing-time attribute (@signpdf +
// pdf-lib placeholder). Verification stays with the documents module.
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import type { PDFDocument } from 'pdf-lib';
import type { P12Signer } from '@signpdf/signer-p12';

/** pdf-lib and @signpdf, loaded on the first signature (importing them costs every start-up ~0.4 s). */
async function libraries() {
  const [{ PDFDocument }, signpdfModule, { P12Signer }, { pdflibAddPlaceholder }] = await Promise.all([
    import('pdf-lib'), import('@signpdf/signpdf'), import('@signpdf/signer-p12'), import('@signpdf/placeholder-pdf-lib'),
  ]);
  const m = signpdfModule as unknown as { default?: { default?: unknown } };
  const signpdf = (m.default?.default ?? m.default ?? m) as { sign(pdf: Buffer, signer: P12Signer, signingTime?: Date): Promise<Buffer> };
  return { PDFDocument, signpdf, P12Signer, pdflibAddPlaceholder };
}

export interface SignOptions {
  p12: Buffer;
  passphrase?: string;
  reason: string;
  location: string;
  /** Signer name shown by readers (defaults to the certificate's CN). */
  name?: string;
  contactInfo?: string;
  /** From the clock port: the library would otherwise take the machine's time. */
  signingTime: Date;
}

export class SignatureError extends Error {
  constructor(readonly code: 'P12_INVALID' | 'PDF_INVALID' | 'SIGN_FAILED', message: string) {
    super(message);
  }
}

/** Subject CN of the PKCS#12's certificate (also checks the passphrase). */
export function p12Subject(p12: Buffer, passphrase = ''): { commonName: string; organisation: string | null; notAfter: Date } {
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
    const pk = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
    const bags = pk.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
    const cert = bags[0]?.cert;
    if (!cert) throw new Error('no certificate');
    const utf8 = (v: unknown) => (v === undefined || v === null ? null : Buffer.from(String(v), 'binary').toString('utf8'));
    return {
      commonName: utf8(cert.subject.getField('CN')?.value) ?? '',
      organisation: utf8(cert.subject.getField('O')?.value),
      notAfter: cert.validity.notAfter,
    };
  } catch (e) {
    throw new SignatureError('P12_INVALID', `PKCS#12 cannot be read: ${(e as Error).message}`);
  }
}

/**
 * A PDF text string for a literal (…) written as-is by pdf-lib: UTF-16BE with a byte-order mark, one
 * char per byte, with the literal-string delimiters escaped (pdf-lib's PDFString.of would drop Vietnamese).
 */
export function pdfText(s: string): string {
  const be = Buffer.from(s.normalize('NFC'), 'utf16le').swap16();
  let out = '\u00fe\u00ff';
  for (const b of be) {
    const ch = String.fromCharCode(b);
    out += ch === '(' || ch === ')' || ch === '\\' ? `\\${ch}` : ch;
  }
  return out;
}

export async function signPdf(pdf: Buffer, opts: SignOptions): Promise<Buffer> {
  const subject = p12Subject(opts.p12, opts.passphrase ?? '');
  const { PDFDocument, signpdf, P12Signer, pdflibAddPlaceholder } = await libraries();
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (e) {
    throw new SignatureError('PDF_INVALID', `not a readable PDF: ${(e as Error).message}`);
  }
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: pdfText(opts.reason),
    contactInfo: pdfText(opts.contactInfo ?? ''),
    name: pdfText(opts.name ?? subject.commonName),
    location: pdfText(opts.location),
    signingTime: opts.signingTime,
    signatureLength: 16384,
    appName: 'motcua',
  });
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  try {
    return await signpdf.sign(prepared, new P12Signer(opts.p12, { passphrase: opts.passphrase ?? '' }), opts.signingTime);
  } catch (e) {
    throw new SignatureError('SIGN_FAILED', (e as Error).message);
  }
}
