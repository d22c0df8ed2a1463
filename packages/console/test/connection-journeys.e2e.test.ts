import { join } from 'node:path';
import { createBundledRegistry } from '@conn/connectors';
import { ConnClient, type SetupPlan } from '@conn/sdk';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LoopbackGitlab,
  startLoopbackGitlab,
} from '../../../apps/server/test/loopback-gitlab';
import {
  ownerPassword,
  serverDialects,
  startTestServer,
  type TestServer,
} from '../../../apps/server/test/test-server';
import { type FakeGithub, startFakeGithub } from '../../connectors/test/github/fake-github';
import { chromiumPath } from './ensure-chromium';
import { checkPage } from './page-checks';
import { screenshot } from './screenshots';

// Distinctive secrets: once submitted they must be nowhere in the page, its URL or its storage.
const TOKEN = 'ghp_CANARYsourcesJourneyT0ken0123456789ab';
const WRONG = 'ghp_wrongWRONGwrongWRONGwrongWRONG11111111';
const CLIENT_ID = 'conn-console-client';
const CLIENT_SECRET = 'gitlab-console-client-secret-CANARY-4d2b';
const fixtures = join(import.meta.dirname, '../../connectors/test/fixtures');

/**
 * The catalog's status and primary action a plan calls for, restated from the
 * plan's own fields (support state, proof gate, blockers' fixes) so the
 * console's rendering is checked against REST, not against itself.
 */
function expectedEntry(plan: SetupPlan): { status: string; action: string | null } {
  const name = plan.connector.name;
  switch (plan.support_state) {
    case 'supported':
      return { status: 'Ready to connect', action: `Connect ${name}` };
    case 'proof_gated':
      return {
        status: 'Not proven on this server yet',
        action: plan.proof_gate?.unproven_attempt_allowed ? `Try ${name} (unproven)` : null,
      };
    case 'needs_deployment_config':
      return {
        status: "Waiting for this server's setup",
        action: plan.readiness.blockers.some((b) => b.fix !== null)
          ? `Finish this server's setup for ${name}`
          : null,
      };
    default:
      return { status: 'Not available here yet', action: null };
  }
}

/** The one action a catalog card offers: its button, else its link (help links excepted). */
async function shownAction(entry: Locator): Promise<string | null> {
  // A closed disclosure hides its button from the accessibility tree, not from the card.
  const buttons = await entry.getByRole('button', { includeHidden: true }).allTextContents();
  if (buttons.length > 0) return buttons[0]?.trim() ?? null;
  const links = (await entry.getByRole('link', { includeHidden: true }).allTextContents()).filter(
    (text) => !text.includes('new tab'),
  );
  return links[0]?.trim() ?? null;
}

