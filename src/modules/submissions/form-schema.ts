// The e-form of a procedure as a JSON Schema (draft-07, what ajv and @rjsf validate by default), generated
// from the catalogue: who applies (a person or an organisation, and the representative when acting for
// another), the case (trường hợp) and the components (thành phần hồ sơ) of that case, one upload each, with
// the copies the catalogue asks for. A case's required papers are required only when that case is chosen
// (if/then per case), so one schema serves every case. Admins may add the procedure's own fields under
// `extra` (form-extension.ts). Pure: no I/O.
import type { ProcedureCase } from '../catalog/component-cases.js';

export interface FormComponent {
  id: string;
  name: string;
  originals: number;
  certifiedCopies: number;
  copies: number;
}

export interface FormProcedure {
  code: string;
  name: string;
  components: FormComponent[];
  cases: ProcedureCase[];
}

export interface FormExtension {
  version: number;
  properties: Record<string, unknown>;
  required: string[];
}

export type JsonSchema = Record<string, unknown>;

/** Limits mirror the desk's applicant rules (dossiers/applicant-text.ts) so a valid e-form is a valid reception. */
const NAME = { type: 'string', minLength: 1, maxLength: 100 };
const LINE = { type: 'string', minLength: 1, maxLength: 300 };
const CITIZEN_ID = { type: 'string', pattern: '^\\d{12}$', title: 'Số định danh cá nhân' };
const PHONE = { type: 'string', pattern: '^(\\+84|0)[0-9 .]{8,13}$', title: 'Số điện thoại' };
const EMAIL = { type: 'string', format: 'email', maxLength: 254, title: 'Thư điện tử' };

const ADDRESS: JsonSchema = {
  type: 'object',
  title: 'Địa chỉ',
  required: ['line', 'communeCode'],
  properties: {
    line: { ...LINE, title: 'Số nhà, đường, thôn/xóm' },
    communeCode: { type: 'string', pattern: '^\\d{5}$', title: 'Mã xã/phường' },
  },
};

const APPLICANT: JsonSchema = {
  type: 'object',
  title: 'Người nộp hồ sơ',
  required: ['kind', 'fullName'],
  properties: {
    kind: { type: 'string', enum: ['individual', 'organisation'], title: 'Cá nhân hay tổ chức', default: 'individual' },
    fullName: { ...NAME, title: 'Họ và tên' },
    idNumber: CITIZEN_ID,
    birthDate: { type: 'string', format: 'date', title: 'Ngày sinh' },
    phone: PHONE,
    email: EMAIL,
    address: ADDRESS,
    organisation: {
      type: 'object',
      title: 'Tổ chức',
      required: ['name'],
      properties: {
        name: { ...LINE, title: 'Tên tổ chức' },
        taxCode: { type: 'string', pattern: '^\\d{10}(-\\d{3})?$', title: 'Mã số thuế' },
      },
    },
  },
  allOf: [
    { if: { type: 'object', properties: { kind: { const: 'individual' } } }, then: { type: 'object', required: ['idNumber'] } },
    { if: { type: 'object', properties: { kind: { const: 'organisation' } }, required: ['kind'] }, then: { type: 'object', required: ['organisation'] } },
  ],
};

const REPRESENTATIVE: JsonSchema = {
  type: 'object',
  title: 'Người đại diện / được ủy quyền',
  required: ['fullName', 'idNumber', 'authorisationDocument'],
  properties: {
    fullName: { ...NAME, title: 'Họ và tên' },
    idNumber: CITIZEN_ID,
    phone: PHONE,
    email: EMAIL,
    authorisationDocument: { ...LINE, title: 'Văn bản ủy quyền (số, ngày)' },
  },
};

/** Shared parts of every e-form, compiled once by the validator and inlined for the browser (selfContained). */
const PART_ID = 'motcua:form-part:';
const PART_DEFINITIONS: Record<string, JsonSchema> = {
    address: ADDRESS,
    applicant: APPLICANT,
    representative: REPRESENTATIVE,
    component: {
      type: 'object',
      required: ['fileId'],
      properties: {
        fileId: { type: 'string', minLength: 1, maxLength: 200 },
        copies: { type: 'integer', minimum: 0, maximum: 100 },
        // what the upload answered, kept for the review page
        name: { type: 'string', maxLength: 300 },
        size: { type: 'integer', minimum: 0 },
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      },
      additionalProperties: false,
    },
    delivery: {
      type: 'object',
      title: 'Nhận kết quả',
      required: ['method'],
      properties: { method: { type: 'string', enum: ['counter', 'post', 'online'], default: 'online' }, address: ADDRESS },
      if: { type: 'object', properties: { method: { const: 'post' } }, required: ['method'] },
      then: { type: 'object', required: ['method', 'address'] },
    },
};
/** Each part is a root schema of its own: ajv compiles a root once, but a fragment of one again for every referrer. */
export const FORM_PARTS: JsonSchema[] = Object.entries(PART_DEFINITIONS).map(([name, schema]) => ({ $id: `${PART_ID}${name}`, ...schema }));
const part = (name: string) => ({ $ref: `${PART_ID}${name}` });

