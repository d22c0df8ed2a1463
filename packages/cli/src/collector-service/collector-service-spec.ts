/** What a scheduled collector service runs, and how often: the same for systemd and launchd. */
export interface CollectorServiceSpec {
  /** The collector's name, as `conn collector run` takes it. */
  collector: string;
  /** The connector's display name, for descriptions. */
  label: string;
  /** The full command line, `conn collector run <collector> --once …` included. */
  argv: readonly string[];
  /** Environment the command needs (the CLI's config folder). */
  environment: Readonly<Record<string, string>>;
  intervalMinutes: number;
}
