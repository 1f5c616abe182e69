/**
 * The code keeps one format and passes the linter: `npm run lint` (Biome,
 * configured in biome.jsonc), run here so that `npm test` covers it.
 * `npm run format` rewrites the files into the expected format.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

test('Biome finds no formatting difference and no lint finding (npm run lint)', () => {
  const biome = join(ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  const result = spawnSync(process.execPath, [biome, 'check', '--error-on-warnings', '--colors=off'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, `npm run lint failed (npm run format fixes the formatting):\n${result.stdout}${result.stderr}`);
});
