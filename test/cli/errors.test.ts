import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli';
import { runCli } from './run-cli';

/**
 * Each bad command line, and the field its one-line message must name.
 * The rule (docs/design.md#bad-input): exit code 2, one line on stderr
 * naming the field, the value and the rule, nothing on stdout.
 */
const BAD_INPUT: ReadonlyArray<{ why: string; argv: string[]; field: string }> = [
  { why: 'an unknown subcommand', argv: ['frobnicate'], field: 'subcommand = "frobnicate"' },
  { why: 'an unknown top-level option', argv: ['--bogus'], field: 'option = "--bogus"' },
  { why: 'an unknown model', argv: ['cost', 'alexnet'], field: 'model = "alexnet"' },
  { why: 'no model at all', argv: ['cost', '--json'], field: 'model' },
  { why: 'a second positional argument', argv: ['cost', 'resnet-18', 'resnet-34'], field: 'argument = "resnet-34"' },
  { why: 'an unknown flag', argv: ['cost', 'mobilenet-v1', '--width', '2'], field: 'option = "--width"' },
  { why: 'a flag without its value', argv: ['cost', 'mobilenet-v1', '--alpha'], field: '--alpha' },
  { why: 'a value on a switch', argv: ['cost', 'mobilenet-v1', '--json=1'], field: '--json' },
  { why: 'alpha of zero', argv: ['cost', 'mobilenet-v1', '--alpha', '0'], field: '--alpha = 0' },
  { why: 'a negative alpha', argv: ['cost', 'mobilenet-v1', '--alpha', '-0.5'], field: '--alpha = -0.5' },
  { why: 'alpha NaN', argv: ['cost', 'mobilenet-v1', '--alpha', 'NaN'], field: '--alpha = NaN' },
  { why: 'alpha that is not a number', argv: ['cost', 'mobilenet-v1', '--alpha=wide'], field: '--alpha = "wide"' },
  { why: 'a fractional resolution', argv: ['cost', 'mobilenet-v1', '--resolution', '1.5'], field: '--resolution = 1.5' },
  { why: 'a zero resolution', argv: ['cost', 'mobilenet-v1', '--resolution', '0'], field: '--resolution = 0' },
  { why: 'a CIFAR ResNet depth that is not 6n + 2', argv: ['cost', 'resnet-cifar', '--depth', '21'], field: '--depth = 21' },
  { why: 'a DenseNet-BC depth that is not 6n + 4', argv: ['cost', 'densenet-bc-cifar', '--depth', '41'], field: '--depth = 41' },
  { why: 'alpha for a DenseNet', argv: ['cost', 'densenet-121', '--alpha', '0.5'], field: '--alpha = 0.5' },
  { why: 'depth for an ImageNet ResNet', argv: ['cost', 'resnet-50', '--depth', '50'], field: '--depth = 50' },
  { why: 'variant for a basic-block ResNet', argv: ['cost', 'resnet-18', '--variant', 'v1.5'], field: '--variant = "v1.5"' },
  { why: 'an unknown variant', argv: ['cost', 'resnet-50', '--variant', 'v2'], field: '--variant = "v2"' },
  { why: 'a layer flag given to cost', argv: ['cost', 'resnet-50', '--kernel', '3'], field: 'option = "--kernel"' },
  { why: 'an unknown layer type', argv: ['layer', 'hexconv', '--input', '8,8,3'], field: 'type = "hexconv"' },
  { why: 'no layer type', argv: ['layer', '--input', '8,8,3'], field: 'type' },
  { why: 'a layer without --input', argv: ['layer', 'conv', '--filters', '8'], field: '--input' },
  { why: 'an input that is not H,W,C', argv: ['layer', 'conv', '--input', '8,8', '--filters', '8'], field: '--input = "8,8"' },
  { why: 'a conv without --filters', argv: ['layer', 'conv', '--input', '8,8,3'], field: '--filters' },
  { why: 'a stride of zero', argv: ['layer', 'conv', '--input', '8,8,3', '--filters', '8', '--stride', '0'], field: '--stride = 0' },
  {
    why: 'a kernel larger than the padded input',
    argv: ['layer', 'conv', '--input', '5,5,3', '--filters', '8', '--kernel', '7', '--padding', 'valid'],
    field: '--kernel = 7',
  },
  {
    why: 'a dilated kernel larger than the input',
    argv: ['layer', 'depthwise', '--input', '5,5,3', '--kernel', '3', '--dilation', '3', '--padding', 'valid'],
    field: '--kernel = 3',
  },
  { why: 'an unknown padding', argv: ['layer', 'conv', '--input', '8,8,3', '--filters', '8', '--padding', 'full'], field: '--padding = "full"' },
  {
    why: 'groups that do not divide the input channels',
    argv: ['layer', 'conv', '--input', '8,8,3', '--filters', '4', '--groups', '2'],
    field: '--groups = 2',
  },
  { why: 'a kernel for a pointwise conv', argv: ['layer', 'pointwise', '--input', '8,8,3', '--filters', '4', '--kernel', '3'], field: '--kernel = 3' },
  { why: 'a compression above 1', argv: ['layer', 'transition', '--input', '8,8,16', '--compression', '1.5'], field: '--compression = 1.5' },
  {
    why: 'a compression that keeps no channel',
    argv: ['layer', 'transition', '--input', '8,8,1'],
    field: '--input = "8,8,1": too few channels for compression θ = 0.5',
  },
  {
    why: 'a fractional bottleneck expansion',
    argv: ['layer', 'resnet-bottleneck', '--input', '8,8,64', '--filters', '16', '--expansion', '2.5'],
    field: '--expansion = 2.5',
  },
  { why: 'a dense block without --layers', argv: ['layer', 'dense-block', '--input', '8,8,16'], field: '--layers' },
  // 40,000 layers would overflow the stack (exit 1), so the flag is capped.
  {
    why: 'a dense block of 40,000 layers',
    argv: ['layer', 'dense-block', '--input', '2,2,2', '--layers', '40000'],
    field: '--layers = 40000: must be at most 1,000',
  },
  // Sizes refused at the flag, in the flag's name, not deep inside the cost model.
  { why: 'an infinite alpha', argv: ['cost', 'mobilenet-v1', '--alpha', 'Infinity'], field: '--alpha = Infinity: must be a finite number' },
  { why: 'an alpha beyond the double range', argv: ['cost', 'mobilenet-v1', '--alpha', '1e308'], field: '--alpha = 1e+308: must be at most 4' },
  { why: 'an alpha of 100,000', argv: ['cost', 'mobilenet-v1', '--alpha', '1e5'], field: '--alpha = 100000: must be at most 4' },
  { why: 'a resolution of a billion pixels', argv: ['cost', 'mobilenet-v1', '--resolution', '1e9'], field: '--resolution = 1000000000: must be at most 4,096' },
  { why: '10^20 classes', argv: ['cost', 'mobilenet-v1', '--classes', '1e20'], field: '--classes = 100000000000000000000: must be at most 100,000' },
  { why: 'a depth that overflows to Infinity', argv: ['cost', 'resnet-cifar', '--depth', '1e400'], field: '--depth = Infinity: must be a finite number' },
  {
    why: "an input too small for the transition's 2x2 pool",
    argv: ['layer', 'transition', '--input', '1,1,16'],
    field: '--input = [1, 1, 16]: too small for layer transition_pool: its poolSize 2',
  },
  {
    why: 'layer sizes whose MACs pass 2^53',
    argv: ['layer', 'conv', '--input', '100000,100000,100000', '--filters', '100000'],
    field: 'sizes = "--input 100000,100000,100000 --filters 100000": too large together: the layer would count MACs',
  },
  {
    why: 'model options whose MACs pass 2^53 together',
    argv: ['cost', 'densenet-bc-cifar', '--depth', '1996', '--growth-rate', '1024', '--resolution', '4096'],
    field: 'sizes = "--resolution 4096 --depth 1996 --growth-rate 1024": too large together: layer ',
  },
  // A repeated flag is refused rather than silently taking the last value.
  {
    why: 'alpha given twice',
    argv: ['cost', 'mobilenet-v1', '--alpha', '0.5', '--alpha', '0.75'],
    field: 'option = "--alpha": given 2 times (0.5, then 0.75)',
  },
  { why: 'a switch given twice', argv: ['cost', 'mobilenet-v1', '--json', '--json'], field: 'option = "--json": given 2 times' },
  {
    why: 'a layer flag given twice',
    argv: ['layer', 'conv', '--input', '8,8,3', '--filters', '8', '--filters=16'],
    field: 'option = "--filters": given 2 times (8, then 16)',
  },
];

