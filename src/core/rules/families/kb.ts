/** The rule families over a knowledge base: one per error shape, sharing one rule per fact. */
import type { KnowledgeBase } from '../kb/knowledge';
import type { KbKind } from '../kb/types';
import type { IRuleFamily } from '../types';
import { attributeRewrite, attributeShape } from './attributes';
import { KbFamily, KbRules } from './family';
import type { IKbRewrite } from './family';
import { importShape, moduleRewrite } from './imports';
import { keywordRewrite, keywordShape, positionalRewrite } from './keywords';
import { optionRewrite, optionShape } from './options';
import { valueRewrite, valueShape } from './values';

const REWRITES: Record<KbKind, IKbRewrite> = {
  'module-moved': moduleRewrite,
  'name-moved': attributeRewrite,
  'attribute-renamed': attributeRewrite,
  'attribute-removed': attributeRewrite,
  'keyword-renamed': keywordRewrite,
  'keyword-removed': keywordRewrite,
  'positional-to-keyword': positionalRewrite,
  'option-renamed': optionRewrite,
  'option-removed': optionRewrite,
  'value-renamed': valueRewrite
};

/** The families reading `kb`, in the order their rules are tried. */
export function kbFamilies(kb: KnowledgeBase): IRuleFamily[] {
  const rules = new KbRules(kb, REWRITES);
  return [attributeShape, importShape, keywordShape, optionShape, valueShape].map(shape => new KbFamily(shape, rules));
}
