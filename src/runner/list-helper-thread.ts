/**
 * The list helper's thread (runner/list-helper.ts): does the share of an era's list work it is
 * sent, into the shared arrays it is sent, and says when it is done through the status words the
 * run's thread waits on. Its errors go back by a port the run's thread reads while it waits. Its
 * loops work in the run's thread's memory (runner/list-loops.ts), where a task says its arrays are.
 */
import { workerData, parentPort, type MessagePort } from 'node:worker_threads';
import { copyAroundPlaces } from '../mechanism/random-insertion.js';
import { streamNamed } from '../mechanism/rng.js';
import { DONE, insertInto, scoreOne, takeEach, type HelperTask } from './list-helper.js';
import { ListLoops } from './list-loops.js';

const { status, errors, memory } = workerData as {
  status: Int32Array;
  errors: MessagePort;
  memory: ListLoops['memory']; // null where the run's thread has none: no task then says `wasm`
};
const loops = new ListLoops(memory);

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
  const copy = task.wasm ? loops.copyAroundVia(task.wasm) : copyAroundPlaces;
  score?.points.fill(0, 0, score.slotCount);
  takeEach(status, task.lists.length, (k) => {
    const list = task.lists[k] as Int32Array;
    const into = task.into[k] as Int32Array;
    insertInto(list, task.joined, streamNamed(task.streams[k] as string), departed, into, copy);
    if (score) scoreOne(loops, task.wasm !== undefined, into, score.minerCount, score.slotCount, score.points);
  });
}

/** scorePopularity of the lists it takes, into the shared points. */
function scoreShare(task: Extract<HelperTask, { type: 'score' }>): void {
  task.points.fill(0, 0, task.slotCount);
  takeEach(status, task.lists.length, (k) =>
    scoreOne(loops, task.wasm === true, task.lists[k] as Int32Array, task.minerCount, task.slotCount, task.points),
  );
}
