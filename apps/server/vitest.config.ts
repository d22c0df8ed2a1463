import { connProject } from '../../vitest.shared.ts';

// The served CLI (`GET /cli/conn-cli.tgz`) is built before the suites, so a fresh clone has it.
export default connProject('server', { globalSetup: ['test/build-served-cli.ts'] });
