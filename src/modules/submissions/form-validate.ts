// Validating an e-form with the schema the citizen's screen renders (ajv, draft-07), so the browser and the
// server agree. Errors are field errors on the JSON path (`form.applicant.idNumber`, `form.components.<id>`),
// in plain Vietnamese and English by keyword. Compiled schemas are cached by their $id (code + extension
// version), so a changed extension compiles anew. Pure apart from the cache.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FieldError } from '../../platform/errors.js';
import { FORM_PARTS, type JsonSchema } from './form-schema.js';

// ajv-formats is CommonJS with a default export
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv, formats: string[]) => Ajv;

export function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, inlineRefs: false });
  addFormats(ajv, ['date', 'email']);
  return ajv;
}

const ajv = newAjv().addSchema(FORM_PARTS);
const compiled = new Map<string, ValidateFunction>();

export function compileForm(schema: JsonSchema): ValidateFunction {
  const id = String(schema.$id ?? '');
  const hit = id ? compiled.get(id) : undefined;
  if (hit && hit.schema === schema) return hit;
  if (id) ajv.removeSchema(id);
  const fn = ajv.compile(schema);
  if (id) compiled.set(id, fn);
  return fn;
}

const KEYWORD_TEXT: Record<string, (e: ErrorObject) => [string, string]> = {
  required: () => ['Bắt buộc phải khai', 'This field is required'],
  minLength: () => ['Không được để trống', 'Must not be empty'],
  maxLength: (e) => [`Dài quá ${e.params.limit} ký tự`, `Longer than ${e.params.limit} characters`],
  pattern: () => ['Không đúng định dạng', 'Not in the expected format'],
  format: (e) => (e.params.format === 'date' ? ['Ngày không hợp lệ', 'Not a valid date'] : ['Thư điện tử không hợp lệ', 'Not a valid e-mail address']),
  enum: () => ['Giá trị không nằm trong danh sách được chọn', 'Not one of the allowed choices'],
  const: () => ['Giá trị không hợp lệ', 'Not an allowed value'],
  type: () => ['Kiểu dữ liệu không đúng', 'Wrong type of value'],
  additionalProperties: (e) => [`Trường không có trong biểu mẫu: ${e.params.additionalProperty}`, `Not a field of this form: ${e.params.additionalProperty}`],
  propertyNames: () => ['Giấy tờ không thuộc trường hợp đã chọn', 'A paper that is not part of the chosen case'],
  false: () => ['Giấy tờ không thuộc trường hợp đã chọn', 'A paper that is not part of the chosen case'],
  minimum: (e) => [`Không được nhỏ hơn ${e.params.limit}`, `Must be at least ${e.params.limit}`],
  maximum: (e) => [`Không được lớn hơn ${e.params.limit}`, `Must be at most ${e.params.limit}`],
};

const COMPONENT_REQUIRED: [string, string] = ['Thiếu giấy tờ bắt buộc của trường hợp này: cần tải lên', 'A required paper of this case is missing: upload it'];

/** `/components/abc` + missing `fileId` → `form.components.abc.fileId`; a missing property names itself. */
function pathOf(e: ErrorObject, prefix: string): string {
  const parts = e.instancePath.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') parts.push(String(e.params.missingProperty));
  if (e.keyword === 'additionalProperties') parts.push(String(e.params.additionalProperty));
  if (e.keyword === 'propertyNames' || e.keyword === 'false') {
    const name = e.params.propertyName ?? /\/([^/]+)$/.exec(e.instancePath)?.[1];
    if (name && parts[parts.length - 1] !== name) parts.push(String(name));
  }
  return [prefix, ...parts].join('.');
}

/** The e-form's errors as field errors; if/then wrappers (which only say "a branch failed") are dropped. */
export function formErrors(validate: ValidateFunction, data: unknown, prefix = 'form'): FieldError[] {
  if (validate(data)) return [];
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'allOf') continue;
    const path = pathOf(e, prefix);
    const key = `${path}|${e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const isComponent = e.keyword === 'required' && /^\/components$/.test(e.instancePath);
    const [vi, en] = isComponent ? COMPONENT_REQUIRED : (KEYWORD_TEXT[e.keyword]?.(e) ?? ['Giá trị không hợp lệ', 'Invalid value']);
    out.push({ path, code: isComponent ? 'COMPONENT_REQUIRED' : `FORM_${e.keyword.toUpperCase()}`, messageVi: vi, messageEn: en });
  }
  return out;
}
