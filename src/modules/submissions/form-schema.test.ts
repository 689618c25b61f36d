// Every record of the bundled catalogue and the 18 common procedures: its e-form compiles, an example filled
// from the schema passes, and leaving out a required paper of the chosen case fails on that paper's path.
import { describe, expect, it } from 'vitest';
import { parseRecords, readRecords, referenceCatalog } from '../catalog/catalog.import.js';
import { casesOf } from '../catalog/component-cases.js';
import type { ParsedProcedure } from '../catalog/catalog.parse.js';
import { buildFormSchema, caseChecklist, type FormProcedure } from './form-schema.js';
import { compileForm, formErrors } from './form-validate.js';
import { checkExtension } from './form-extension.js';

function formProcedure(p: ParsedProcedure): FormProcedure {
  const components = p.components.map((c, i) => ({ id: `k${i}`, name: c.name, required: c.required, group: c.group ?? null, originals: c.originals, copies: c.copies, certifiedCopies: c.certifiedCopies }));
  return { code: p.code, name: p.name, components, cases: casesOf(components).cases };
}

function example(proc: FormProcedure, caseKey: string): Record<string, unknown> {
  const { ids } = caseChecklist(proc, caseKey);
  return {
    receivingAgencyCode: '000.11.01.H56',
    applicant: { kind: 'individual', fullName: 'Nguyễn Thị Bích Ngọc', idNumber: '038190012345', birthDate: '1990-05-01', phone: '0912345678' },
    caseKey,
    components: Object.fromEntries(ids.map((id) => [id, { fileId: `f-${id}`, copies: 1 }])),
    delivery: { method: 'online' },
  };
}

const catalog = referenceCatalog().parsed;
const common = parseRecords(readRecords(new URL('../../../reference-data/tthc/tthc_sample_18_common.json', import.meta.url).pathname), 'national');

describe('e-form of every catalogue procedure', () => {
  for (const [label, set] of [
    ['bundled catalogue', catalog],
    ['18 common procedures', common],
  ] as const) {
    it(`${label}: compiles, a valid example passes, a missing required paper fails on its path`, () => {
      expect(set.length).toBeGreaterThan(label === 'bundled catalogue' ? 100 : 17);
      let withRequired = 0;
      for (const p of set) {
        const proc = formProcedure(p);
        const validate = compileForm(buildFormSchema(proc));
        for (const c of proc.cases) {
          const data = example(proc, c.key);
          expect(formErrors(validate, data), `${p.code} ${c.key}`).toEqual([]);
          const { required } = caseChecklist(proc, c.key);
          if (required.length === 0) continue;
          withRequired++;
          const missing = required[0]!;
          delete (data.components as Record<string, unknown>)[missing];
          const errs = formErrors(validate, data);
          expect(errs.map((e) => e.path), `${p.code} ${c.key}`).toContain(`form.components.${missing}`);
          expect(errs.find((e) => e.path === `form.components.${missing}`)!.code).toBe('COMPONENT_REQUIRED');
        }
      }
      expect(withRequired).toBeGreaterThan(set.length / 2);
    }, 240_000); // 2,849 schemas compiled by ajv: about 25 s on a shared 2-core machine
  }

  it('refuses a paper of another case and a bad citizen ID, each on its field', () => {
    const p = common.find((x) => formProcedure(x).cases.length > 1) ?? catalog.find((x) => formProcedure(x).cases.length > 1)!;
    const proc = formProcedure(p);
    const validate = compileForm(buildFormSchema(proc));
    const [a, b] = proc.cases;
    const foreign = caseChecklist(proc, b!.key).ids.find((id) => !caseChecklist(proc, a!.key).ids.includes(id))!;
    const data = example(proc, a!.key) as { components: Record<string, unknown>; applicant: Record<string, unknown> };
    data.components[foreign] = { fileId: 'x' };
    data.applicant.idNumber = '12';
    const paths = formErrors(validate, data).map((e) => e.path);
    expect(paths).toContain(`form.components.${foreign}`);
    expect(paths).toContain('form.applicant.idNumber');
  });

  it('an organisation needs its details, acting for another needs the representative', () => {
    const proc = formProcedure(common[0]!);
    const validate = compileForm(buildFormSchema(proc));
    const data = { ...example(proc, proc.cases[0]!.key), applicant: { kind: 'organisation', fullName: 'Trần Văn An' }, actingForAnother: true };
    const errs = formErrors(validate, data);
    expect(errs.map((e) => e.path)).toEqual(expect.arrayContaining(['form.applicant.organisation', 'form.representative']));
    expect(errs[0]!.messageVi).toMatch(/Bắt buộc/);
  });

  it("an admin's extension fields are validated under extra", () => {
    const proc = formProcedure(common[0]!);
    const ext = { version: 3, properties: { childName: { type: 'string', title: 'Tên dự kiến của trẻ', maxLength: 100 } }, required: ['childName'] };
    expect(checkExtension(ext)).toEqual([]);
    const validate = compileForm(buildFormSchema(proc, ext));
    const data = example(proc, proc.cases[0]!.key);
    expect(formErrors(validate, data).map((e) => e.path)).toContain('form.extra');
    expect(formErrors(validate, { ...data, extra: { childName: 'Minh An' } })).toEqual([]);
    expect(formErrors(validate, { ...data, extra: { childName: 'Minh An', other: 1 } }).map((e) => e.path)).toContain('form.extra.other');
  });
});

describe('extension keywords', () => {
  it('accepts only safe keywords and formats, names the offending path', () => {
    const errs = checkExtension({
      properties: {
        a: { type: 'string', $ref: 'http://example.org/x' },
        b: { type: 'string', format: 'uri' },
        c: { type: 'object', properties: { d: { type: 'string', pattern: 'x'.repeat(300) } } },
        'bad name': { type: 'string' },
      },
      required: ['zzz'],
    });
    expect(errs.map((e) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        ['body.properties.a.$ref', 'EXTENSION_KEYWORD_NOT_ALLOWED'],
        ['body.properties.b.format', 'EXTENSION_FORMAT'],
        ['body.properties.c.properties.d.pattern', 'EXTENSION_PATTERN_LONG'],
        ['body.properties.bad name', 'EXTENSION_FIELD_NAME'],
        ['body.required.0', 'EXTENSION_REQUIRED_UNKNOWN'],
      ]),
    );
  });
});
