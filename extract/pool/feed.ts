/**
 * Feeds work to the pool in order and hands results back in the same order: a p-queue runs at
 * most `concurrency` items at once, the producer waits (`onSizeLessThan`) while `concurrency`
 * more are already queued, and results not yet consumed are held to at most `window`, so memory
 * stays bounded whatever the input's length, and the consumer (the DuckDB writer, stdout) sees
 * items exactly as a one-at-a-time loop would.
 */
import PQueue from 'p-queue';

export interface FeedOptions {
  /** Items worked on at once (the pool's jobs). */
  concurrency: number;
  /** Results finished or running but not yet consumed, at most; default 2 × concurrency. */
  window?: number;
}

interface Slot<R> {
  promise: Promise<R>;
  settled: boolean;
}

/**
 * Runs `work` over `items` concurrently and calls `consume` with each result in input order
 * (awaiting it before the next). A `work` that rejects rejects the whole feed at its turn, after
 * the items before it were consumed; `work` should turn per-item failures into results.
 */
export async function feedInOrder<T, R>(
  items: Iterable<T>,
  work: (item: T, index: number) => Promise<R>,
  consume: (result: R, item: T, index: number) => Promise<void> | void,
  opts: FeedOptions,
): Promise<void> {
  const concurrency = Math.max(1, Math.floor(opts.concurrency));
  const window = Math.max(concurrency, opts.window ?? 2 * concurrency);
  const queue = new PQueue({ concurrency });
  const slots: { slot: Slot<R>; item: T; index: number }[] = [];
  const consumeHead = async () => {
    const head = slots.shift()!;
    await consume(await head.slot.promise, head.item, head.index);
  };
  let index = 0;
  try {
    for (const item of items) {
      // back-pressure: the queue holds at most `concurrency` items waiting for a worker
      await queue.onSizeLessThan(concurrency);
      const i = index++;
      const slot: Slot<R> = { promise: queue.add(() => work(item, i)), settled: false };
      slot.promise.then(() => (slot.settled = true), () => (slot.settled = true));
      slots.push({ slot, item, index: i });
      // hand over what is already done, in order; wait for the head when the window is full
      while (slots.length > 0 && (slots[0]!.slot.settled || slots.length >= window)) await consumeHead();
    }
    while (slots.length > 0) await consumeHead();
  } finally {
    // on an error, let what is running finish before the caller closes the pool
    queue.clear();
    await queue.onIdle().catch(() => {});
  }
}
