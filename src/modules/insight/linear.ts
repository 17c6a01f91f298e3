import type { SparseVector } from "./tfidf.js";

/**
 * A linear multi-class scorer over sparse vectors: score_k(x) = w_k · x + b_k. Weights are kept
 * feature-major (weights[j·K + k]) so scoring one message touches each of its features' K weights
 * side by side.
 */
export interface LinearModel {
  classes: number;
  dim: number;
  /** Float64 while training; float32 once saved or loaded (half the memory traffic when scoring). */
  weights: Float64Array | Float32Array;
  bias: Float64Array;
}

/**
 * The K scores of a vector given in consecutive blocks (block b's feature i is feature
 * offset_b + i), so a message's word and character vectors are scored without being joined.
 */
export function linearScores(model: LinearModel, ...blocks: [SparseVector, number][]): Float64Array {
  const K = model.classes;
  const out = Float64Array.from(model.bias);
  const { weights } = model;
  for (const [x, offset] of blocks) {
    for (let t = 0; t < x.indices.length; t++) {
      const base = ((x.indices[t] as number) + offset) * K;
      const v = x.values[t] as number;
      for (let k = 0; k < K; k++) {
        out[k] = (out[k] as number) + v * (weights[base + k] as number);
      }
    }
  }
  return out;
}

export interface SvmOptions {
  /** Inverse regularisation strength (liblinear's C). */
  c: number;
  /** Squared hinge (liblinear's solver 1) or hinge (solver 3). */
  loss: "squared-hinge" | "hinge";
  /** Weigh each class's mistakes by n / (K · n_k), so small classes count as much as large ones. */
  balanced: boolean;
  /** Stopping tolerance on the projected gradient's spread. */
  tolerance: number;
  maxEpochs: number;
  seed: number;
}

/** A small deterministic PRNG (mulberry32), so training is reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place with the given random source. */
export function shuffle<T>(items: T[] | Int32Array, random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
}

/**
 * One-vs-rest linear SVM, L2-regularised squared hinge loss, trained by dual coordinate descent
 * (Hsieh et al., ICML 2008; liblinear's solver 1). The bias is an extra constant feature of value 1,
 * regularised like the others, as liblinear does.
 */
export function trainOvrSvm(
  xs: readonly SparseVector[],
  ys: Int32Array,
  classes: number,
  dim: number,
  options: SvmOptions,
): LinearModel {
  const n = xs.length;
  const weights = new Float64Array(dim * classes);
  const bias = new Float64Array(classes);
  const sqNorm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 1; // the bias feature
    for (const v of (xs[i] as SparseVector).values) {
      s += v * v;
    }
    sqNorm[i] = s;
  }
  const counts = new Float64Array(classes);
  for (const y of ys) {
    counts[y] = (counts[y] as number) + 1;
  }
  const random = prng(options.seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const w = new Float64Array(dim);
  const alpha = new Float64Array(n);
  for (let k = 0; k < classes; k++) {
    w.fill(0);
    alpha.fill(0);
    let b = 0;
    // Per-sample C: positives of class k weighted by its balance factor, the rest by theirs.
    const cOf = (i: number): number => {
      if (!options.balanced) {
        return options.c;
      }
      const yi = ys[i] as number;
      return (options.c * n) / (classes * (counts[yi] as number));
    };
    // Squared hinge: no upper bound on alpha, a diagonal 1/(2C) added; hinge: alpha in [0, C].
    const squared = options.loss === "squared-hinge";
    const diag = new Float64Array(n);
    const upper = new Float64Array(n);
    const qd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      diag[i] = squared ? 1 / (2 * cOf(i)) : 0;
      upper[i] = squared ? Number.POSITIVE_INFINITY : cOf(i);
      qd[i] = (sqNorm[i] as number) + (diag[i] as number);
    }
    for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
      shuffle(order, random);
      let maxPg = Number.NEGATIVE_INFINITY;
      let minPg = Number.POSITIVE_INFINITY;
      for (let s = 0; s < n; s++) {
        const i = order[s] as number;
        const x = xs[i] as SparseVector;
        const y = ys[i] === k ? 1 : -1;
        let dot = b;
        for (let t = 0; t < x.indices.length; t++) {
          dot += (w[x.indices[t] as number] as number) * (x.values[t] as number);
        }
        const a = alpha[i] as number;
        const g = y * dot - 1 + (diag[i] as number) * a;
        const u = upper[i] as number;
        const pg = a === 0 ? Math.min(g, 0) : a === u ? Math.max(g, 0) : g;
        maxPg = Math.max(maxPg, pg);
        minPg = Math.min(minPg, pg);
        if (Math.abs(pg) > 1e-12) {
          const next = Math.min(Math.max(a - g / (qd[i] as number), 0), u);
          alpha[i] = next;
          const d = (next - a) * y;
          for (let t = 0; t < x.indices.length; t++) {
            const j = x.indices[t] as number;
            w[j] = (w[j] as number) + d * (x.values[t] as number);
          }
          b += d;
        }
      }
      if (maxPg - minPg <= options.tolerance) {
        break;
      }
    }
    for (let j = 0; j < dim; j++) {
      weights[j * classes + k] = w[j] as number;
    }
    bias[k] = b;
  }
  return { classes, dim, weights, bias };
}

/**
 * Complement naive Bayes (Rennie et al., ICML 2003) on TF-IDF vectors, with normalised weights,
 * written as a linear model whose highest score wins (the negated complement log-likelihood).
 */
export function trainComplementNb(
  xs: readonly SparseVector[],
  ys: Int32Array,
  classes: number,
  dim: number,
  smoothing: number,
): LinearModel {
  const total = new Float64Array(dim);
  const perClass = new Float64Array(dim * classes);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as SparseVector;
    const y = ys[i] as number;
    for (let t = 0; t < x.indices.length; t++) {
      const j = x.indices[t] as number;
      const v = x.values[t] as number;
      total[j] = (total[j] as number) + v;
      perClass[j * classes + y] = (perClass[j * classes + y] as number) + v;
    }
  }
  const weights = new Float64Array(dim * classes);
  for (let k = 0; k < classes; k++) {
    let sum = 0;
    for (let j = 0; j < dim; j++) {
      sum += (total[j] as number) - (perClass[j * classes + k] as number) + smoothing;
    }
    let absSum = 0;
    for (let j = 0; j < dim; j++) {
      const complement = (total[j] as number) - (perClass[j * classes + k] as number) + smoothing;
      const lw = Math.log(complement / sum);
      weights[j * classes + k] = lw;
      absSum += Math.abs(lw);
    }
    for (let j = 0; j < dim; j++) {
      weights[j * classes + k] = -(weights[j * classes + k] as number) / absSum;
    }
  }
  return { classes, dim, weights, bias: new Float64Array(classes) };
}
