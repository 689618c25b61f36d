// The components filed at reception, checked against the catalogue: a component may name a catalogue
// component by id (its name is taken from the catalogue) or be free text; a chosen case (trường hợp) limits
// the catalogue components to that case's checklist, and on acceptance every paper the case requires must be
// there. Pure: returns the resolved list or field errors, never throws.
import type { FieldError } from '../../platform/errors.js';
import type { ReceptionProcedure } from '../catalog/catalog.service.js';
import type { ReceiveInputBody } from './dossiers.schema.js';

type FiledIn = ReceiveInputBody['components'][number];
export type FiledComponent = Omit<FiledIn, 'name'> & { name: string };

const short = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function resolveComponents(
  proc: Pick<ReceptionProcedure, 'components' | 'cases'>,
  body: Pick<ReceiveInputBody, 'components' | 'caseKey'>,
  outcome: string,
): { components: FiledComponent[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fe = (path: string, code: string, vi: string, en: string) => errors.push({ path, code, messageVi: vi, messageEn: en });
  const byId = new Map(proc.components.map((c) => [c.id, c]));
  const chosen = body.caseKey === undefined ? undefined : proc.cases.find((c) => c.key === body.caseKey);
  if (body.caseKey !== undefined && !chosen) {
    fe('body.caseKey', 'CASE_UNKNOWN', `Thủ tục không có trường hợp "${body.caseKey}"`, `The procedure has no case "${body.caseKey}"`);
  }
  const inCase = chosen ? new Set(chosen.components.map((c) => c.id)) : null;
  const components: FiledComponent[] = [];
  body.components.forEach((c, i) => {
    const path = `body.components.${i}`;
    if (c.componentId !== undefined) {
      const known = byId.get(c.componentId);
      if (!known) {
        fe(`${path}.componentId`, 'COMPONENT_UNKNOWN', 'Thành phần hồ sơ không có trong danh mục của thủ tục', 'Not a component of this procedure in the catalogue');
        return;
      }
      if (inCase && !inCase.has(known.id)) {
        fe(`${path}.componentId`, 'COMPONENT_NOT_IN_CASE', `Thành phần không thuộc trường hợp đã chọn: ${short(known.name)}`, `The component is not part of the chosen case: ${short(known.name)}`);
        return;
      }
      components.push({ ...c, name: c.name ?? known.name });
    } else if (c.name === undefined) {
      fe(`${path}.name`, 'REQUIRED', 'Cần tên thành phần hồ sơ (hoặc chọn từ danh mục)', 'A component name (or a catalogue component) is required');
    } else components.push({ ...c, name: c.name });
  });
  if (chosen && outcome === 'accept' && errors.length === 0) {
    const provided = new Set(components.filter((c) => c.provided !== false && c.componentId).map((c) => c.componentId));
    const missing = chosen.components.filter((c) => c.required && !provided.has(c.id)).map((c) => short(byId.get(c.id)?.name ?? c.id, 60));
    if (missing.length > 0) {
      fe('body.components', 'REQUIRED_COMPONENT_MISSING', `Thiếu giấy tờ bắt buộc của trường hợp này: ${missing.join('; ')}`, `Required papers of this case are missing: ${missing.join('; ')}`);
    }
  }
  return { components, errors };
}
