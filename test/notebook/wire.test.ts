import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createMessage, deserialize, serialize, sign, WireError } from '../../src/notebook/wire';

const KEY = 'a3f1c0de';

test('a signed message survives serialisation with header, parent, metadata and content intact', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.string(), (content, msgType) => {
      const message = createMessage(msgType, content, 'session-1');
      message.metadata = { tag: msgType };
      const back = deserialize(serialize(message, KEY), KEY);
      assert.deepEqual(back.header, message.header);
      assert.deepEqual(back.parent_header, {});
      assert.deepEqual(back.metadata, { tag: msgType });
      assert.deepEqual(back.content, JSON.parse(JSON.stringify(content)));
    }),
    { numRuns: 200 },
  );
});

test('the frames follow the Jupyter wire format: delimiter, hex HMAC-SHA256, four JSON frames', () => {
  const frames = serialize(createMessage('kernel_info_request', {}, 's'), KEY);
  assert.equal(frames.length, 6);
  assert.equal(frames[0]!.toString(), '<IDS|MSG>');
  assert.match(frames[1]!.toString(), /^[0-9a-f]{64}$/);
  assert.equal(frames[1]!.toString(), sign(KEY, frames.slice(2)));
  assert.equal(JSON.parse(frames[2]!.toString()).msg_type, 'kernel_info_request');
  assert.equal(JSON.parse(frames[2]!.toString()).version, '5.3');
});

test('routing identities and subscription topics before the delimiter are ignored', () => {
  const frames = serialize(createMessage('status', { execution_state: 'idle' }, 's'), KEY);
  const routed = [Buffer.from('kernel.1234.status'), Buffer.from('peer-id'), ...frames];
  assert.deepEqual(deserialize(routed, KEY).content, { execution_state: 'idle' });
});

test('a message signed with another key is rejected', () => {
  const frames = serialize(createMessage('stream', { text: 'hi' }, 's'), 'other-key');
  assert.throws(() => deserialize(frames, KEY), WireError);
});

test('any change to a signed frame is rejected', () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 5 }), fc.string({ minLength: 1 }), (index, extra) => {
      const frames = serialize(createMessage('stream', { name: 'stdout', text: 'x' }, 's'), KEY);
      const tampered = frames.map((frame, i) => (i === index ? Buffer.concat([frame.subarray(0, -1), Buffer.from(extra), frame.subarray(-1)]) : frame));
      assert.throws(() => deserialize(tampered, KEY), /signature/);
    }),
    { numRuns: 50 },
  );
});

test('frames without a delimiter or with too few parts are rejected with a reason', () => {
  assert.throws(() => deserialize([Buffer.from('x')], KEY), /delimiter/);
  assert.throws(() => deserialize([Buffer.from('<IDS|MSG>'), Buffer.from('sig')], KEY), /needs 5/);
});
