import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

test('convkit experiment --list names every experiment with its jobs and source', async () => {
  const { code, out } = await run(['experiment', '--list']);
  assert.equal(code, 0);
  for (const name of ['degradation', 'accuracy-per-parameter', 'separable-tradeoff', 'feature-reuse', 'linear-bottleneck'])
    assert.match(out, new RegExp(`^${name} `, 'm'));
  assert.match(out, /degradation +4 jobs \(4 runs × 1 seeds\), He et al\. 2016/);
});

test('bad input to convkit experiment is one line naming the field and the rule, exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [['experiment', 'degredation'], /experiment.*degredation.*must be one of degradation, accuracy-per-parameter/],
    [['experiment'], /name exactly one of all, degradation/],
    [['experiment', 'degradation', '--seeds', 'two'], /--seeds/],
    [['experiment', 'degradation', '--seeds', '0'], /--seeds/],
    [['experiment', 'degradation', '--bogus'], /option.*--bogus/],
  ];
  for (const [args, message] of cases) {
    const { code, err } = await run(args);
    assert.equal(code, 2, args.join(' '));
    assert.match(err, message, args.join(' '));
    assert.equal(err.trim().split('\n').length, 1, `one line for ${args.join(' ')}`);
  }
});

test('convkit experiment --help shows the usage', async () => {
  const { code, out } = await run(['experiment', '--help']);
  assert.equal(code, 0);
  assert.match(out, /Usage: convkit experiment NAME\|all \[--quick\]/);
});
