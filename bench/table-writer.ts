/**
 * The bench's stand-in for the CLI's main thread when a lone run has a thread of its own: writes
 * the run's recorded rows as CSV (to bytes it counts, not to files), on the other core.
 * Messages: recorded rows of a table, then `end`, answered with the bytes written. Started with
 * the counter of the run's post window (src/runner/post-window.ts), counted down as rows are written.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RecordedRows } from '../src/runner/row-recorder.js';
import type { TableName } from '../src/scenarios/schema.js';
import { RecordedTables } from '../src/runner/table-output.js';
import { PostWindow } from '../src/runner/post-window.js';

export type ToTableWriter = { type: 'rows'; table: TableName; rows: RecordedRows } | { type: 'end' };

const port = parentPort!;
const outputWindow = new PostWindow((workerData as { postWindow: Int32Array }).postWindow);
let bytes = 0;
// One run: its tables keyed by a run of 0.
const tables = new RecordedTables<number>((_run, _table, chunk) => (bytes += chunk.length));

port.on('message', (message: ToTableWriter) => {
  if (message.type === 'rows') {
    tables.add(0, message.table, message.rows);
    outputWindow.leave();
  } else {
    tables.finish(0);
    port.postMessage(bytes);
    port.close();
  }
});
