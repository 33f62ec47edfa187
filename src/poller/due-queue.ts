// A min-heap by due time: the scheduler's claimed vendors, earliest first, in O(log n) per push/pop.

export interface DueQueue<T> {
  push(item: T): void;
  pop(): T | undefined;
  peek(): T | undefined;
  readonly size: number;
}

export function createDueQueue<T>(dueOf: (item: T) => number): DueQueue<T> {
  const heap: T[] = [];
  const before = (a: number, b: number) => dueOf(heap[a]!) < dueOf(heap[b]!);
  const swap = (a: number, b: number) => ([heap[a], heap[b]] = [heap[b]!, heap[a]!]);
  return {
    push(item) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!before(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    },
    pop() {
      const top = heap[0];
      const last = heap.pop();
      if (heap.length > 0 && last !== undefined) {
        heap[0] = last;
        for (let i = 0; ;) {
          const left = 2 * i + 1;
          const right = left + 1;
          let least = i;
          if (left < heap.length && before(left, least)) least = left;
          if (right < heap.length && before(right, least)) least = right;
          if (least === i) break;
          swap(i, least);
          i = least;
        }
      }
      return top;
    },
    peek: () => heap[0],
    get size() {
      return heap.length;
    },
  };
}
