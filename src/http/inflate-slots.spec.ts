import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { InflateSlots } from './inflate-slots';

const request = (): IncomingMessage => new EventEmitter() as unknown as IncomingMessage;

describe('InflateSlots', () => {
  it('grants `size` slots at once, then one per release, first come first served', async () => {
    const slots = new InflateSlots(2);
    const a = await slots.acquire(request());
    await slots.acquire(request());
    const order: string[] = [];
    const c = slots.acquire(request()).then((release) => (order.push('c'), release));
    const d = slots.acquire(request()).then(() => order.push('d'));
    expect(slots.queued).toBe(2);
    a();
    a(); // a second call gives nothing back twice
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect(slots.queued).toBe(1);
    releaseC();
    await d;
    expect(order).toEqual(['c', 'd']);
  });

  it('drops a waiter whose connection closes, and rejects it', async () => {
    const slots = new InflateSlots(1);
    const release = await slots.acquire(request());
    const gone = request();
    const waiting = slots.acquire(gone);
    gone.emit('close');
    await expect(waiting).rejects.toThrow('request aborted');
    expect(slots.queued).toBe(0);
    release();
    // The slot is free again, not handed to the one that left.
    await expect(slots.acquire(request())).resolves.toBeInstanceOf(Function);
  });
});
