// The citizen-sweep job (pg-boss) with the ManualClock moved ahead: expired sign-in codes and ended sessions
// go, fresh ones stay; staged uploads of citizens and of the national portal (system:dvcqg) never attached to
// a dossier and older than MOTCUA_STAGED_UPLOAD_KEEP_DAYS go with their stored files; papers an open draft
// holds, papers attached to a dossier, and fresh uploads stay.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../helpers.js';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.js';
import { startDossierApp } from '../dossiers/fixtures.js';
import { startJobs, type Jobs } from '../../src/platform/jobs.js';
import { citizenSweepJob } from '../../src/modules/submissions/submissions.service.js';
import { uploadStagedByCitizen, uploadStagedBySystem } from '../../src/modules/documents/documents.service.js';
import { completeDraft, samplePdf, signInCitizen, type App } from './citizen-http.js';

const OLD = 'old.citizen@example.vn';
const FRESH = 'fresh.citizen@example.vn';
const DAY = 86_400_000;
let t: App;
let smtp: SmtpSink;
let jobs: Jobs | undefined;
let pdf: Buffer;
const filesDir = mkdtempSync(join(tmpdir(), 'motcua-sweep-files-'));

/** A PDF with its own bytes (a comment after %%EOF), so every upload has its own blob. */
const unique = (tag: string) => Buffer.concat([pdf, Buffer.from(`\n% ${tag} ${randomUUID()}\n`)]);
const src = (data: Buffer, name = 'giay-to.pdf') => ({ stream: Readable.from([data]), filename: name, declaredType: 'application/pdf' });
const citizenIdOf = async (email: string) => (await t.ctx.db.selectFrom('citizens').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
const fileRow = (id: string) => t.ctx.db.selectFrom('files').select(['id', 'sha256', 'dossier_id']).where('id', '=', id).executeTakeFirst();
const sessionsOf = async (citizenId: string) => (await t.ctx.db.selectFrom('citizen_sessions').select('id').where('citizen_id', '=', citizenId).execute()).length;
const challengesTo = async (address: string) => (await t.ctx.db.selectFrom('citizen_sign_in_challenges').select('id').where('address', '=', address).execute()).length;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startDossierApp({ MOTCUA_SMTP_URL: smtp.url, MOTCUA_FILES_DIR: filesDir, MOTCUA_STAGED_UPLOAD_KEEP_DAYS: '30' });
  pdf = await samplePdf(await t.login('demo.xa.tiepnhan'));
}, 120_000);
afterAll(async () => {
  await jobs?.stop();
  await t?.close();
  await smtp?.close();
  rmSync(filesDir, { recursive: true, force: true });
});

async function runSweep() {
  jobs ??= await startJobs(t.ctx, [citizenSweepJob], { pollingIntervalSeconds: 0.5 });
  const schedules = await jobs.boss.getSchedules();
  expect(schedules.find((s) => s.name === citizenSweepJob.name)?.cron).toBe(citizenSweepJob.cron);
  const id = await jobs.boss.send(citizenSweepJob.name, {});
  let job: any = null;
  for (let i = 0; i < 150; i++) {
    job = await jobs.boss.getJobById(citizenSweepJob.name, id!);
    if (job?.state === 'completed' || job?.state === 'failed') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(job?.state, JSON.stringify(job?.output)).toBe('completed');
  return job.output;
}

describe('citizen-sweep job', () => {
  it('what is stale goes, what is fresh or attached stays', async () => {
    // 31 days ago (the clock's start): a citizen signs in and leaves things behind
    const old: HttpClient = t.client();
    await signInCitizen(t, smtp, old, OLD);
    const oldId = await citizenIdOf(OLD);
    const inDraft = await completeDraft(old, pdf, OLD); // stays open: its papers are kept
    const draftFiles = Object.values((await old.get(`/api/v1/citizen/drafts/${inDraft.id}`)).body.form.components as Record<string, { fileId: string }>).map((c) => c.fileId);
    expect(draftFiles.length).toBeGreaterThan(0);
    const submitted = await completeDraft(old, pdf, OLD);
    const s = await old.post(`/api/v1/citizen/drafts/${submitted.id}/submit`, {});
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    const attached = (await t.ctx.db.selectFrom('files').select('id').where('dossier_id', '=', s.body.dossier.id).execute()).map((r) => r.id);
    expect(attached.length).toBeGreaterThan(0);
    const staleCitizen = await uploadStagedByCitizen(t.ctx, oldId, src(unique('stale citizen')), { purpose: 'supplement' });
    const stalePortal = await uploadStagedBySystem(t.ctx, 'system:dvcqg', src(unique('stale portal')), { purpose: 'component' });
    const staleSha = [(await fileRow(staleCitizen.id))!.sha256, (await fileRow(stalePortal.id))!.sha256];
    for (const sha of staleSha) expect(await t.ctx.blobStore.has(sha)).toBe(true);
    expect(await sessionsOf(oldId)).toBe(1);
    expect(await challengesTo(OLD)).toBe(1);

    // a month later: another citizen signs in now and uploads; the portal hands over a file now
    t.clock.advance(31 * DAY);
    const fresh = t.client();
    await signInCitizen(t, smtp, fresh, FRESH);
    const freshId = await citizenIdOf(FRESH);
    const freshCitizen = await uploadStagedByCitizen(t.ctx, freshId, src(unique('fresh citizen')), { purpose: 'supplement' });
    const freshPortal = await uploadStagedBySystem(t.ctx, 'system:dvcqg', src(unique('fresh portal')), { purpose: 'component' });
    // an official's staged upload is not the sweep's
    t.clock.advance(-40 * DAY);
    const desk = await t.login('demo.xa.tiepnhan');
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(unique('desk'))], { type: 'application/pdf' }), 'desk.pdf');
    const deskUp = await desk.request('POST', '/api/v1/files', fd);
    expect(deskUp.status, JSON.stringify(deskUp.body)).toBe(201);
    t.clock.advance(40 * DAY);

    const out = await runSweep();
    expect(out).toMatchObject({ stagedFiles: 2, blobs: 2 });

    // stale: gone, with their stored files
    expect(await fileRow(staleCitizen.id)).toBeUndefined();
    expect(await fileRow(stalePortal.id)).toBeUndefined();
    for (const sha of staleSha) expect(await t.ctx.blobStore.has(sha)).toBe(false);
    expect(await sessionsOf(oldId)).toBe(0);
    expect(await challengesTo(OLD)).toBe(0);
    expect((await old.get('/api/v1/citizen/drafts')).status).toBe(401);

    // fresh, held by an open draft, attached, or an official's: kept
    for (const id of [freshCitizen.id, freshPortal.id, deskUp.body.id, ...draftFiles, ...attached]) expect(await fileRow(id), id).toBeTruthy();
    for (const id of draftFiles) expect(await t.ctx.blobStore.has((await fileRow(id))!.sha256)).toBe(true);
    expect(await sessionsOf(freshId)).toBe(1);
    expect(await challengesTo(FRESH)).toBe(1);
    expect((await fresh.get('/api/v1/citizen/drafts')).status).toBe(200);

    // a second run finds nothing more
    expect(await runSweep()).toMatchObject({ stagedFiles: 0, blobs: 0, sessions: 0, challenges: 0 });
  }, 180_000);
});
