// The procedure's own fields an administrator adds to its e-form (e.g. "Tên dự kiến đặt cho trẻ"), as JSON
// Schema properties. Only a small set of keywords that describe data is accepted: no $ref (nothing fetched),
// no $id / $defs, no regex over 200 characters, at most 40 fields three levels deep, so an extension can
// neither reach outside the form nor make validation slow. Pure: returns the field errors, never throws.
import type { FieldError } from '../../platform/errors.js';
import { newAjv } from './form-validate.js';

const SAFE_KEYWORDS = new Set([
  'type', 'title', 'description', 'enum', 'const', 'default', 'examples',
  'minLength', 'maxLength', 'pattern', 'format',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'items', 'minItems', 'maxItems', 'uniqueItems',
  'properties', 'required', 'additionalProperties',
]);
const SAFE_FORMATS = new Set(['date', 'email']);
const SAFE_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);
export const EXTENSION_LIMITS = { fields: 40, depth: 3, patternLength: 200, nameLength: 60 } as const;
const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,59}$/;

type Err = (path: string, code: string, vi: string, en: string) => void;

function checkNode(node: unknown, path: string, depth: number, err: Err, count: { n: number }): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    err(path, 'EXTENSION_NOT_SCHEMA', 'Mỗi trường phải là một lược đồ JSON (đối tượng)', 'Each field must be a JSON Schema object');
    return;
  }
  if (depth > EXTENSION_LIMITS.depth) {
    err(path, 'EXTENSION_TOO_DEEP', `Lồng quá ${EXTENSION_LIMITS.depth} cấp`, `Nested deeper than ${EXTENSION_LIMITS.depth} levels`);
    return;
  }
  const s = node as Record<string, unknown>;
  for (const k of Object.keys(s)) {
    if (!SAFE_KEYWORDS.has(k)) err(`${path}.${k}`, 'EXTENSION_KEYWORD_NOT_ALLOWED', `Từ khóa không được phép: ${k}`, `Keyword not allowed: ${k}`);
  }
  if (s.type !== undefined && !(typeof s.type === 'string' && SAFE_TYPES.has(s.type))) {
    err(`${path}.type`, 'EXTENSION_TYPE', 'Kiểu trường không hợp lệ', 'Not a field type');
  }
  if (s.format !== undefined && !SAFE_FORMATS.has(String(s.format))) {
    err(`${path}.format`, 'EXTENSION_FORMAT', 'Chỉ dùng định dạng date hoặc email', 'Only the formats date and email are allowed');
  }
  if (typeof s.pattern === 'string' && s.pattern.length > EXTENSION_LIMITS.patternLength) {
    err(`${path}.pattern`, 'EXTENSION_PATTERN_LONG', 'Biểu thức mẫu quá dài', 'The pattern is too long');
  }
  if (s.additionalProperties !== undefined && typeof s.additionalProperties !== 'boolean') {
    err(`${path}.additionalProperties`, 'EXTENSION_KEYWORD_NOT_ALLOWED', 'additionalProperties chỉ nhận true/false', 'additionalProperties must be true or false');
  }
  if (s.items !== undefined) checkNode(s.items, `${path}.items`, depth + 1, err, count);
  if (s.properties !== undefined) checkProperties(s.properties, `${path}.properties`, depth + 1, err, count);
}

function checkProperties(props: unknown, path: string, depth: number, err: Err, count: { n: number }): void {
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    err(path, 'EXTENSION_NOT_SCHEMA', 'properties phải là một đối tượng', 'properties must be an object');
    return;
  }
  for (const [name, sub] of Object.entries(props)) {
    count.n++;
    if (!FIELD_NAME.test(name)) err(`${path}.${name}`, 'EXTENSION_FIELD_NAME', 'Tên trường chỉ gồm chữ Latinh, số, _ và bắt đầu bằng chữ', 'A field name is Latin letters, digits and _, starting with a letter');
    checkNode(sub, `${path}.${name}`, depth, err, count);
  }
}

/** Field errors of an extension (empty when it may be stored); it must also compile as a schema. */
export function checkExtension(input: { properties: Record<string, unknown>; required: string[] }, prefix = 'body'): FieldError[] {
  const errors: FieldError[] = [];
  const err: Err = (path, code, vi, en) => errors.push({ path, code, messageVi: vi, messageEn: en });
  const count = { n: 0 };
  checkProperties(input.properties, `${prefix}.properties`, 1, err, count);
  if (count.n > EXTENSION_LIMITS.fields) err(`${prefix}.properties`, 'EXTENSION_TOO_MANY', `Quá ${EXTENSION_LIMITS.fields} trường`, `More than ${EXTENSION_LIMITS.fields} fields`);
  input.required.forEach((r, i) => {
    if (!(r in input.properties)) err(`${prefix}.required.${i}`, 'EXTENSION_REQUIRED_UNKNOWN', `Trường bắt buộc "${r}" không được khai báo`, `Required field "${r}" is not declared`);
  });
  if (errors.length === 0) {
    try {
      newAjv().compile({ type: 'object', properties: input.properties, required: input.required });
    } catch (e) {
      err(`${prefix}.properties`, 'EXTENSION_INVALID', `Lược đồ không hợp lệ: ${(e as Error).message.slice(0, 200)}`, `Not a valid schema: ${(e as Error).message.slice(0, 200)}`);
    }
  }
  return errors;
}
