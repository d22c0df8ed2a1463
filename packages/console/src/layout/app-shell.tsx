import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { consoleClient } from '../client/console-client';
import { pagePaths } from '../client/page-paths';
import { sessionStore } from '../session/session-store';

/** The page frame: a skip link, the navigation, sign out, and the page as the main landmark. */
export function AppShell({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => consoleClient().logout(),
    onSettled: () => {
      queryClient.clear();
      sessionStore.set(false);
    },
  });
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <nav aria-label="Console">
          <Link href={pagePaths.home}>Sources</Link>
          <Link href={pagePaths.addSource}>Add source</Link>
          <Link href={pagePaths.activity}>Activity</Link>
          <Link href={pagePaths.agentTokens}>Agent tokens</Link>
          <Link href={pagePaths.webhooks}>Webhooks</Link>
          <Link href={pagePaths.settings}>Settings</Link>
        </nav>
        <button type="button" className="quiet" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </header>
      <main id="main">{children}</main>
    </>
  );
}
