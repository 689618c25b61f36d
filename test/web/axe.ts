// axe-core (through @axe-core/playwright) over a page: the serious and critical violations, one line each.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface AxeFinding { page: string; id: string; impact: string; nodes: number; help: string; targets: string[] }

/** Runs axe (WCAG 2.x A/AA and best practices) and returns the serious and critical findings. */
export async function seriousViolations(page: Page, name: string): Promise<AxeFinding[]> {
  const r = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: name, id: v.id, impact: v.impact!, nodes: v.nodes.length, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

export const describeFindings = (f: AxeFinding[]) => f.map((x) => `${x.page}: ${x.id} (${x.impact}, ${x.nodes} nodes) ${x.help} — ${x.targets.join(' | ')}`).join('\n');
