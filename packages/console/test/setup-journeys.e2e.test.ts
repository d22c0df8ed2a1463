import { join } from 'node:path';
import { createBundledRegistry } from '@conn/connectors';
import { ConnClient } from '@conn/sdk';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ownerPassword,
  serverDialects,
  startTestServer,
  type TestServer,
} from '../../../apps/server/test/test-server';
import { type FakeGithub, startFakeGithub } from '../../connectors/test/github/fake-github';
import { chromiumPath } from './ensure-chromium';
import { checkPage, rawValues } from './page-checks';
import { screenshot } from './screenshots';

// A distinctive token: once submitted it must be nowhere in the page, its URL or its storage.
const CANARY = 'ghp_CANARYc4n4ryT0kenNeverLeaves0123456789';
const WRONG = 'ghp_wrongWRONGwrongWRONGwrongWRONG00000000';
const fixtures = join(import.meta.dirname, '../../connectors/test/fixtures');

let t: TestServer;
let github: FakeGithub;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** The copy, accessibility and 360-px checks of the page as it stands now. */
async function expectCleanPage(): Promise<void> {
  expect(await checkPage(page)).toEqual({ copy: [], accessibility: [], overflow: false });
}

/** The catalog card of one connector. */
function card(name: string) {
  return page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });
}

