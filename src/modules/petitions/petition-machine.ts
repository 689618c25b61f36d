// The petition lifecycle (phản ánh, kiến nghị; ND 20/2008) as a pure state machine: which action is allowed
// in which status and where it leads. No I/O; the use cases check here before they write.
//
//   received ──assign──▶ assigned ──answer──▶ answered ──publish / send──▶ published ──rate──▶ rated
//      │  ▲                 │  │ reassign
//      │  └──supplement──┐  │  ▼
//      ├──request_info──▶ info_requested ◀──request_info── (assigned)
//      └──refuse──▶ refused            (info_requested ──refuse──▶ refused)

export const PETITION_STATUSES = ['received', 'info_requested', 'refused', 'assigned', 'answered', 'published', 'rated'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/** What officials do (over HTTP as /petitions/{code}/actions/{action}). */
export const OFFICIAL_ACTIONS = ['assign', 'refuse', 'request_info', 'answer', 'publish'] as const;
export type OfficialAction = (typeof OFFICIAL_ACTIONS)[number];
/** What the petitioner does. */
export type CitizenAction = 'supplement' | 'rate';
export type PetitionAction = OfficialAction | CitizenAction;

const NEXT: Record<PetitionAction, Partial<Record<PetitionStatus, PetitionStatus>>> = {
  assign: { received: 'assigned', assigned: 'assigned' },
  refuse: { received: 'refused', info_requested: 'refused' },
  request_info: { received: 'info_requested', assigned: 'info_requested' },
  supplement: { info_requested: 'received' },
  answer: { assigned: 'answered' },
  publish: { answered: 'published' },
  rate: { published: 'rated' },
};

/** The status after `action`, or null when the action is not allowed in `from`. */
export function nextStatus(from: PetitionStatus, action: PetitionAction): PetitionStatus | null {
  return NEXT[action][from] ?? null;
}

/** The actions allowed in a status (for the screens' buttons). */
export function allowedActions(from: PetitionStatus): PetitionAction[] {
  return (Object.keys(NEXT) as PetitionAction[]).filter((a) => NEXT[a][from] !== undefined);
}

/** A status no action leaves. */
export const isFinal = (s: PetitionStatus): boolean => allowedActions(s).length === 0;

/** The petition was handled: answered (and maybe published/rated since). Refused petitions are not handled. */
export const isAnswered = (s: PetitionStatus): boolean => s === 'answered' || s === 'published' || s === 'rated';
