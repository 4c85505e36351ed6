/**
 * Known equivalences: the same result written differently. A principal
 * component (PCA, SVD, ICA, an eigenvector) is defined up to its sign, so a
 * whole vector may come out negated; a clustering's labels are names, so the
 * same grouping may come out with other numbers; the last digits of a float
 * differ between builds. Each is applied per vector and named on the pairs.
 */
import { PythonSource } from '../python/syntax';
import { withoutMagics } from '../python/magics';
import { withinTolerance } from './types';
import type { INumberPair, ITolerance } from './types';

/** What the code that made the output says about it. */
export interface IPairingHints {
  /** The cell or a cell it uses decomposes (PCA, SVD, ICA, eigenvectors): a component's sign is arbitrary. */
  components?: boolean;
  /** It clusters (KMeans, …): integer labels are names. */
  clustering?: boolean;
}

const COMPONENT_CALLS = /(^|\.)(PCA|IncrementalPCA|KernelPCA|SparsePCA|TruncatedSVD|FastICA|FactorAnalysis|svd|svds|eig|eigh|eigs|eigsh|randomized_svd|LatentDirichletAllocation)$/;
const COMPONENT_MEMBERS = ['components_', 'mixing_'];
const CLUSTERING_CALLS = /(^|\.)(KMeans|MiniBatchKMeans|AgglomerativeClustering|DBSCAN|SpectralClustering|MeanShift|Birch|GaussianMixture|BayesianGaussianMixture|AffinityPropagation|OPTICS|HDBSCAN|kmeans|kmeans2|fcluster|fit_predict)$/;

/** Hints read from the syntax trees of the cell and the cells it uses. */
export function pairingHints(sources: readonly string[]): IPairingHints {
  const hints: IPairingHints = {};
  for (const text of sources) {
    const source = new PythonSource(withoutMagics(text));
    const dotted = (node: Parameters<PythonSource['callee']>[0]) => source.dottedName(source.callee(node)) ?? '';
    const calls = source.findAll('CallExpression').map(dotted);
    if (calls.some(name => COMPONENT_CALLS.test(name)) || COMPONENT_MEMBERS.some(member => source.memberAccesses(member).length > 0)) {
      hints.components = true;
    }
    if (calls.some(name => CLUSTERING_CALLS.test(name)) || source.memberAccesses('labels_').length > 0) {
      hints.clustering = true;
    }
  }
  return hints;
}

/** Name the pairs whose texts differ only in the last digits of a float. */
export function markFloatNoise(pairs: INumberPair[]): void {
  for (const pair of pairs) {
    if (pair.withinTolerance && pair.originalText !== pair.nowText && pair.relativeChange <= 1e-6 && pair.original !== pair.now) {
      pair.equivalence = 'float-noise';
    }
  }
}

/**
 * A vector whose every number is the negated original is the same
 * component. Without a decomposition in the code, a lone number flipping
 * is a drift: at least two non-zero numbers must flip together.
 */
export function markSignFlips(vectors: Iterable<INumberPair[]>, tolerance: ITolerance, hints: IPairingHints): void {
  for (const vector of vectors) {
    if (vector.every(pair => pair.withinTolerance || pair.equivalence)) {
      continue;
    }
    const nonZero = vector.filter(pair => !withinTolerance(pair.original, 0, tolerance));
    const flipped = vector.every(pair => withinTolerance(pair.original, -pair.now, tolerance));
    if (flipped && nonZero.length >= (hints.components ? 1 : 2)) {
      for (const pair of vector) {
        pair.withinTolerance = true;
        if (!withinTolerance(pair.original, pair.now, tolerance)) {
          pair.equivalence = 'sign-flip';
        }
      }
    }
  }
}

/**
 * Integer labels of a clustering that map one-to-one between runs are the
 * same grouping under other names.
 */
export function markLabelPermutations(vectors: Iterable<INumberPair[]>): void {
  for (const vector of vectors) {
    if (vector.length < 2 || !vector.every(pair => /^-?\d+$/.test(pair.originalText) && /^-?\d+$/.test(pair.nowText))) {
      continue;
    }
    const forward = new Map<number, number>();
    const backward = new Map<number, number>();
    const consistent = vector.every(pair => {
      const a = forward.get(pair.original);
      const b = backward.get(pair.now);
      forward.set(pair.original, pair.now);
      backward.set(pair.now, pair.original);
      return (a === undefined || a === pair.now) && (b === undefined || b === pair.original);
    });
    if (consistent) {
      for (const pair of vector) {
        if (pair.original !== pair.now) {
          pair.withinTolerance = true;
          pair.equivalence = 'label-permutation';
        }
      }
    }
  }
}
