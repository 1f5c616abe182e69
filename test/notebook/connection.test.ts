import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { channelAddress, createConnectionFile, findFreePorts } from '../../src/notebook/connection';

test('free ports are distinct and usable numbers', async () => {
  const ports = await findFreePorts(5);
  assert.equal(new Set(ports).size, 5);
  for (const port of ports) assert.ok(Number.isInteger(port) && port > 0 && port < 65536);
});

test('a connection file is private, complete, and removed with its folder on dispose', async () => {
  const file = await createConnectionFile();
  try {
    const info = JSON.parse(readFileSync(file.path, 'utf8'));
    assert.deepEqual(info, file.info);
    assert.equal(info.signature_scheme, 'hmac-sha256');
    assert.match(info.key, /^[0-9a-f]{64}$/);
    assert.equal(statSync(file.path).mode & 0o077, 0, 'only the owner may read the key');
    assert.equal(channelAddress(info, 'shell'), `tcp://127.0.0.1:${info.shell_port}`);
  } finally {
    file.dispose();
  }
  assert.equal(existsSync(dirname(file.path)), false);
});

test('two connection files never share a key', async () => {
  const [a, b] = [await createConnectionFile(), await createConnectionFile()];
  try {
    assert.notEqual(a.info.key, b.info.key);
  } finally {
    a.dispose();
    b.dispose();
  }
});
