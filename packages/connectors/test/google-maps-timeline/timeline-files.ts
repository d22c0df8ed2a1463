import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UploadedFile } from '../../src/implementation';

const fixtures = fileURLToPath(new URL('../fixtures/google-maps-timeline', import.meta.url));

/** A Timeline fixture as the server would have staged it. */
export function timelineFixture(name: string): UploadedFile {
  return { path: join(fixtures, name), file_name: name };
}

/** Android's on-device export (`semanticSegments`, `rawSignals`, `userLocationProfile`). */
export const onDevice = timelineFixture('Timeline.json');
/** iOS's on-device export (a bare array of segments, `geo:` positions). */
export const onDeviceIos = timelineFixture('Timeline-ios.json');
/** A Takeout Semantic Location History monthly file. */
export const takeoutSemantic = timelineFixture('2019_JANUARY.json');
/** Takeout's Records.json. */
export const takeoutRecords = timelineFixture('Records.json');
