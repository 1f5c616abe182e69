import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denseBlockSpec } from '../../../src/models/one-block';
import { renderSvg } from '../../../src/plot/vega-render';
import { connectionMatrix, denseBlockUnits, resNetChainSpec, resNetChainUnits } from '../../../src/models/connections';
import { CONNECTION_LABELS, connectionMatrixChart } from '../../../src/lessons/resnet-densenet/connection-chart';
import { ConvkitInputError } from '../../../src/core/errors';

const denseSpec = denseBlockSpec([8, 8, 16], { layers: 4, growthRate: 12 });
const chainSpec = resNetChainSpec([8, 8, 16], 4);

/** The parts of the Vega-Lite spec these tests read. */
interface ConnectionChartJson {
  encoding: { color: { type: string; scale: { domain: string[] } } };
  data: { values: { target: string; source: string; connection: string }[] };
}

test('the connection chart colours cells by a nominal kind with both kinds in the legend, whatever the matrix holds', () => {
  const chart = connectionMatrixChart(connectionMatrix(denseSpec, denseBlockUnits(denseSpec)), {
    targetTitle: 'dense layer that reads',
  }) as unknown as ConnectionChartJson;
  assert.equal(chart.encoding.color.type, 'nominal');
  assert.deepEqual(chart.encoding.color.scale.domain, [CONNECTION_LABELS.concat, CONNECTION_LABELS.sum]);
  // A dense block only concatenates: every cell says so in words, none carries a numeric code.
  assert.ok(chart.data.values.every((v) => v.connection === CONNECTION_LABELS.concat));
});

test('the ResNet chain chart marks the first block as reading its input directly and every later source as summed', () => {
  const cells = connectionMatrix(chainSpec, resNetChainUnits(chainSpec));
  const values = (connectionMatrixChart(cells, { targetTitle: 'block that reads' }) as unknown as ConnectionChartJson).data.values;
  assert.equal(values.find((v) => v.target === 'block 1')!.connection, CONNECTION_LABELS.concat);
  assert.ok(values.filter((v) => v.target !== 'block 1').every((v) => v.connection === CONNECTION_LABELS.sum));
});

test('the rendered chart shows both legend entries and no numeric code', async () => {
  const svg = await renderSvg(
    connectionMatrixChart(connectionMatrix(denseSpec, denseBlockUnits(denseSpec)), { targetTitle: 'dense layer that reads', title: 'dense' }),
  );
  assert.ok(svg.includes('own channels (concatenated)') && svg.includes('inside a sum (added)'));
  assert.ok(!/>2<\/text>/.test(svg));
});

test('an empty matrix is an input error', () => {
  assert.throws(() => connectionMatrixChart([], { targetTitle: 't' }), ConvkitInputError);
});
