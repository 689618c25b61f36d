// The e-form's sections rendered by @rjsf from the same JSON Schema the server validates with (the applicant,
// the representative, and the admins' own fields under `extra`, nested objects and arrays included), with the
// portal's own templates: a label tied to every input, large touch targets, errors under the field (linked by
// aria-describedby) and in Vietnamese / English (transformErrors). Only the lazy Submit chunk imports this file.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Form from '@rjsf/core';
import { Validator as JsonValidator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import {
  errorId, ariaDescribedByIds, englishStringTranslator, TranslatableString,
  type ArrayFieldItemTemplateProps, type ArrayFieldTemplateProps, type ErrorSchema, type FieldErrorProps, type FieldTemplateProps,
  type IconButtonProps, type ObjectFieldTemplateProps, type RJSFSchema, type RJSFValidationError, type UiSchema, type ValidatorType, type WidgetProps,
} from '@rjsf/utils';
import './schema-form.css';

/**
 * rjsf's validator port on @cfworker/json-schema, which interprets the schema: the portal's CSP has no
 * 'unsafe-eval', so ajv (which compiles schemas to JavaScript) cannot run in the browser. The server still
 * validates with ajv and the same schema (form-validate.ts); this check only helps the citizen earlier.
 */
const LEAF = new Set(['required', 'pattern', 'minLength', 'maxLength', 'format', 'type', 'enum', 'const', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'additionalProperties', 'propertyNames', 'false']);
const compiled = new WeakMap<object, JsonValidator>();
function jsonValidator(schema: RJSFSchema, root?: RJSFSchema): JsonValidator {
  const key = schema as object;
  let v = root === undefined || root === schema ? compiled.get(key) : undefined;
  if (!v) {
    const { $id: _id, ...rest } = schema as Record<string, unknown>;
    const withDefs = root && root !== schema && !rest.definitions ? { ...rest, definitions: root.definitions } : rest;
    v = new JsonValidator(withDefs as Schema, '7', false);
    if (root === undefined || root === schema) compiled.set(key, v);
  }
  return v;
}
const pointerToPath = (p: string) => p.replace(/^#/, '').split('/').filter(Boolean).map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~')).map((x) => `.${x}`).join('');
function toRjsfErrors(units: OutputUnit[]): RJSFValidationError[] {
  return units.filter((u) => LEAF.has(u.keyword)).map((u) => {
    let property = pointerToPath(u.instanceLocation);
    const params: Record<string, unknown> = {};
    const req = u.keyword === 'required' ? /required property "(.+)"/.exec(u.error) : null;
    if (req) { property += `.${req[1]}`; params.missingProperty = req[1]; }
    const num = /(-?\d+(?:\.\d+)?)\)?\.?$/.exec(u.error);
    if (num) params.limit = Number(num[1]);
    const fmt = /format "(.+)"/.exec(u.error);
    if (fmt) params.format = fmt[1];
    return { name: u.keyword, property, message: u.error, params, stack: `${property} ${u.error}`, schemaPath: u.keywordLocation };
  });
}
export const validator: ValidatorType = {
  validateFormData(formData, schema, _customValidate, transformErrors) {
    const r = jsonValidator(schema).validate(formData ?? {});
    let errors = r.valid ? [] : toRjsfErrors(r.errors);
    if (transformErrors) errors = transformErrors(errors);
    return { errors, errorSchema: errorSchemaOf(errors.map((e) => ({ path: e.property ?? '', message: e.message ?? '' })), null) };
  },
  isValid(schema, formData, rootSchema) {
    try { return jsonValidator(schema, rootSchema).validate(formData).valid; } catch { return false; }
  },
  rawValidation(schema, formData) {
    try { const r = jsonValidator(schema).validate(formData); return { errors: r.valid ? undefined : (r.errors as any[]) }; } catch (e) { return { validationError: e as Error }; }
  },
};
type T = (k: string, o?: Record<string, unknown>) => string;

/** One error of the e-form, wherever it comes from (the browser's check or the server's answer). */
export interface FormError { path: string; message: string }

/** `form.applicant.fullName` / `.applicant.fullName` → the element id rjsf gives that field (`applicant_fullName`). */
export function fieldIdOf(path: string): string {
  const parts = path.replace(/^form\./, '').replace(/^\./, '').replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  if (parts[0] === 'components' && parts[1]) return `up-${parts[1]}`;
  return parts.join('_');
}

/** Errors on `<root>.a.b` → `{ a: { b: { __errors: [...] } } }` for the section `root` (null: the whole form). */
export function errorSchemaOf(errors: FormError[], root: string | null): ErrorSchema {
  const out: Record<string, any> = {};
  for (const e of errors) {
    const parts = e.path.replace(/^form\./, '').replace(/^\./, '').replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
    if (root !== null && parts[0] !== root) continue;
    let node = out;
    for (const p of root === null ? parts : parts.slice(1)) node = node[p] ??= {};
    (node.__errors ??= []).push(e.message);
  }
  return out as ErrorSchema;
}

/** The browser's check of the whole e-form with the form's own schema; messages in the page's language. */
export function validateForm(schema: RJSFSchema, values: unknown, t: T): FormError[] {
  const { errors } = validator.validateFormData(values, schema, undefined, (errs) => translateErrors(errs, t));
  const seen = new Set<string>();
  return errors
    .filter((e) => e.name !== 'propertyNames' && e.name !== 'additionalProperties' && e.name !== 'false')
    .map((e) => ({ path: e.property ?? '', message: e.message ?? '' }))
    .filter((e) => !seen.has(e.path) && (seen.add(e.path), true));
}

function translateErrors(errors: RJSFValidationError[], t: T): RJSFValidationError[] {
  return errors.map((e) => {
    const p = (e.params ?? {}) as Record<string, unknown>;
    const key = `sf.${e.name}`;
    const msg = e.name === 'required' && /^\.components\./.test(e.property ?? '') ? t('submit.missingFile')
      : e.name === 'format' ? t(`sf.format_${String(p.format)}`, { defaultValue: t('sf.format') }) : t(key, { ...p, defaultValue: t('sf.invalid') });
    // rjsf puts a missing property on its own path: `.applicant` + `fullName`
    return { ...e, message: msg, stack: msg };
  });
}

const vnToIso = (s: string) => {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
};
const isoToVn = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}` : typeof v === 'string' ? v : '');

/** Dates typed dd/mm/yyyy, stored yyyy-mm-dd (what `format: date` checks); what cannot be read is kept as typed. */
function VnDateWidget({ id, value, required, disabled, readonly, onChange, onBlur, onFocus, autofocus }: WidgetProps) {
  const [text, setText] = useState(isoToVn(value));
  useEffect(() => setText(isoToVn(value)), [value]);
  return (
    <input id={id} name={id} value={text} placeholder="dd/mm/yyyy" inputMode="numeric" required={required} disabled={disabled || readonly} autoFocus={autofocus}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={(e) => { setText(e.target.value); const iso = vnToIso(e.target.value); onChange(iso ?? (e.target.value === '' ? undefined : e.target.value)); }}
      onBlur={() => onBlur(id, value)} onFocus={() => onFocus(id, value)} />
  );
}

function FieldTemplate({ id, label, children, errors, help, description, hidden, required, displayLabel, rawErrors, schema }: FieldTemplateProps) {
  if (hidden) return <div hidden>{children}</div>;
  if (schema.type === 'object' || schema.type === 'array') return children;
  const bad = (rawErrors?.length ?? 0) > 0;
  return (
    <div className={`c-field${bad ? ' has-error' : ''}`}>
      {displayLabel && <span className="c-label-row"><label htmlFor={id}>{label}</label>{required && <span className="c-req" aria-hidden="true">*</span>}</span>}
      {displayLabel && description}
      {children}
      {errors}
      {help}
    </div>
  );
}

function FieldErrorTemplate({ errors, fieldPathId }: FieldErrorProps) {
  const list = (errors ?? []).filter(Boolean);
  if (list.length === 0) return null;
  return <span className="c-field-error" id={errorId(fieldPathId)}>{list.map((e, i) => <span key={i}>{e}</span>)}</span>;
}

function ObjectFieldTemplate({ title, properties, description, fieldPathId, required }: ObjectFieldTemplateProps) {
  if (!title) return <div id={fieldPathId.$id}>{description}{properties.filter((p) => !p.hidden).map((p) => <div key={p.name}>{p.content}</div>)}</div>;
  return (
    <fieldset className="c-fieldset" id={fieldPathId.$id}>
      {title && <legend>{title}{required && <span className="c-req" aria-hidden="true"> *</span>}</legend>}
      {description}
      {properties.filter((p) => !p.hidden).map((p) => <div key={p.name}>{p.content}</div>)}
    </fieldset>
  );
}

function ArrayFieldTemplate({ title, items, canAdd, onAddClick, fieldPathId, disabled, readonly, errorSchema }: ArrayFieldTemplateProps) {
  const { t } = useTranslation();
  const own = (errorSchema as any)?.__errors as string[] | undefined;
  return (
    <fieldset className="c-fieldset c-array" id={fieldPathId.$id}>
      {title && <legend>{title}</legend>}
      {items.length === 0 && <p className="c-hint">{t('sf.emptyArray')}</p>}
      {items}
      {own && own.length > 0 && <span className="c-field-error" id={errorId(fieldPathId)}>{own.join(' ')}</span>}
      {canAdd && <p><button type="button" className="c-button" onClick={onAddClick} disabled={disabled || readonly}>{t('sf.add', { what: title || '' }).trim()}</button></p>}
    </fieldset>
  );
}

function ArrayFieldItemTemplate({ children, buttonsProps, index, hasToolbar }: ArrayFieldItemTemplateProps) {
  const { t } = useTranslation();
  const b = buttonsProps;
  return (
    <div className="c-array-item" data-index={index}>
      {children}
      {hasToolbar && (
        <p className="c-actions">
          {b.hasMoveUp && <button type="button" className="c-button" onClick={b.onMoveUpItem} disabled={b.disabled || b.readonly}>{t('sf.up')}</button>}
          {b.hasMoveDown && <button type="button" className="c-button" onClick={b.onMoveDownItem} disabled={b.disabled || b.readonly}>{t('sf.down')}</button>}
          {b.hasRemove && <button type="button" className="c-button" onClick={b.onRemoveItem} disabled={b.disabled || b.readonly}>{t('sf.remove', { n: index + 1 })}</button>}
        </p>
      )}
    </div>
  );
}

const textButton = (key: string) => function Btn({ onClick, disabled }: IconButtonProps) {
  const { t } = useTranslation();
  return <button type="button" className="c-button" onClick={onClick} disabled={disabled}>{t(key)}</button>;
};

const templates = {
  FieldTemplate, FieldErrorTemplate, ObjectFieldTemplate, ArrayFieldTemplate, ArrayFieldItemTemplate,
  ButtonTemplates: {
    SubmitButton: () => null, AddButton: textButton('sf.add'), RemoveButton: textButton('sf.removeOne'), CopyButton: textButton('sf.copy'),
    MoveUpButton: textButton('sf.up'), MoveDownButton: textButton('sf.down'), ClearButton: textButton('sf.clear'),
  },
};
const widgets = { DateWidget: VnDateWidget };

/** One section of the e-form (`applicant`, `representative`, `extra`): the schema part with the form's definitions. */
export function SchemaSection({ name, schema, uiSchema, value, errors, onChange }: {
  name: string; schema: RJSFSchema; uiSchema?: UiSchema; value: unknown; errors: FormError[]; onChange: (v: unknown) => void;
}): ReactNode {
  const { t } = useTranslation();
  const translateString = (s: TranslatableString, params?: string[]) => {
    const vi = t(`sf.rjsf.${s}`, { defaultValue: '' });
    return vi || englishStringTranslator(s, params);
  };
  return (
    <div data-section={name}>
      <Form
        schema={schema} uiSchema={{ 'ui:submitButtonOptions': { norender: true }, ...uiSchema }} formData={value ?? {}} validator={validator}
        templates={templates} widgets={widgets} idPrefix={name} showErrorList={false} noHtml5Validate translateString={translateString}
        extraErrors={errorSchemaOf(errors, name)} tagName="div"
        experimental_defaultFormStateBehavior={{ emptyObjectFields: 'skipEmptyDefaults' }}
        onChange={(e) => { if (JSON.stringify(e.formData ?? {}) !== JSON.stringify(value ?? {})) onChange(e.formData); }}
      />
    </div>
  );
}
