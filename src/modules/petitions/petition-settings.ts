// The petition deadlines and limits (table petition_settings, one row seeded by migration 0027): pure parse
// with the legal defaults (ND 20/2008, domain-vn §7 "5.1–5.3"), so a broken row never breaks filing.
import { z } from 'zod';

const days = (d: number) => z.number().int().min(1).max(90).catch(d).default(d);
const count = (d: number) => z.number().int().min(1).max(10_000).catch(d).default(d);

export const PetitionSettings = z.object({
  /** Working days to handle (answer) an accepted petition. */
  handleDays: days(15),
  /** Working days to refuse (không thụ lý) a petition. */
  refuseDays: days(2),
  /** Working days to ask the petitioner for more information. */
  moreInfoDays: days(5),
  /** Working days to publish or send the answer. */
  publishDays: days(2),
  /** Working days to answer a question about a procedure. */
  questionDays: days(5),
  /** Online petitions (and questions) per citizen account in 24 hours. */
  perCitizenPerDay: count(5),
  /** Online petitions (and questions) per network address in 24 hours. */
  perIpPerDay: count(20),
});
export type PetitionSettings = z.infer<typeof PetitionSettings>;

export function parseSettings(raw: unknown): PetitionSettings {
  return PetitionSettings.parse(raw && typeof raw === 'object' ? raw : {});
}
