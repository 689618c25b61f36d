// The ports' adapters without a database: the blob store contract (fs and memory), the fake signer's real
// signature, the recording adapters of the outbound services, and the adapter choice at start-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/platform/config.js';
import { ManualClock } from '../../src/platform/clock.js';
import { BlobTooLarge, FsBlobStore, MemoryBlobStore, readBlob, type BlobStore } from '../../src/platform/ports/blob-store.js';
import { portsFromConfig } from '../../src/platform/ports/index.js';
import { P12FileSigner, SignerNotConfigured, TestPkiSigner } from '../../src/platform/ports/signer.js';
import { RecordingNotifier } from '../../src/platform/ports/notifier.js';
import { RecordingPaymentGateway } from '../../src/platform/ports/payments.js';
import { SimulatedPaymentGateway } from '../../src/platform/ports/payments-simulated.js';
import { RecordingNationalPortal } from '../../src/platform/ports/national-portal.js';
import { RecordingPostalService } from '../../src/platform/ports/postal.js';
import type { PortLog } from '../../src/platform/ports/recording.js';
import { renderPdf } from '../../src/modules/documents/pdf.js';
import { defaultTemplate } from '../../src/modules/documents/templates.js';
import { verifyPdfSignatures } from '../../src/modules/documents/signature.js';

