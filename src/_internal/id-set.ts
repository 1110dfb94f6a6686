/**
 * An exact set of id strings in a fraction of the memory of a `Set<string>`, for the duplicate-id
 * checks that keep one entry per row of the whole input.
 *
 * Layout: an open-addressing hash table with linear probing in pages of at most 512 KiB (`Int32Array`s
 * holding, per slot, the arena offset of the id's bytes, +1 so that 0 is an empty slot, and its
 * 32-bit hash: no single array of megabytes, whose freeing would raise glibc's mmap and trim
 * thresholds for the whole process — see packed-candidates.ts) — over an arena
 * of fixed-size byte chunks holding each id as one length byte and one byte per character. The
 * table doubles when it is three quarters full (reinserting by the stored hashes; no id is
 * re-read); the arena grows one chunk at a time and is never copied, except that the newest chunk
 * starts small and doubles up to the chunk size. A stored hash only skips comparisons: every match
 * is confirmed by comparing the bytes, so a hash collision can never make a new id look like a
 * repeat.
 *
 * Ids that do not fit the layout — a character above U+00FF (more than one byte), more than 255
 * characters, or an arena that reached 2 GiB — go to an ordinary `Set<string>`, so the set is
 * exact for any string. They are copied first: an id cut from a CSV line by V8 is a slice that
 * would otherwise keep the whole text chunk it came from alive.
 */
export interface IdSet {
  /** Whether `id` was added before. */
  has(id: string): boolean;
  /** Adds `id`: true when it was new, false when it was in the set already (then nothing changes). */
  add(id: string): boolean;
  /** Ids in the set. */
  readonly size: number;
  /** Where the ids are and what they hold, for tests and benchmarks. */
  stats(): IdSetStats;
  /** Empties the set, keeping its table pages and arena chunks for the ids that come next. */
  clear(): void;
  /**
   * Visits every id: `table` with the hash and arena offset of each id in the hash table (in slot
   * order; read it with {@link IdSet.copyId}), then `fallback` with each id of the fallback set (in
   * insertion order). For writing the set out (bounded-id-set.ts).
   */
  forEachId(table: (hash: number, offset: number) => void, fallback: (id: string) => void): void;
  /** Copies the characters of the table's id at arena `offset` (one byte each) into `out` at `at`; returns how many. */
  copyId(offset: number, out: Uint8Array, at: number): number;
}

/** What an {@link IdSet} holds. */
export interface IdSetStats {
  /** Slots of the hash table (a power of two). */
  readonly capacity: number;
  /** Ids in the hash table. */
  readonly tableIds: number;
  /** Ids in the `Set<string>` fallback. */
  readonly fallbackIds: number;
  /** Arena chunks allocated. */
  readonly chunks: number;
  /** Bytes of the typed arrays (table and arena). */
  readonly bytes: number;
  /** Bytes of the largest typed array (a table page or an arena chunk): none is large enough to move glibc's thresholds when freed. */
  readonly largestArray: number;
}

/** Options of {@link createIdSet}; the defaults suit any input, the rest exists for tests. */
export interface IdSetOptions {
  /** Initial table slots, rounded up to a power of two (at least 8). Default 1,024. */
  readonly initialCapacity?: number;
  /** Bytes of an arena chunk, a power of two of at least 256. Default 1 MiB. */
  readonly chunkBytes?: number;
  /** Arena bytes after which ids go to the fallback set. Default (and most) 2^31 − 2. */
  readonly maxArenaBytes?: number;
}

/** Longest id kept in the arena: its length fits one byte. */
const MAX_LENGTH = 255;
/** First size of the newest arena chunk, which doubles up to the chunk size. */
const FIRST_CHUNK_BYTES = 4096;
const MAX_ARENA_BYTES = 0x7ffffffe;
/** Slots per page of the table: 2^16, two `Int32` each (512 KiB). */
const PAGE_SHIFT = 16;
const PAGE_MASK = (1 << PAGE_SHIFT) - 1;

