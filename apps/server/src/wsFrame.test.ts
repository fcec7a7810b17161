import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { binaryFrame } from './wsFrame.js';

// ws's own frame parser (exported by ws, absent from its type definitions).
interface ReceiverLike {
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  write(chunk: Buffer): void;
}
const { Receiver } = ws as unknown as { Receiver: new (options: { isServer: boolean }) => ReceiverLike };

function parse(wire: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false });
    receiver.on('message', (data: Buffer) => resolve(data));
    receiver.on('error', reject);
    receiver.write(wire);
  });
}

describe('binaryFrame', () => {
  it('frames payloads of every length class as ws itself reads them', async () => {
    for (const length of [0, 1, 125, 126, 65535, 65536, 70000]) {
      const payload = Buffer.alloc(length, 7);
      const decoded = await parse(binaryFrame(payload));
      expect(decoded.length, `length ${length}`).toBe(length);
      expect(decoded.equals(payload)).toBe(true);
    }
  });
});
