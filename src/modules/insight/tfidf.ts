/** A sparse vector: parallel arrays of feature indices (each at most once, in no particular order) and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/** The serialised form of a fitted vocabulary: terms in index order with their idf. */
export interface TfidfJson {
  terms: string[];
  idf: number[];
}

export interface TfidfOptions {
  /** A term must occur in at least this many training documents to become a feature. */
  minDf: number;
}

/** How a term is held in memory (a string, or a number for speed) and written to a file (a string). */
export interface TermCodec<K> {
  encode(term: string): K;
  decode(key: K): string;
  /** Builds the lookup from terms to feature indices. */
  index(terms: readonly K[]): TermIndex<K>;
}

/** Term → feature index; -1 when the term is not a feature. */
export interface TermIndex<K> {
  get(key: K): number;
}

function mapIndex<K>(terms: readonly K[]): TermIndex<K> {
  const map = new Map(terms.map((t, i) => [t, i]));
  return { get: (key) => map.get(key) ?? -1 };
}

const DIRECT = 65_536;

/**
 * An open-addressing hash table for integer terms below 2^53 (linear probing, at most two-thirds
 * full), each slot's key and value side by side so that a lookup mostly reads one cache line.
 * Character-bigram keys exceed 2^31, and a Map of such numbers hashes heap numbers: this table looks
 * them up several times faster, and looking terms up is most of the cost of classifying a message.
 */
