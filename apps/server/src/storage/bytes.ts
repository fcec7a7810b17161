/**
 * Zero-copy conversions between the port's Uint8Array and the Buffers that database drivers
 * bind and return.
 */

/** a Buffer view of the same memory (drivers bind Buffers as blobs / bytea) */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** a plain Uint8Array view, so Buffer-only behaviour does not leak past the port */
export function toUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