for (const { why, argv, field } of BAD_INPUT) {
  test(`${why} exits 2 with one stderr line naming ${field}`, async () => {
    const { code, stdout, stderr } = await runCli(...argv);
    assert.equal(code, 2, `exit code for convkit ${argv.join(' ')}; stderr: ${stderr}`);
    assert.equal(stdout, '');
    assert.match(stderr, /^convkit: [^\n]+\n$/, 'exactly one line');
    assert.ok(stderr.includes(field), `"${stderr.trim()}" should name ${field}`);
    assert.doesNotMatch(stderr, /\bat .+:\d+:\d+/, 'no stack trace');
  });
}

test('an unexpected internal failure exits 1 with one line and no stack', async () => {
  let stderr = '';
  const code = await main(['cost', 'resnet-18', '--json'], {
    stdout: () => {
      throw new Error('disk full');
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  assert.equal(code, 1);
  assert.match(stderr, /^convkit: internal error: Error: disk full[^\n]*\n$/);
});

test('cost never loads the notebook runner or zeromq', async () => {
  await runCli('cost', 'resnet-18', '--json');
  const loaded = Object.keys(require.cache);
  assert.ok(
    loaded.some((path) => path.includes('src/cost/')),
    'the cost model was loaded',
  );
  assert.equal(loaded.filter((path) => /zeromq|notebook[/\\]run-command/.test(path)).length, 0);
});
