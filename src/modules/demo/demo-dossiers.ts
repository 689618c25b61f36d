// Demo dossiers: a few hundred dossiers across the demo agencies (provincial centre + Sở Tư pháp, communes 1
// and 2) in every state, some late, some transferred between a commune and a department. They are made by
// the same service functions as real ones (receiveDossier / performAction / sweepDeadlines), with a manual
// clock moved through the past weeks, so every event, code and deadline is genuine. Deterministic (seeded
// random), idempotent (skipped when dossiers exist). Only for `motcua serve` / `motcua seed`.
import { readFileSync } from 'node:fs';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ManualClock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import * as orgRead from '../org/org.read.js';
import { countDossiers, performAction, receiveDossier, sweepDeadlines } from '../dossiers/dossiers.service.js';
import type { ReceiveInputBody } from '../dossiers/dossiers.schema.js';

const NAMES_DIR = new URL('../../../reference-data/names/', import.meta.url);
const SURNAMES: Array<[string, number]> = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5], ['Huỳnh', 2], ['Phan', 4.5], ['Vũ', 3.9],
  ['Võ', 2], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Lê', 1],
];
const STREETS = ['Lê Lợi', 'Trần Phú', 'Quang Trung', 'Bà Triệu', 'Hàm Nghi', 'Nguyễn Trãi', 'Lê Hoàn', 'Phan Chu Trinh'];

/** Province procedure of the justice field (15 working days) and a commune civil-status procedure (5). */
const PROV_PROC = '1.009832';
const COMMUNE_PROC = '1.000419';
const STP = '000.00.02.H56';

const HOUR = 3_600_000;
const TZ = 7 * HOUR;

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function readNames(file: string): string[] {
  return readFileSync(new URL(file, NAMES_DIR), 'utf8').split('\n').map((x) => x.trim()).filter(Boolean);
}

function surname(rnd: Rnd): string {
  const total = SURNAMES.reduce((a, [, w]) => a + w, 0);
  let x = rnd() * total;
  for (const [n, w] of SURNAMES) if ((x -= w) <= 0) return n;
  return 'Nguyễn';
}

/** Next office instant at or after t (Mon–Fri 07:30–17:00 local, lunch skipped). */
function office(t: number): number {
  for (;;) {
    const local = new Date(t + TZ);
    const wd = local.getUTCDay();
    const mins = local.getUTCHours() * 60 + local.getUTCMinutes();
    const midnight = t - (mins * 60_000 + local.getUTCSeconds() * 1000 + local.getUTCMilliseconds());
    if (wd === 0 || wd === 6 || mins >= 17 * 60) {
      t = midnight + 24 * HOUR + 7.5 * HOUR;
      continue;
    }
    if (mins < 7.5 * 60) return midnight + 7.5 * HOUR;
    if (mins >= 11.5 * 60 && mins < 13 * 60) return midnight + 13 * HOUR;
    return t;
  }
}

async function principalOf(ctx: AppContext, username: string): Promise<Principal> {
  const u = await orgRead.userByUsername(ctx.db, username);
  if (!u) throw new Error(`demo user ${username} missing`);
  return {
    kind: 'official',
    userId: u.id,
    username: u.username,
    fullName: u.full_name,
    assignments: await orgRead.assignmentsOf(ctx.db, u.id),
    authMethod: 'session',
  };
}

/** A step of a scenario, done between minHours (default 0.2) and maxHours wall-clock hours after the previous one. */
type Step = [user: string, action: string, payload?: Record<string, unknown>, maxHours?: number, minHours?: number];

interface Scenario {
  name: string;
  weight: number;
  desk: string;
  procedure: string;
  competent?: string;
  channel?: 1 | 2 | 3;
  outcome?: 'accept' | 'incomplete' | 'refuse' | 'register';
  steps: Step[];
}

const DOC = (n: number, date: string, signer: string) => ({ number: `${n}/QĐ`, date, signer });

