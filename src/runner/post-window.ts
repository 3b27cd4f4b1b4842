/**
 * Flow control between a thread that posts a run's output and the thread that writes it: at most
 * `limit` messages in flight, posted and not yet written. Without it, a run that outpaced its
 * writer queued its rows in memory: L with delegators.csv (a million rows an era), while its writer
 * was slowed by collections (mended since: CsvRowWriter `spill`), ended its run at 3.8 GB RSS, which
 * then fell for a minute and a half as the queue was written. With it, the run waits instead; a
 * writer that keeps pace (that same run now) never makes it wait.
 *
 * One thread posts and one writes per window: the counter lives in shared memory, the poster counts
 * up before each post (waiting while the window is full) and the writer counts down after each write.
 */
export class PostWindow {
  constructor(
    /** One 32-bit counter in a SharedArrayBuffer, shared by the two threads (`PostWindow.counter`). */
    private readonly inFlight: Int32Array,
    private readonly limit = POST_WINDOW,
  ) {}

  /** A counter for a new window, to hand to both threads. */
  static counter(): Int32Array {
    return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  }

  /** The poster's side: waits while the window is full, then counts the message about to be posted. */
  enter(): void {
    for (;;) {
      const posted = Atomics.load(this.inFlight, 0);
      if (posted < this.limit) break;
      // Woken by `leave`; the timeout only bounds a wait whose wake-up was missed.
      Atomics.wait(this.inFlight, 0, posted, WAIT_MS);
    }
    Atomics.add(this.inFlight, 0, 1);
  }

  /** The writer's side: a message is written. */
  leave(): void {
    Atomics.sub(this.inFlight, 0, 1);
    Atomics.notify(this.inFlight, 0);
  }

  /** Messages posted and not yet written. */
  get size(): number {
    return Atomics.load(this.inFlight, 0);
  }
}

/**
 * Messages a run may have in flight: a recorded batch is about 1.2 MB (128 Ki cells), a text chunk
 * 256 KiB, so a window holds tens of megabytes at most, and is deep enough that a writer keeping
 * pace never makes the run wait.
 */
export const POST_WINDOW = 16;

const WAIT_MS = 1000;
