/** A binary min-heap over an array, ordered by `compare` (plain functions over plain data). */
export interface Heap<T> {
  readonly items: T[];
  readonly compare: (a: T, b: T) => number;
}

/** An empty heap ordered by `compare` (smallest first). */
export function createHeap<T>(compare: (a: T, b: T) => number): Heap<T> {
  return { items: [], compare };
}

/** Adds `item` in O(log n). */
export function heapPush<T>(heap: Heap<T>, item: T): void {
  const { items, compare } = heap;
  let i = items.length;
  items.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = items[parent] as T;
    if (compare(item, p) >= 0) break;
    items[i] = p;
    i = parent;
  }
  items[i] = item;
}

/** Removes and returns the smallest item in O(log n), or undefined when empty. */
export function heapPop<T>(heap: Heap<T>): T | undefined {
  const { items } = heap;
  const top = items[0];
  const last = items.pop();
  if (items.length > 0 && last !== undefined) {
    items[0] = last;
    siftDown(heap, 0);
  }
  return top;
}

/** Restores the heap after the smallest item was changed in place (cheaper than pop + push). */
export function heapReplaceTop<T>(heap: Heap<T>, item: T): void {
  heap.items[0] = item;
  siftDown(heap, 0);
}

function siftDown<T>(heap: Heap<T>, start: number): void {
  const { items, compare } = heap;
  const n = items.length;
  const item = items[start] as T;
  let i = start;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) break;
    const right = left + 1;
    const child = right < n && compare(items[right] as T, items[left] as T) < 0 ? right : left;
    const c = items[child] as T;
    if (compare(c, item) >= 0) break;
    items[i] = c;
    i = child;
  }
  items[i] = item;
}
