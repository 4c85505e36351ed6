/** The committed knowledge base, loaded once and shared by every engine. */
import facts from './facts.json';
import { KnowledgeBase } from './knowledge';
import type { IKbFile } from './types';

let shared: KnowledgeBase | null = null;

/** The base mined into facts.json, indexed on first use. */
export function sharedKnowledgeBase(): KnowledgeBase {
  if (!shared) {
    shared = new KnowledgeBase(facts as unknown as IKbFile);
  }
  return shared;
}
