import { consoleBasePath } from '@conn/setup-engine';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Router } from 'wouter';
import { App } from './app';
import { isSignedOutError } from './client/is-signed-out-error';
import { sessionStore } from './session/session-store';
import './styles.css';

// Any answer that the session is missing or over brings the sign-in form back.
const signOutOn401 = (error: unknown) => {
  if (isSignedOutError(error)) sessionStore.set(false);
};
const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signOutOn401 }),
  mutationCache: new MutationCache({ onError: signOutOn401 }),
  defaultOptions: {
    queries: { retry: (count, error) => !isSignedOutError(error) && count < 2 },
  },
});

const root = document.getElementById('root');
if (root === null) throw new Error('The console page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Router base={consoleBasePath}>
        <App />
      </Router>
    </QueryClientProvider>
  </StrictMode>,
);
