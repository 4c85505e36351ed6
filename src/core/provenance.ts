/**
 * Provenance in cell metadata: what changed, by which rule or model, why,
 * and the original source, so a modernized cell can always be reverted.
 * Stored under `metadata.modernizer`; the format is versioned.
 */
import type { PartialJSONObject } from '@lumino/coreutils';
import type { IPatch } from './patch';

export const PROVENANCE_KEY = 'modernizer';
export const PROVENANCE_VERSION = 1;

export interface IProvenanceChange {
  origin: string;
  ruleIds: string[];
  reason: string;
  sources: string[];
  before: string;
  after: string;
  decidedBy: 'policy' | 'user';
}

export interface IProvenance {
  version: number;
  /** The author's source, before any change. */
  original: string;
  changes: IProvenanceChange[];
}

/** Metadata with accepted patches appended to the cell's provenance (a new object). */
export function recordProvenance(
  metadata: Partial<PartialJSONObject> | Record<string, unknown>,
  original: string,
  patches: readonly IPatch[]
): Record<string, any> {
  const existing = readProvenance(metadata);
  const provenance: IProvenance = {
    version: PROVENANCE_VERSION,
    original: existing?.original ?? original,
    changes: [
      ...(existing?.changes ?? []),
      ...patches.map(patch => ({
        origin: patch.origin,
        ruleIds: patch.ruleIds,
        reason: patch.reason,
        sources: patch.facts.map(fact => fact.source),
        before: patch.before,
        after: patch.after,
        decidedBy: patch.decidedBy ?? 'policy'
      }))
    ]
  };
  return { ...metadata, [PROVENANCE_KEY]: provenance };
}

/**
 * The provenance in a cell's metadata, or undefined when there is none or it
 * cannot be read (a broken record never blocks the notebook).
 */
export function readProvenance(metadata: Record<string, unknown> | Partial<PartialJSONObject> | undefined): IProvenance | undefined {
  const value = (metadata as Record<string, unknown> | undefined)?.[PROVENANCE_KEY] as any;
  if (!value || typeof value !== 'object' || typeof value.original !== 'string') {
    return undefined;
  }
  const changes = Array.isArray(value.changes) ? value.changes.filter((c: any) => c && typeof c.after === 'string') : [];
  return { version: Number(value.version) || 1, original: value.original, changes };
}

/** The original source of a modernized cell and its metadata without provenance. */
export function revertCell(
  source: string,
  metadata: Record<string, unknown>
): { source: string; metadata: Record<string, unknown> } {
  const provenance = readProvenance(metadata);
  if (!provenance) {
    return { source, metadata };
  }
  const { [PROVENANCE_KEY]: _removed, ...rest } = metadata;
  return { source: provenance.original, metadata: rest };
}