/** The pages of a table of `capacity` slots (a power of two), zeroed. */
function tablePages(capacity: number): Int32Array[] {
  const pages: Int32Array[] = [];
  for (let left = capacity; left > 0; left -= 1 << PAGE_SHIFT) pages.push(new Int32Array(2 * Math.min(left, 1 << PAGE_SHIFT)));
  return pages;
}

/**
 * The 32-bit hash under which {@link createIdSet} keeps `id` in its table, or undefined for an id
 * that goes to the fallback set (a character above U+00FF, or longer than 255). FNV-1a over the
 * characters, then murmur3's finaliser: FNV-1a alone leaves the low bits (the slot) of similar ids
 * clustered.
 * @example idSetHash('T1'); // a number; idSetHash('T€') is undefined
 */
export function idSetHash(id: string): number | undefined {
  if (id.length > MAX_LENGTH) return undefined;
  const h = idHash(id);
  return wide ? undefined : h;
}

/** Whether the id {@link idHash} hashed last had a character above U+00FF. */
let wide = false;

/**
 * The hash {@link idSetHash} gives (a signed 32-bit integer), for any id: the same formula over
 * the UTF-16 code units, whatever their range or the id's length.
 * @example idHash('T1') === idSetHash('T1'); // true; idHash('T€') is a number too
 */
export function idHash(id: string): number {
  const n = id.length;
  let h = 0x811c9dc5 ^ n;
  let any = 0;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i);
    any |= c;
    h = Math.imul(h ^ c, 0x01000193);
  }
  wide = any > 0xff;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * An empty {@link IdSet}.
 * @example
 * const seen = createIdSet();
 * seen.add('T1'); // true
 * seen.add('T1'); // false: a repeat
 */
