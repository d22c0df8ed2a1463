import { Bench } from 'tinybench';

/** Times a synchronous or async task with tinybench and returns its mean and p99 in ms. */
export async function measure(
  task: () => unknown,
  options: { time?: number } = {},
): Promise<{ meanMs: number; p99Ms: number; samples: number }> {
  const bench = new Bench({ time: options.time ?? 1_000, warmupTime: 200 });
  bench.add('task', task);
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (result === undefined || !('latency' in result))
    throw new Error('benchmark task produced no result');
  return {
    meanMs: result.latency.mean,
    p99Ms: result.latency.p99,
    samples: result.latency.samplesCount,
  };
}
