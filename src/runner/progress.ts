import cliProgress from 'cli-progress';
import type { ExperimentRecord } from './assemble.js';
import type { Job } from './jobs.js';

export interface Progress {
  runDone(job: Job): void;
  stop(): void;
}

/**
 * Progress on stderr (house style: output discipline): on a terminal, a bar with runs done, eras
 * per second and the ETA; otherwise one plain line per finished point; nothing when quiet.
 */
export function createProgress(jobs: readonly Job[], record: ExperimentRecord, quiet: boolean): Progress {
  if (quiet || jobs.length === 0) return { runDone() {}, stop() {} };
  const started = Date.now();
  const erasOf = (job: Job) => record.points[job.point]!.eras;
  const left = new Map<number, number>();
  for (const job of jobs) left.set(job.point, (left.get(job.point) ?? 0) + 1);
  const points = left.size;
  let pointsDone = 0;
  if (!process.stderr.isTTY) {
    return {
      runDone(job) {
        const remaining = (left.get(job.point) ?? 1) - 1;
        left.set(job.point, remaining);
        if (remaining > 0) return;
        pointsDone += 1;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stderr.write(`point ${job.point} done: ${pointsDone}/${points} points, ${seconds} s\n`);
      },
      stop() {},
    };
  }
  const totalEras = jobs.reduce((sum, j) => sum + erasOf(j), 0);
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'runs {runs}/{total_runs} |{bar}| {percentage}% | {rate} eras/s | ETA {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let eras = 0;
  let runs = 0;
  bar.start(totalEras, 0, { runs, total_runs: jobs.length, rate: 0 });
  return {
    runDone(job) {
      runs += 1;
      eras += erasOf(job);
      const rate = Math.round(eras / Math.max((Date.now() - started) / 1000, 1e-3));
      bar.update(eras, { runs, rate });
    },
    stop() {
      bar.stop();
    },
  };
}