function provincial(extra: Step[] = [], tail: Step[] = [], opts: { late?: boolean; tight?: boolean } = {}): Step[] {
  // wall-clock hours: 500 h ≈ 3 weeks > 15 working days; a tight handler uses most of the 15 working days, so
  // the result is recorded around the appointment day (some on the day, some a day early or late)
  const [handlerMin, handlerMax] = opts.late ? [0.2, 500] : opts.tight ? [365, 415] : [0.2, 40];
  return [
    ['demo.tiepnhan', 'forward', {}, 3],
    ['demo.chuyenvien', 'claim', {}, 6],
    ...extra,
    ['demo.chuyenvien', 'forward', {}, handlerMax, handlerMin],
    ['demo.lanhdao', 'claim', {}, 4],
    ['demo.lanhdao', 'approve', {}, 12],
    ['demo.vanthu', 'claim', {}, 2],
    ['demo.vanthu', 'record_result', { documents: '$DOC' }, 4],
    ['demo.traketqua', 'claim', {}, 8],
    ['demo.traketqua', 'return_result', { method: 'counter' }, 16],
    ...tail,
  ];
}

function commune(desk: 'demo.xa' | 'demo.xa2', extra: Step[] = []): Step[] {
  const handler = `${desk}.chuyenvien`;
  const leader = desk === 'demo.xa' ? 'demo.xa.lanhdao' : 'demo.xa2.chuyenvien';
  return [
    [`${desk}.tiepnhan`, 'forward', {}, 2],
    [handler, 'claim', {}, 4],
    ...extra,
    [handler, 'forward', {}, 16],
    [leader, 'claim', {}, 2],
    [leader, 'approve', {}, 4],
    [leader, 'claim', {}, 2],
    [leader, 'record_result', { documents: '$DOC' }, 2],
    [`${desk}.tiepnhan`, 'claim', {}, 4],
    [`${desk}.tiepnhan`, 'return_result', { method: 'counter' }, 8],
  ];
}

const SCENARIOS: Scenario[] = [
  { name: 'provincial', weight: 30, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP, steps: provincial() },
  { name: 'provincial-tight', weight: 8, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP, steps: provincial([], [], { tight: true }) },
  { name: 'provincial-late', weight: 8, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP, steps: provincial([], [], { late: true }) },
  {
    name: 'supplement', weight: 8, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP,
    steps: provincial([['demo.chuyenvien', 'request_supplement', { reason: 'Thiếu bản sao giấy tờ tùy thân', items: ['Bản sao CCCD'] }, 8], ['demo.tiepnhan', 'receive_supplement', {}, 40]]),
  },
  {
    name: 'payment', weight: 5, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP,
    steps: provincial([['demo.chuyenvien', 'request_payment', { amount: 200000, reason: 'Lệ phí' }, 8], ['demo.thuphi', 'confirm_payment', { amount: 200000, method: 'cash' }, 16]]),
  },
  {
    name: 'consult', weight: 4, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP,
    steps: provincial([['demo.chuyenvien', 'consult', { agencyCode: '000.11.00.H56', hours: 16, question: 'Xác nhận nơi cư trú' }, 6], ['demo.xa.chuyenvien', 'answer_consultation', { answer: 'Đã xác minh' }, 14]]),
  },
  {
    name: 'reject', weight: 4, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP,
    steps: [
      ['demo.tiepnhan', 'forward', {}, 3], ['demo.chuyenvien', 'claim', {}, 6], ['demo.chuyenvien', 'forward', {}, 40],
      ['demo.lanhdao', 'claim', {}, 4], ['demo.lanhdao', 'reject', { reason: 'Hồ sơ không đủ điều kiện theo quy định' }, 8],
      ['demo.traketqua', 'claim', {}, 8], ['demo.traketqua', 'return_result', { method: 'post', trackingNumber: 'EMS$N' }, 16],
    ],
  },
  {
    name: 'withdrawal', weight: 4, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP,
    steps: [['demo.tiepnhan', 'forward', {}, 3], ['demo.chuyenvien', 'claim', {}, 6], ['demo.tiepnhan', 'request_withdrawal', { reason: 'Công dân xin rút hồ sơ' }, 24], ['demo.tiepnhan', 'stop', { reason: 'Theo đề nghị của công dân' }, 4]],
  },
  {
    name: 'apology', weight: 4, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP,
    steps: provincial([['demo.lanhdao', 'apologize', { reason: 'Cần xác minh thêm với cơ quan liên quan', newDueAt: '$DUE+3D' }, 30]], [], { late: true }),
  },
  {
    name: 'waiting-supplement', weight: 3, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP,
    steps: [['demo.tiepnhan', 'forward', {}, 3], ['demo.chuyenvien', 'claim', {}, 6], ['demo.chuyenvien', 'request_supplement', { reason: 'Thiếu giấy tờ chứng minh', items: ['Giấy xác nhận'] }, 8]],
  },
  {
    name: 'waiting-payment', weight: 3, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP,
    steps: [['demo.tiepnhan', 'forward', {}, 3], ['demo.chuyenvien', 'claim', {}, 6], ['demo.chuyenvien', 'request_payment', { amount: 100000 }, 8]],
  },
  {
    name: 'withdrawal-requested', weight: 2, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP,
    steps: [['demo.tiepnhan', 'forward', {}, 3], ['demo.tiepnhan', 'request_withdrawal', { reason: 'Công dân đề nghị rút hồ sơ' }, 12]],
  },
  {
    // the handler never finishes: received in the first weeks, these are overdue today
    name: 'stuck', weight: 6, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP,
    steps: [['demo.tiepnhan', 'forward', {}, 3], ['demo.chuyenvien', 'claim', {}, 6]],
  },
  {
    name: 'stuck-commune', weight: 3, desk: 'demo.xa2.tiepnhan', procedure: COMMUNE_PROC,
    steps: [['demo.xa2.tiepnhan', 'forward', {}, 3]],
  },
  { name: 'refused', weight: 3, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP, outcome: 'refuse', steps: [] },
  { name: 'incomplete', weight: 3, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP, outcome: 'incomplete', steps: [] },
  { name: 'online', weight: 5, desk: 'demo.tiepnhan', procedure: PROV_PROC, competent: STP, channel: 2, outcome: 'register', steps: [['demo.tiepnhan', 'accept', {}, 10], ...provincial()] },
  { name: 'commune1', weight: 14, desk: 'demo.xa.tiepnhan', procedure: COMMUNE_PROC, steps: commune('demo.xa') },
  { name: 'commune2', weight: 10, desk: 'demo.xa2.tiepnhan', procedure: COMMUNE_PROC, steps: commune('demo.xa2') },
  {
    name: 'transfer', weight: 8, desk: 'demo.xa.tiepnhan', procedure: COMMUNE_PROC,
    steps: commune('demo.xa', [
      ['demo.xa.chuyenvien', 'transfer', { agencyCode: STP, hours: 16 }, 6],
      ['demo.chuyenvien', 'claim', {}, 6],
      ['demo.chuyenvien', 'return_transfer', { result: '$DOC' }, 14],
    ]),
  },
];

