import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromArray } from '../../../src/core/tensor';
import { uniformArray } from '../../../src/core/random';
import { kitBasicBlock, resNetBatchNormEpsilon, seededBasicBlockWeights, seededBatchNorm } from '../../../src/lessons/resnet-densenet/block-code';
import { RESNET34_SHORTCUT_TOP1_ERROR, residualBlockCosts, shortcutOptions } from '../../../src/lessons/resnet-densenet/resnet-blocks';

// A 1×1×1 map through the kit's basic block, worked by hand: with one channel every 3×3 'same' window
// sees only the centre tap, so conv(x) = w·x.
test('the kit basic block on a 1×1×1 map is ReLU(BN2(w2·ReLU(BN1(w1·x))) + x), worked by hand', () => {
  const epsilon = resNetBatchNormEpsilon();
  const centreOnly = (w: number) => Float32Array.from({ length: 9 }, (_, k) => (k === 4 ? w : 0));
  const bn = (gamma: number, beta: number, mean: number, variance: number) => ({
    gamma: [gamma],
    beta: [beta],
    mean: [mean],
    variance: [variance - epsilon],
    epsilon,
  });
  const weights = { kernel1: centreOnly(2), bn1: bn(1, 0.5, 1, 4), kernel2: centreOnly(-3), bn2: bn(2, 0, 0, 1) };
  // x = 1.5: w1·x = 3; BN1 = (3 − 1)/2 + 0.5 = 1.5; ReLU 1.5; w2· = −4.5; BN2 = 2·(−4.5) = −9; + x = −7.5; ReLU = 0.
  assert.equal(kitBasicBlock(fromArray([1, 1, 1], [1.5]), weights).data[0], 0);
  // With a positive second kernel: x = 1.5, w2 = 1 → 1.5; BN2 = 3; + 1.5 = 4.5.
  const positive = { ...weights, kernel2: centreOnly(1) };
  assert.ok(Math.abs(kitBasicBlock(fromArray([1, 1, 1], [1.5]), positive).data[0] - 4.5) < 1e-5);
});

test('seeded weights have the block sizes, repeat with the seed, and differ per channel', () => {
  const w = seededBasicBlockWeights(4, 7);
  assert.deepEqual([w.kernel1.length, w.kernel2.length, w.bn1.gamma.length, w.bn2.variance.length], [144, 144, 4, 4]);
  assert.deepEqual(w.kernel2, seededBasicBlockWeights(4, 7).kernel2);
  assert.equal(new Set(seededBatchNorm(5, 1).gamma).size, 5);
  assert.ok(seededBatchNorm(5, 1).variance.every((v) => v > 0));
  assert.equal(w.bn1.epsilon, 1.001e-5);
});

test('the kit basic block keeps the shape and is not the identity on a random map', () => {
  const input = fromArray([5, 6, 3], uniformArray(90, 4, -1, 1));
  const out = kitBasicBlock(input, seededBasicBlockWeights(3, 9));
  assert.deepEqual(out.shape, [5, 6, 3]);
  assert.ok(out.data.every((v) => v >= 0));
  assert.ok(out.data.some((v, i) => Math.abs(v - Math.max(input.data[i], 0)) > 1e-3));
});

test('block costs: bottleneck 17b², basic 18b² at b and 288b² at 4b, inverted residual 2·4b² + 9·4b', () => {
  const [basic64, bottleneck, basic256, inverted] = residualBlockCosts(56);
  const b = 64;
  assert.equal(basic64.weights, 18 * b * b);
  assert.equal(bottleneck.weights, 17 * b * b);
  assert.equal(basic256.weights, 288 * b * b);
  assert.equal(inverted.weights, 2 * 4 * b * b + 9 * 4 * b);
  assert.equal(bottleneck.macs, 56 * 56 * 17 * b * b);
  assert.equal(bottleneck.widths, '256 → 64 → 64 → 256');
  assert.equal(bottleneck.shape, 'wide–narrow–wide');
  assert.equal(inverted.shape, 'narrow–wide–narrow');
  assert.equal(basic64.shape, 'constant');
});

test('shortcut options on ResNet-34: A none, B three projections (torchvision count), C all sixteen blocks', () => {
  const [a, b, c] = shortcutOptions();
  assert.deepEqual([a.projections, b.projections, c.projections], [0, 3, 16]);
  assert.equal(a.shortcutParams, 0);
  // B: 1×1 convs 64→128, 128→256, 256→512 plus BN γ/β.
  assert.equal(b.shortcutParams, 64 * 128 + 128 * 256 + 256 * 512 + 2 * (128 + 256 + 512));
  assert.equal(b.trainableParams, 21_797_672); // torchvision resnet34 num_params
  // C adds a projection to each of the other 13 blocks (3 at 64, 3 at 128, 5 at 256, 2 at 512 channels).
  const extra = 3 * (64 * 64 + 128) + 3 * (128 * 128 + 256) + 5 * (256 * 256 + 512) + 2 * (512 * 512 + 1024);
  assert.equal(c.shortcutParams - b.shortcutParams, extra);
  assert.deepEqual(RESNET34_SHORTCUT_TOP1_ERROR, { A: 25.03, B: 24.52, C: 24.19 });
  assert.deepEqual([a.top1ErrorPercent, b.top1ErrorPercent, c.top1ErrorPercent], [25.03, 24.52, 24.19]);
});
