// What any receipt (form 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả) says of a dossier's filing — the
// checklist, fees, legal time, delivery — read once, here: the reception response (presenters.receipt) and the
// printed form (documents/forms/form-01-receipt.ts) both use it. Pure: no I/O, no clock.

/** A line of the receipt's checklist. */
export interface ReceiptComponent {
  name: string;
  form: 'original' | 'certified' | 'copy';
  copies: number;
  digitised: boolean;
  reused: boolean;
}

/** A component of the filing as reception stores it. */
export interface FilingComponent {
  name: string;
  form?: ReceiptComponent['form'];
  copies?: number;
  fileId?: string;
  reusedFrom?: string;
  provided?: boolean;
}

export interface FilingFee {
  name?: string;
  amountVnd?: number | null;
  text?: string;
}

export interface FilingDelivery {
  method: string;
  address?: { line?: string } | null;
}

/** The parts of a dossier's filing (dossiers.filing) a receipt reads. */
export interface ReceiptFiling {
  components?: FilingComponent[];
  fees?: FilingFee[];
  legalLimitHours?: number | null;
  sameDay?: boolean;
  delivery?: FilingDelivery;
}

/** A stored file of the dossier, as far as the checklist needs it. */
export interface ReceiptFile {
  id: string;
  reused_from?: string | null;
  from_citizen_store?: boolean;
}

export interface ReceiptFacts {
  /** The components handed in (provided !== false), with digitised / reused flags. */
  components: ReceiptComponent[];
  fees: FilingFee[];
  legalTime: { hours: number | null; sameDay: boolean };
  delivery: FilingDelivery;
}

export function receiptFacts(filing: ReceiptFiling, files: readonly ReceiptFile[]): ReceiptFacts {
  const components = (filing.components ?? [])
    .filter((c) => c.provided !== false)
    .map((c): ReceiptComponent => {
      const f = files.find((x) => x.id === c.fileId);
      return { name: c.name, form: c.form ?? 'copy', copies: c.copies ?? 1, digitised: !!f || !!c.fileId, reused: !!c.reusedFrom || !!f?.reused_from || !!f?.from_citizen_store };
    });
  const hours = typeof filing.legalLimitHours === 'number' ? filing.legalLimitHours : null;
  return {
    components,
    fees: filing.fees ?? [],
    legalTime: { hours, sameDay: !!filing.sameDay },
    delivery: filing.delivery ?? { method: 'counter' },
  };
}
