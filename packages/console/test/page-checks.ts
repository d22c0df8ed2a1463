import { createRequire } from 'node:module';
import * as vocabulary from '@conn/setup-engine';
import type { Page } from 'playwright-core';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

/**
 * Raw vocabulary values an owner must never read as copy: every snake_case
 * value of the engine's lists (single words like "active" are plain English).
 */
export const rawValues = [
  ...new Set(
    (Object.values(vocabulary) as unknown[])
      .filter((value): value is unknown[] => Array.isArray(value))
      .flat()
      .filter((value): value is string => typeof value === 'string' && value.includes('_')),
  ),
];
const forbidden: { name: string; pattern: RegExp }[] = [
  ...rawValues.map((value) => ({
    name: `raw value ${value}`,
    pattern: new RegExp(`\\b${value}\\b`),
  })),
  { name: 'environment variable', pattern: /\bCONN_[A-Z_]+/ },
  { name: 'checkout command', pattern: /\bpnpm\s|\bnode apps\/|\bpackages\// },
];

/** What one check of a page found. */
export interface PageFindings {
  copy: string[];
  accessibility: string[];
  overflow: boolean;
}

/**
 * Checks the page as it stands: its copy, shown or behind a disclosure (no raw vocabulary, no
 * `CONN_` names, no source-checkout commands), axe-core's serious and
 * critical violations, and no horizontal scrolling at the viewport's width.
 */
export async function checkPage(page: Page): Promise<PageFindings> {
  const text = await page.evaluate(() => document.body.textContent ?? '');
  const copy = forbidden
    .filter(({ pattern }) => pattern.test(text))
    .map(({ name }) => `${name} on ${page.url()}`);
  // Evaluated through the DevTools protocol, so the page's CSP still forbids inline script.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
          ) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.nodes.length})`);
  });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth + 1,
  );
  return {
    copy,
    accessibility: violations.map((violation) => `${violation} on ${page.url()}`),
    overflow,
  };
}
