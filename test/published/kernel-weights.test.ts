import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelWeights, totalKernelWeights } from '../../src/published/kernel-weights';
import { summarize } from '../../src/cost/summary';
import { buildModelSpec } from '../../src/models/zoo';

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
