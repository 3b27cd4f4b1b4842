import cliProgress from 'cli-progress';

export interface Progress {
  eraDone(): void;
  runDone(run: number, seed: number): void;
  stop(): void;
}

/**
 * Progress on stderr: a bar with runs done, eras per second and ETA when stderr is a terminal;
 * otherwise one plain line per finished run; nothing when quiet (house style: output discipline).
 */
export function createProgress(totalRuns: number, erasPerRun: number, quiet: boolean): Progress {
  if (quiet) return { eraDone() {}, runDone() {}, stop() {} };
  const started = Date.now();
  if (!process.stderr.isTTY) {
    let done = 0;
    return {
      eraDone() {},
      runDone(run, seed) {
        done += 1;
        const seconds = (Date.now() - started) / 1000;
        process.stderr.write(`run ${run} done (seed ${seed}): ${done}/${totalRuns} runs, ${seconds.toFixed(1)} s\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'runs {runs}/{totalRuns} |{bar}| {percentage}% | {rate} eras/s | ETA {eta_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let eras = 0;
  let runs = 0;
  bar.start(totalRuns * erasPerRun, 0, { runs, totalRuns, rate: 0 });
  return {
    eraDone() {
      eras += 1;
      if (eras % 25 === 0) bar.update(eras, { rate: Math.round(eras / Math.max((Date.now() - started) / 1000, 1e-3)) });
    },
    runDone() {
      runs += 1;
      bar.update(eras, { runs });
    },
    stop() {
      bar.stop();
    },
  };
}
