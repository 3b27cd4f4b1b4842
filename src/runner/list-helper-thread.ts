/**
 * The list helper's thread (runner/list-helper.ts): does the share of an era's list work it is
 * sent, into the shared arrays it is sent, and says when it is done through the status words the
 * run's thread waits on. Its errors go back by a port the run's thread reads while it waits.
 */
import { workerData, parentPort, type MessagePort } from 'node:worker_threads';
import { scorePopularity } from '../mechanism/popularity.js';
import { streamNamed } from '../mechanism/rng.js';
import { DONE, insertInto, takeEach, type HelperTask } from './list-helper.js';

const { status, errors } = workerData as { status: Int32Array; errors: MessagePort };

parentPort!.on('message', (task: HelperTask) => {
  try {
    if (task.type === 'insert') insertShare(task);
    else scoreShare(task);
    Atomics.store(status, DONE, task.number);
  } catch (err) {
    errors.postMessage({ message: err instanceof Error ? err.message : String(err) });
    Atomics.store(status, DONE, -task.number);
  }
  Atomics.notify(status, DONE);
});

function insertShare(task: Extract<HelperTask, { type: 'insert' }>): void {
  const departed = { flags: task.flags, count: task.count };
  const score = task.score;
  score?.points.fill(0, 0, score.slotCount);
  takeEach(status, task.lists.length, (k) => {
    const list = task.lists[k] as Int32Array;
    const into = task.into[k] as Int32Array;
    insertInto(list, task.joined, streamNamed(task.streams[k] as string), departed, into);
    if (score) scorePopularity([into], score.minerCount, score.slotCount, score.points);
  });
}

/** scorePopularity of the lists it takes, into the shared points. */
function scoreShare(task: Extract<HelperTask, { type: 'score' }>): void {
  task.points.fill(0, 0, task.slotCount);
  takeEach(status, task.lists.length, (k) =>
    scorePopularity([task.lists[k] as Int32Array], task.minerCount, task.slotCount, task.points),
  );
}
