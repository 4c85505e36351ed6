/** What the protocol families' facts share: scikit-learn's release notes, the mined fact's own words. */
import { quote } from '../families/fact';
import { sharedKnowledgeBase } from '../kb/shared';
import type { IFact } from '../types';

export const SKLEARN_WHATS_NEW = (version: string) => `https://scikit-learn.org/stable/whats_new/v${version}.html`;

/** A hand-written fact, with the mined fact's own words appended when the knowledge base has them. */
export function withMined(written: IFact, minedId: string): IFact {
  const mined = sharedKnowledgeBase().get(minedId);
  const said = mined ? quote(mined) : '';
  return said ? { ...written, message: `${written.message} ${said}` } : written;
}
