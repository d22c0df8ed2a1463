import { connProject } from '../../vitest.shared.ts';

// The CLI tests start a real server and spawn the CLI as a child process: slower than unit tests.
// Some launch the built binary, built once before them all.
export default connProject('cli', { testTimeout: 60_000, globalSetup: ['test/build-cli.ts'] });
