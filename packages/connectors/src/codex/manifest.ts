import type { ManifestInput } from '@conn/setup-engine';

/**
 * OpenAI Codex CLI session history, read from the owner's device by the
 * `codex` collector of the conn CLI.
 *
 * @example
 * const manifest = parseManifest(codexManifest);
 */
export const codexManifest: ManifestInput = {
  key: 'codex',
  name: 'Codex',
  description:
    "Your OpenAI Codex CLI sessions and their messages, read from the session logs (JSONL) Codex keeps on your computer. Nothing is fetched from OpenAI's servers.",
  category: 'ai',
  homepage_url: 'https://github.com/openai/codex',
  docs_url: 'https://github.com/openai/codex#readme',
  streams: [
    {
      name: 'sessions',
      label: 'Sessions',
      description: 'One record per Codex session: working directory, model, start and end time.',
      record_key: 'session_id',
    },
    {
      name: 'messages',
      label: 'Messages',
      description:
        'Your prompts and Codex’s replies in each session, with tool calls and timestamps.',
      record_key: 'id',
    },
  ],
  setup: {
    modality: 'local_collector',
    collector: {
      name: 'codex',
      label: 'Codex collector',
      platforms: ['macos', 'linux', 'windows'],
      default_paths: {
        macos: '~/.codex/sessions',
        linux: '~/.codex/sessions',
        windows: '%USERPROFILE%\\.codex\\sessions',
      },
    },
  },
};
