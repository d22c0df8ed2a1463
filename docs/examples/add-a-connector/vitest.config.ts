import { connProject } from '../../../vitest.shared.ts';

export default connProject('docs-example');
