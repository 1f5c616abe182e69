/**
 * show() in a real tslab kernel: the kit's helpers must reach the kernel's
 * own display writer and send ONE display_data message per call, with every
 * MIME type in it. The kernel is started with the runner's Kernel class and
 * `--import tsx` in NODE_OPTIONS, so a cell can require the TypeScript
 * sources directly (no compiled lib/ needed for this test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Kernel, KernelError } from '../../src/notebook/kernel';
import { MIME } from '../../src/plot/mime-bundle';

const plotIndex = join(__dirname, '..', '..', 'src', 'plot', 'index.ts');

test('inside a tslab kernel each show helper sends one display_data message with all its MIME types', { timeout: 90_000 }, async (t) => {
  const previous = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${previous ?? ''} --import tsx`.trim();
  let kernel: Kernel;
  try {
    kernel = await Kernel.start({ cwd: join(__dirname, '..', '..') });
  } catch (error) {
    if (error instanceof KernelError && error.kind === 'missing') {
      t.skip(`no tslab kernel: ${error.message}`);
      return;
    }
    throw error;
  } finally {
    if (previous === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = previous;
  }
  try {
    const code = [
      `const plot = require(${JSON.stringify(plotIndex)});`,
      `await plot.show(plot.separableCostChart());`,
      `plot.showTable([{ layer: '<conv1>', macs: 1234567 }]);`,
      `plot.showFormula('\\\\frac{1}{M} + \\\\frac{1}{K^2}');`,
    ].join('\n');
    const outcome = await kernel.execute(code, 60_000);
    assert.equal(outcome.status, 'ok', JSON.stringify(outcome.iopub.map((m) => m.content)));
    const displays = outcome.iopub.filter((message) => message.header.msg_type === 'display_data');
    assert.equal(displays.length, 3);
    const data = displays.map((message) => (message.content as { data: Record<string, unknown> }).data);
    assert.deepEqual(Object.keys(data[0]).sort(), [MIME.vegaLite, MIME.svg, MIME.png, MIME.plain].sort());
    assert.equal(Buffer.from(String(data[0][MIME.png]), 'base64').subarray(1, 4).toString('latin1'), 'PNG', 'the PNG travels as base64');
    assert.equal(typeof data[0][MIME.vegaLite], 'object', 'the Vega-Lite spec travels as JSON, not a string');
    assert.match(String(data[0][MIME.svg]), /^<svg/);
    assert.deepEqual(Object.keys(data[1]).sort(), [MIME.html, MIME.plain].sort());
    assert.match(String(data[1][MIME.html]), /&lt;conv1&gt;/);
    assert.deepEqual(Object.keys(data[2]).sort(), [MIME.latex, MIME.plain].sort());
    const streams = outcome.iopub.filter((message) => message.header.msg_type === 'stream');
    assert.deepEqual(
      streams.map((m) => m.content),
      [],
      'nothing echoed as text: the helpers return nothing in a kernel',
    );
  } finally {
    await kernel.shutdown();
  }
});
