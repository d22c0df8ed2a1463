import type { SameAccountChoice } from '../prompter';

/** What `conn connect` (and `conn reconnect`) was told on the command line. */
export interface ConnectOptions {
  label?: string;
  /** The owner confirms an attempt on a path with no recorded proof on this server. */
  unproven: boolean;
  /** Export files to upload (`--file`, repeatable). */
  files: string[];
  /** Ask the advanced credential-form fields too instead of keeping their defaults. */
  advanced: boolean;
  /** Non-secret form fields given as `--field name=value`. */
  fieldValues: Record<string, string>;
  /** Read secret fields from stdin, one line each (and the next lines after a rejection). */
  secretStdin: boolean;
  /** Import the files into this existing connection instead of a new source. */
  into?: string;
  /** When the credential's account is already connected: update that connection, or keep both. */
  sameAccount?: SameAccountChoice;
  /** How to read the files where the upload check guessed (`--reading name=choice`); none keeps its guesses. */
  readings?: Record<string, string>;
}
