import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as shared from '../../../src/data/reference-tables';
import { kernelWeights, totalKernelWeights } from '../../../src/lessons/mobilenet/kernel-weights';
import { summarize } from '../../../src/cost/summary';
import { buildModelSpec } from '../../../src/models/zoo';

test('the lesson counts kernel weights with the same function the published-figure test uses', () => {
  assert.equal(kernelWeights, shared.kernelWeights);
  assert.equal(totalKernelWeights, shared.totalKernelWeights);
});

test('a depthwise separable MobileNet layer pair counts K·K·C + C·M weights and no BN or bias', () => {
  const rows = summarize(buildModelSpec('mobilenet-v1')).rows;
  const dw = rows.find((r) => r.kind === 'depthwiseConv2d')!;
  const pw = rows.find((r) => r.kind === 'pointwiseConv2d')!;
  const bn = rows.find((r) => r.kind === 'batchNorm')!;
  assert.equal(kernelWeights(dw), 3 * 3 * 32);
  assert.equal(kernelWeights(pw), 32 * 64);
  assert.equal(kernelWeights(bn), 0);
  assert.equal(totalKernelWeights(rows), 4_209_088);
});
