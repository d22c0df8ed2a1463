/** One measured figure of a benchmark suite, compared with its baseline from the same run. */
export interface BenchFigure {
  suite: string;
  name: string;
  /** What the figure is, e.g. "planning time / parse time". */
  measure: string;
  value: number;
  unit: string;
  baseline: number | null;
  /** The bar from quality.md this figure is held to, as text. */
  bar: string;
  pass: boolean;
}

/** Renders figures as the markdown table the README links to. */
export function toMarkdown(
  figures: readonly BenchFigure[],
  meta: { node: string; date: string },
): string {
  const rows = figures.map(
    (f) =>
      `| ${f.suite} | ${f.name} | ${format(f.value)} ${f.unit} | ${f.baseline === null ? '—' : format(f.baseline)} | ${f.bar} | ${f.pass ? 'pass' : 'FAIL'} |`,
  );
  return [
    `# Benchmark results`,
    '',
    `Node ${meta.node}, ${meta.date}. Speeds are ratios against a baseline measured in the same run.`,
    '',
    '| suite | figure | value | baseline | bar | result |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function format(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3);
}
