import { consolePatterns } from '@conn/setup-engine';
import { Route, Switch } from 'wouter';
import { ActivityPage } from './activity/activity-page';
import { AgentTokensPage } from './agent-tokens/agent-tokens-page';
import { AddSourcePage } from './catalog/add-source-page';
import { ConnectionPage } from './connection/connection-page';
import { AppShell } from './layout/app-shell';
import { RecordsPage } from './records/records-page';
import { SignInPage } from './session/sign-in-page';
import { useSignedIn } from './session/use-signed-in';
import { SettingsPage } from './settings/settings-page';
import { ConnectorPage } from './setup/connector-page';
import { IntentPage } from './setup/intent-page';
import { SourcesPage } from './sources/sources-page';
import { SetupStatusPage } from './status/setup-status-page';
import { WebhooksPage } from './webhooks/webhooks-page';

/**
 * The console's pages on the engine's URL scheme. Signed out, every page
 * shows the sign-in form in place, so a link an agent relayed still lands
 * where it points once the owner has signed in.
 */
export function App() {
  const signedIn = useSignedIn();
  if (!signedIn) return <SignInPage />;
  return (
    <AppShell>
      <Switch>
        <Route path={consolePatterns.home}>
          <SourcesPage />
        </Route>
        <Route path={consolePatterns.addSource}>
          <AddSourcePage />
        </Route>
        <Route path={consolePatterns.connector}>
          {(params) => <ConnectorPage connectorKey={params.key} />}
        </Route>
        <Route path={consolePatterns.intent}>{(params) => <IntentPage id={params.id} />}</Route>
        <Route path={consolePatterns.connectionSetup}>
          {(params) => <SetupStatusPage id={params.id} />}
        </Route>
        <Route path={consolePatterns.connectionRecords}>
          {(params) => <RecordsPage id={params.id} />}
        </Route>
        <Route path={consolePatterns.activity}>
          <ActivityPage />
        </Route>
        <Route path={consolePatterns.agentTokens}>
          <AgentTokensPage />
        </Route>
        <Route path={consolePatterns.webhooks}>
          <WebhooksPage />
        </Route>
        <Route path={consolePatterns.settings}>
          <SettingsPage />
        </Route>
        <Route path={consolePatterns.connection}>
          {(params) => <ConnectionPage id={params.id} />}
        </Route>
        <Route>
          <h1>Page not found</h1>
          <p>This console has no page at this address.</p>
        </Route>
      </Switch>
    </AppShell>
  );
}
