/**
 * A training job's state after its last finished epoch, on disk, so that a
 * campaign killed at any moment continues from there and ends with the same
 * numbers as one that was never interrupted.
 *
 * "The same numbers" needs everything the next step reads:
 *   - the model's weights, BN's moving mean and variance included;
 *   - Adam's state: the step count and both moment estimates
 *     (optimizer.getWeights), and the running powers β₁ᵗ and β₂ᵗ. TF.js's
 *     Adam.setWeights recomputes those as β^(t+1) with one `pow`, while
 *     training multiplies them step by step, and the two differ in the last
 *     bits of a float32; so they are saved and put back as they were;
 *   - the epochs' records and the first step losses so far.
 * The data order needs nothing: epoch e's order is seeded by (seed, e).
 *
 * Format: 4 bytes (uint32 LE) header length, the JSON header, then the
 * tensors' float32/int32 values one after another (8-byte aligned). Written
 * with writeFileAtomic, so a kill while saving leaves the previous epoch's
 * checkpoint, never half of one.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from '../core/atomic-write';
import type { EpochRecord } from './experiment';

interface StoredTensor {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: 'float32' | 'int32';
  readonly offset: number;
  readonly length: number;
}

interface Header {
  readonly format: 'convkit-checkpoint-1';
  readonly job: string;
  readonly epochs: readonly EpochRecord[];
  readonly firstLosses: readonly number[];
  readonly model: readonly StoredTensor[];
  readonly optimizer: readonly StoredTensor[];
  readonly adamPowers: readonly [number, number];
}

export interface JobState {
  readonly epochs: readonly EpochRecord[];
  readonly firstLosses: readonly number[];
}

/** Adam's fields the checkpoint needs and TF.js does not type publicly. */
interface AdamInternals {
  readonly accBeta1: tf.Variable;
  readonly accBeta2: tf.Variable;
}

function adamPowers(optimizer: tf.AdamOptimizer): AdamInternals {
  const internals = optimizer as unknown as Partial<AdamInternals>;
  if (!(internals.accBeta1 instanceof tf.Variable) || !(internals.accBeta2 instanceof tf.Variable)) {
    throw new Error('checkpoint: this TF.js Adam has no accBeta1/accBeta2; the checkpoint format must follow it');
  }
  return internals as AdamInternals;
}

/** Saves the model, the optimizer and the job's records to `path` (atomically). */
export async function saveCheckpoint(path: string, job: string, model: tf.LayersModel, optimizer: tf.AdamOptimizer, state: JobState): Promise<void> {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const store = async (name: string, tensor: tf.Tensor): Promise<StoredTensor> => {
    const dtype = tensor.dtype === 'int32' ? 'int32' : 'float32';
    const values = dtype === 'int32' ? Int32Array.from(await tensor.data()) : Float32Array.from(await tensor.data());
    const bytes = new Uint8Array(values.buffer);
    const padded = new Uint8Array(Math.ceil(bytes.length / 8) * 8);
    padded.set(bytes);
    chunks.push(padded);
    const stored: StoredTensor = { name, shape: [...tensor.shape], dtype, offset, length: values.length };
    offset += padded.length;
    return stored;
  };
  const modelTensors: StoredTensor[] = [];
  for (const [i, weight] of model.getWeights().entries()) modelTensors.push(await store(`model/${i}`, weight));
  const optimizerTensors: StoredTensor[] = [];
  for (const named of await optimizer.getWeights()) optimizerTensors.push(await store(named.name, named.tensor));
  const powers = adamPowers(optimizer);
  const header: Header = {
    format: 'convkit-checkpoint-1',
    job,
    epochs: state.epochs,
    firstLosses: state.firstLosses,
    model: modelTensors,
    optimizer: optimizerTensors,
    adamPowers: [(await powers.accBeta1.data())[0], (await powers.accBeta2.data())[0]],
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length, 0);
  const start = Math.ceil((4 + headerBytes.length) / 8) * 8;
  const file = new Uint8Array(start + offset);
  file.set(length, 0);
  file.set(headerBytes, 4);
  let at = start;
  for (const chunk of chunks) {
    file.set(chunk, at);
    at += chunk.length;
  }
  writeFileAtomic(path, file);
}

/** The JSON header at the start of a checkpoint file, and its length in bytes. */
function readHeader(file: Buffer): { header: Header; headerLength: number } {
  const headerLength = file.readUInt32LE(0);
  return { header: JSON.parse(file.subarray(4, 4 + headerLength).toString('utf8')) as Header, headerLength };
}

/**
 * Puts the state saved at `path` into `model` and `optimizer` (compiled
 * together, not trained yet) and returns the job's records; undefined when
 * there is no checkpoint. Throws when the file belongs to another job.
 */
export async function loadCheckpoint(path: string, job: string, model: tf.LayersModel, optimizer: tf.AdamOptimizer): Promise<JobState | undefined> {
  if (!existsSync(path)) return undefined;
  const file = readFileSync(path);
  const { header, headerLength } = readHeader(file);
  if (header.format !== 'convkit-checkpoint-1' || header.job !== job) {
    throw new Error(`checkpoint ${path} is for "${header.job}", not "${job}": delete it to start this job afresh`);
  }
  const start = Math.ceil((4 + headerLength) / 8) * 8;
  const read = (stored: StoredTensor): tf.Tensor => {
    const bytes = file.subarray(start + stored.offset, start + stored.offset + stored.length * 4);
    const copy = new Uint8Array(bytes); // aligned copy for the typed array
    const values = stored.dtype === 'int32' ? new Int32Array(copy.buffer) : new Float32Array(copy.buffer);
    return tf.tensor(values, stored.shape, stored.dtype);
  };
  const weights = header.model.map(read);
  model.setWeights(weights);
  tf.dispose(weights);
  const optimizerWeights = header.optimizer.map((stored) => ({ name: stored.name, tensor: read(stored) }));
  await optimizer.setWeights(optimizerWeights);
  tf.dispose(optimizerWeights.map((named) => named.tensor));
  const powers = adamPowers(optimizer);
  tf.tidy(() => {
    powers.accBeta1.assign(tf.scalar(header.adamPowers[0]));
    powers.accBeta2.assign(tf.scalar(header.adamPowers[1]));
  });
  return { epochs: header.epochs, firstLosses: header.firstLosses };
}

/** How many epochs the checkpoint at `path` holds (0 when there is none or it cannot be read). */
export function checkpointEpochs(path: string): number {
  try {
    const file = readFileSync(path);
    return readHeader(file).header.epochs.length;
  } catch {
    return 0;
  }
}
