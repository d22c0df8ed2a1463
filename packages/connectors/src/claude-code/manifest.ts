import type { ManifestInput } from '@conn/setup-engine';

/**
 * Claude Code session history, read from the owner's device by the
 * `claude-code` collector of the conn CLI.
 *
 * @example
 * const manifest = parseManifest(claudeCodeManifest);
 */
export const claudeCodeManifest: ManifestInput = {
  key: 'claude-code',
  name: 'Claude Code',
  description:
    "Your Claude Code sessions and their messages, read from the session logs (JSONL) Claude Code keeps on your computer. Nothing is fetched from Anthropic's servers.",
  category: 'ai',
  homepage_url: 'https://www.anthropic.com/claude-code',
  docs_url: 'https://docs.anthropic.com/en/docs/claude-code/overview',
  streams: [
    {
      name: 'sessions',
      label: 'Sessions',
      description: 'One record per Claude Code session: project directory, start and end time.',
      record_key: 'session_id',
    },
    {
      name: 'messages',
      label: 'Messages',
      description:
        'Your prompts and Claude’s replies in each session, with tool calls and timestamps.',
      record_key: 'uuid',
    },
  ],
  setup: {
    modality: 'local_collector',
    collector: {
      name: 'claude-code',
      label: 'Claude Code collector',
      platforms: ['macos', 'linux', 'windows'],
      default_paths: {
        macos: '~/.claude/projects',
        linux: '~/.claude/projects',
        windows: '%USERPROFILE%\\.claude\\projects',
      },
    },
  },
};
