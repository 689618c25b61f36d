// Plain messages for the validation issues an officer meets at a form: a field left empty, a text too long,
// and the schemas' own checks (custom issues carrying { code, messageVi, messageEn } in their params).
// zod's locale texts ("Quá lớn: mong đợi string có <=200 ký tự") are kept for the rest.

export interface PlainIssue {
  code: string;
  messageVi: string;
  messageEn: string;
}

interface Issue {
  keyword: string;
  params: Record<string, unknown>;
}

/** The own check of a schema (see `ownIssue`), or a plain text for length issues; undefined otherwise. */
export function plainIssue({ keyword, params }: Issue): PlainIssue | undefined {
  const own = (params.params ?? undefined) as Partial<PlainIssue> | undefined;
  if (keyword === 'custom' && own?.code && own.messageVi && own.messageEn) {
    return { code: own.code, messageVi: own.messageVi, messageEn: own.messageEn };
  }
  const origin = params.origin;
  if (keyword === 'too_big' && origin === 'string') {
    return { code: 'too_big', messageVi: `Tối đa ${params.maximum} ký tự`, messageEn: `At most ${params.maximum} characters` };
  }
  if (keyword === 'too_small' && origin === 'string') {
    return Number(params.minimum) <= 1
      ? { code: 'too_small', messageVi: 'Không được để trống', messageEn: 'Must not be empty' }
      : { code: 'too_small', messageVi: `Ít nhất ${params.minimum} ký tự`, messageEn: `At least ${params.minimum} characters` };
  }
  if (keyword === 'too_big' && origin === 'array') {
    return { code: 'too_big', messageVi: `Tối đa ${params.maximum} mục`, messageEn: `At most ${params.maximum} items` };
  }
  return undefined;
}

/** The params of a custom zod issue that `plainIssue` renders as given. */
export const ownIssue = (code: string, messageVi: string, messageEn: string) => ({ code: 'custom' as const, message: messageEn, params: { code, messageVi, messageEn } });
