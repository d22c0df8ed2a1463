import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where the e2e run writes the console's screenshots for the README. */
export const screenshotDir = join(import.meta.dirname, '../../../docs/console');

// Screenshots change with every run (times, ids): only the screenshot script asks for them.
const wanted = process.env.CONSOLE_SCREENSHOTS === '1';

/**
 * Writes the page as it stands at 360 px and on a desktop
 * (`docs/console/<name>-360.png`, `<name>-desktop.png`), when the run was
 * started by `pnpm --filter @conn/console screenshots`; otherwise does nothing.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!wanted) return;
  mkdirSync(screenshotDir, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 360, height: 740 };
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: join(screenshotDir, `${name}-360.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(screenshotDir, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(viewport);
}