/** The schema with the shared parts under its own `definitions` (what @rjsf resolves: local refs only). */
export function selfContained(schema: JsonSchema): JsonSchema {
  const text = JSON.stringify(schema).replaceAll(`"${PART_ID}`, '"#/definitions/');
  return { ...(JSON.parse(text) as JsonSchema), definitions: PART_DEFINITIONS };
}

/** One upload per component (a shared part, so a procedure of 40 papers compiles as fast as one of 2). */
function componentSchema(c: FormComponent): JsonSchema {
  return { ...part('component'), title: c.name };
}

/** The components a case lists, and which of them it requires. */
export function caseChecklist(proc: Pick<FormProcedure, 'cases'>, caseKey: string): { ids: string[]; required: string[] } {
  const c = proc.cases.find((x) => x.key === caseKey);
  if (!c) return { ids: [], required: [] };
  return { ids: c.components.map((x) => x.id), required: c.components.filter((x) => x.required).map((x) => x.id) };
}

function componentsInSomeCase(proc: FormProcedure): FormComponent[] {
  const listed = new Set(proc.cases.flatMap((c) => c.components.map((x) => x.id)));
  return proc.components.filter((c) => listed.has(c.id));
}

/** Per case: its required papers; papers of other cases are not accepted in it. */
function caseRules(proc: FormProcedure): JsonSchema[] {
  return proc.cases.map((c) => {
    const { ids, required } = caseChecklist(proc, c.key);
    return {
      if: { type: 'object', properties: { caseKey: { const: c.key } }, required: ['caseKey'] },
      then: { type: 'object', properties: { components: { type: 'object', required, propertyNames: ids.length > 0 ? { enum: ids } : false } } },
    };
  });
}

export function extraSchema(ext: FormExtension | null): JsonSchema | null {
  if (!ext || Object.keys(ext.properties).length === 0) return null;
  return { type: 'object', title: 'Thông tin riêng của thủ tục', properties: ext.properties, required: ext.required, additionalProperties: false };
}

/** The whole e-form. `additionalProperties: false` everywhere the citizen types, so nothing unknown is stored. */
export function buildFormSchema(proc: FormProcedure, ext: FormExtension | null = null): JsonSchema {
  const components = componentsInSomeCase(proc);
  const extra = extraSchema(ext);
  const required = ['applicant', 'caseKey', 'components', 'receivingAgencyCode', ...(extra && ext!.required.length > 0 ? ['extra'] : [])];
  return {
    $id: `motcua:form:${proc.code}:${ext?.version ?? 0}`,
    type: 'object',
    title: proc.name,
    required,
    additionalProperties: false,
    properties: {
      receivingAgencyCode: { type: 'string', minLength: 1, maxLength: 40, title: 'Nơi tiếp nhận' },
      applicant: part('applicant'),
      actingForAnother: { type: 'boolean', title: 'Nộp thay / theo ủy quyền', default: false },
      representative: part('representative'),
      caseKey: {
        type: 'string',
        title: 'Trường hợp',
        enum: proc.cases.map((c) => c.key),
        ...(proc.cases.length === 1 ? { default: proc.cases[0]!.key } : {}),
      },
      components: {
        type: 'object',
        title: 'Thành phần hồ sơ',
        properties: Object.fromEntries(components.map((c) => [c.id, componentSchema(c)])),
        additionalProperties: false,
      },
      delivery: part('delivery'),
      ...(extra ? { extra } : {}),
    },
    allOf: [{ if: { type: 'object', properties: { actingForAnother: { const: true } }, required: ['actingForAnother'] }, then: { type: 'object', required: ['representative'] } }, ...caseRules(proc)],
  };
}

/** What the citizen's screen needs beside the schema: labels, the case checklists, copies, notes. */
export function formHints(proc: FormProcedure) {
  const byId = new Map(proc.components.map((c) => [c.id, c]));
  return {
    cases: proc.cases.map((c) => ({
      key: c.key,
      title: c.title,
      components: c.components.map((x) => {
        const k = byId.get(x.id)!;
        return { id: x.id, name: k.name, required: x.required, originals: k.originals, certifiedCopies: k.certifiedCopies, copies: k.copies };
      }),
    })),
  };
}
