// Configuration from the environment, validated once at start.
import { lgspProfiles, type LgspProfile } from './ports/lgsp-profiles.js';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/**
 * Which adapter a port uses. Only the adapters that exist are accepted: an unknown or not yet built one
 * (smtp, vnpay, …) stops the start-up with a ConfigError instead of silently recording or dropping messages.
 */
const adapter = <const T extends readonly [string, ...string[]]>(names: T, fallback: T[number]) =>
  z.enum(names, { error: (iss) => `unknown adapter ${JSON.stringify(iss.input)} (available: ${names.join(', ')}; other adapters are not built yet)` }).default(fallback as never);

/** The package's own cache folder (removed by `npm ci`, never inside a data directory). */
const DEFAULT_TEMPLATE_DIR = fileURLToPath(new URL('../../node_modules/.cache/motcua/', import.meta.url));

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  MOTCUA_DATA_DIR: z.string().min(1).default('./data'),
  // where prebuilt PGlite data directories are kept (a new data directory starts as a copy); 'off' = none
  MOTCUA_TEMPLATE_DIR: z.string().min(1).optional(),
  MOTCUA_DEMO: bool.optional(),
  MOTCUA_DEMO_PASSWORD: z.string().min(8).default('motcua-demo'),
  MOTCUA_PUBLIC_URL: z.string().url().optional(),
  MOTCUA_SESSION_TTL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(8 * 60),
  MOTCUA_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  MOTCUA_COOKIE_SECURE: bool.default(false),
  MOTCUA_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  MOTCUA_LOCKOUT_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // reverse proxies whose X-Forwarded-For is believed: unset/false = none, true = any, N = hops,
  // otherwise addresses/CIDRs ('loopback', '10.0.0.0/8,127.0.0.1')
  MOTCUA_TRUST_PROXY: z.string().trim().min(1).optional(),
  MOTCUA_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  // QCVN 102:2016 agency code, e.g. 000.00.01.H22 (pattern configurable)
  MOTCUA_AGENCY_CODE_PATTERN: z.string().default('^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$'),
  MOTCUA_OIDC_ISSUER: z.string().url().optional(),
  MOTCUA_OIDC_CLIENT_ID: z.string().optional(),
  MOTCUA_OIDC_CLIENT_SECRET: z.string().optional(),
  MOTCUA_OIDC_ALLOW_HTTP: bool.default(false),
  // Dossier codes (TT 01/2018 Art. 19 default; see src/modules/dossiers/dossier-code.ts for the tokens)
  MOTCUA_DOSSIER_CODE_PATTERN: z.string().default('{agency}-{YYMMDD}-{seq:4}'),
  // Working hours before the appointment from which a dossier is "due soon" (default one working day)
  MOTCUA_DUE_SOON_HOURS: z.coerce.number().min(0).max(400).default(8),
  // Documents: blob folder, size limits, the agencies' signing certificates, trust anchors for verification
  MOTCUA_FILES_DIR: z.string().min(1).default('./files'),
  MOTCUA_MAX_FILE_BYTES: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
  MOTCUA_MAX_DOSSIER_BYTES: z.coerce.number().int().min(1024).default(200 * 1024 * 1024),
  MOTCUA_SIGNING_P12: z.string().min(1).optional(),
  MOTCUA_SIGNING_DIR: z.string().min(1).optional(),
  MOTCUA_SIGNING_PASSWORD: z.string().optional(),
  MOTCUA_TRUSTED_CA: z.string().min(1).optional(),
  // Ports (docs/architecture.md §3): the blob store, the signer, and the outbound services. The outbound ones
  // default to `recording`: calls are kept in memory and logged, nothing leaves the machine.
  MOTCUA_BLOB_STORE: adapter(['fs'], 'fs'),
  MOTCUA_SIGNER: adapter(['p12'], 'p12'),
  MOTCUA_NOTIFIER: adapter(['recording'], 'recording'),
  // payments: the built-in simulated gateway by default (served by motcua under /_sim/thanh-toan unless
  // MOTCUA_PAYMENT_URL names one); vnpay and dvcqg need the URL, the merchant / partner code and the secret
  MOTCUA_PAYMENT_GATEWAY: adapter(['simulated', 'vnpay', 'dvcqg', 'recording'], 'simulated'),
  MOTCUA_PAYMENT_URL: z.string().url().optional(),
  MOTCUA_PAYMENT_API_URL: z.string().url().optional(),
  MOTCUA_PAYMENT_MERCHANT: z.string().min(1).max(64).default('MOTCUA'),
  MOTCUA_PAYMENT_SECRET: z.string().min(8).optional(),
  MOTCUA_PAYMENT_DVCQG_VERSION: z.string().min(1).default('1.0.6'),
  MOTCUA_PAYMENT_CALLBACK_WINDOW_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(24 * 60),
  MOTCUA_PAYMENT_QUERY_AFTER_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  // satisfaction ratings: the rater may change a rating for this many days after giving it
  MOTCUA_RATING_EDIT_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  MOTCUA_EXCHANGE_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  MOTCUA_IDEMPOTENCY_KEEP_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  // HTTP server processes on one PostgreSQL (node:cluster); PGlite is one process, so it always runs one
  MOTCUA_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  // staged uploads (citizens', the national portal's) never attached to a dossier are deleted after this many days
  MOTCUA_STAGED_UPLOAD_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  MOTCUA_NATIONAL_PORTAL: adapter(['recording', 'dvcqg'], 'recording'),
  // The DVCQG adapter (MOTCUA_NATIONAL_PORTAL=dvcqg), directly or through the province's LGSP: where, who, and
  // the header names the gateway expects
  MOTCUA_DVCQG_URL: z.string().url().optional(),
  MOTCUA_DVCQG_USERNAME: z.string().min(1).optional(),
  MOTCUA_DVCQG_PASSWORD: z.string().min(1).optional(),
  MOTCUA_DVCQG_SYSTEM_CODE: z.string().min(1).optional(),
  MOTCUA_DVCQG_AUTH_PATH: z.string().startsWith('/').default('/api/auth'),
  MOTCUA_DVCQG_SERVICE_PATH: z.string().startsWith('/').default('/api/service'),
  MOTCUA_DVCQG_SYSTEM_CODE_HEADER: z.string().regex(/^[A-Za-z0-9-_]+$/).default('dstcode'),
  MOTCUA_DVCQG_SESSION_HEADER: z.string().regex(/^[A-Za-z0-9-_]+$/).default('session'),
  MOTCUA_DVCQG_SESSION_PREFIX: z.string().default(''),
  // a province configuration (src/platform/ports/lgsp-profiles/<name>.json): its paths, header names, token
  // fields and service names replace the five settings above
  MOTCUA_DVCQG_PROFILE: z.string().regex(/^[a-z0-9-]+$/).optional(),
  MOTCUA_DVCQG_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  MOTCUA_POSTAL: adapter(['recording', 'vnpost'], 'recording'),
  // The VNPost adapter (MOTCUA_POSTAL=vnpost): the service's URL, the province's customer code and keys
  MOTCUA_VNPOST_URL: z.string().url().optional(),
  MOTCUA_VNPOST_CUSTOMER_CODE: z.string().min(1).optional(),
  MOTCUA_VNPOST_CUSTOMER_KEY: z.string().min(1).optional(),
  MOTCUA_VNPOST_SECRET_KEY: z.string().min(1).optional(),
  MOTCUA_VNPOST_TOKEN_HEADER: z.string().regex(/^[A-Za-z0-9-_]+$/).default('token'),
  // the secret shared with the post office that signs its tracking callbacks (HMAC-SHA256; without it, none is taken)
  MOTCUA_VNPOST_CALLBACK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  // the desk's phone printed on postal orders as the sender's
  MOTCUA_POSTAL_SENDER_TEL: z.string().regex(/^\+?[0-9 .-]{8,15}$/, 'phone number').optional(),
  // Outbox delivery (src/platform/outbox): the longest delay between two attempts of a failing message
  MOTCUA_OUTBOX_MAX_BACKOFF_SECONDS: z.coerce.number().int().min(1).max(7 * 86_400).default(3600),
  // Notifications (src/modules/notifications): real delivery is on only when these are set
  MOTCUA_SMTP_URL: z.string().regex(/^smtps?:\/\/[^/]+/i, 'must be smtp://user:password@host:port or smtps://… (implicit TLS)').optional(),
  MOTCUA_MAIL_FROM: z.string().regex(/^(.*<)?[^<>\s@]+@[^<>\s@]+>?$/, 'an address or "Name <address>"').default('Hệ thống một cửa điện tử <no-reply@motcua.invalid>'),
  MOTCUA_MAIL_BOUNCE: z.email().optional(),
  // bounces come back to MOTCUA_MAIL_BOUNCE; the relay routes them to this inbound SMTP listener (host:port)
  MOTCUA_MAIL_BOUNCE_LISTEN: z.string().regex(/^(\[[0-9a-f:.]+\]|[0-9A-Za-z.-]*):\d{1,5}$/, 'host:port (e.g. 127.0.0.1:2525)').optional(),
  // envelope sender bounces+<message id>@… (VERP): the relay must deliver subaddresses to the bounce mailbox
  MOTCUA_MAIL_BOUNCE_VERP: z.enum(['true', 'false']).default('false'),
  MOTCUA_SMPP_URL: z.string().regex(/^smpps?:\/\/[^/]+/i, 'must be smpp://system_id:password@host:port').optional(),
  MOTCUA_SMS_BRANDNAME: z.string().regex(/^[A-Za-z0-9 ._-]{1,11}$/, 'at most 11 letters, digits, space, dot, dash').optional(),
  MOTCUA_SMS_QUIET_HOURS: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$|^none$/, 'HH:MM-HH:MM (local time), or empty for none').optional(),
  // Citizen accounts (src/modules/citizens): session lifetimes, one-time codes and their limits
  MOTCUA_CITIZEN_SESSION_TTL_MINUTES: z.coerce.number().int().min(1).max(30 * 24 * 60).default(8 * 60),
  MOTCUA_CITIZEN_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  MOTCUA_CITIZEN_CODE_MINUTES: z.coerce.number().int().min(1).max(30).default(5),
  MOTCUA_CITIZEN_CODE_MAX_TRIES: z.coerce.number().int().min(1).max(20).default(5),
  MOTCUA_CITIZEN_CODE_RESEND_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  MOTCUA_CITIZEN_CODES_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(5),
  MOTCUA_CITIZEN_CODES_PER_CLIENT_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
  // Sign-in through the national identity provider (VNeID-like OIDC); off unless the issuer is set
  MOTCUA_CITIZEN_OIDC_ISSUER: z.string().url().optional(),
  MOTCUA_CITIZEN_OIDC_CLIENT_ID: z.string().optional(),
  MOTCUA_CITIZEN_OIDC_CLIENT_SECRET: z.string().optional(),
  MOTCUA_CITIZEN_OIDC_SCOPES: z.string().trim().min(1).default('openid profile'),
  MOTCUA_CITIZEN_OIDC_ACR_VALUES: z.string().trim().min(1).optional(),
  MOTCUA_CITIZEN_OIDC_REDIRECT_URI: z.string().url().optional(),
  MOTCUA_CITIZEN_OIDC_ALLOW_HTTP: bool.default(false),
  MOTCUA_CITIZEN_OIDC_LABEL: z.string().trim().min(1).max(60).default('VNeID'),
  // the ID token claim holding the personal identification number (CCCD), if the provider sends one
  MOTCUA_CITIZEN_OIDC_ID_NUMBER_CLAIM: z.string().trim().min(1).default('id_number'),
  // Backups (src/modules/backups): the AES-256-GCM key for encryption at rest, 32 bytes as hex or base64
  MOTCUA_BACKUP_KEY: z.string().trim().min(1).optional(),
  // scheduled backups (off unless MOTCUA_BACKUP_DIR is set): daily at this local time, kept this many days
  MOTCUA_BACKUP_DIR: z.string().trim().min(1).optional(),
  MOTCUA_BACKUP_AT: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (local time)').default('01:30'),
  MOTCUA_BACKUP_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  MOTCUA_BACKUP_FULL_EVERY_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  MOTCUA_BACKUP_VERIFY: z.enum(['true', 'false']).default('true'),
  // operator alerts (a backup failed or is too old) also go to these addresses, comma-separated
  MOTCUA_ALERT_EMAIL: z.string().optional().refine((v) => !v || v.split(',').every((a) => z.email().safeParse(a.trim()).success), 'comma-separated e-mail addresses'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /** PGlite only: the folder of prebuilt data directories a new one is copied from (null: always initdb). */
  templateDir: string | null;
  /** HTTP server processes (MOTCUA_WORKERS; PostgreSQL only — PGlite runs one). */
  workers: number;
  demo: boolean;
  demoPassword: string;
  publicUrl: string;
  sessionTtlMinutes: number;
  sessionIdleMinutes: number;
  cookieSecure: boolean;
  lockoutThreshold: number;
  lockoutBaseSeconds: number;
  bodyLimitBytes: number;
  trustProxy: boolean | number | string;
  agencyCodePattern: RegExp;
  oidc?: { issuer: string; clientId: string; clientSecret?: string; allowHttp: boolean };
  logLevel: string;
  dossierCodePattern: string;
  dueSoonHours: number;
  filesDir: string;
  maxFileBytes: number;
  maxDossierBytes: number;
  /** PKCS#12 used to sign results: `<dir>/<agency code>.p12` if present, else `p12`. */
  signing: { p12?: string; dir?: string; password: string };
  /** PEM file of trusted CA certificates for signature verification. */
  trustedCa?: string;
  /** The adapter behind each port (src/platform/ports). */
  adapters: {
    blobStore: 'fs';
    signer: 'p12';
    notifier: 'recording';
    payments: 'simulated' | 'vnpay' | 'dvcqg' | 'recording';
    nationalPortal: 'recording' | 'dvcqg';
    postal: 'recording' | 'vnpost';
  };
  outbox: { maxBackoffSeconds: number };
  /** The DVCQG adapter's settings (undefined unless MOTCUA_DVCQG_URL is set). */
  dvcqg?: {
    baseUrl: string; username: string; password: string; systemCode: string; authPath: string; servicePath: string; systemCodeHeader: string; sessionHeader: string; sessionPrefix: string; timeoutMs: number;
    tokenRequest?: { username: string; password: string }; tokenAnswer?: string; services?: Partial<Record<string, string>>;
  };
  notifications: NotificationSettings;
  payments: PaymentSettings;
  /** Satisfaction ratings: days the rater may change a rating after first giving it (MOTCUA_RATING_EDIT_DAYS). */
  ratingEditDays: number;
  /** Days the integration adapters' HTTP exchanges are kept (integration_exchanges; MOTCUA_EXCHANGE_KEEP_DAYS). */
  exchangeKeepDays: number;
  /** Days an Idempotency-Key and its stored answer are kept (MOTCUA_IDEMPOTENCY_KEEP_DAYS). */
  idempotencyKeepDays: number;
  /** Days a staged upload of a citizen or of the national portal may wait to be attached (MOTCUA_STAGED_UPLOAD_KEEP_DAYS). */
  stagedUploadKeepDays: number;
  /** The postal service: the province's VNPost customer code (also on simulated orders) and the adapter's settings. */
  postal: { customerCode: string; senderTel?: string; callbackSecret?: string; vnpost?: { baseUrl: string; customerKey: string; secretKey: string; tokenHeader: string; timeoutMs: number } };
  citizens: CitizenSettings;
  /** MOTCUA_BACKUP_KEY decoded (32 bytes); unset = backups are not encrypted. */
  backupKey?: Buffer;
  /** Scheduled backups (MOTCUA_BACKUP_DIR and friends); unset = none. */
  backupSchedule?: BackupSchedule;
  /** MOTCUA_ALERT_EMAIL: extra recipients of operator alerts, lower case. */
  alertEmails: string[];
}

