/**
 * The Jupyter messaging protocol's wire format (v5.3), both directions.
 *
 * One message travels as ZeroMQ frames:
 *
 *   [routing ids / topic …] "<IDS|MSG>" hmac header parent_header metadata content [buffers …]
 *
 * where hmac is HMAC-SHA256, keyed with the connection file's `key`, over the
 * four JSON frames in that order, written as lowercase hex. Everything we
 * send is signed, and everything we receive is checked: a frame set with a
 * wrong signature is rejected rather than trusted (any process on the host
 * could otherwise inject outputs into a notebook).
 * See https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export const PROTOCOL_VERSION = '5.3';
const DELIMITER = Buffer.from('<IDS|MSG>');

export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

// biome-ignore lint/suspicious/noExplicitAny: a message as it comes off the wire; its content's shape depends on msg_type
export interface JupyterMessage<Content = Record<string, any>> {
  header: MessageHeader;
  /** The header of the request this message answers; `{}` for a request. */
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: Content;
}

/** A new request of `msgType` in `session`. */
export function createMessage<Content>(msgType: string, content: Content, session: string): JupyterMessage<Content> {
  return {
    header: {
      msg_id: randomUUID(),
      session,
      username: 'convkit',
      date: new Date().toISOString(),
      msg_type: msgType,
      version: PROTOCOL_VERSION,
    },
    parent_header: {},
    metadata: {},
    content,
  };
}

/** HMAC-SHA256 hex digest of the JSON frames, in order. */
export function sign(key: string, frames: readonly (string | Buffer)[]): string {
  const hmac = createHmac('sha256', key);
  for (const frame of frames) hmac.update(frame);
  return hmac.digest('hex');
}

/** The frames to send for `message` (no routing ids: we talk through Dealer sockets). */
export function serialize(message: JupyterMessage<unknown>, key: string): Buffer[] {
  const body = [message.header, message.parent_header, message.metadata, message.content].map((part) => Buffer.from(JSON.stringify(part), 'utf8'));
  return [DELIMITER, Buffer.from(sign(key, body), 'ascii'), ...body];
}

/** Raised for frames that are not a well-formed, correctly signed message. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

/**
 * Parses received frames; drops routing ids / subscription topics before the
 * delimiter and verifies the signature in constant time.
 */
export function deserialize(frames: readonly Buffer[], key: string): JupyterMessage {
  const at = frames.findIndex((frame) => frame.equals(DELIMITER));
  if (at < 0) throw new WireError('message has no <IDS|MSG> delimiter');
  if (frames.length < at + 6) throw new WireError(`message has ${frames.length - at - 1} frames after the delimiter; needs 5`);
  const signature = frames[at + 1]!.toString('ascii');
  const body = frames.slice(at + 2, at + 6);
  const expected = Buffer.from(sign(key, body), 'ascii');
  const given = Buffer.from(signature, 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new WireError('message signature does not match (wrong key or tampered message)');
  }
  const [header, parent, metadata, content] = body.map((frame) => JSON.parse(frame.toString('utf8')));
  return { header, parent_header: parent, metadata, content };
}
