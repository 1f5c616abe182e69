import { test } from 'node:test';
import assert from 'node:assert/strict';
import { separableVsStandard } from '../../src/cost';

test('on 56x56x128 with K = 3 and M = 128 a separable conv costs 1/128 + 1/9 of a standard one', () => {
  // standard 56·56·9·128·128 = 462,422,016; depthwise 56·56·9·128 = 3,612,672;
  // pointwise 56·56·128·128 = 51,380,224; ratio 54,992,896 / 462,422,016 = 0.11892… = 1/128 + 1/9.
  const c = separableVsStandard([56, 56, 128], { filters: 128, kernelSize: 3 });
  assert.equal(c.standard.macs, 462_422_016);
  assert.equal(c.depthwise.macs, 3_612_672);
  assert.equal(c.pointwise.macs, 51_380_224);
  assert.equal(c.separable.macs, 54_992_896);
  assert.ok(Math.abs(c.macsRatio - (1 / 128 + 1 / 9)) < 1e-12);
  assert.ok(Math.abs(c.formulaRatio - (1 / 128 + 1 / 9)) < 1e-12);
  // Parameters follow the same ratio: (9·128 + 128·128) / (9·128·128) = 17,536 / 147,456.
  assert.ok(Math.abs(c.paramsRatio - 17_536 / 147_456) < 1e-12);
});

test('with stride 2 both convs shrink the map alike, so the ratio is unchanged', () => {
  const c = separableVsStandard([57, 57, 32], { filters: 64, kernelSize: 3, strides: 2 });
  assert.deepEqual(c.standard.outputShape, [29, 29, 64]);
  assert.deepEqual(c.depthwise.outputShape, [29, 29, 32]);
  assert.ok(Math.abs(c.macsRatio - (1 / 64 + 1 / 9)) < 1e-12);
});
