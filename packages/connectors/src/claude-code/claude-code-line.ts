import { z } from 'zod';

const ContentBlockSchema = z.looseObject({
  type: z.string(),
  text: z.string().nullish(),
  name: z.string().nullish(),
});

/**
 * One line of a Claude Code session log, as far as conn reads it. Claude Code
 * adds fields between versions, so the schema is loose and everything but
 * `type` is optional: a line that still fails it is counted as skipped.
 */
export const ClaudeCodeLineSchema = z.looseObject({
  type: z.string(),
  uuid: z.string().nullish(),
  parentUuid: z.string().nullish(),
  sessionId: z.string().nullish(),
  timestamp: z.string().nullish(),
  cwd: z.string().nullish(),
  gitBranch: z.string().nullish(),
  version: z.string().nullish(),
  summary: z.string().nullish(),
  message: z
    .looseObject({
      role: z.string().nullish(),
      model: z.string().nullish(),
      content: z.union([z.string(), z.array(ContentBlockSchema)]).nullish(),
    })
    .nullish(),
});
export type ClaudeCodeLine = z.infer<typeof ClaudeCodeLineSchema>;
