import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvkitInputError } from '../../../src/core/errors';
import { checkChartInput } from '../../../src/plot/charts/chart-input';

const rows = [
  { K: 3, M: 32, ratio: 0.14 },
  { K: 5, M: 64, ratio: 0.06 },
];
const field = (name: string) => (error: unknown) => error instanceof ConvkitInputError && error.field === name;

test('the checked input returns the rows, the channels given and every scale, linear by default', () => {
  const x = { field: 'K', title: 'kernel K' };
  const y = { field: 'ratio', title: 'ratio' };
  const checked = checkChartInput(
    { data: rows, x, y, yScale: 'log' },
    { fields: ['x', 'y'], optionalFields: ['series'], scales: { xScale: 'x', yScale: 'y' } },
  );
  assert.deepEqual(checked.rows, rows);
  assert.deepEqual(checked.fields, { x, y });
  assert.deepEqual(checked.scales, { xScale: 'linear', yScale: 'log' });
});

test('rows first, then required channels in order, then optional ones, then scales, then log-scale values', () => {
  const rules = { fields: ['x', 'y'], optionalFields: ['series'], scales: { yScale: 'y' } } as const;
  const x = { field: 'K', title: 'kernel K' };
  const y = { field: 'ratio', title: 'ratio' };
  assert.throws(() => checkChartInput({ data: [], x: undefined, y }, rules), field('data'));
  assert.throws(() => checkChartInput({ data: rows, y }, rules), field('x'));
  assert.throws(() => checkChartInput({ data: rows, x, y: { field: 'nope', title: 't' } }, rules), field('y.field'));
  assert.throws(() => checkChartInput({ data: rows, x, y, series: { field: 'M', title: '' } }, rules), field('series.title'));
  assert.throws(() => checkChartInput({ data: rows, x, y, yScale: 'sqrt' as never }, rules), field('yScale'));
  const withZero = [...rows, { K: 7, M: 8, ratio: 0 }];
  assert.throws(() => checkChartInput({ data: withZero, x, y, yScale: 'log' }, rules), field('data[2].ratio'));
});