export interface BackupSchedule {
  dir: string;
  /** Local time of day, HH:MM. */
  at: string;
  keepDays: number;
  fullEveryDays: number;
  /** Restore drill (verify) after each scheduled backup. */
  verify: boolean;
}

export interface PaymentSettings {
  /** The gateway's base URL (simulated: unset = motcua's own /_sim/thanh-toan). */
  url?: string;
  /** VNPay's merchant web API (querydr, refund). */
  apiUrl?: string;
  merchant: string;
  /** Never sent to a browser. The simulated gateway gets a random one per process when unset. */
  secret: string;
  /**
   * The agencies' merchant secrets by reference (payment_accounts.secret_ref): MOTCUA_PAYMENT_SECRET_<REF>.
   * Only the reference is stored in the database; the secret stays in the configuration.
   */
  secrets: Record<string, string>;
  dvcqgVersion: string;
  /** A callback whose transaction time is further than this from now is refused (replays). */
  callbackWindowMinutes: number;
  /** A payment still pending after this long is asked about (the status query job). */
  queryAfterMinutes: number;
}

export interface NotificationSettings {
  /** SMTP server; without it e-mails go to the built-in sink (nothing leaves the machine). */
  smtpUrl?: string;
  mailFrom: string;
  /** Envelope sender (Return-Path) that receives bounces. */
  bounceAddress?: string;
  /** Inbound SMTP listener (host:port) for the bounces sent to bounceAddress. */
  bounceListen?: string;
  /** Envelope sender per message (bounces+<message id>@…) so every bounce names its message. */
  bounceVerp: boolean;
  /** SMSC; without it SMS go to the built-in sink. */
  smppUrl?: string;
  smsBrandname?: string;
  /** No SMS between these local times (minutes after midnight, Asia/Ho_Chi_Minh) except sign-in codes; null = none. */
  quietHours: { startMinute: number; endMinute: number } | null;
}