/** Opens the catalog, finds a connector by search and takes its one primary action. */
async function startSetup(name: string): Promise<void> {
  await page.goto(`${t.url}/console/add`);
  await page.getByLabel('Search sources').fill(name);
  const entry = card(name);
  await expect.poll(() => entry.count()).toBe(1);
  const connect = entry.getByRole('button', { name: `Connect ${name}` });
  if ((await connect.count()) === 1) {
    await connect.click();
  } else {
    // Not proven on this server yet: the attempt sits behind the advanced disclosure.
    await entry.getByText('Advanced: try an unproven attempt').click();
    await entry.getByRole('button', { name: `Try ${name} (unproven)` }).click();
  }
  await page.waitForURL(/\/console\/setup\/intents\//);
}

describe.each(await serverDialects())(
  'the owner console: the setup flow through the real server, in Chromium (%s)',
  (dialect) => {
    beforeAll(async () => {
      github = await startFakeGithub({ token: CANARY });
      t = await startTestServer({ dialect });
      browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
      context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
      page = await context.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await t?.dispose();
      await github?.close();
    });

    it('serves the console with a strict CSP, and redirects the old root links into it', async () => {
      const response = await page.goto(`${t.url}/console/`);
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response?.headers()['cache-control']).toBe('no-cache');
      expect(await page.locator('script:not([src])').count()).toBe(0);
      const asset = await page.locator('script[src]').getAttribute('src');
      const cached = await fetch(`${t.url}${asset}`);
      expect(cached.headers.get('cache-control')).toContain('immutable');

      const legacy = await fetch(`${t.url}/setup/intents/int_abc`, { redirect: 'manual' });
      expect(legacy.status).toBe(308);
      expect(legacy.headers.get('location')).toBe('/console/setup/intents/int_abc');
      const deep = await fetch(`${t.url}/console/connections/con_1/setup`);
      expect(deep.status).toBe(200);
      expect(await deep.text()).toContain('<div id="root">');
    });

    it('signs in with the owner password, by keyboard alone', async () => {
      await page.goto(`${t.url}/console/`);
      await expect
        .poll(() => page.getByRole('heading', { name: 'Sign in to conn' }).count())
        .toBe(1);
      await expectCleanPage();
      await screenshot(page, 'sign-in');
      await page.keyboard.press('Tab'); // the skip link is not there before sign-in: the field is first
      await page.keyboard.type('not the password');
      await page.keyboard.press('Enter');
      await page.getByRole('alert').waitFor();
      await expectCleanPage();
      await page.getByLabel('Owner password').focus();
      await page.keyboard.type(ownerPassword);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Sources' }).waitFor();
      expect(await page.getByLabel('Owner password').count()).toBe(0);
      await expectCleanPage();
    });

    it('GitHub: a rejected token keeps the other fields, an accepted one echoes the account, then the first sync reaches "View records"', async () => {
      await startSetup('GitHub');
      await page.getByLabel('Personal access token', { exact: true }).waitFor();
      await expectCleanPage();
      await screenshot(page, 'credential-form');
      const help = page.getByRole('link', { name: /Where to get it/ }).first();
      expect(await help.getAttribute('target')).toBe('_blank');
      const token = page.getByLabel('Personal access token', { exact: true });
      expect(await token.getAttribute('autocomplete')).toBe('off');

      await page.getByText('More settings').click();
      await page.getByLabel(/^API URL/).fill(github.apiUrl);
      await page.getByLabel('Name for this source (optional)').fill('Work account');
      await token.fill(WRONG);
      await page.getByRole('button', { name: 'Connect' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/GitHub/);
      expect(await page.getByLabel(/^API URL/).inputValue()).toBe(github.apiUrl);
      expect(await page.getByLabel('Name for this source (optional)').inputValue()).toBe(
        'Work account',
      );
      expect(await token.inputValue()).toBe('');
      await expectCleanPage();

      await token.fill(CANARY);
      await page.getByRole('button', { name: 'Connect' }).click();
      await page.waitForURL(/\/console\/connections\/[^/]+\/setup$/);
      await expect.poll(() => page.locator('.identity').textContent()).toContain('octocat');
      await page.getByRole('link', { name: 'View records' }).waitFor({ timeout: 20_000 });
      await expectCleanPage();
      await screenshot(page, 'setup-status');
      const traces = await page.evaluate(() => ({
        html: document.documentElement.outerHTML,
        url: location.href,
        storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      }));
      expect(JSON.stringify(traces)).not.toContain(CANARY);

      await page.getByRole('link', { name: 'View records' }).click();
      await page.getByRole('heading', { name: 'Records of GitHub' }).waitFor();
      await expect.poll(() => page.locator('.records li').count()).toBeGreaterThan(0);
      await expectCleanPage();
      await screenshot(page, 'records');
    });

    it('GitHub again with the same account: says so, and puts the token on the connected one or connects it twice on purpose', async () => {
      // The journey before ended on the connected source's records.
      const existing = page.url().match(/connections\/([^/?]+)/)?.[1];
      expect(existing).toMatch(/^con_/);
      const connectAgain = async () => {
        await startSetup('GitHub');
        await page.getByText('More settings').click();
        await page.getByLabel(/^API URL/).fill(github.apiUrl);
        await page.getByLabel('Personal access token', { exact: true }).fill(CANARY);
        await page.getByRole('button', { name: 'Connect' }).click();
        await expect
          .poll(() => page.getByRole('alert').textContent())
          .toContain('GitHub account "octocat" is already connected as "Work account".');
        await expectCleanPage();
      };
      await connectAgain();
      await screenshot(page, 'same-account');
      await page.getByRole('button', { name: 'Use it for “Work account”' }).click();
      await page.waitForURL(/\/console\/connections\/[^/]+$/);
      expect(page.url()).toContain(`/console/connections/${existing}`);
      await expect.poll(() => page.locator('.identity').textContent()).toContain('octocat');

      await connectAgain();
      await page.getByRole('button', { name: 'Connect a second time' }).click();
      await page.waitForURL(/\/console\/connections\/[^/]+\/setup$/);
      const note = page
        .locator('.note')
        .filter({ hasText: 'This GitHub account is also connected as' });
      await expect.poll(() => note.count(), { timeout: 20_000 }).toBe(1);
      expect(await note.getByRole('link').textContent()).toBe('“Work account”');
      await expectCleanPage();
      const traces = await page.evaluate(() => document.documentElement.outerHTML);
      expect(traces).not.toContain(CANARY);
    });

    it('WhatsApp: two exports checked with evidence, imported into one new source with an edited name', async () => {
      await startSetup('WhatsApp');
      await page
        .getByLabel('Export files')
        .setInputFiles([
          join(fixtures, 'whatsapp/android-txt/WhatsApp Chat with Family.txt'),
          join(fixtures, 'whatsapp/ios-txt/_chat.txt'),
        ]);
      await page.getByRole('button', { name: 'Upload and check' }).click();
      await expect
        .poll(() => page.getByText('Checked: ready to import.').count(), { timeout: 20_000 })
        .toBe(2);
      expect(await page.locator('progress').count()).toBe(2);
      expect(await page.getByText('Covers').count()).toBeGreaterThan(0);
      await expectCleanPage();
      await screenshot(page, 'upload-evidence');
      const name = page.getByLabel('Name of the new source');
      expect(await name.inputValue()).not.toBe('');
      await name.fill('Family and friends');
      await page.getByRole('button', { name: 'Import 2 files' }).click();
      await page.waitForURL(/\/console\/connections\/[^/]+\/setup$/);
      await page.getByRole('link', { name: 'View records' }).waitFor({ timeout: 20_000 });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
        'Family and friends',
      );
      await expectCleanPage();
    });

    it('Claude Code: the code and the exact served-CLI command, copied, and the page moves on by itself once the device sends records', async () => {
      await startSetup('Claude Code');
      const code = (await page.locator('.code').textContent()) ?? '';
      expect(code).not.toBe('');
      const command = `npx -y ${t.url}/cli/conn-cli.tgz collector enroll --server ${t.url} --code ${code}`;
      expect(await page.locator('.copyable code').first().textContent()).toBe(command);
      await page.getByRole('button', { name: 'Copy the enrollment command' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);
      await expectCleanPage();
      await screenshot(page, 'collector-enrollment');

      // The device: enrolls with the code and runs the real collector over fixture logs.
      const device = new ConnClient({ baseUrl: t.url });
      const enrolled = await device.enroll(code, 'laptop');
      const collectorClient = device.withToken(enrolled.collector_token);
      const collector = createBundledRegistry().require('claude-code').collector;
      if (collector === undefined) throw new Error('claude-code has no collector');
      await collector({
        fields: { path: join(fixtures, 'claude-code') },
        secrets: {},
        signal: AbortSignal.timeout(10_000),
        fetch,
        emit: async (stream, records) => {
          await collectorClient.ingest(stream, records, { runId: enrolled.run_id });
        },
        progress: () => {},
      });
      await collectorClient.reportProgress(enrolled.run_id, { stage: 'done' });

      await page.waitForURL(/\/console\/connections\/[^/]+\/setup$/, { timeout: 20_000 });
      await page.getByRole('link', { name: 'View records' }).waitFor({ timeout: 20_000 });
      await expectCleanPage();
    });

    it('Amazon: honest copy that it cannot be set up here yet, with nothing to run', async () => {
      await page.goto(`${t.url}/console/add`);
      await page.getByLabel('Search sources').fill('Amazon');
      const entry = card('Amazon');
      await expect.poll(() => entry.count()).toBe(1);
      expect(await entry.textContent()).toContain('Not available here yet');
      expect(await entry.getByRole('button').count()).toBe(0);
      expect(await entry.textContent()).not.toMatch(/npx|npm |conn collector/);
      await expectCleanPage();
      await page.goto(`${t.url}/console/connectors/amazon`);
      await page.getByRole('heading', { name: 'Nothing to do here yet' }).waitFor();
      await expectCleanPage();
      await screenshot(page, 'not-available');
    });

    it('lists a pending setup as pending, and abandoning it removes it', async () => {
      await startSetup('Claude Code');
      await page.locator('.code').waitFor();
      await page.goto(`${t.url}/console/`);
      const pending = page.locator('.card').filter({ hasText: 'Pending setup.' });
      await expect.poll(() => pending.count()).toBe(1);
      await expectCleanPage();
      await pending.getByRole('button', { name: 'Abandon this setup' }).click();
      await expect.poll(() => pending.count()).toBe(0);
      expect(await page.locator('.card').count()).toBeGreaterThan(0);
    });

    it('knows the raw values it looks for', () => {
      expect(rawValues).toEqual(
        expect.arrayContaining(['proof_gated', 'static_secret', 'needs_deployment_config']),
      );
    });
  },
);
