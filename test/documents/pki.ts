// Test PKI made with node-forge: a root CA and certificates it issues, as PEM and PKCS#12.
import forge from 'node-forge';

export interface TestCert {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  pem: string;
  p12(passphrase: string): Buffer;
}

function make(subject: Record<string, string>, issuer: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | null, opts: { ca?: boolean; notBefore?: Date; notAfter?: Date; serial: string }): TestCert {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = opts.serial;
  cert.validity.notBefore = opts.notBefore ?? new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = opts.notAfter ?? new Date(Date.now() + 5 * 365 * 86_400_000);
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

export function testPki() {
  const ca = make({ CN: 'motcua Test Root CA', O: 'motcua tests', C: 'VN' }, null, { ca: true, serial: '01' });
  const issue = (cn: string, org: string, opts: { notBefore?: Date; notAfter?: Date; serial?: string } = {}) =>
    make({ CN: cn, O: org, C: 'VN' }, ca, { serial: opts.serial ?? '0a', ...opts });
  return { ca, issue };
}
