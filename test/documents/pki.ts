// Test PKI made with node-forge: a root CA and certificates it issues, as PEM and PKCS#12.
// Validity is derived from the test's own clock (`now`), never from the machine's wall clock: a test whose
// signing time is fixed must keep passing whatever day it runs (the certificates once expired with the calendar).
import forge from 'node-forge';

export interface TestCert {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  pem: string;
  p12(passphrase: string): Buffer;
}

function make(subject: Record<string, string>, issuer: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | null, now: Date, opts: { ca?: boolean; notBefore?: Date; notAfter?: Date; serial: string }): TestCert {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = opts.serial;
  cert.validity.notBefore = opts.notBefore ?? new Date(now.getTime() - 86_400_000);
  cert.validity.notAfter = opts.notAfter ?? new Date(now.getTime() + 5 * 365 * 86_400_000);
  const attrs = Object.entries(subject).map(([shortName, value]) => ({ shortName, value: forge.util.encodeUtf8(value) }));
  cert.setSubject(attrs);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: !!opts.ca },
    { name: 'keyUsage', keyCertSign: !!opts.ca, cRLSign: !!opts.ca, digitalSignature: true, nonRepudiation: !opts.ca },
  ]);
  cert.sign(issuer?.key ?? keys.privateKey, forge.md.sha256.create());
  const chain = issuer ? [cert, issuer.cert] : [cert];
  return {
    cert,
    key: keys.privateKey,
    pem: forge.pki.certificateToPem(cert),
    p12: (passphrase: string) => {
      const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, chain, passphrase, { algorithm: '3des' });
      return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    },
  };
}

/** A CA and its certificates, valid from a day before `now` (the test clock's time) for five years. */
export function testPki(now: Date) {
  const ca = make({ CN: 'motcua Test Root CA', O: 'motcua tests', C: 'VN' }, null, now, { ca: true, serial: '01' });
  const issue = (cn: string, org: string, opts: { notBefore?: Date; notAfter?: Date; serial?: string } = {}) =>
    make({ CN: cn, O: org, C: 'VN' }, ca, now, { serial: opts.serial ?? '0a', ...opts });
  return { ca, issue };
}
