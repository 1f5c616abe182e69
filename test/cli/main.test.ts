import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeModel, MODEL_NAMES } from '../../src/models/zoo';
import { LAYER_TYPE_NAMES } from '../../src/cli/layer-types';
import { runNotebooks } from '../../src/cli';
import { runCli } from './run-cli';

test('convkit --help lists all 20 zoo models with their description and every layer type', async () => {
  const { code, stdout, stderr } = await runCli('--help');
  assert.equal(code, 0);
  assert.equal(stderr, '');
  assert.equal(MODEL_NAMES.length, 20);
  // The paper, year and arXiv id of describeModel, then the model's options as flags.
  for (const model of MODEL_NAMES) assert.ok(stdout.includes(describeModel(model).split('; options: ')[0]!), model);
  for (const type of LAYER_TYPE_NAMES) assert.match(stdout, new RegExp(`^  ${type} `, 'm'), type);
});

test("help names the models' options as flags with one default each, never as library option names", async () => {
  for (const argv of [['--help'], ['cost', '--help']]) {
    const { stdout } = await runCli(...argv);
    const models = stdout.split('\n').filter((line) => MODEL_NAMES.some((model) => line.startsWith(`  ${model}: `)));
    assert.equal(models.length, MODEL_NAMES.length);
    for (const line of models) {
      assert.doesNotMatch(line, /growthRate/, line);
      assert.doesNotMatch(line, /\(or v1\.5\)/, line);
    }
    assert.match(stdout, /densenet-121: .*options: --growth-rate --resolution --classes \(defaults: --growth-rate 32,/);
    assert.match(stdout, /resnet-50: .*\(defaults: --variant v1, --resolution 224, --classes 1000\)/);
  }
});

test('resnet-bottleneck help says --filters is the bottleneck width, and the output is 4 × filters', async () => {
  const { stdout } = await runCli('layer', 'resnet-bottleneck', '--help');
  const filtersLine = stdout.split('\n').find((line) => line.startsWith('  --filters'))!;
  assert.match(filtersLine, /bottleneck width/);
  assert.match(filtersLine, /4 × filters/);
  assert.doesNotMatch(filtersLine, /output channels M/);
  // test/cli/layer-command.test.ts checks that the block really has 4 × filters output channels.
});

test('convkit with no arguments shows the same help', async () => {
  assert.equal((await runCli()).stdout, (await runCli('--help')).stdout);
});

test('convkit cost --help lists all 20 models and the model options', async () => {
  const { code, stdout } = await runCli('cost', '--help');
  assert.equal(code, 0);
  for (const model of MODEL_NAMES) assert.ok(stdout.includes(`  ${model}: `), model);
  for (const flag of ['--alpha A', '--resolution R', '--depth L', '--growth-rate K', '--variant v1|v1.5', '--classes N', '--per-layer', '--json']) {
    assert.ok(stdout.includes(flag), flag);
  }
});

test('convkit layer --help lists every layer type and its options; TYPE --help gives the defaults', async () => {
  const { code, stdout } = await runCli('layer', '--help');
  assert.equal(code, 0);
  for (const type of LAYER_TYPE_NAMES) assert.match(stdout, new RegExp(`^  ${type} `, 'm'), type);
  for (const flag of [
    '--filters',
    '--kernel',
    '--stride',
    '--padding',
    '--dilation',
    '--groups',
    '--bias',
    '--depth-multiplier',
    '--layers',
    '--growth-rate',
    '--compression',
    '--expansion',
    '--bottleneck',
  ]) {
    assert.ok(stdout.includes(flag), flag);
  }
  const one = await runCli('layer', 'separable', '--help');
  assert.equal(one.code, 0);
  assert.match(one.stdout, /^Usage: convkit layer separable --input H,W,C --filters M \[options\] \[--json\]$/m);
  assert.match(one.stdout, /Defaults: kernel 3, stride 1/);
});

test('convkit --version prints the package version', async () => {
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  assert.deepEqual(await runCli('--version'), { code: 0, stdout: `${version}\n`, stderr: '' });
});

test('help and argument errors answer without loading the cost model and mathjs, so they come back fast', async () => {
  // No test in this file runs a cost, so nothing else has loaded mathjs here.
  await runCli('cost', '--help');
  await runCli('layer', 'separable', '--help');
  assert.equal((await runCli('cost', 'densenet-121', '--alpha', '0.5')).code, 2);
  assert.equal((await runCli('layer', 'conv', '--input', '8,8,3')).code, 2);
  assert.equal(Object.keys(require.cache).filter((path) => /node_modules[/\\]mathjs[/\\]/.test(path)).length, 0);
});

test('convkit run hands its arguments to the notebook runner and returns its exit code', async () => {
  const seen: string[][] = [];
  const code = await runNotebooks(['notebooks/01.ipynb', '--timeout', '30'], { stdout: () => {}, stderr: () => {} }, () => ({
    runCommand: async (args) => {
      seen.push(args);
      return 1;
    },
  }));
  assert.equal(code, 1);
  assert.deepEqual(seen, [['notebooks/01.ipynb', '--timeout', '30']]);
});

test('convkit run without the notebook runner says so in one line and exits 2', async () => {
  let stderr = '';
  const missing = Object.assign(new Error("Cannot find module './notebook/run-command'\nRequire stack:\n- src/cli.ts"), { code: 'MODULE_NOT_FOUND' });
  const code = await runNotebooks([], { stdout: () => {}, stderr: (text) => (stderr += text) }, () => {
    throw missing;
  });
  assert.equal(code, 2);
  assert.match(stderr, /^convkit: run: the notebook runner \(src\/notebook\/run-command\) is not part of this checkout\n$/);
});

test('a module missing inside the notebook runner is not mistaken for a missing runner', async () => {
  const inner = Object.assign(new Error("Cannot find module 'zeromq'\nRequire stack:\n- src/notebook/run-command.ts"), { code: 'MODULE_NOT_FOUND' });
  await assert.rejects(
    runNotebooks([], { stdout: () => {}, stderr: () => {} }, () => {
      throw inner;
    }),
    /zeromq/,
  );
});