describe.each(await serverDialects())(
  'the owner console: sources and connections (%s)',
  (dialect) => {
    let t: TestServer;
    let github: FakeGithub;
    let gitlab: LoopbackGitlab;
    let browser: Browser;
    let page: Page;
    let owner: ConnClient;
    let githubConnection = '';
    /** The WhatsApp source the upload journey made, and its records after its first import. */
    let whatsappSource = '';
    let whatsappFirstImport = 0;

    /** Screenshots for the README, from one database's run only. */
    const shoot = (name: string) =>
      dialect === 'sqlite' ? screenshot(page, name) : Promise.resolve();

    /** The copy, accessibility and 360-px checks of the page as it stands now. */
    async function expectCleanPage(): Promise<void> {
      expect(await checkPage(page)).toEqual({ copy: [], accessibility: [], overflow: false });
    }

    function card(name: string, level = 2) {
      return page
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { level, name, exact: true }) });
    }

    async function startSetup(name: string): Promise<void> {
      await page.goto(`${t.url}/console/add`);
      await page.getByLabel('Search sources').fill(name);
      const entry = card(name);
      await expect.poll(() => entry.count()).toBe(1);
      const connect = entry.getByRole('button', { name: `Connect ${name}` });
      if ((await connect.count()) === 1) {
        await connect.click();
      } else {
        await entry.getByText('Advanced: try an unproven attempt').click();
        await entry.getByRole('button', { name: `Try ${name} (unproven)` }).click();
      }
      await page.waitForURL(/\/console\/setup\/intents\//);
    }

    /** Every bundled connector's catalog card shows the status and action its REST plan calls for. */
    async function expectCatalogParity(): Promise<void> {
      await page.goto(`${t.url}/console/add`);
      await page.getByLabel('Search sources').waitFor();
      const keys = createBundledRegistry().keys();
      expect(keys.length).toBeGreaterThan(5);
      for (const key of keys) {
        const plan = await owner.plan(key);
        const entry = card(plan.connector.name);
        await expect.poll(() => entry.count()).toBe(1);
        const shown = {
          status: ((await entry.locator('.status').textContent()) ?? '').trim(),
          action: await shownAction(entry),
        };
        expect({ key, ...shown }).toEqual({ key, ...expectedEntry(plan) });
      }
    }

    beforeAll(async () => {
      // An expiring token, a month out: GitHub names its end in a header, in this form.
      const expiry = new Date(Date.now() + 30 * 86_400_000).toISOString();
      github = await startFakeGithub({
        token: TOKEN,
        tokenExpiration: `${expiry.slice(0, 10)} ${expiry.slice(11, 19)} UTC`,
      });
      t = await startTestServer({ dialect });
      gitlab = await startLoopbackGitlab({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUri: `${t.url}/v1/oauth/callback`,
      });
      owner = new ConnClient({ baseUrl: t.url }).withToken(await t.login());
      browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      page = await context.newPage();
      await page.goto(`${t.url}/console/`);
      await page.getByLabel('Owner password').fill(ownerPassword);
      await page.getByLabel('Owner password').press('Enter');
      await page.getByRole('heading', { name: 'Sources' }).waitFor();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await t?.dispose();
      await github?.close();
      await gitlab?.close();
    });

    it('parity: every bundled connector shows the status and primary action of its REST plan', async () => {
      await expectCatalogParity();
      await expectCleanPage();
      await shoot('add-source');
    });

    it('GitHub: a connected source card with its three facts, and its detail page', async () => {
      await startSetup('GitHub');
      await page.getByText('More settings').click();
      await page.getByLabel(/^API URL/).fill(github.apiUrl);
      await page.getByLabel('Personal access token', { exact: true }).fill(TOKEN);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.waitForURL(/\/console\/connections\/[^/]+\/setup$/);
      await page.getByRole('link', { name: 'View records' }).waitFor({ timeout: 20_000 });
      githubConnection = /connections\/([^/]+)\/setup/.exec(page.url())?.[1] ?? '';

      await page.goto(`${t.url}/console/`);
      const source = card('GitHub', 3);
      await expect.poll(() => source.count()).toBe(1);
      const facts = (await source.locator('.facts').textContent()) ?? '';
      expect(facts).toContain('1 connection, 8 records'); // 5 repositories, 2 starred, the profile
      expect(facts).toContain('Last sync');
      expect(facts).toContain('Healthy');
      expect(facts).toContain('Self-service: you can add another account yourself.');
      expect(facts).toContain('Nothing to repair.');
      expect(await page.getByRole('heading', { name: 'Needs attention' }).count()).toBe(0);
      await expectCleanPage();
      await shoot('sources');

      await source.getByRole('link', { name: 'octocat' }).click();
      await page.waitForURL(new RegExp(`/console/connections/${githubConnection}$`));
      await page.getByRole('heading', { name: 'Records by stream' }).waitFor();
      await expect.poll(() => page.locator('.runs tbody tr').count()).toBe(1);
      expect(await page.locator('.runs tbody').textContent()).toContain('First sync');
      const credential =
        (await page.locator('section[aria-labelledby="credential-heading"]').textContent()) ?? '';
      expect(credential).toContain('Personal access token');
      expect(credential).toContain('Never'); // not rotated yet
      expect(credential).toMatch(/Expires\s*in 30 days/);
      await expectCleanPage();
      await shoot('connection');

      const repositories = page.getByRole('link', { name: 'Repositories', exact: true });
      expect(await repositories.locator('xpath=..').textContent()).toContain('5 records');
      await repositories.click();
      await page.waitForURL(/\/records\?stream=repositories$/);
      await expect.poll(() => page.locator('.records li').count()).toBe(5);
      expect(await page.getByLabel('Stream').inputValue()).toBe('repositories');
      await expectCleanPage();
    });

    it('shows how the connection keeps syncing, and syncs now on request', async () => {
      await page.goto(`${t.url}/console/connections/${githubConnection}`);
      const syncing = page.locator('section[aria-labelledby="health-heading"]');
      await syncing.waitFor();
      const facts = (await syncing.textContent()) ?? '';
      expect(facts).toContain('Last synced');
      expect(facts).toMatch(/Next sync.*\(every 6 hours\)/);
      await syncing.getByRole('button', { name: 'Sync now' }).click();
      // The second run appears and ends; the button comes back for the next time.
      await expect.poll(() => page.locator('.runs tbody tr').count(), { timeout: 20_000 }).toBe(2);
      await syncing.getByRole('button', { name: 'Sync now' }).waitFor({ timeout: 20_000 });
      expect(await page.locator('.runs tbody').textContent()).toContain('Sync');
      await expectCleanPage();
    });

    it('rotates the credential: a rejected token changes nothing, an accepted one is recorded as replaced', async () => {
      await page.goto(`${t.url}/console/connections/${githubConnection}`);
      await page.getByRole('button', { name: 'Rotate the credential' }).click();
      const token = page.getByLabel('Personal access token', { exact: true });
      expect(await token.getAttribute('autocomplete')).toBe('off');
      expect(await page.getByLabel(/^API URL/).count()).toBe(0); // the settings stay as they are
      await expectCleanPage();
      await token.fill(WRONG);
      await page.getByRole('button', { name: 'Check and save' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/GitHub/);
      expect(await token.inputValue()).toBe('');
      expect((await owner.setupStatus(githubConnection)).setup_state).toBe('active');
      await expectCleanPage();

      await token.fill(TOKEN);
      await page.getByRole('button', { name: 'Check and save' }).click();
      await page.waitForURL(new RegExp(`/console/connections/${githubConnection}/setup$`));
      const rotated = await owner.setupStatus(githubConnection);
      expect(rotated.credential?.rotated_at).not.toBeNull();
      await page.goto(`${t.url}/console/connections/${githubConnection}`);
      const credential = page.locator('section[aria-labelledby="credential-heading"]');
      await expect.poll(() => credential.textContent()).not.toContain('Never');
      const traces = await page.evaluate(() => ({
        html: document.documentElement.outerHTML,
        url: location.href,
        storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      }));
      expect(JSON.stringify(traces)).not.toContain(TOKEN);
    });

    it('revokes after a confirmation: collection stops, records stay, and the card says so', async () => {
      await page.goto(`${t.url}/console/connections/${githubConnection}`);
      await page.getByRole('button', { name: 'Revoke', exact: true }).click();
      await page.getByRole('heading', { name: 'Revoke this connection?' }).waitFor();
      await expectCleanPage();
      await page.getByRole('button', { name: 'Yes, revoke it' }).click();
      await expect.poll(() => page.locator('.state').textContent()).toMatch(/^Revoked/);
      expect(await page.getByRole('button', { name: 'Revoke', exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Rotate the credential' }).count()).toBe(0);
      await expectCleanPage();
      const revoked = await owner.setupStatus(githubConnection);
      expect(revoked).toMatchObject({ status: 'revoked', records_total: 8 });

      await page.goto(`${t.url}/console/`);
      const facts = card('GitHub', 3).locator('.facts');
      await expect.poll(() => facts.textContent()).toContain('1 revoked');
      await expectCleanPage();
    });

    it('reconnects in place: the repair inbox lists it with one action that lands on its own step', async () => {
      await page.goto(`${t.url}/console/connections/${githubConnection}`);
      await page.getByRole('button', { name: 'Reconnect', exact: true }).click();
      await page.getByLabel('Personal access token', { exact: true }).waitFor();
      await expectCleanPage();

      // Left half-way, it waits in the repair inbox, first on the page.
      await page.goto(`${t.url}/console/`);
      const inbox = page.locator('section[aria-labelledby="repair-inbox-heading"]');
      await inbox.waitFor();
      const firstHeading = await page.getByRole('heading', { level: 2 }).first().textContent();
      expect(firstHeading).toBe('Needs attention');
      const item = inbox.getByRole('listitem').filter({ hasText: 'GitHub' });
      expect(await item.count()).toBe(1);
      expect(await item.getByRole('link').count()).toBe(1);
      await expectCleanPage();
      await shoot('sources-needs-attention');

      await item.getByRole('link').click();
      await page.waitForURL(new RegExp(`/console/connections/${githubConnection}/setup$`));
      await page.locator('.repair button').click();
      await page.getByLabel('Personal access token', { exact: true }).fill(TOKEN);
      await page.getByRole('button', { name: 'Check and save' }).click();
      await page.waitForURL(new RegExp(`/console/connections/${githubConnection}/setup$`));
      await page.getByRole('link', { name: 'View records' }).waitFor({ timeout: 20_000 });
      await expectCleanPage();
      const back = await owner.setupStatus(githubConnection);
      expect(back).toMatchObject({ status: 'active', connection_id: githubConnection });
      const listed = await owner.connections();
      expect(listed.items.filter((c) => c.connector === 'github')).toHaveLength(1);
    });

    it('WhatsApp: an export into a new source, then another into that existing source', async () => {
      await startSetup('WhatsApp');
      await page
        .getByLabel('Export files')
        .setInputFiles([join(fixtures, 'whatsapp/android-txt/WhatsApp Chat with Family.txt')]);
      await page.getByRole('button', { name: 'Upload and check' }).click();
      await page.getByText('Checked: ready to import.').waitFor({ timeout: 20_000 });
      await page.getByLabel('Name of the new source').fill('Family chats');
      await page.getByRole('button', { name: 'Import 1 file' }).click();
      await page.waitForURL(/\/console\/connections\/[^/]+\/setup$/);
      await page.getByRole('link', { name: 'View records' }).waitFor({ timeout: 20_000 });
      const existing = /connections\/([^/]+)\/setup/.exec(page.url())?.[1] ?? '';
      const before = (await owner.setupStatus(existing)).records_total;
      expect(before).toBeGreaterThan(0);
      whatsappSource = existing;
      whatsappFirstImport = before;

      await startSetup('WhatsApp');
      await page
        .getByLabel('Export files')
        .setInputFiles([join(fixtures, 'whatsapp/ios-txt/_chat.txt')]);
      await page.getByRole('button', { name: 'Upload and check' }).click();
      await page.getByText('Checked: ready to import.').waitFor({ timeout: 20_000 });
      await page.getByLabel('A source you already have').check();
      const select = page.getByLabel('Source', { exact: true });
      expect(await select.locator('option').allTextContents()).toContain('Family chats');
      await select.selectOption({ label: 'Family chats' });
      await expectCleanPage();
      await shoot('upload-existing');
      await page.getByRole('button', { name: 'Import 1 file' }).click();
      await page.waitForURL(new RegExp(`/console/connections/${existing}/setup$`));
      await expect
        .poll(async () => (await owner.setupStatus(existing)).records_total, { timeout: 20_000 })
        .toBeGreaterThan(before);
      const whatsapp = (await owner.connections()).items.filter((c) => c.connector === 'whatsapp');
      expect(whatsapp).toHaveLength(1);
      await page.goto(`${t.url}/console/connections/${existing}`);
      await expect.poll(() => page.locator('.runs tbody tr').count()).toBe(2);
      await expectCleanPage();
    });

    it('WhatsApp: undoes the second import after a confirmation, then deletes the source once its name is typed', async () => {
      expect(whatsappSource).not.toBe('');
      await page.goto(`${t.url}/console/connections/${whatsappSource}`);
      const rows = page.locator('.runs tbody tr');
      await expect.poll(() => rows.count()).toBe(2);
      const newest = rows.first();
      await newest.getByRole('button', { name: 'Undo import' }).click();
      await page.getByRole('group', { name: 'Undo this import?' }).waitFor();
      await expectCleanPage();
      await page.getByRole('button', { name: 'Yes, undo it' }).click();
      await expect.poll(() => newest.textContent()).toMatch(/Undone /);
      expect((await owner.setupStatus(whatsappSource)).records_total).toBe(whatsappFirstImport);
      // The first import stays undoable; the undone one offers nothing more.
      expect(await rows.nth(1).getByRole('button', { name: 'Undo import' }).count()).toBe(1);
      expect(await newest.getByRole('button').count()).toBe(0);
      await expectCleanPage();

      await page.getByRole('button', { name: 'Delete this source' }).click();
      const confirm = page.getByLabel('Type Family chats to confirm');
      const remove = page.getByRole('button', { name: 'Delete it and everything it holds' });
      await confirm.fill('Family');
      expect(await remove.isDisabled()).toBe(true);
      await expectCleanPage();
      await confirm.fill('Family chats');
      await remove.click();
      await page.waitForURL(new RegExp(`${t.url}/console/?$`));
      const gone = await owner.setupStatus(whatsappSource).catch((error: unknown) => error);
      expect((gone as { code?: string }).code).toBe('connection_not_found');
      expect(
        (await owner.connections()).items.filter((c) => c.connector === 'whatsapp'),
      ).toHaveLength(0);
      await expectCleanPage();
    });

    it('stops a running sync from the runs list: it ends stopped and the source stays connected', async () => {
      const slow = await startFakeGithub({
        token: TOKEN,
        user: { id: 583240, login: 'octocat-slow' },
        repositoryPages: Array(40).fill(2),
        pageDelayMs: 200,
      });
      try {
        const draft = await owner.createDraft({
          connector: 'github',
          fields: { api_url: slow.apiUrl },
        });
        const id = draft.connection_id;
        await owner.submitCredential(id, { token: TOKEN });
        await expect
          .poll(async () => (await owner.setupStatus(id)).records_total, { timeout: 20_000 })
          .toBeGreaterThan(0);
        await page.goto(`${t.url}/console/connections/${id}`);
        const newest = page.locator('.runs tbody tr').first();
        const stop = newest.getByRole('button', { name: 'Stop' });
        await stop.waitFor();
        await expectCleanPage();
        await stop.click();
        await expect.poll(() => newest.textContent()).toContain('Stopped');
        expect(await newest.getByRole('button').count()).toBe(0);
        expect(await owner.setupStatus(id)).toMatchObject({
          status: 'active',
          run: { status: 'cancelled', error_code: 'cancelled_by_owner' },
        });
        await expectCleanPage();
        await owner.deleteConnection(id, { confirm: id });
      } finally {
        await slow.close();
      }
    });

    it('GitLab: the operator enters the provider app, then the owner authorizes at the provider and lands on the status', async () => {
      await page.goto(`${t.url}/console/add`);
      await page.getByLabel('Search sources').fill('GitLab');
      const entry = card('GitLab');
      await entry.getByRole('link', { name: "Finish this server's setup for GitLab" }).click();
      await page.waitForURL(/\/console\/connectors\/gitlab$/);
      const redirect = page.locator('.copyable code').first();
      expect(await redirect.textContent()).toBe(`${t.url}/v1/oauth/callback`);
      await expectCleanPage();
      await shoot('provider-app');
      await page.getByLabel('Client ID').fill(CLIENT_ID);
      await page.getByLabel('Client secret').fill(CLIENT_SECRET);
      await page.getByText('Self-managed instance').click();
      await page.getByLabel('Instance address (optional)').fill(gitlab.instanceUrl);
      await page.getByRole('button', { name: 'Save the provider app' }).click();
      // Saved, the plan moves on at once and the page with it (past the provider-app form).
      await expect.poll(async () => (await owner.plan('gitlab')).support_state).toBe('proof_gated');
      await expect.poll(() => page.getByLabel('Client ID').count()).toBe(0);
      await expectCleanPage();
      // With the app saved the plan moves on; the secret stays nowhere in the page.
      expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(
        CLIENT_SECRET,
      );
      await expectCleanPage();

      gitlab.decide({ account: 'tanuki' });
      await startSetup('GitLab');
      await page.getByRole('button', { name: 'Continue to GitLab' }).click();
      await page.waitForURL(/\/console\/connections\/[^/]+\/setup$/, { timeout: 20_000 });
      await expect.poll(() => page.locator('.identity').textContent()).toContain('tanuki');
      await page.getByRole('link', { name: 'View records' }).waitFor({ timeout: 20_000 });
      await expectCleanPage();
      const html = await page.evaluate(() => document.documentElement.outerHTML);
      expect(html).not.toContain(CLIENT_SECRET);
    });

    it('lists the devices of a device collector with their last heartbeat and pass, and revokes one after a confirmation', async () => {
      const intent = await owner.connect('claude-code');
      const enrolled = await new ConnClient({ baseUrl: t.url }).enroll(
        intent.next_step.enrollment_code ?? '',
        'studio-mac',
      );
      const device = new ConnClient({ baseUrl: t.url, token: enrolled.collector_token });
      await device.ingest('sessions', [{ session_id: 'session-1' }], { runId: enrolled.run_id });
      await device.finishRun(enrolled.run_id, { status: 'succeeded' });
      await device.heartbeat();
      const id = enrolled.connection_id;
      await page.goto(`${t.url}/console/connections/${id}`);
      const devices = page.locator('section[aria-labelledby="devices-heading"]');
      const studio = devices
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: 'studio-mac', exact: true }) });
      await studio.waitFor();
      const facts = (await studio.textContent()) ?? '';
      expect(facts).toMatch(/Enrolled.*Last heartbeat.*Last pass/);
      // Both moments were reported, so neither reads "Not yet".
      expect(facts).not.toContain('Not yet');
      await expectCleanPage();
      await studio.getByRole('button', { name: 'Revoke the device studio-mac' }).click();
      await page.getByRole('heading', { name: 'Revoke studio-mac?' }).waitFor();
      await expectCleanPage();
      await page.getByRole('button', { name: 'Yes, revoke this device' }).click();
      await expect.poll(() => devices.textContent()).toContain('Revoked devices (1)');
      expect(await devices.textContent()).toContain('No device sends to this source now.');
      // Its token stopped working at once; the source and its record stay.
      await expect(device.heartbeat()).rejects.toMatchObject({ code: 'unauthenticated' });
      expect((await owner.devices(id))[0]?.revoked_at).not.toBeNull();
      expect(await owner.setupStatus(id)).toMatchObject({ status: 'active', records_total: 1 });
      await expectCleanPage();
    });

    it('parity holds after the journeys proved and configured connectors', async () => {
      await expectCatalogParity();
    });
  },
);