const clock = new ManualClock(new Date('2026-11-25T03:00:00Z'));
const dir = mkdtempSync(join(tmpdir(), 'motcua-ports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['FsBlobStore', () => new FsBlobStore(join(dir, 'blobs'))],
  ['MemoryBlobStore', () => new MemoryBlobStore()],
] as [string, () => BlobStore][])('blob store contract: %s', (_name, make) => {
  const store = make();
  const bytes = Buffer.from('%PDF-1.7 ' + 'x'.repeat(70_000));
  const sha = createHash('sha256').update(bytes).digest('hex');

  it('stores by content, once, and reads back', async () => {
    const a = await store.put(Readable.from([bytes]), { maxBytes: 1 << 20 });
    expect(a).toMatchObject({ sha256: sha, size: bytes.length, created: true });
    expect(a.head.length).toBe(64 * 1024);
    expect(a.tail.equals(bytes.subarray(bytes.length - 64 * 1024))).toBe(true);
    expect((await store.put(Readable.from([bytes]), { maxBytes: 1 << 20 })).created).toBe(false);
    expect(await store.has(sha)).toBe(true);
    expect((await readBlob(store, sha)).equals(bytes)).toBe(true);
    await store.delete(sha);
    expect(await store.has(sha)).toBe(false);
    await expect(store.get(sha)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stops at the size limit and when the head is refused, keeping nothing', async () => {
    await expect(store.put(Readable.from([bytes]), { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLarge);
    await expect(store.put(Readable.from([bytes]), { maxBytes: 1 << 20, inspectHead: () => { throw new Error('not allowed'); } })).rejects.toThrow('not allowed');
    expect(await store.has(sha)).toBe(false);
  });
});

describe('signer', () => {
  it('the fake signs with a test PKI: the signature verifies and chains to its CA', async () => {
    const signer = new TestPkiSigner(clock);
    const pdf = await renderPdf({
      template: defaultTemplate('05'),
      heading: { parentAgency: null, agency: 'Sở Tư pháp tỉnh Thanh Hóa', place: 'Thanh Hóa', date: clock.now() },
      vars: { code: 'X-1', applicantName: 'Nguyễn Thị Bích Ngọc' },
    });
    const signed = await signer.signPdf(pdf, { agencyCode: '000.00.01.H56', reason: 'Ban hành kết quả', location: 'Thanh Hóa', signingTime: clock.now() });
    const r = verifyPdfSignatures(signed, { trustedCaPem: signer.caPem, now: clock.now() });
    expect(r.valid).toBe(true);
    expect(r.signatures[0]!.trusted).toBe(true);
    expect(r.signatures[0]!.signer?.commonName).toBe('000.00.01.H56');
    expect(signer.signed).toHaveLength(1);
  });

  it('the P12 file signer says when no certificate is configured', async () => {
    const none = new P12FileSigner({ password: '' });
    expect(none.configured).toBe(false);
    expect(await none.canSign('000.00.01.H56')).toBe(false);
    await expect(none.signPdf(Buffer.from('%PDF'), { agencyCode: 'X', reason: 'r', location: 'l', signingTime: clock.now() })).rejects.toBeInstanceOf(SignerNotConfigured);
  });
});

describe('recording adapters: what would have been sent, nothing sent', () => {
  it('notifier validates, records once per idempotency key and logs', async () => {
    const logged: unknown[] = [];
    const log: PortLog = (e, msg) => logged.push([e.op, msg]);
    const n = new RecordingNotifier(clock, log);
    const a = await n.sendSms({ to: '0912345678', text: 'Hồ sơ đã được tiếp nhận' }, { idempotencyKey: 'm1' });
    const b = await n.sendSms({ to: '0912345678', text: 'Hồ sơ đã được tiếp nhận' }, { idempotencyKey: 'm1' });
    expect(b).toEqual(a);
    await n.sendEmail({ to: 'cong.dan@example.vn', subject: 'Tiếp nhận', text: 'Đã tiếp nhận' }, { idempotencyKey: 'm2' });
    expect(n.recorder.entries.map((e) => [e.op, e.idempotencyKey])).toEqual([['sms', 'm1'], ['email', 'm2']]);
    expect(logged).toEqual([['sms', 'notifier.sms recorded, not sent (recording adapter)'], ['email', 'notifier.email recorded, not sent (recording adapter)']]);
    await expect(n.sendSms({ to: '12345', text: 'x' }, { idempotencyKey: 'm3' })).rejects.toThrow(/Vietnamese mobile number/);
    await expect(n.sendEmail({ to: 'not-an-address', subject: 's', text: 't' }, { idempotencyKey: 'm4' })).rejects.toThrow();
    expect(n.recorder.entries).toHaveLength(2);
  });

  it('payment gateway: create, a signed callback verifies, a tampered one does not, query follows', async () => {
    const p = new RecordingPaymentGateway(clock, 'http://localhost:3000');
    const created = await p.createPayment({ orderId: 'HS-1-fee-1', amount: 50_000, description: 'Lệ phí', returnUrl: 'http://localhost:3000/pay/return' }, { idempotencyKey: 'k1' });
    expect(created.payUrl).toBe('http://localhost:3000/recorded-payments/HS-1-fee-1');
    expect(created.expiresAt.getTime()).toBe(clock.now().getTime() + 15 * 60_000);
    expect((await p.queryPayment('HS-1-fee-1')).status).toBe('pending');
    const cb = p.simulateCallback('HS-1-fee-1', 'paid');
    expect(await p.verifyCallback({ ...cb, amount: '1' })).toMatchObject({ valid: false, reason: 'bad signature' });
    expect(await p.verifyCallback(cb)).toEqual({ valid: true, orderId: 'HS-1-fee-1', status: 'paid', amount: 50_000, gatewayTxnId: 'sim-HS-1-fee-1' });
    expect((await p.queryPayment('HS-1-fee-1')).status).toBe('paid');
    await expect(p.createPayment({ orderId: 'x', amount: -1, description: 'd', returnUrl: 'http://x' }, { idempotencyKey: 'k2' })).rejects.toThrow();
  });

  it('national portal and postal service record their calls', async () => {
    const np = new RecordingNationalPortal(clock);
    const progress = { SoThuTuDongBo: 2, MaHoSo: 'H56-261125-0001', NguoiXuLy: 'Trần Văn Bình', ThoiDiemXuLy: '20261125090000', PhongBanXuLy: 'Phòng Hành chính tư pháp', NoiDungXuLy: 'Chuyển thẩm định', TrangThai: 4 };
    // the portal's own rule: no progress line for a dossier it was never sent
    expect(await np.send({ service: 'CapNhatTienDoHoSoMC', data: progress }, { idempotencyKey: 'e1' })).toMatchObject({ outcome: 'rejected', code: '-4' });
    expect(np.recorder.entries[0]!.message).toMatchObject({ service: 'CapNhatTienDoHoSoMC', data: { MaHoSo: 'H56-261125-0001' } });
    // one answer per key: the repeat is not recorded again
    expect(await np.send({ service: 'CapNhatTienDoHoSoMC', data: progress }, { idempotencyKey: 'e1' })).toMatchObject({ outcome: 'rejected' });
    expect(np.recorder.entries).toHaveLength(1);
    const postClock = new ManualClock(clock.now());
    const post = new RecordingPostalService(postClock);
    const order = {
      Direction: 'OUTBOUND_RESULT' as const, CustomerCode: 'H56', OrderNumber: 'H56-261125-0001', CODAmount: 0,
      SenderName: 'Trung tâm PVHCC', SenderAddress: '1 Lê Lợi', SenderTel: '02373852222', SenderProvince: '38',
      ReceiverName: 'Nguyễn Văn A', ReceiverAddress: '12 Lê Lợi', ReceiverTel: '0912345678', ReceiverProvince: '38', ReceiverCommune: '14797',
    };
    const b = await post.createOrder(order, { idempotencyKey: 'p1' });
    expect(b).toMatchObject({ Status: '100', ItemCode: expect.stringMatching(/^EB\d{9}VN$/) });
    // one order per dossier and direction at the post office, whatever the key
    expect((await post.createOrder(order, { idempotencyKey: 'p2' })).ItemCode).toBe(b.ItemCode);
    expect((await post.tracking(b.ItemCode!)).Events.map((e) => e.Status)).toEqual([1]);
    expect((await post.tracking('nope')).Events).toEqual([]);
    // the embedded default moves an untouched order along the demo schedule by the clock
    postClock.advance(3 * 86_400_000);
    expect((await post.tracking(b.ItemCode!)).Events.map((e) => e.Status)).toEqual([1, 6, 10, 12, 14]);
    expect((await post.createOrder({ ...order, ReceiverCommune: '1' }, { idempotencyKey: 'p3' })).Status).toBe('101');
  });
});

describe('adapter choice at start-up', () => {
  it('an unknown adapter is a ConfigError before anything opens', async () => {
    for (const v of ['MOTCUA_NOTIFIER', 'MOTCUA_PAYMENT_GATEWAY', 'MOTCUA_NATIONAL_PORTAL', 'MOTCUA_POSTAL', 'MOTCUA_BLOB_STORE', 'MOTCUA_SIGNER']) {
      expect(() => loadConfig({ [v]: 'smtp' }), v).toThrow(new RegExp(`${v}: unknown adapter "smtp"`));
    }
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const bad = { ...config, adapters: { ...config.adapters, notifier: 'smpp' as 'recording' } };
    expect(() => portsFromConfig(bad, clock)).toThrow(ConfigError);
    await expect(openContext(bad, clock, { dataDir: join(dir, 'never-opened') })).rejects.toThrow(/MOTCUA_NOTIFIER: unknown adapter "smpp"/);
  });

  it('the defaults: files on disk, P12 signing from the configuration, recording outbound ports, the simulated payment gateway; overrides win', () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', MOTCUA_FILES_DIR: join(dir, 'files') });
    const ports = portsFromConfig(config, clock);
    expect(ports.blobStore).toBeInstanceOf(FsBlobStore);
    expect(ports.signer).toBeInstanceOf(P12FileSigner);
    expect(ports.notifier).toBeInstanceOf(RecordingNotifier);
    expect(ports.payments).toBeInstanceOf(SimulatedPaymentGateway);
    expect(portsFromConfig(loadConfig({ LOG_LEVEL: 'silent', MOTCUA_PAYMENT_GATEWAY: 'recording' }), clock).payments).toBeInstanceOf(RecordingPaymentGateway);
    expect(() => loadConfig({ MOTCUA_PAYMENT_GATEWAY: 'vnpay' })).toThrow(/MOTCUA_PAYMENT_URL: required[\s\S]*MOTCUA_PAYMENT_SECRET: required/);
    expect(ports.nationalPortal).toBeInstanceOf(RecordingNationalPortal);
    expect(ports.postal).toBeInstanceOf(RecordingPostalService);
    const mem = new MemoryBlobStore();
    expect(portsFromConfig(config, clock, { overrides: { blobStore: mem } }).blobStore).toBe(mem);
  });
});
