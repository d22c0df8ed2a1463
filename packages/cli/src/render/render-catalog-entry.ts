import { type CatalogEntry, countOf } from '@conn/sdk';
import type { Output } from '../output';
import { supportPhrase } from './support-phrase';

/**
 * One connector of `conn connectors`: name and key, whether it can be
 * connected here, its next step, and what the owner already holds of it.
 *
 * @example
 * renderCatalogEntry(out, entry);
 * // GitHub (github): ready to connect
 * //   Next step: Enter your GitHub personal access token
 * //   You have: 1 active · 7 records
 */
export function renderCatalogEntry(out: Output, entry: CatalogEntry): string[] {
  const { plan, holdings } = entry;
  const lines = [
    `${out.style('bold', plan.connector.name)} (${plan.connector.key}): ${supportPhrase(plan.support_state)}`,
  ];
  if (plan.next_step.kind !== 'none') lines.push(`  Next step: ${plan.next_step.label}`);
  // Nothing to do here: say why, so "not available" is never the whole answer.
  else lines.push(`  ${plan.support_reason}`);
  const held = [
    ...Object.entries(holdings.connections)
      .filter(([, count]) => count !== undefined && count > 0)
      .map(([status, count]) => `${count} ${status.replace(/_/g, ' ')}`),
    ...(holdings.pending > 0 ? [`${holdings.pending} pending`] : []),
  ];
  if (held.length > 0) {
    lines.push(
      out.style('dim', `  You have: ${held.join(', ')} · ${countOf(holdings.records, 'records')}`),
    );
  }
  return lines;
}