export interface DemoDossierOptions {
  count?: number;
  /** Weeks of history (default 6). */
  weeks?: number;
  seed?: number;
  /** Stops between dossiers when aborted (server shutdown). */
  signal?: AbortSignal;
}

/** Creates the demo dossiers unless some exist; returns how many were received. */
export async function seedDemoDossiers(ctx: AppContext, opts: DemoDossierOptions = {}): Promise<{ created: number; actions: number; failed: number }> {
  if ((await countDossiers(ctx.db)) > 0) return { created: 0, actions: 0, failed: 0 };
  const rnd = lcg(opts.seed ?? 20260701);
  const count = opts.count ?? 240;
  const realNow = ctx.clock.now().getTime();
  const start = realNow - (opts.weeks ?? 6) * 7 * 24 * HOUR;
  const clock = new ManualClock(new Date(start));
  const dctx: AppContext = { ...ctx, clock };
  const boys = readNames('boy.txt');
  const girls = readNames('girl.txt');
  const users = new Map<string, Principal>();
  const principal = async (name: string) => {
    let p = users.get(name);
    if (!p) users.set(name, (p = await principalOf(ctx, name)));
    return p;
  };
  const totalWeight = SCENARIOS.reduce((a, s) => a + s.weight, 0);
  const chooseScenario = () => {
    let x = rnd() * totalWeight;
    for (const s of SCENARIOS) if ((x -= s.weight) <= 0) return s;
    return SCENARIOS[0]!;
  };
  // reception instants, in order, spread over the working hours of the period
  // (moved a week back when the next opening is already in the future, e.g. on a weekend)
  const inPast = (t: number) => (t > realNow - HOUR ? t - 7 * 24 * HOUR : t);
  const times = Array.from({ length: count }, () => inPast(office(start + rnd() * (realNow - start - 2 * HOUR)))).sort((a, b) => a - b);
  let created = 0;
  let actions = 0;
  let failed = 0;
  for (const [i, at] of times.entries()) {
    if (opts.signal?.aborted) break;
    // every scenario at least once (the earliest dossiers), the rest by weight
    const sc = i < SCENARIOS.length ? SCENARIOS[i]! : chooseScenario();
    const female = rnd() < 0.5;
    const year = 1950 + Math.floor(rnd() * 55);
    const fullName = `${surname(rnd)} ${female ? (rnd() < 0.7 ? 'Thị ' : '') + pick(rnd, girls) : pick(rnd, boys)}`;
    const idNumber = `038${(year < 2000 ? 0 : 2) + (female ? 1 : 0)}${String(year % 100).padStart(2, '0')}${String(Math.floor(rnd() * 1e6)).padStart(6, '0')}`;
    const communeCode = sc.desk.startsWith('demo.xa2') ? '14758' : '14797';
    const body: ReceiveInputBody = {
      procedureCode: sc.procedure,
      channel: sc.channel ?? (rnd() < 0.1 ? 3 : 1),
      outcome: sc.outcome,
      competentAgencyCode: sc.competent,
      applicant: {
        kind: 'individual',
        fullName,
        idNumber,
        birthDate: `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`,
        gender: female ? 'female' : 'male',
        phone: `09${Math.floor(rnd() * 1e8).toString().padStart(8, '0')}`,
        address: { line: `${1 + Math.floor(rnd() * 200)} ${pick(rnd, STREETS)}`, communeCode, provinceCode: '38' },
      },
      components: [
        { name: 'Đơn đề nghị (theo mẫu)', provided: true, form: 'original', copies: 1 },
        { name: 'Bản sao Căn cước công dân', provided: true, form: 'copy', copies: 1 },
      ],
      delivery: { method: rnd() < 0.15 ? 'post' : 'counter' },
      reason: sc.outcome === 'refuse' ? 'Hồ sơ không thuộc thẩm quyền giải quyết' : sc.outcome === 'incomplete' ? 'Hồ sơ chưa đầy đủ thành phần' : undefined,
      items: sc.outcome === 'incomplete' ? ['Bản sao giấy khai sinh'] : undefined,
      submittedAt: sc.channel === 2 ? new Date(at - Math.floor(rnd() * 20) * HOUR).toISOString() : undefined,
    } as ReceiveInputBody;
    clock.set(new Date(at));
    let ref: string;
    let version: number;
    let dueAt: string | null;
    try {
      const r = await receiveDossier(dctx, await principal(sc.desk), body);
      ref = r.body.dossier.id;
      version = r.body.dossier.version;
      dueAt = r.body.dossier.dueAt;
      created++;
    } catch {
      failed++;
      continue;
    }
    let t = at;
    for (const [user, action, payload = {}, maxHours = 8, minHours = 0.2] of sc.steps) {
      t = office(t + (minHours + rnd() * (maxHours - minHours)) * HOUR);
      if (t >= realNow - HOUR) break; // still in progress today
      clock.set(new Date(t));
      const p = resolvePayload(payload, dueAt, i, t);
      try {
        const r = await performAction(dctx, await principal(user), ref, action, { version, payload: p });
        const d = (r.body as { dossier: { version: number; dueAt: string | null } }).dossier;
        version = d.version;
        dueAt = d.dueAt;
        actions++;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        failed++;
        break;
      }
    }
  }
  await sweepDeadlines(ctx, new Date(realNow));
  return { created, actions, failed };
}

function resolvePayload(p: Record<string, unknown>, dueAt: string | null, i: number, t: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const date = new Date(t + TZ).toISOString().slice(0, 10);
  for (const [k, v] of Object.entries(p)) {
    if (v === '$DOC') out[k] = [DOC(100 + i, date, 'Phạm Quốc Hưng')];
    else if (v === '$DUE+3D') out[k] = new Date((dueAt ? new Date(dueAt).getTime() : t) + 3 * 24 * HOUR).toISOString();
    else if (typeof v === 'string' && v.includes('$N')) out[k] = v.replace('$N', `${String(100000000 + i)}VN`);
    else out[k] = v;
  }
  return out;
}
