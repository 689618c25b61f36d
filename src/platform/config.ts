// Configuration from the environment, validated once at start.
import { z } from 'zod';

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  MOTCUA_DATA_DIR: z.string().min(1).default('./data'),
  MOTCUA_DEMO: bool.optional(),
  MOTCUA_DEMO_PASSWORD: z.string().min(8).default('motcua-demo'),
  MOTCUA_PUBLIC_URL: z.string().url().optional(),
  MOTCUA_SESSION_TTL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(8 * 60),
  MOTCUA_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  MOTCUA_COOKIE_SECURE: bool.default(false),
  MOTCUA_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  MOTCUA_LOCKOUT_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  MOTCUA_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  // QCVN 102:2016 agency code, e.g. 000.00.01.H22 (pattern configurable)
  MOTCUA_AGENCY_CODE_PATTERN: z.string().default('^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$'),
  MOTCUA_OIDC_ISSUER: z.string().url().optional(),
  MOTCUA_OIDC_CLIENT_ID: z.string().optional(),
  MOTCUA_OIDC_CLIENT_SECRET: z.string().optional(),
  MOTCUA_OIDC_ALLOW_HTTP: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  publicUrl: string;
  sessionTtlMinutes: number;
  sessionIdleMinutes: number;
  cookieSecure: boolean;
  lockoutThreshold: number;
  lockoutBaseSeconds: number;
  bodyLimitBytes: number;
  agencyCodePattern: RegExp;
  oidc?: { issuer: string; clientId: string; clientSecret?: string; allowHttp: boolean };
  logLevel: string;
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
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (value: ${JSON.stringify(env[String(i.path[0])])})`));
  }
  const e = parsed.data;
  let agencyCodePattern: RegExp;
  try {
    agencyCodePattern = new RegExp(e.MOTCUA_AGENCY_CODE_PATTERN);
  } catch {
    throw new ConfigError([`MOTCUA_AGENCY_CODE_PATTERN: not a valid regular expression`]);
  }
  if (e.MOTCUA_OIDC_ISSUER && !e.MOTCUA_OIDC_CLIENT_ID) {
    throw new ConfigError(['MOTCUA_OIDC_CLIENT_ID: required when MOTCUA_OIDC_ISSUER is set']);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.MOTCUA_DATA_DIR,
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
    agencyCodePattern,
    oidc: e.MOTCUA_OIDC_ISSUER
      ? { issuer: e.MOTCUA_OIDC_ISSUER, clientId: e.MOTCUA_OIDC_CLIENT_ID!, clientSecret: e.MOTCUA_OIDC_CLIENT_SECRET, allowHttp: e.MOTCUA_OIDC_ALLOW_HTTP }
      : undefined,
    logLevel: e.LOG_LEVEL,
  };
}

/** Treat `VAR=` like an unset variable, as shells and .env files often produce it. */
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
