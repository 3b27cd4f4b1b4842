/**
 * The bench's stand-in for the CLI's main thread when a lone run has a thread of its own: writes
 * the run's recorded rows as CSV (to bytes it counts, not to files), on the other core.
 * Messages: recorded rows of a table, then `end`, answered with the bytes written.
 */
import { parentPort } from 'node:worker_threads';
import type { RecordedRows } from '../src/runner/row-recorder.js';
import { RecordedRowsWriter } from '../src/runner/table-output.js';

export type ToTableWriter = { type: 'rows'; table: string; rows: RecordedRows } | { type: 'end' };

const port = parentPort!;
const writers = new Map<string, RecordedRowsWriter>();
let bytes = 0;

port.on('message', (message: ToTableWriter) => {
  if (message.type === 'rows') {
    let writer = writers.get(message.table);
    if (!writer) writers.set(message.table, (writer = new RecordedRowsWriter((chunk) => (bytes += chunk.length))));
    writer.add(message.rows);
  } else {
    for (const writer of writers.values()) writer.finish();
    port.postMessage(bytes);
    port.close();
  }
});
