// The ports on the application context: every side effect the modules have goes through one of these.
// portsFromConfig picks the adapter each one uses from the configuration (MOTCUA_BLOB_STORE, MOTCUA_SIGNER,
// MOTCUA_NOTIFIER, MOTCUA_PAYMENT_GATEWAY, MOTCUA_NATIONAL_PORTAL, MOTCUA_POSTAL); the composition root
// (src/app.ts) calls it, and tests replace single ports with fakes through the same call.
import pino from 'pino';
import { AppError } from '../errors.js';
import type { Clock } from '../clock.js';
import { ConfigError, type Config } from '../config.js';
import { FsBlobStore, type BlobStore } from './blob-store.js';
import { P12FileSigner, type Signer } from './signer.js';
import { smppGatewayFromEnv, SmppSmsGateway, type SmppGatewayOptions } from './sms-smpp.js';
import { RecordingNotifier, SplitNotifier, type Notifier } from './notifier.js';
import { SmtpEmailSender } from './email-smtp.js';
import { RecordingPaymentGateway, type PaymentGateway } from './payments.js';
import { SimulatedPaymentGateway } from './payments-simulated.js';
import { VnpayGateway } from './payments-vnpay.js';
import { DvcqgPaymentGateway } from './payments-dvcqg.js';
import { RecordingNationalPortal, type NationalPortalClient } from './national-portal.js';
import { NationalPortalHttpClient } from './national-portal-http.js';
import { RecordingPostalService, type PostalService } from './postal.js';
import { VnPostHttpClient } from './postal-http.js';
import type { PortLog } from './recording.js';
import type { ExchangeSink } from './exchange-log.js';

export interface Ports {
  blobStore: BlobStore;
  signer: Signer;
  notifier: Notifier;
  payments: PaymentGateway;
  nationalPortal: NationalPortalClient;
  postal: PostalService;
}

/** Adapters named in the configuration; `overrides` (tests, embedders) win over them. */
export function portsFromConfig(config: Config, clock: Clock, opts: { log?: PortLog; overrides?: Partial<Ports>; exchanges?: ExchangeSink } = {}): Ports {
  const a = config.adapters;
  const o = opts.overrides ?? {};
  return {
    blobStore: o.blobStore ?? choose('MOTCUA_BLOB_STORE', a.blobStore, { fs: () => new FsBlobStore(config.filesDir) }),
    signer: o.signer ?? choose('MOTCUA_SIGNER', a.signer, { p12: () => new P12FileSigner(config.signing) }),
    notifier: o.notifier ?? choose('MOTCUA_NOTIFIER', a.notifier, { recording: () => notifierFor(config, clock, opts.log) }),
    payments: o.payments ?? choose('MOTCUA_PAYMENT_GATEWAY', a.payments, paymentAdapters(config, clock, opts.log)),
    nationalPortal: o.nationalPortal ?? choose<typeof a.nationalPortal, NationalPortalClient>('MOTCUA_NATIONAL_PORTAL', a.nationalPortal, {
      recording: () => new RecordingNationalPortal(clock, opts.log),
      dvcqg: () => new NationalPortalHttpClient(config.dvcqg!, () => clock.now(), opts.exchanges),
    }),
    postal: o.postal ?? choose<typeof a.postal, PostalService>('MOTCUA_POSTAL', a.postal, {
      recording: () => new RecordingPostalService(clock, opts.log),
      vnpost: () => new VnPostHttpClient(config.postal.vnpost!, opts.exchanges, () => clock.now()),
    }),
  };
}

/** The payment gateways; the simulated one is motcua's own /_sim/thanh-toan unless MOTCUA_PAYMENT_URL names one. */
function paymentAdapters(config: Config, clock: Clock, log?: PortLog): Record<Config['adapters']['payments'], () => PaymentGateway> {
  const p = config.payments;
  return {
    recording: () => new RecordingPaymentGateway(clock, config.publicUrl, log),
    simulated: () => new SimulatedPaymentGateway({ baseUrl: () => p.url ?? `${config.publicUrl}${SIM_GATEWAY_PATH}`, secret: p.secret, merchant: p.merchant, clock }),
    vnpay: () => new VnpayGateway({ payUrl: p.url!, apiUrl: p.apiUrl!, tmnCode: p.merchant, hashSecret: p.secret, clock }),
    dvcqg: () => new DvcqgPaymentGateway({ url: p.url!, partnerCode: p.merchant, secret: p.secret, version: p.dvcqgVersion, clock }),
  };
}

/** Where motcua serves the built-in simulated gateway when no MOTCUA_PAYMENT_URL is set. */
export const SIM_GATEWAY_PATH = '/_sim/thanh-toan';

/**
 * The notifier: each channel goes to the built-in sink (recording) unless its provider is configured —
 * MOTCUA_SMTP_URL for e-mail, MOTCUA_SMPP_URL for SMS.
 */
function notifierFor(config: Config, clock: Clock, log?: PortLog): Notifier {
  const n = config.notifications;
  const recording = new RecordingNotifier(clock, log);
  // not started here: the composition root connects the gateway's inbound handlers and starts it (src/app.ts)
  const sms = smsGateway(config, clock);
  const email = n.smtpUrl ? new SmtpEmailSender({ url: n.smtpUrl, from: n.mailFrom, bounceAddress: n.bounceAddress, verp: n.bounceVerp }) : recording;
  if (!sms && !n.smtpUrl) return recording;
  return new SplitNotifier(sms ?? recording, email);
}

/** The SMPP gateway the settings ask for (null without MOTCUA_SMPP_URL); bad settings stop the start-up. */
function smsGateway(config: Config, clock: Clock): SmppSmsGateway | null {
  const n = config.notifications;
  try {
    return smppGatewayFromEnv({ MOTCUA_SMPP_URL: n.smppUrl, MOTCUA_SMS_BRANDNAME: n.smsBrandname }, clock, { log: smppLog(config) });
  } catch (err) {
    if (err instanceof AppError) throw new ConfigError([`${String(err.params.setting)}: ${String(err.params.reason)}`]);
    throw err;
  }
}

/** The SMS gateway behind a notifier, when SMS go out over SMPP (null: recorded, or a test's fake). */
export function smsGatewayOf(notifier: Notifier): SmppSmsGateway | null {
  return notifier instanceof SplitNotifier && notifier.smsSender instanceof SmppSmsGateway ? notifier.smsSender : null;
}

/** The gateway's connection log (binds, reconnections, refused submits) on the server's log. */
function smppLog(config: Config): SmppGatewayOptions['log'] {
  if (config.logLevel === 'silent') return undefined;
  const log = pino({ level: config.logLevel, name: 'sms' });
  return (level, fields, msg) => log[level](fields, msg);
}

// The config loader already refuses unknown names; this guards configs built by hand (tests, embedders).
function choose<K extends string, T>(setting: string, name: K, make: Record<K, () => T>): T {
  const f = Object.hasOwn(make, name) ? make[name] : undefined;
  if (!f) throw new ConfigError([`${setting}: unknown adapter ${JSON.stringify(name)} (available: ${Object.keys(make).join(', ')})`]);
  return f();
}