export function integerIndex(terms: readonly number[]): TermIndex<number> {
  let capacity = 16;
  while (capacity * 2 < terms.length * 3) {
    capacity *= 2;
  }
  const mask = capacity - 1;
  // slots[2s] is the key (-1 when empty), slots[2s + 1] the feature index.
  const slots = new Float64Array(capacity * 2).fill(-1);
  // Both 32-bit halves mixed by a full avalanche (lowbias32), so that bigrams sharing a character
  // do not crowd into neighbouring slots.
  const slot = (key: number) => {
    let h = (key | 0) ^ Math.imul(Math.floor(key / 4294967296), 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
    h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
    return (h ^ (h >>> 16)) & mask;
  };
  // Keys below 2^16 (the Basic Multilingual Plane's characters, i.e. nearly every unigram) are
  // looked up directly in a small array that stays in cache.
  const direct = new Int32Array(DIRECT).fill(-1);
  terms.forEach((key, i) => {
    if (!Number.isSafeInteger(key) || key < 0) {
      throw new RangeError(`term ${key} is not a non-negative safe integer`);
    }
    if (key < DIRECT) {
      direct[key] = i;
      return;
    }
    let at = slot(key);
    while (slots[2 * at] !== -1) {
      at = (at + 1) & mask;
    }
    slots[2 * at] = key;
    slots[2 * at + 1] = i;
  });
  return {
    get(key) {
      if (key < DIRECT) {
        return direct[key] as number;
      }
      let at = slot(key);
      for (;;) {
        const k = slots[2 * at] as number;
        if (k === key) {
          return slots[2 * at + 1] as number;
        }
        if (k === -1) {
          return -1;
        }
        at = (at + 1) & mask;
      }
    },
  };
}

export const STRING_TERMS: TermCodec<string> = { encode: (t) => t, decode: (k) => k, index: mapIndex };

/**
 * TF-IDF over a fitted vocabulary, as scikit-learn's TfidfVectorizer with sublinear_tf and
 * smooth_idf: weight = (1 + ln tf) · (ln((1 + n) / (1 + df)) + 1), then L2-normalised.
 * Terms unseen in training are ignored.
 */
export class Tfidf<K extends string | number> {
  private readonly index: TermIndex<K>;
  // Scratch space for transform: term counts by feature, and the features touched (reset after use).
  private readonly counts: Uint16Array;
  private readonly touched: number[] = [];

  private constructor(
    readonly terms: K[],
    readonly idf: Float64Array,
    private readonly codec: TermCodec<K>,
  ) {
    this.index = codec.index(terms);
    // 16 bits suffice (a message is far shorter than 65,535 tokens) and keep the scratch in cache.
    this.counts = new Uint16Array(terms.length);
  }

  get size(): number {
    return this.terms.length;
  }

  /** Learns the vocabulary and idf from tokenised documents. */
  static fit<K extends string | number>(
    docs: readonly (readonly K[])[],
    options: TfidfOptions,
    codec: TermCodec<K>,
  ): Tfidf<K> {
    const df = new Map<K, number>();
    for (const doc of docs) {
      for (const term of new Set(doc)) {
        df.set(term, (df.get(term) ?? 0) + 1);
      }
    }
    const n = docs.length;
    // Most frequent first, so the features most messages use sit together in memory (and stay in
    // cache) when classifying; ties in term order, so the same data gives the same model file.
    const terms = [...df]
      .filter(([, count]) => count >= options.minDf)
      .sort(([a, da], [b, db]) => db - da || (a < b ? -1 : a > b ? 1 : 0))
      .map(([term]) => term);
    const idf = new Float64Array(terms.length);
    terms.forEach((term, i) => {
      idf[i] = round6(Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1);
    });
    return new Tfidf(terms, idf, codec);
  }

  static fromJSON<K extends string | number>(json: TfidfJson, codec: TermCodec<K>): Tfidf<K> {
    if (!Array.isArray(json?.terms) || !Array.isArray(json.idf) || json.terms.length !== json.idf.length) {
      throw new RangeError("a vocabulary's terms and idf are missing or differ in length");
    }
    return new Tfidf(json.terms.map(codec.encode), Float64Array.from(json.idf), codec);
  }

  toJSON(): TfidfJson {
    return { terms: this.terms.map(this.codec.decode), idf: Array.from(this.idf) };
  }

  /** The document's known terms (each once, in first-occurrence order) and how often each occurs. */
  termCounts(tokens: readonly K[]): { indices: Int32Array; counts: Int32Array } {
    const { counts, touched, index } = this;
    for (const token of tokens) {
      const i = index.get(token);
      if (i >= 0) {
        if (counts[i] === 0) {
          touched.push(i);
        }
        counts[i] = (counts[i] as number) + 1;
      }
    }
    // First-occurrence order is deterministic, and sums over a vector need no sorting.
    const indices = Int32Array.from(touched);
    touched.length = 0;
    const tf = new Int32Array(indices.length);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] as number;
      tf[k] = counts[i] as number;
      counts[i] = 0;
    }
    return { indices, counts: tf };
  }

  /** The L2-normalised TF-IDF vector of one tokenised document. */
  transform(tokens: readonly K[]): SparseVector {
    const { indices, counts } = this.termCounts(tokens);
    const values = new Float64Array(indices.length);
    let norm = 0;
    for (let k = 0; k < indices.length; k++) {
      const v = (1 + Math.log(counts[k] as number)) * (this.idf[indices[k] as number] as number);
      values[k] = v;
      norm += v * v;
    }
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let k = 0; k < values.length; k++) {
        values[k] = (values[k] as number) * scale;
      }
    }
    return { indices, values };
  }
}

/** Six significant digits keep a model file small; the model in memory is rounded the same way. */
export function round6(x: number): number {
  return Number(x.toPrecision(6));
}

/** Joins vectors over consecutive feature blocks into one (block b's indices shifted by the sizes before it). */
export function concat(parts: readonly SparseVector[], sizes: readonly number[]): SparseVector {
  let total = 0;
  for (const p of parts) {
    total += p.indices.length;
  }
  const indices = new Int32Array(total);
  const values = new Float64Array(total);
  let at = 0;
  let offset = 0;
  parts.forEach((p, b) => {
    for (let k = 0; k < p.indices.length; k++) {
      indices[at] = (p.indices[k] as number) + offset;
      values[at] = p.values[k] as number;
      at++;
    }
    offset += sizes[b] as number;
  });
  return { indices, values };
}
