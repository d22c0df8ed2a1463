import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Live heap is what a streaming reader bounds; garbage not yet collected is not. Exposing `gc`
// this way lets a test measure the former without a special vitest flag.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The heap in use after a full collection, in bytes. */
export function liveHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}
