import { connProject } from '../../vitest.shared.ts';

export default connProject('services', { testTimeout: 60_000 });