export function createIdSet(options: IdSetOptions = {}): IdSet {
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  if (!(chunkBytes >= MAX_LENGTH + 1 && (chunkBytes & (chunkBytes - 1)) === 0 && chunkBytes <= 1 << 30)) {
    throw new RangeError(`chunkBytes must be a power of two from 256 to 2^30; got ${chunkBytes}`);
  }
  const chunkShift = 31 - Math.clz32(chunkBytes);
  const chunkMask = chunkBytes - 1;
  const maxArena = Math.min(options.maxArenaBytes ?? MAX_ARENA_BYTES, MAX_ARENA_BYTES);
  let capacity = 8;
  while (capacity < (options.initialCapacity ?? 1024)) capacity *= 2;
  let mask = capacity - 1;
  // Slot i: page i >>> PAGE_SHIFT, at 2 × (i & PAGE_MASK) the arena offset + 1 (0 = empty), then the hash.
  let pages = tablePages(capacity);
  let tableIds = 0;
  const chunks: Uint8Array[] = []; // allocated; after a clear() the first `open` hold ids
  let open = 0;
  let chunk: Uint8Array = new Uint8Array(0); // the newest chunk in use
  let used = chunkBytes; // bytes used in the newest chunk: full, so the first id opens one
  let arenaFull = false;
  const fallback = new Set<string>();

  const equalAt = (offset: number, id: string): boolean => {
    const bytes = chunks[offset >>> chunkShift] as Uint8Array;
    let p = offset & chunkMask;
    const n = id.length;
    if (bytes[p] !== n) return false;
    p++;
    for (let i = 0; i < n; i++) if (bytes[p + i] !== id.charCodeAt(i)) return false;
    return true;
  };

  /** The slot holding `id`, or −(free slot + 1) where it would go. */
  const find = (id: string, h: number): number => {
    let i = h & mask;
    for (;;) {
      const page = pages[i >>> PAGE_SHIFT] as Int32Array;
      const at = 2 * (i & PAGE_MASK);
      const s = page[at] as number;
      if (s === 0) return -i - 1;
      if (page[at + 1] === h && equalAt(s - 1, id)) return i;
      i = (i + 1) & mask;
    }
  };

  /** Copies `id` (every character below 256) into the arena; its offset, or −1 when the arena is at its limit. */
  const store = (id: string): number => {
    const need = id.length + 1;
    if (used + need > chunkBytes) {
      if ((open + 1) * chunkBytes > maxArena) return -1;
      if (open < chunks.length) chunk = chunks[open] as Uint8Array; // kept by clear()
      else {
        chunk = new Uint8Array(Math.min(FIRST_CHUNK_BYTES, chunkBytes));
        chunks.push(chunk);
      }
      open++;
      used = 0;
    }
    if (used + need > chunk.length) {
      let size = chunk.length * 2;
      while (size < used + need) size *= 2;
      const grown = new Uint8Array(Math.min(size, chunkBytes));
      grown.set(chunk.subarray(0, used));
      chunk = grown;
      chunks[open - 1] = grown;
    }
    const offset = (open - 1) * chunkBytes + used;
    chunk[used] = id.length;
    for (let i = 0; i < id.length; i++) chunk[used + 1 + i] = id.charCodeAt(i);
    used += need;
    return offset;
  };

  const grow = (): void => {
    const old = pages;
    capacity *= 2;
    mask = capacity - 1;
    pages = tablePages(capacity);
    for (const page of old) {
      for (let j = 0; j < page.length; j += 2) {
        const s = page[j] as number;
        if (s === 0) continue;
        const h = page[j + 1] as number;
        let i = h & mask;
        while ((pages[i >>> PAGE_SHIFT] as Int32Array)[2 * (i & PAGE_MASK)] !== 0) i = (i + 1) & mask;
        const to = pages[i >>> PAGE_SHIFT] as Int32Array;
        to[2 * (i & PAGE_MASK)] = s;
        to[2 * (i & PAGE_MASK) + 1] = h;
      }
    }
  };

  const addToFallback = (id: string): boolean => {
    if (fallback.has(id)) return false;
    // A fresh flat copy: `(' ' + id)` is flattened by slice, whose result then points into it only.
    fallback.add(id.length === 0 ? '' : (' ' + id).slice(1));
    return true;
  };

  return {
    has(id) {
      const h = idSetHash(id);
      if (h === undefined) return fallback.has(id);
      return find(id, h) >= 0 || (arenaFull && fallback.has(id));
    },
    add(id) {
      const h = idSetHash(id);
      if (h === undefined) return addToFallback(id);
      let at = find(id, h);
      if (at >= 0) return false;
      if (arenaFull) return addToFallback(id);
      const offset = store(id);
      if (offset < 0) {
        arenaFull = true;
        return addToFallback(id);
      }
      if ((tableIds + 1) * 4 > capacity * 3) {
        grow();
        at = find(id, h);
      }
      const i = -at - 1;
      const page = pages[i >>> PAGE_SHIFT] as Int32Array;
      page[2 * (i & PAGE_MASK)] = offset + 1;
      page[2 * (i & PAGE_MASK) + 1] = h;
      tableIds++;
      return true;
    },
    get size() {
      return tableIds + fallback.size;
    },
    stats() {
      let arena = 0;
      for (const c of chunks) arena += c.byteLength;
      let bytes = arena;
      for (const page of pages) bytes += page.byteLength;
      const largestArray = Math.max(0, ...chunks.map((c) => c.byteLength), ...pages.map((p) => p.byteLength));
      return { capacity, tableIds, fallbackIds: fallback.size, chunks: chunks.length, bytes, largestArray };
    },
    clear() {
      for (const page of pages) page.fill(0);
      tableIds = 0;
      open = 0;
      used = chunkBytes;
      arenaFull = false;
      fallback.clear();
    },
    forEachId(table, visitFallback) {
      for (const page of pages) {
        for (let j = 0; j < page.length; j += 2) {
          const s = page[j] as number;
          if (s !== 0) table(page[j + 1] as number, s - 1);
        }
      }
      for (const id of fallback) visitFallback(id);
    },
    copyId(offset, out, at) {
      const bytes = chunks[offset >>> chunkShift] as Uint8Array;
      const p = offset & chunkMask;
      const n = bytes[p] as number;
      out.set(bytes.subarray(p + 1, p + 1 + n), at);
      return n;
    },
  };
}
