/**
 * A patch set: one decision unit holding edits to several cells and helper
 * files, a fix and what must change with it elsewhere (the later uses of a
 * name it renamed). Each part stays a patch of its own, shown and decided
 * alone; they share the set's id, so a view can show them together.
 */
import type { IPatch } from '../notebook/patch';

export interface IPatchSet {
  /** The lead patch's id. */
  id: string;
  /** Why the parts go with the lead, in one sentence. */
  reason: string;
  /** The fix that started the set. */
  lead: IPatch;
  /** The edits that follow it in other cells and files, in notebook order. */
  parts: IPatch[];
}

/** Tie patches into a set led by `lead`: each gets the set's id. */
export function makePatchSet(lead: IPatch, parts: IPatch[], reason: string): IPatchSet {
  for (const patch of [lead, ...parts]) {
    patch.setId = lead.id;
  }
  return { id: lead.id, reason, lead, parts };
}

/** The patches of one set among a run's patches, the lead first. */
export function patchesOfSet(patches: readonly IPatch[], setId: string): IPatch[] {
  const members = patches.filter(patch => patch.setId === setId);
  return [...members.filter(patch => patch.id === setId), ...members.filter(patch => patch.id !== setId)];
}
