import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { layersToCover, receptiveField, receptiveFieldSteps, type WindowLayer } from '../../src/cost/receptive-field';
import { conv2d } from '../../src/layers/reference/conv2d';
import { fromArray, type Tensor3 } from '../../src/core/tensor';
import { ConvkitInputError } from '../../src/core/errors';

/** Input pixels along the axis the brute force probes; larger than any field the generator below can make (≤ 91, plus one jump ≤ 16). */
const LENGTH = 160;

/** Runs the stack as reference convolutions along the rows of a LENGTH×1×1 column ('valid', every weight 1). */
function runColumn(layers: readonly WindowLayer[], input: Tensor3): Tensor3 {
  let map = input;
  for (const layer of layers) {
    const k = layer.kernel;
    map = conv2d(
      map,
      { kind: 'conv2d', filters: 1, kernelSize: [k, 1], strides: [layer.stride ?? 1, 1], dilation: [layer.dilation ?? 1, 1], padding: 'valid' },
      { kernel: new Float32Array(k).fill(1) },
    ).output;
  }
  return map;
}

/**
 * Brute force: put a single 1 at each input pixel in turn, run the stack, and
 * note which input pixels reach outputs 0 and 1 at all. With positive weights
 * nothing cancels, so "reaches" is "the output is not zero". The field is the
 * span of pixels that reach output 0; the jump is how far output 1's first
 * pixel lies from output 0's.
 */
function bruteForce(layers: readonly WindowLayer[]): { size: number; jump: number; count: number } | undefined {
  const reach: number[][] = [[], []];
  for (let p = 0; p < LENGTH; p++) {
    const impulse = new Float32Array(LENGTH);
    impulse[p] = 1;
    const out = runColumn(layers, fromArray([LENGTH, 1, 1], impulse));
    if (out.shape[0] < 2) return undefined;
    for (const o of [0, 1]) if (out.data[o] !== 0) reach[o].push(p);
  }
  const [first, second] = reach;
  return { size: first[first.length - 1] - first[0] + 1, jump: second[0] - first[0], count: first.length };
}

// TF (and the reference layers) dilate or stride a window, never both at once.
const layerArb = fc
  .record({ kernel: fc.integer({ min: 1, max: 4 }), stride: fc.integer({ min: 1, max: 2 }), dilation: fc.integer({ min: 1, max: 2 }) })
  .filter((l) => l.stride === 1 || l.dilation === 1);

test('the receptive field and the jump agree with an impulse run through the reference convolutions', () => {
  fc.assert(
    fc.property(fc.array(layerArb, { minLength: 1, maxLength: 4 }), (layers) => {
      const measured = bruteForce(layers);
      if (measured === undefined) return; // the map became too small: nothing to measure
      const steps = receptiveFieldSteps(layers);
      const last = steps[steps.length - 1];
      assert.equal(last.size, measured.size, JSON.stringify(layers));
      assert.equal(last.jump, measured.jump, JSON.stringify(layers));
      assert.equal(receptiveField(layers), measured.size);
      // Without dilation, and with no stride larger than its kernel, the field has no holes:
      // every pixel of the span reaches the output. Otherwise some pixels in it are skipped.
      const holeFree = layers.every((l) => l.dilation === 1 && l.stride <= l.kernel);
      if (holeFree) assert.equal(measured.count, measured.size, JSON.stringify(layers));
    }),
    { numRuns: 150, seed: 20261203 },
  );
});

test('the papers’ examples: VGG’s stacked 3×3 layers and dilations 1, 2, 4', () => {
  // Simonyan & Zisserman 2015, §2.3: two 3×3 layers see 5×5, three see 7×7.
  assert.equal(receptiveField([{ kernel: 3 }, { kernel: 3 }]), 5);
  assert.equal(receptiveField([{ kernel: 3 }, { kernel: 3 }, { kernel: 3 }]), 7);
  // Yu & Koltun 2016, §3: 3×3 layers dilated 1, 2, 4 see (2^(i+2) − 1) = 3, 7, 15 pixels.
  const dilated = receptiveFieldSteps([1, 2, 4].map((dilation) => ({ kernel: 3, dilation })));
  assert.deepEqual(
    dilated.map((s) => s.size),
    [1, 3, 7, 15],
  );
  assert.deepEqual(
    receptiveFieldSteps([
      { kernel: 3, stride: 2 },
      { kernel: 3, stride: 2 },
    ]).map((s) => s.jump),
    [1, 2, 4],
  );
});

test('layersToCover stacks the layer until the field reaches the target, and refuses what cannot grow', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 500 }),
      layerArb.filter((l) => l.kernel > 1),
      (target, layer) => {
        const depth = layersToCover(target, layer);
        assert.ok(receptiveField(Array(depth).fill(layer)) >= target);
        assert.ok(receptiveField(Array(depth - 1).fill(layer)) < target);
      },
    ),
    { numRuns: 200, seed: 7 },
  );
  assert.equal(layersToCover(1, { kernel: 3 }), 0);
  assert.equal(layersToCover(64, { kernel: 3 }), 32);
  assert.throws(() => layersToCover(10, { kernel: 1 }), ConvkitInputError);
  assert.throws(() => receptiveFieldSteps([{ kernel: 0 }]), /layers\[0\]\.kernel/);
  assert.throws(() => receptiveFieldSteps([{ kernel: 3, stride: 1.5 }]), /layers\[0\]\.stride/);
});
