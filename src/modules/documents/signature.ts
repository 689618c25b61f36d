// Digital signatures on PDFs.
// - signPdf: a PAdES-style signature (PDF signature dictionary, /ByteRange over the whole file, detached
//   CMS/PKCS#7 SignedData with SHA-256, the signing certificate and a signing-time attribute) made with the
//   agency's PKCS#12 (@signpdf + pdf-lib placeholder).
// - verifyPdfSignatures: for every signature in a PDF: who signed (certificate subject), when (signing-time),
//   whether the signed bytes still match (message digest), whether the CMS signature is valid, whether the
//   signature covers the whole file (no change after signing), and whether the certificate chains to a
//   trusted CA and was valid at signing time.
import { createHash } from 'node:crypto';
import forge from 'node-forge';

// Signing is the signer port's real adapter (platform); re-exported for the module's callers and tests.
export { signPdf, p12Subject, pdfText, SignatureError, type SignOptions } from '../../platform/ports/pades.js';

// ------------------------------------------------------------------------------------------------
// Verification

export interface CertInfo {
  commonName: string | null;
  organisation: string | null;
  serialNumber: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
}

export interface SignatureReport {
  /** Signer (the certificate whose key made the signature). */
  signer: CertInfo | null;
  /** signing-time attribute (claimed by the signer; no timestamp authority). */
  signingTime: string | null;
  reason: string | null;
  location: string | null;
  /** The signed bytes still hash to the signed message digest. */
  integrity: boolean;
  /** The CMS signature over the signed attributes verifies with the signer's key. */
  signatureValid: boolean;
  /** The byte range ends at the end of the file: nothing was appended after signing. */
  coversWholeDocument: boolean;
  /** The certificate's validity period contains the signing time. */
  certificateValidAtSigningTime: boolean;
  /** Chains to a configured trusted CA (null when no trust anchors are configured). */
  trusted: boolean | null;
  /** Overall: integrity, signature, coverage and certificate period (and trust, when configured). */
  valid: boolean;
  problems: string[];
}

export interface VerifyReport {
  signed: boolean;
  signatures: SignatureReport[];
  /** Any byte changed after (or outside) the last signature. */
  modifiedAfterSigning: boolean;
  valid: boolean;
}

function certInfo(c: forge.pki.Certificate): CertInfo {
  const attr = (name: string) => (c.subject.getField(name)?.value as string | undefined) ?? null;
  return {
    commonName: attr('CN') ? Buffer.from(attr('CN')!, 'binary').toString('utf8') : null,
    organisation: attr('O') ? Buffer.from(attr('O')!, 'binary').toString('utf8') : null,
    serialNumber: c.serialNumber,
    issuer: c.issuer.attributes.map((a) => `${a.shortName ?? a.name}=${Buffer.from(String(a.value), 'binary').toString('utf8')}`).join(', '),
    notBefore: c.validity.notBefore.toISOString(),
    notAfter: c.validity.notAfter.toISOString(),
  };
}

interface RawSignature {
  byteRange: [number, number, number, number];
  contents: Buffer;
  dict: string;
}

