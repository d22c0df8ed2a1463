import { connProject } from '../../vitest.shared.ts';

// The browser journeys need the system Chromium and a built console: the
// global setup installs the one (apt-get, only when missing) and builds the other.
export default connProject('console', {
  testTimeout: 60_000,
  globalSetup: ['test/global-setup.ts'],
});
