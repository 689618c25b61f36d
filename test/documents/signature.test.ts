// PAdES-style signing with a PKCS#12 and verification: signer, time, integrity, coverage, trust.
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/modules/documents/pdf.js';
import { defaultTemplate } from '../../src/modules/documents/templates.js';
import { p12Subject, signPdf, verifyPdfSignatures } from '../../src/modules/documents/signature.js';
import { testPki } from './pki.js';

// one instant for the certificates, the signing and the verification: the test's clock
const signingTime = new Date('2026-11-25T03:00:00Z');
const pki = testPki(signingTime);
const agencyCert = pki.issue('Sở Tư pháp tỉnh Thanh Hóa', 'Ủy ban nhân dân tỉnh Thanh Hóa', { serial: '1a2b' });
const otherCa = testPki(signingTime);
const strangerCert = otherCa.issue('Kẻ Mạo Danh', 'Không rõ', { serial: '99' });

async function samplePdf(): Promise<Buffer> {
  return renderPdf({
    template: defaultTemplate('05'),
    heading: { parentAgency: null, agency: 'Sở Tư pháp tỉnh Thanh Hóa', place: 'Thanh Hóa', date: signingTime },
    vars: { code: 'X-1', applicantName: 'Nguyễn Thị Bích Ngọc' },
  });
}

describe('digital signatures', () => {
  it('reads the PKCS#12 subject and refuses a wrong passphrase', () => {
    expect(p12Subject(agencyCert.p12('mật-khẩu'), 'mật-khẩu').commonName).toBe('Sở Tư pháp tỉnh Thanh Hóa');
    expect(() => p12Subject(agencyCert.p12('mật-khẩu'), 'sai')).toThrow(/PKCS#12/);
  });

  it('a signed result verifies: signer, time, integrity, whole-file coverage, trusted chain', async () => {
    const signed = await signPdf(await samplePdf(), {
      p12: agencyCert.p12('pw'), passphrase: 'pw', reason: 'Ban hành kết quả giải quyết TTHC', location: 'Thanh Hóa', signingTime,
    });
    const r = verifyPdfSignatures(signed, { trustedCaPem: pki.ca.pem, now: signingTime });
    expect(r.signed).toBe(true);
    expect(r.valid).toBe(true);
    expect(r.modifiedAfterSigning).toBe(false);
    const s = r.signatures[0]!;
    expect(s.signer?.commonName).toBe('Sở Tư pháp tỉnh Thanh Hóa');
    expect(s.signer?.serialNumber).toBe('1a2b');
    expect(s.signingTime).toBe(signingTime.toISOString());
    expect(s.reason).toBe('Ban hành kết quả giải quyết TTHC');
    expect(s.integrity && s.signatureValid && s.coversWholeDocument && s.certificateValidAtSigningTime).toBe(true);
    expect(s.trusted).toBe(true);
    // without trust anchors: valid but trust unknown
    const u = verifyPdfSignatures(signed, { now: signingTime });
    expect(u.valid).toBe(true);
    expect(u.signatures[0]!.trusted).toBeNull();
  });

  it('a modified signed file does not verify (changed byte inside the signed range)', async () => {
    const signed = await signPdf(await samplePdf(), { p12: agencyCert.p12('pw'), passphrase: 'pw', reason: 'r', location: 'l', signingTime });
    const tampered = Buffer.from(signed);
    // flip a byte of the first content stream / object area (inside the first signed range)
    const at = tampered.indexOf('/Producer');
    tampered[at + 3] = tampered[at + 3]! ^ 0x20;
    const r = verifyPdfSignatures(tampered, { trustedCaPem: pki.ca.pem, now: signingTime });
    expect(r.valid).toBe(false);
    expect(r.modifiedAfterSigning).toBe(true);
    expect(r.signatures[0]!.integrity).toBe(false);
  });

  it('content appended after signing is reported', async () => {
    const signed = await signPdf(await samplePdf(), { p12: agencyCert.p12('pw'), passphrase: 'pw', reason: 'r', location: 'l', signingTime });
    const extended = Buffer.concat([signed, Buffer.from('\n1 0 obj\n(changed)\nendobj\n%%EOF\n')]);
    const r = verifyPdfSignatures(extended, { trustedCaPem: pki.ca.pem, now: signingTime });
    expect(r.valid).toBe(false);
    expect(r.modifiedAfterSigning).toBe(true);
    expect(r.signatures[0]!.integrity).toBe(true);
    expect(r.signatures[0]!.coversWholeDocument).toBe(false);
  });

  it('a certificate from an untrusted CA is reported as not trusted', async () => {
    const signed = await signPdf(await samplePdf(), { p12: strangerCert.p12('x'), passphrase: 'x', reason: 'r', location: 'l', signingTime });
    const r = verifyPdfSignatures(signed, { trustedCaPem: pki.ca.pem, now: signingTime });
    expect(r.signatures[0]!.integrity).toBe(true);
    expect(r.signatures[0]!.trusted).toBe(false);
    expect(r.valid).toBe(false);
  });

  it('an unsigned PDF and garbage are reported as unsigned, not errors', async () => {
    expect(verifyPdfSignatures(await samplePdf(), { now: signingTime })).toMatchObject({ signed: false, valid: false });
    expect(verifyPdfSignatures(Buffer.from('%PDF-1.4\n/ByteRange [0 10 20 5] <zz>'), { now: signingTime })).toMatchObject({ signed: false });
  });
});
