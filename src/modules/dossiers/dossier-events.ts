// GET /dossiers/{code}/events: the event log with the names of people and steps (ids are internal).
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { userNames } from '../org/org.read.js';
import { processById } from '../workflow/workflow.service.js';
import { findStep } from '../workflow/process.js';
import type { DossierEvent } from '../workflow/state-machine.js';
import { visibleDossier } from './access.js';
import * as repo from './dossiers.repo.js';

export async function getEvents(ctx: AppContext, p: Principal, ref: string) {
  const row = await visibleDossier(ctx, p, ref);
  const events = await repo.listEvents(ctx.db, row.id);
  // the log shows who acted and to whom a dossier went by name, never by id
  const people = (e: DossierEvent) => [e.actor.userId, e.assigneeId, e.payload.userId as string | undefined, e.payload.assigneeId as string | undefined];
  const names = await userNames(ctx.db, events.flatMap(people));
  const process = await processById(ctx.db, row.process_id);
  const stepName = (key: string | null) => (key ? findStep(process.definition, key) : undefined);
  return {
    items: events.map((e) => ({
      ...e,
      actorName: names.get(e.actor.userId) ?? null,
      assigneeName: (e.assigneeId && names.get(e.assigneeId)) || null,
      stepNameVi: stepName(e.stepKey)?.nameVi ?? null,
      stepNameEn: stepName(e.stepKey)?.nameEn ?? null,
    })),
    total: events.length,
  };
}
