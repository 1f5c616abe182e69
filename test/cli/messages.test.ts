// What the command says when something is wrong: the missing option named
// plainly, never a literal undefined/null as a value, long values cut, the
// rule the input breaks (not a flag that was not typed), totals beyond 2^53
// refused, and output that cannot be written said in one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { openSync, closeSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConvkitInputError, MAX_SHOWN_VALUE_LENGTH } from '../../src/core/errors';
import { runCli } from './run-cli';

const ONE_LINE = /^convkit: [^\n]+\n$/;

async function rejected(...argv: string[]): Promise<string> {
  const result = await runCli(...argv);
  assert.equal(result.code, 2, `convkit ${argv.join(' ')}: ${result.stderr}`);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, ONE_LINE);
  return result.stderr.trim();
}

test('a missing required option is named plainly, with what it means for that layer type', async () => {
  assert.equal(await rejected('layer', 'conv', '--input', '8,8,8'), 'convkit: --filters (not given): required for layer conv: output channels M (--filters M)');
  const bottleneck = await rejected('layer', 'resnet-bottleneck', '--input', '8,8,8');
  assert.match(bottleneck, /^convkit: --filters \(not given\): required for layer resnet-bottleneck: bottleneck width F/);
  assert.match(await rejected('layer', 'dense-block', '--input', '8,8,8'), /^convkit: --layers \(not given\): required for layer dense-block/);
});

test('a missing type or model says what to name, without a literal undefined', async () => {
  assert.match(await rejected('layer'), /^convkit: type \(not given\): name a layer type after convkit layer, one of conv, /);
  assert.match(await rejected('cost'), /^convkit: model \(not given\): name a model after convkit cost, one of mobilenet-v1, /);
});

test('an option typed without its value says "(no value)"', async () => {
  assert.equal(await rejected('cost', 'mobilenet-v1', '--alpha'), 'convkit: --alpha (no value): needs a value after it, e.g. --alpha A');
  assert.equal(await rejected('layer', 'conv', '--input', '8,8,8', '--filters'), 'convkit: --filters (no value): needs a value after it, e.g. --filters M');
});

test('--help=1 and other switches given a value say the switch takes none, naming it by its long name', async () => {
  assert.equal(await rejected('--help=1'), 'convkit: --help = "1": is a switch and takes no value; write convkit --help');
  assert.equal(await rejected('--version=yes'), 'convkit: --version = "yes": is a switch and takes no value; write convkit --version');
  for (const sub of ['cost', 'layer']) {
    assert.equal(await rejected(sub, '--help=1'), 'convkit: --help = "1": is a switch and takes no value; write --help alone');
  }
  assert.equal(await rejected('cost', 'resnet-50', '--json=no'), 'convkit: --json = "no": is a switch and takes no value; write --json alone');
  assert.equal(
    await rejected('layer', 'conv', '--input', '8,8,8', '--filters', '4', '--bias=true'),
    'convkit: --bias = "true": is a switch and takes no value; write --bias alone',
  );
});

test('a transition on too few channels blames --input and states the rule, not the --compression that was not typed', async () => {
  const message = await rejected('layer', 'transition', '--input', '8,8,1');
  assert.equal(
    message,
    'convkit: --input = "8,8,1": too few channels for compression θ = 0.5: the 1×1 conv would keep floor(θ·C) = 0; a transition needs C >= 2',
  );
  assert.match(
    await rejected('layer', 'transition', '--input', '8,8,3', '--compression', '0.3'),
    /--input = "8,8,3": too few channels for compression θ = 0\.3: .* needs C >= 4$/,
  );
  // The smallest C it names really is the smallest that keeps a channel.
  assert.equal((await runCli('layer', 'transition', '--input', '8,8,4', '--compression', '0.3')).code, 0);
  assert.equal((await runCli('layer', 'transition', '--input', '8,8,2')).code, 0);
});

test('a default that fails is said to be the default, not as if it had been typed', async () => {
  assert.equal(
    await rejected('layer', 'conv', '--input', '1,1,3', '--filters', '8', '--padding', 'valid'),
    'convkit: --kernel (not given; its default 3): larger than the padded input (1)',
  );
  // Typed, it is shown as typed.
  assert.match(await rejected('layer', 'conv', '--input', '1,1,3', '--filters', '8', '--padding', 'valid', '--kernel', '3'), /^convkit: --kernel = 3: larger/);
});

test('a long value is cut to about 60 characters, saying how long it was', async () => {
  const name = 'x'.repeat(10_240);
  const message = await rejected('cost', name);
  assert.ok(message.length < 400, `${message.length} characters`);
  assert.match(message, /^convkit: model = "x+… \(10,242 characters\): must be one of /);
  const shown = /model = (.*?): must/.exec(message)![1]!;
  assert.ok(shown.length <= MAX_SHOWN_VALUE_LENGTH, shown);
  const error = new ConvkitInputError('field', 'y'.repeat(61), 'rule');
  assert.match(error.message, /^field = "y+… \(63 characters\): rule$/);
  assert.equal(new ConvkitInputError('field', 'short', 'rule').message, 'field = "short": rule');
});

test('undefined and null are never printed as values, at any depth of the message', () => {
  assert.equal(new ConvkitInputError('spec', undefined, 'must be an object').message, 'spec (not given): must be an object');
  assert.equal(new ConvkitInputError('spec', null, 'must be an object').message, 'spec (not given): must be an object');
  assert.equal(
    new ConvkitInputError('shape', [1, null, undefined], 'must be three sizes').message,
    'shape = [1, (not given), (not given)]: must be three sizes',
  );
});

test('totals beyond 2^53 are refused for blocks and models alike, naming the rule', async () => {
  const dense = await rejected('layer', 'dense-block', '--input', '7,7,7', '--layers', '997', '--growth-rate', '99999', '--json');
  assert.match(
    dense,
    /^convkit: sizes = "--input 7,7,7 --layers 997 --growth-rate 99999": too large together: the totals would count MACs = \d+, beyond 2\^53/,
  );
  // Each layer of that block alone is exact; only the sum is not. (A layer beyond 2^53 names the layer.)
  const layer = await rejected('layer', 'conv', '--input', '4096,4096,100000', '--filters', '100000');
  assert.match(layer, /too large together: the layer would count MACs = \d+, beyond 2\^53/);
});

test('bin/convkit.js writing to a full disk says so in one line and exits 1, no stack trace', { skip: !existsSync('/dev/full') }, () => {
  const full = openSync('/dev/full', 'w');
  try {
    const bin = join(__dirname, '..', '..', 'bin', 'convkit.js');
    const result = spawnSync(process.execPath, [bin, 'cost', 'resnet-50'], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stderr, 'convkit: cannot write to standard output: ENOSPC: no space left on device, write\n');
  } finally {
    closeSync(full);
  }
});

test('bin/convkit.js piped into a reader that stops early exits 0 without a message', () => {
  const bin = join(__dirname, '..', '..', 'bin', 'convkit.js');
  const result = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" cost densenet-264 --per-layer | head -1 >/dev/null; echo "exit \${PIPESTATUS[0]}"`], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.stderr, '');
  assert.match(result.stdout, /exit 0/);
});
