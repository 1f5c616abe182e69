import { test } from 'node:test';
import assert from 'node:assert/strict';
import { equalDepthMacsSentence, equalDepthPairs, equalDepthParamsSentence, type EqualDepthPair } from '../../../src/lessons/resnet-densenet/depth-sweep';

test('at equal depth DenseNet-BC does fewer MACs than ResNet up to 58 layers and more from 70 on, and the sentence says so', () => {
  const pairs = equalDepthPairs([3, 9, 11]);
  assert.deepEqual(
    pairs.map((p) => [p.resnet.depth, p.densenet.depth]),
    [
      [20, 22],
      [56, 58],
      [68, 70],
    ],
  );
  // The review's figures: ResNet-20 40.6M vs BC-22 31.2M; ResNet-56 125.5M vs BC-58 124.4M; ResNet-68 153.8M vs BC-70 165.1M.
  const millions = pairs.map((p) => [p.resnet.macs / 1e6, p.densenet.macs / 1e6]);
  [
    [40.6, 31.2],
    [125.5, 124.4],
    [153.8, 165.1],
  ].forEach(([r, d], i) => {
    assert.ok(Math.abs(millions[i][0] - r) < 0.05 && Math.abs(millions[i][1] - d) < 0.05, millions[i].join(' vs '));
  });
  const sentence = equalDepthMacsSentence(pairs);
  assert.match(sentence, /fewer MACs per image than ResNet up to 58 layers \(ResNet-56 125\.5M vs DenseNet-BC-58 124\.4M\)/);
  assert.match(sentence, /more from 70 layers on \(ResNet-68 153\.8M vs DenseNet-BC-70 165\.1M\)\./);
});

test('the MACs sentence follows the numbers when one family is cheaper everywhere', () => {
  const point = (family: string, depth: number, macs: number) => ({ family, depth, trainableParams: 1, macs });
  const pair = (n: number, r: number, d: number): EqualDepthPair => ({
    units: n,
    resnet: point('ResNet', 6 * n + 2, r),
    densenet: point('DenseNet-BC', 6 * n + 4, d),
  });
  assert.match(equalDepthMacsSentence([pair(3, 2e6, 1e6), pair(5, 3e6, 2e6)]), /fewer MACs per image than ResNet at every depth/);
  assert.match(equalDepthMacsSentence([pair(3, 1e6, 2e6)]), /more MACs per image than ResNet at every depth/);
});

test('DenseNet-BC has fewer parameters than ResNet at every paired depth, and the sentence gives the range', () => {
  const pairs = equalDepthPairs();
  assert.ok(pairs.every((p) => p.densenet.trainableParams < p.resnet.trainableParams));
  assert.match(equalDepthParamsSentence(pairs), /^At every depth compared DenseNet-BC has fewer parameters than ResNet: \d+–\d+% of ResNet's\.$/);
});
