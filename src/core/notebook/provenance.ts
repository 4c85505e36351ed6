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
  /**
   * What could not be read as written (the record comes from a file anyone
   * may have edited): fixed sentences, shown to the user, never acted upon.
   */
  problems?: string[];
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
 * cannot be read (a broken record never blocks the notebook). The record is
 * untrusted input: every field is checked, odd ones are repaired into plain
 * strings and listed in `problems`, and only http(s) links are kept.
 */
export function readProvenance(metadata: Record<string, unknown> | Partial<PartialJSONObject> | undefined): IProvenance | undefined {
  const value = (metadata as Record<string, unknown> | undefined)?.[PROVENANCE_KEY] as any;
  if (!value || typeof value !== 'object' || Array.isArray(value) || typeof value.original !== 'string') {
    return undefined;
  }
  const problems: string[] = [];
  const entries: unknown[] = Array.isArray(value.changes) ? value.changes : [];
  if (!Array.isArray(value.changes)) {
    problems.push('The list of changes could not be read.');
  }
  const changes = entries.map(entry => Private.readChange(entry, problems)).filter((c): c is IProvenanceChange => !!c);
  if (changes.length < entries.length) {
    problems.unshift('Some recorded changes could not be read.');
  }
  return { version: Number(value.version) || 1, original: value.original, changes, problems: [...new Set(problems)] };
}

/** `url` if it is an absolute http(s) link (normalized), else undefined: no `javascript:`, `data:`, relative links. */
export function safeLink(url: unknown): string | undefined {
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
    return undefined;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
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

namespace Private {
  /** One change of an untrusted record, its fields made safe; undefined when it is not a change at all. */
  export function readChange(entry: unknown, problems: string[]): IProvenanceChange | undefined {
    const raw = entry as Record<string, unknown>;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw) || typeof raw.after !== 'string') {
      return undefined;
    }
    const text = (name: string, fallback: string): string => {
      if (typeof raw[name] === 'string') {
        return raw[name] as string;
      }
      problems.push(`A change has no readable ${name}.`);
      return fallback;
    };
    const strings = (name: string): string[] => {
      const list = raw[name];
      if (list === undefined) {
        return [];
      }
      if (!Array.isArray(list) || list.some(item => typeof item !== 'string')) {
        problems.push(`A change has an unreadable ${name} list.`);
      }
      return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
    };
    const links = strings('sources');
    const sources = links.map(safeLink).filter((link): link is string => !!link);
    if (sources.length < links.length) {
      problems.push('A link that is not a web (http or https) address was not shown.');
    }
    if (raw.decidedBy !== 'user' && raw.decidedBy !== 'policy') {
      problems.push('A change does not say who decided it.');
    }
    return {
      origin: text('origin', 'unknown'),
      ruleIds: strings('ruleIds'),
      reason: text('reason', ''),
      sources,
      before: text('before', ''),
      after: raw.after as string,
      decidedBy: raw.decidedBy === 'user' ? 'user' : 'policy'
    };
  }
}
