// Most polls find nothing new. Their only write, the vendor's row (polled, due next), is gathered for
// a moment and written for many vendors in one transaction, instead of one transaction per poll. The
// poll does not wait for it (its origin's slot is free for the next one at once); a failed write is
// reported, and its vendors, still leased, are polled again when their leases end.
import type { QuietPoll, VendorStore } from "../store/store.ts";

export interface QuietPollWriter {
  /** Queues the poll's row; it is written with others at most `flushMs` later. The promise says when. */
  write(poll: QuietPoll): Promise<void>;
  /** Writes what is waiting now (on stop). */
  flush(): Promise<void>;
}

interface Waiting {
  poll: QuietPoll;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createQuietPollWriter(
  store: Pick<VendorStore, "markPolled">,
  {
    flushMs = 100,
    maxBatch = 500,
    onError,
  }: { flushMs?: number; maxBatch?: number; onError?: (error: unknown, polls: number) => void } = {},
): QuietPollWriter {
  let waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | null = null;

  // One batch at a time: a flush called while another writes (on stop) waits for it, then writes the rest.
  let writing: Promise<void> = Promise.resolve();
  function flush(): Promise<void> {
    const run = writing.then(writeBatch);
    writing = run.catch(() => {});
    return run;
  }

  async function writeBatch(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    try {
      await store.markPolled(batch.map((w) => w.poll));
      for (const w of batch) w.resolve();
    } catch (error) {
      onError?.(error, batch.length);
      for (const w of batch) w.reject(error);
    }
  }

  return {
    write(poll) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ poll, resolve, reject });
        if (waiting.length >= maxBatch) void flush();
        else timer ??= setTimeout(() => void flush(), flushMs);
      });
    },
    flush,
  };
}