/** Finds signature dictionaries by their /ByteRange and the /Contents hex string between the ranges. */
export function findSignatures(pdf: Buffer): RawSignature[] {
  const text = pdf.toString('latin1');
  const out: RawSignature[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (const m of text.matchAll(re)) {
    const br = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    const [a, b, c, d] = br;
    if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) continue;
    const hole = text.slice(b, c);
    const hm = /^<([0-9A-Fa-f\s]*)>$/.exec(hole);
    if (!hm) continue;
    const hex = hm[1]!.replace(/\s/g, '');
    // the dictionary around the byte range, for /Reason, /Location
    const start = text.lastIndexOf('<<', m.index!);
    const dictEnd = text.indexOf('>>', c);
    const dict = text.slice(Math.max(0, start - 200), dictEnd > 0 ? Math.min(dictEnd + 2, c + 2000) : c).replace(/<[0-9A-Fa-f\s]{200,}>/g, '<…>');
    out.push({ byteRange: br, contents: Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex'), dict });
  }
  return out;
}

function pdfString(dict: string, key: string): string | null {
  const m = new RegExp(`/${key}\\s*\\(((?:\\\\.|[^\\\\)])*)\\)`).exec(dict);
  if (m) {
    const raw = m[1]!.replace(/\\([()\\])/g, '$1');
    const bytes = Buffer.from(raw, 'latin1');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
    return raw;
  }
  const h = new RegExp(`/${key}\\s*<([0-9A-Fa-f]+)>`).exec(dict);
  if (h) {
    const bytes = Buffer.from(h[1]!, 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  return null;
}

const DIGESTS: Record<string, { node: string; forge: () => forge.md.MessageDigest }> = {
  [forge.pki.oids.sha256!]: { node: 'sha256', forge: () => forge.md.sha256.create() },
  [forge.pki.oids.sha384!]: { node: 'sha384', forge: () => forge.md.sha384.create() },
  [forge.pki.oids.sha512!]: { node: 'sha512', forge: () => forge.md.sha512.create() },
  [forge.pki.oids.sha1!]: { node: 'sha1', forge: () => forge.md.sha1.create() },
};

/** Trust anchors from PEM text (one or more certificates). */
export function caStoreFromPem(pem: string | null | undefined): forge.pki.CAStore | null {
  if (!pem || !pem.includes('BEGIN CERTIFICATE')) return null;
  const certs = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return forge.pki.createCaStore(certs.map((c) => forge.pki.certificateFromPem(c)));
}

function verifyOne(pdf: Buffer, raw: RawSignature, ca: forge.pki.CAStore | null, now: Date): SignatureReport {
  const problems: string[] = [];
  const [a, b, c, d] = raw.byteRange;
  const signedBytes = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const report: SignatureReport = {
    signer: null,
    signingTime: null,
    reason: pdfString(raw.dict, 'Reason'),
    location: pdfString(raw.dict, 'Location'),
    integrity: false,
    signatureValid: false,
    coversWholeDocument: c + d === pdf.length,
    certificateValidAtSigningTime: false,
    trusted: null,
    valid: false,
    problems,
  };
  let msg: forge.pkcs7.PkcsSignedData & { rawCapture?: any };
  try {
    const der = forge.util.createBuffer(raw.contents.toString('binary'));
    const asn1 = forge.asn1.fromDer(der, { strict: false, parseAllBytes: false } as any);
    msg = forge.pkcs7.messageFromAsn1(asn1) as typeof msg;
  } catch (e) {
    problems.push(`CMS structure unreadable: ${(e as Error).message}`);
    return report;
  }
  const rc = msg.rawCapture ?? {};
  const digestOid = rc.digestAlgorithm ? forge.asn1.derToOid(rc.digestAlgorithm) : forge.pki.oids.sha256!;
  const digest = DIGESTS[digestOid];
  if (!digest) {
    problems.push(`unsupported digest algorithm ${digestOid}`);
    return report;
  }
  const attrs: any[] = rc.authenticatedAttributes ?? [];
  let messageDigest: Buffer | null = null;
  for (const attr of attrs) {
    const oid = forge.asn1.derToOid(attr.value[0].value);
    const val = attr.value[1].value[0];
    if (oid === forge.pki.oids.messageDigest) messageDigest = Buffer.from(val.value, 'binary');
    if (oid === forge.pki.oids.signingTime) {
      const t = val.type === forge.asn1.Type.UTCTIME ? forge.asn1.utcTimeToDate(val.value) : forge.asn1.generalizedTimeToDate(val.value);
      report.signingTime = t.toISOString();
    }
  }
  const actual = createHash(digest.node).update(signedBytes).digest();
  if (attrs.length === 0) {
    problems.push('no signed attributes');
  } else if (!messageDigest || !messageDigest.equals(actual)) {
    problems.push('the signed content was changed after signing (digest mismatch)');
  } else {
    report.integrity = true;
  }
  // signature over the DER of the signed attributes, re-tagged as a SET
  const signature: string | undefined = rc.signature;
  if (attrs.length > 0 && signature) {
    const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs);
    const md = digest.forge();
    md.update(forge.asn1.toDer(set).getBytes());
    for (const cert of msg.certificates ?? []) {
      try {
        if ((cert.publicKey as forge.pki.rsa.PublicKey).verify(md.digest().bytes(), signature)) {
          report.signatureValid = true;
          report.signer = certInfo(cert);
          const at = report.signingTime ? new Date(report.signingTime) : now;
          report.certificateValidAtSigningTime = cert.validity.notBefore <= at && at <= cert.validity.notAfter;
          if (!report.certificateValidAtSigningTime) problems.push('the certificate was not valid at the signing time');
          if (ca) {
            const chain = [cert, ...(msg.certificates ?? []).filter((x) => x !== cert)];
            try {
              report.trusted = forge.pki.verifyCertificateChain(ca, chain, {
                validityCheckDate: at,
              } as any);
            } catch (e) {
              report.trusted = false;
              problems.push(`certificate not trusted: ${(e as { message?: string }).message ?? String(e)}`);
            }
          }
          break;
        }
      } catch {
        // not an RSA key or malformed: try the next certificate
      }
    }
    if (!report.signatureValid) problems.push('the signature does not verify with any embedded certificate');
  }
  if (!report.coversWholeDocument) problems.push('the file was changed or extended after this signature');
  report.valid =
    report.integrity && report.signatureValid && report.coversWholeDocument && report.certificateValidAtSigningTime && report.trusted !== false;
  return report;
}

/** `now` (from the clock port) stands in for the signing time of signatures that carry none. */
export function verifyPdfSignatures(pdf: Buffer, opts: { trustedCaPem?: string | null; now: Date }): VerifyReport {
  const raws = findSignatures(pdf);
  const ca = caStoreFromPem(opts.trustedCaPem);
  const signatures = raws.map((r) => verifyOne(pdf, r, ca, opts.now));
  // an earlier signature of a multi-signature file legitimately does not cover later revisions: the file is
  // unchanged after signing when the signature that reaches furthest covers the whole file intact
  let lastIdx = -1;
  raws.forEach((r, i) => {
    if (lastIdx < 0 || r.byteRange[2] + r.byteRange[3] > raws[lastIdx]!.byteRange[2] + raws[lastIdx]!.byteRange[3]) lastIdx = i;
  });
  const last = lastIdx >= 0 ? signatures[lastIdx]! : null;
  const modifiedAfterSigning = !!last && (!last.integrity || !last.coversWholeDocument || signatures.some((s) => !s.integrity));
  return {
    signed: signatures.length > 0,
    signatures,
    modifiedAfterSigning,
    valid: !!last && last.valid && !modifiedAfterSigning && signatures.every((s) => s.signatureValid && s.trusted !== false),
  };
}