export interface CitizenSettings {
  sessionTtlMinutes: number;
  sessionIdleMinutes: number;
  codeMinutes: number;
  codeMaxTries: number;
  /** A new code for the same address no sooner than this (the page's resend countdown). */
  codeResendSeconds: number;
  codesPerAddressPerHour: number;
  codesPerClientPerHour: number;
  oidc?: {
    issuer: string;
    clientId: string;
    clientSecret?: string;
    scopes: string;
    acrValues?: string;
    /** Default: <public URL>/api/v1/citizen/oidc/callback. */
    redirectUri?: string;
    allowHttp: boolean;
    label: string;
    idNumberClaim: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (value: ${JSON.stringify(withoutPassword(env[String(i.path[0])]))})`));
  }
  const e = parsed.data;
  let agencyCodePattern: RegExp;
  try {
    agencyCodePattern = new RegExp(e.MOTCUA_AGENCY_CODE_PATTERN);
  } catch {
    throw new ConfigError([`MOTCUA_AGENCY_CODE_PATTERN: not a valid regular expression`]);
  }
  if (e.MOTCUA_CITIZEN_OIDC_ISSUER && !e.MOTCUA_CITIZEN_OIDC_CLIENT_ID) {
    throw new ConfigError(['MOTCUA_CITIZEN_OIDC_CLIENT_ID: required when MOTCUA_CITIZEN_OIDC_ISSUER is set']);
  }
  if (e.MOTCUA_OIDC_ISSUER && !e.MOTCUA_OIDC_CLIENT_ID) {
    throw new ConfigError(['MOTCUA_OIDC_CLIENT_ID: required when MOTCUA_OIDC_ISSUER is set']);
  }
  if ((e.MOTCUA_MAIL_BOUNCE_LISTEN || e.MOTCUA_MAIL_BOUNCE_VERP === 'true') && !e.MOTCUA_MAIL_BOUNCE) {
    throw new ConfigError(['MOTCUA_MAIL_BOUNCE: required with MOTCUA_MAIL_BOUNCE_LISTEN or MOTCUA_MAIL_BOUNCE_VERP (the address bounces come back to)']);
  }
  if (e.MOTCUA_NATIONAL_PORTAL === 'dvcqg') {
    const missing = (['MOTCUA_DVCQG_URL', 'MOTCUA_DVCQG_USERNAME', 'MOTCUA_DVCQG_PASSWORD', 'MOTCUA_DVCQG_SYSTEM_CODE'] as const).filter((k) => !e[k]);
    if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required with MOTCUA_NATIONAL_PORTAL=dvcqg`));
  }
  const profile = e.MOTCUA_DVCQG_PROFILE ? lgspProfiles().get(e.MOTCUA_DVCQG_PROFILE) : undefined;
  if (e.MOTCUA_DVCQG_PROFILE && !profile) throw new ConfigError([`MOTCUA_DVCQG_PROFILE: no configuration ${e.MOTCUA_DVCQG_PROFILE} (one of: ${[...lgspProfiles().keys()].join(', ')})`]);
  if (e.MOTCUA_POSTAL === 'vnpost') {
    const missing = (['MOTCUA_VNPOST_URL', 'MOTCUA_VNPOST_CUSTOMER_CODE', 'MOTCUA_VNPOST_CUSTOMER_KEY', 'MOTCUA_VNPOST_SECRET_KEY'] as const).filter((k) => !e[k]);
    if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required with MOTCUA_POSTAL=vnpost`));
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.MOTCUA_DATA_DIR,
    templateDir: e.MOTCUA_TEMPLATE_DIR === 'off' ? null : (e.MOTCUA_TEMPLATE_DIR ?? DEFAULT_TEMPLATE_DIR),
    workers: e.MOTCUA_WORKERS,
    // demo data is on by default only with the embedded database
    demo: e.MOTCUA_DEMO ?? !e.DATABASE_URL,
    demoPassword: e.MOTCUA_DEMO_PASSWORD,
    publicUrl: (e.MOTCUA_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    sessionTtlMinutes: e.MOTCUA_SESSION_TTL_MINUTES,
    sessionIdleMinutes: e.MOTCUA_SESSION_IDLE_MINUTES,
    cookieSecure: e.MOTCUA_COOKIE_SECURE,
    lockoutThreshold: e.MOTCUA_LOCKOUT_THRESHOLD,
    lockoutBaseSeconds: e.MOTCUA_LOCKOUT_BASE_SECONDS,
    bodyLimitBytes: e.MOTCUA_BODY_LIMIT_BYTES,
    trustProxy: trustProxy(e.MOTCUA_TRUST_PROXY),
    agencyCodePattern,
    oidc: e.MOTCUA_OIDC_ISSUER
      ? { issuer: e.MOTCUA_OIDC_ISSUER, clientId: e.MOTCUA_OIDC_CLIENT_ID!, clientSecret: e.MOTCUA_OIDC_CLIENT_SECRET, allowHttp: e.MOTCUA_OIDC_ALLOW_HTTP }
      : undefined,
    logLevel: e.LOG_LEVEL,
    dossierCodePattern: e.MOTCUA_DOSSIER_CODE_PATTERN,
    dueSoonHours: e.MOTCUA_DUE_SOON_HOURS,
    filesDir: e.MOTCUA_FILES_DIR,
    maxFileBytes: e.MOTCUA_MAX_FILE_BYTES,
    maxDossierBytes: e.MOTCUA_MAX_DOSSIER_BYTES,
    signing: { p12: e.MOTCUA_SIGNING_P12, dir: e.MOTCUA_SIGNING_DIR, password: e.MOTCUA_SIGNING_PASSWORD ?? '' },
    trustedCa: e.MOTCUA_TRUSTED_CA,
    adapters: {
      blobStore: e.MOTCUA_BLOB_STORE,
      signer: e.MOTCUA_SIGNER,
      notifier: e.MOTCUA_NOTIFIER,
      payments: e.MOTCUA_PAYMENT_GATEWAY,
      nationalPortal: e.MOTCUA_NATIONAL_PORTAL,
      postal: e.MOTCUA_POSTAL,
    },
    outbox: { maxBackoffSeconds: e.MOTCUA_OUTBOX_MAX_BACKOFF_SECONDS },
    dvcqg: e.MOTCUA_DVCQG_URL
      ? {
          baseUrl: e.MOTCUA_DVCQG_URL, username: e.MOTCUA_DVCQG_USERNAME ?? '', password: e.MOTCUA_DVCQG_PASSWORD ?? '', systemCode: e.MOTCUA_DVCQG_SYSTEM_CODE ?? '',
          authPath: e.MOTCUA_DVCQG_AUTH_PATH, servicePath: e.MOTCUA_DVCQG_SERVICE_PATH, systemCodeHeader: e.MOTCUA_DVCQG_SYSTEM_CODE_HEADER,
          sessionHeader: e.MOTCUA_DVCQG_SESSION_HEADER, sessionPrefix: e.MOTCUA_DVCQG_SESSION_PREFIX, timeoutMs: e.MOTCUA_DVCQG_TIMEOUT_MS,
          ...(profile ? profileSettings(profile) : {}),
        }
      : undefined,
    notifications: {
      smtpUrl: e.MOTCUA_SMTP_URL,
      mailFrom: e.MOTCUA_MAIL_FROM,
      bounceAddress: e.MOTCUA_MAIL_BOUNCE,
      bounceListen: e.MOTCUA_MAIL_BOUNCE_LISTEN,
      bounceVerp: e.MOTCUA_MAIL_BOUNCE_VERP === 'true',
      smppUrl: e.MOTCUA_SMPP_URL,
      smsBrandname: e.MOTCUA_SMS_BRANDNAME,
      // set but empty (MOTCUA_SMS_QUIET_HOURS=) means no quiet hours; unset means the default
      quietHours: quietHours(env.MOTCUA_SMS_QUIET_HOURS === undefined ? '21:00-07:00' : (e.MOTCUA_SMS_QUIET_HOURS ?? 'none')),
    },
    payments: paymentSettings(e, stripEmpty(env)),
    ratingEditDays: e.MOTCUA_RATING_EDIT_DAYS,
    exchangeKeepDays: e.MOTCUA_EXCHANGE_KEEP_DAYS,
    idempotencyKeepDays: e.MOTCUA_IDEMPOTENCY_KEEP_DAYS,
    stagedUploadKeepDays: e.MOTCUA_STAGED_UPLOAD_KEEP_DAYS,
    postal: {
      customerCode: e.MOTCUA_VNPOST_CUSTOMER_CODE ?? 'MOTCUA',
      senderTel: e.MOTCUA_POSTAL_SENDER_TEL?.replace(/[ .-]/g, ''),
      callbackSecret: e.MOTCUA_VNPOST_CALLBACK_SECRET,
      vnpost: e.MOTCUA_VNPOST_URL
        ? { baseUrl: e.MOTCUA_VNPOST_URL, customerKey: e.MOTCUA_VNPOST_CUSTOMER_KEY ?? '', secretKey: e.MOTCUA_VNPOST_SECRET_KEY ?? '', tokenHeader: e.MOTCUA_VNPOST_TOKEN_HEADER, timeoutMs: 15_000 }
        : undefined,
    },
    citizens: {
      sessionTtlMinutes: e.MOTCUA_CITIZEN_SESSION_TTL_MINUTES,
      sessionIdleMinutes: e.MOTCUA_CITIZEN_SESSION_IDLE_MINUTES,
      codeMinutes: e.MOTCUA_CITIZEN_CODE_MINUTES,
      codeMaxTries: e.MOTCUA_CITIZEN_CODE_MAX_TRIES,
      codeResendSeconds: e.MOTCUA_CITIZEN_CODE_RESEND_SECONDS,
      codesPerAddressPerHour: e.MOTCUA_CITIZEN_CODES_PER_ADDRESS_PER_HOUR,
      codesPerClientPerHour: e.MOTCUA_CITIZEN_CODES_PER_CLIENT_PER_HOUR,
      oidc: e.MOTCUA_CITIZEN_OIDC_ISSUER
        ? {
            issuer: e.MOTCUA_CITIZEN_OIDC_ISSUER,
            clientId: e.MOTCUA_CITIZEN_OIDC_CLIENT_ID!,
            clientSecret: e.MOTCUA_CITIZEN_OIDC_CLIENT_SECRET,
            scopes: e.MOTCUA_CITIZEN_OIDC_SCOPES,
            acrValues: e.MOTCUA_CITIZEN_OIDC_ACR_VALUES,
            redirectUri: e.MOTCUA_CITIZEN_OIDC_REDIRECT_URI,
            allowHttp: e.MOTCUA_CITIZEN_OIDC_ALLOW_HTTP,
            label: e.MOTCUA_CITIZEN_OIDC_LABEL,
            idNumberClaim: e.MOTCUA_CITIZEN_OIDC_ID_NUMBER_CLAIM,
          }
        : undefined,
    },
    backupKey: e.MOTCUA_BACKUP_KEY === undefined ? undefined : backupKey(e.MOTCUA_BACKUP_KEY),
    backupSchedule: e.MOTCUA_BACKUP_DIR
      ? { dir: e.MOTCUA_BACKUP_DIR, at: e.MOTCUA_BACKUP_AT, keepDays: e.MOTCUA_BACKUP_KEEP_DAYS, fullEveryDays: e.MOTCUA_BACKUP_FULL_EVERY_DAYS, verify: e.MOTCUA_BACKUP_VERIFY === 'true' }
      : undefined,
    alertEmails: (e.MOTCUA_ALERT_EMAIL ?? '').split(',').map((a) => a.trim().toLowerCase()).filter(Boolean),
  };
}

/** MOTCUA_PAYMENT_SECRET_<REF> settings: a payment account's secret, by the reference it stores. */
export const PAYMENT_SECRET_PREFIX = 'MOTCUA_PAYMENT_SECRET_';
export const PAYMENT_SECRET_REF = /^[A-Z0-9_]{1,40}$/;

function paymentSecrets(env: Record<string, string>, problems: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith(PAYMENT_SECRET_PREFIX)) continue;
    const ref = k.slice(PAYMENT_SECRET_PREFIX.length);
    if (!PAYMENT_SECRET_REF.test(ref)) problems.push(`${k}: the reference after ${PAYMENT_SECRET_PREFIX} must be A-Z, 0-9 or _ (at most 40)`);
    else if (v.length < 8) problems.push(`${k}: at least 8 characters`);
    else out[ref] = v;
  }
  return out;
}

function paymentSettings(e: z.infer<typeof ConfigSchema>, env: Record<string, string>): PaymentSettings {
  const g = e.MOTCUA_PAYMENT_GATEWAY;
  const problems: string[] = [];
  const secrets = paymentSecrets(env, problems);
  if ((g === 'vnpay' || g === 'dvcqg') && !e.MOTCUA_PAYMENT_URL) problems.push(`MOTCUA_PAYMENT_URL: required with MOTCUA_PAYMENT_GATEWAY=${g}`);
  if ((g === 'vnpay' || g === 'dvcqg') && !e.MOTCUA_PAYMENT_SECRET) problems.push(`MOTCUA_PAYMENT_SECRET: required with MOTCUA_PAYMENT_GATEWAY=${g}`);
  if (g === 'vnpay' && !e.MOTCUA_PAYMENT_API_URL) problems.push('MOTCUA_PAYMENT_API_URL: required with MOTCUA_PAYMENT_GATEWAY=vnpay (querydr, refund)');
  if (problems.length) throw new ConfigError(problems);
  return {
    url: e.MOTCUA_PAYMENT_URL?.replace(/\/$/, ''),
    apiUrl: e.MOTCUA_PAYMENT_API_URL,
    merchant: e.MOTCUA_PAYMENT_MERCHANT,
    secret: e.MOTCUA_PAYMENT_SECRET ?? randomBytes(32).toString('hex'),
    secrets,
    dvcqgVersion: e.MOTCUA_PAYMENT_DVCQG_VERSION,
    callbackWindowMinutes: e.MOTCUA_PAYMENT_CALLBACK_WINDOW_MINUTES,
    queryAfterMinutes: e.MOTCUA_PAYMENT_QUERY_AFTER_MINUTES,
  };
}

/** A URL's password never goes into an error message or a log (MOTCUA_SMTP_URL, MOTCUA_SMPP_URL, DATABASE_URL). */
function withoutPassword(v: string | undefined): string | undefined {
  return v?.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

function quietHours(v: string): NotificationSettings['quietHours'] {
  const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(v);
  if (!m) return null;
  const startMinute = Number(m[1]) * 60 + Number(m[2]);
  const endMinute = Number(m[3]) * 60 + Number(m[4]);
  return startMinute === endMinute ? null : { startMinute, endMinute };
}

/** 64 hex digits or the base64 of 32 bytes. */
export function backupKey(v: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : /^[A-Za-z0-9+/]{43}=?$/.test(v) ? Buffer.from(v, 'base64') : undefined;
  if (!key || key.length !== 32) throw new ConfigError(['MOTCUA_BACKUP_KEY: must be 32 bytes, as 64 hex digits or base64 (openssl rand -base64 32)']);
  return key;
}

function trustProxy(v: string | undefined): boolean | number | string {
  if (v === undefined || /^(false|no|0)$/i.test(v)) return false;
  if (/^(true|yes)$/i.test(v)) return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

/** Treat `VAR=` like an unset variable, as shells and .env files often produce it. */
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

/** The national-portal client's settings a province configuration gives. */
export function profileSettings(p: LgspProfile) {
  const { authPath, servicePath, systemCodeHeader, sessionHeader, sessionPrefix, tokenRequest, tokenAnswer, services } = p;
  return { authPath, servicePath, systemCodeHeader, sessionHeader, sessionPrefix, tokenRequest, tokenAnswer, services };
}
