import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutputCollector } from '../../src/notebook/outputs';
import type { Output } from '../../src/notebook/nbformat';
import { createMessage, type JupyterMessage } from '../../src/notebook/wire';

const msg = (type: string, content: Record<string, unknown>): JupyterMessage => createMessage(type, content, 's');
const stdout = (text: string) => msg('stream', { name: 'stdout', text });

test('consecutive stdout streams merge into one output; a stderr stream in between starts a new one', () => {
  const outputs = new OutputCollector().collect([], [stdout('a\n'), stdout('b\n'), msg('stream', { name: 'stderr', text: 'w\n' }), stdout('c')]);
  assert.deepEqual(outputs, [
    { output_type: 'stream', name: 'stdout', text: ['a\n', 'b\n'] },
    { output_type: 'stream', name: 'stderr', text: ['w\n'] },
    { output_type: 'stream', name: 'stdout', text: ['c'] },
  ]);
});

test('display data keeps every MIME type, with text split into lines and JSON kept as objects', () => {
  const spec = { mark: 'bar', data: { values: [] } };
  const [output] = new OutputCollector().collect(
    [],
    [
      msg('display_data', {
        data: { 'text/plain': 'chart\nline 2', 'application/vnd.vegalite.v5+json': spec, 'image/png': 'AAAA' },
        metadata: {},
        transient: {},
      }),
    ],
  );
  assert.deepEqual(output, {
    output_type: 'display_data',
    data: { 'text/plain': ['chart\n', 'line 2'], 'application/vnd.vegalite.v5+json': spec, 'image/png': 'AAAA' },
    metadata: {},
  });
});

test('update_display_data replaces the earlier output with the same display id, even from a later cell', () => {
  const collector = new OutputCollector();
  const first: Output[] = collector.collect(
    [],
    [
      msg('display_data', { data: { 'text/plain': 'epoch 1' }, metadata: {}, transient: { display_id: 'progress' } }),
      msg('display_data', { data: { 'text/plain': 'other' }, metadata: {}, transient: { display_id: 'other' } }),
    ],
  );
  const second = collector.collect(
    [],
    [msg('update_display_data', { data: { 'text/plain': 'epoch 3' }, metadata: { done: true }, transient: { display_id: 'progress' } })],
  );
  assert.equal(second.length, 0, 'an update adds no output of its own');
  assert.deepEqual(first[0], { output_type: 'display_data', data: { 'text/plain': ['epoch 3'] }, metadata: { done: true } });
  assert.deepEqual(first[1], { output_type: 'display_data', data: { 'text/plain': ['other'] }, metadata: {} });
});

test('errors and execute results become their own output types', () => {
  const outputs = new OutputCollector().collect(
    [],
    [
      msg('execute_result', { execution_count: 4, data: { 'text/plain': '2' }, metadata: {} }),
      msg('error', { ename: 'TypeError', evalue: 'x is not a function', traceback: ['at cell 1'] }),
    ],
  );
  assert.deepEqual(
    outputs.map((o) => o.output_type),
    ['execute_result', 'error'],
  );
  assert.equal((outputs[0] as { execution_count: number }).execution_count, 4);
});

test('clear_output empties the cell at once, or with wait=true just before the next output', () => {
  const now = new OutputCollector().collect([], [stdout('a'), msg('clear_output', { wait: false }), stdout('b')]);
  assert.deepEqual(now, [{ output_type: 'stream', name: 'stdout', text: ['b'] }]);
  const later = new OutputCollector().collect([], [stdout('a'), msg('clear_output', { wait: true })]);
  assert.equal(later.length, 1, 'nothing is cleared until something new arrives');
  const collector = new OutputCollector();
  const outputs = collector.collect([], [stdout('a'), msg('clear_output', { wait: true }), stdout('c')]);
  assert.deepEqual(outputs, [{ output_type: 'stream', name: 'stdout', text: ['c'] }]);
});

test('messages that are not outputs (execute_input, comm) are ignored', () => {
  const outputs = new OutputCollector().collect([], [msg('execute_input', { code: '1' }), msg('comm_open', {}), stdout('x')]);
  assert.equal(outputs.length, 1);
});
