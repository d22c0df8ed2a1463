import { connProject } from '../../vitest.shared.ts';

// The CLI tests start a real server and spawn the CLI as a child process: slower than unit tests.
export default connProject('cli', { testTimeout: 60_000 });
