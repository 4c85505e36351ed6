/**
 * The knowledge base in memory: the mined facts and the indexes the rule
 * families look them up by. An error names a short attribute, a keyword or an
 * option key; each lookup is one map access, never a scan of the facts.
 */
import type { IKbFact, IKbFile, KbKind } from './types';

export class KnowledgeBase {
  constructor(readonly file: IKbFile) {
    if (file.schema !== 1 || !Array.isArray(file.facts)) {
      throw new Error(`Unsupported knowledge base schema ${String(file.schema)}`);
    }
    for (const fact of file.facts) {
      if (!Private.wellFormed(fact)) {
        continue;
      }
      this._byId.set(fact.id, fact);
      Private.add(this._byOld, fact.old, fact);
      const short = Private.last(fact.old);
      switch (fact.kind) {
        case 'module-moved':
          Private.add(this._byModule, fact.old, fact);
          // `No module named 'pandas.tools'` for `from pandas.tools.pivot import ...`: the package is named.
          for (let end = fact.old.lastIndexOf('.'); end > fact.old.indexOf('.'); end = fact.old.lastIndexOf('.', end - 1)) {
            Private.add(this._underModule, fact.old.slice(0, end), fact);
          }
          break;
        case 'name-moved':
        case 'attribute-renamed':
        case 'attribute-removed':
          Private.add(this._byName, short, fact);
          break;
        case 'keyword-renamed':
        case 'keyword-removed':
          Private.add(this._byKeyword, `${Private.callableName(fact.old)}(${fact.param})`, fact);
          Private.add(this._byKeyword, `*(${fact.param})`, fact);
          break;
        case 'positional-to-keyword':
          Private.add(this._byCallable, Private.callableName(fact.old), fact);
          break;
        case 'option-renamed':
        case 'option-removed':
          Private.add(this._byOption, fact.param!, fact);
          break;
        case 'value-renamed':
          Private.add(this._byValue, `${fact.param}=${Private.unquote(fact.value!)}`, fact);
          break;
      }
    }
  }

  /** Facts the indexes hold (malformed entries are left out). */
  get size(): number {
    return this._byId.size;
  }

  /** The fact with this id. */
  get(id: string): IKbFact | undefined {
    return this._byId.get(id);
  }

  /** Facts about exactly this dotted path (`numpy.float`, `sklearn.cross_validation`). */
  byOld(qualified: string): readonly IKbFact[] {
    return this._byOld.get(qualified) ?? Private.NONE;
  }

  /** Renamed, removed or moved names whose last part is `name` (`as_matrix`, `float`). */
  byName(name: string): readonly IKbFact[] {
    return this._byName.get(name) ?? Private.NONE;
  }

  /** Moved modules whose old path is exactly `module`. */
  byModule(module: string): readonly IKbFact[] {
    return this._byModule.get(module) ?? Private.NONE;
  }

  /** Moved modules inside the package `module` (`pandas.tools.pivot` for `pandas.tools`), the top level left out. */
  underModule(module: string): readonly IKbFact[] {
    return this._underModule.get(module) ?? Private.NONE;
  }

  /**
   * Renamed or removed keywords. `callable` is the short name the error gives
   * (`read_csv`, `drop`, a class name for its constructor); undefined when it
   * gives none: then every callable with that keyword.
   */
  byKeyword(callable: string | undefined, keyword: string): readonly IKbFact[] {
    return this._byKeyword.get(`${callable ?? '*'}(${keyword})`) ?? Private.NONE;
  }

  /** Positional-to-keyword facts of a callable's short name. */
  byCallable(callable: string): readonly IKbFact[] {
    return this._byCallable.get(callable) ?? Private.NONE;
  }

  /** Renamed or removed option keys (`display.height`, `axes.color_cycle`). */
  byOption(key: string): readonly IKbFact[] {
    return this._byOption.get(key) ?? Private.NONE;
  }

  /** Renamed keyword values: `criterion`, `mse` (the value without quotes). */
  byValue(keyword: string, value: string): readonly IKbFact[] {
    return this._byValue.get(`${keyword}=${value}`) ?? Private.NONE;
  }

  /** How many facts of each library and kind, and how many of them passed validation. */
  counts(): Map<string, { facts: number; validated: number }> {
    const counts = new Map<string, { facts: number; validated: number }>();
    for (const fact of this._byId.values()) {
      const key = `${fact.library} ${fact.kind}`;
      const entry = counts.get(key) ?? { facts: 0, validated: 0 };
      entry.facts++;
      entry.validated += fact.validated ? 1 : 0;
      counts.set(key, entry);
    }
    return counts;
  }

  private _byId = new Map<string, IKbFact>();
  private _byOld = new Map<string, IKbFact[]>();
  private _byName = new Map<string, IKbFact[]>();
  private _byModule = new Map<string, IKbFact[]>();
  private _underModule = new Map<string, IKbFact[]>();
  private _byKeyword = new Map<string, IKbFact[]>();
  private _byCallable = new Map<string, IKbFact[]>();
  private _byOption = new Map<string, IKbFact[]>();
  private _byValue = new Map<string, IKbFact[]>();
}

export namespace KnowledgeBase {
  /**
   * The short name a callable is called by and named by in Python's errors:
   * `read_csv` for `pandas.read_csv`, `drop` for `pandas.DataFrame.drop`,
   * the class for a constructor (`sklearn.tree.DecisionTreeRegressor`).
   */
  export function callableName(qualified: string): string {
    return Private.callableName(qualified);
  }

  /**
   * The class `qualified` is a member of (`DataFrame` for
   * `pandas.DataFrame.as_matrix`), or undefined for a module member: by
   * Python's naming convention classes are capitalized and modules are not.
   */
  export function ownerClass(qualified: string): string | undefined {
    const parts = qualified.split('.');
    const owner = parts[parts.length - 2];
    return owner && /^[A-Z]/.test(owner) ? owner : undefined;
  }

  /** The module part of a dotted path: every leading part before the first class. */
  export function moduleOf(qualified: string): string {
    const parts = qualified.split('.');
    const firstClass = parts.findIndex((part, i) => i > 0 && /^[A-Z]/.test(part));
    return parts.slice(0, firstClass > 0 ? firstClass : parts.length - 1).join('.');
  }
}

namespace Private {
  export const NONE: readonly IKbFact[] = Object.freeze([]);

  const KINDS = new Set<KbKind>([
    'module-moved',
    'name-moved',
    'attribute-renamed',
    'attribute-removed',
    'keyword-renamed',
    'keyword-removed',
    'positional-to-keyword',
    'option-renamed',
    'option-removed',
    'value-renamed'
  ]);
  const NEEDS_PARAM = new Set<KbKind>([
    'keyword-renamed',
    'keyword-removed',
    'positional-to-keyword',
    'option-renamed',
    'option-removed',
    'value-renamed'
  ]);

  /** A fact every family can read: a miner bug drops one fact, not the base. */
  export function wellFormed(fact: IKbFact): boolean {
    return (
      typeof fact.id === 'string' &&
      typeof fact.old === 'string' &&
      typeof fact.library === 'string' &&
      KINDS.has(fact.kind) &&
      (!NEEDS_PARAM.has(fact.kind) || typeof fact.param === 'string') &&
      (fact.kind !== 'value-renamed' || (typeof fact.value === 'string' && typeof fact.newValue === 'string'))
    );
  }

  export function add(map: Map<string, IKbFact[]>, key: string, fact: IKbFact): void {
    const list = map.get(key);
    if (list) {
      list.push(fact);
    } else {
      map.set(key, [fact]);
    }
  }

  export function last(dotted: string): string {
    return dotted.slice(dotted.lastIndexOf('.') + 1);
  }

  export function callableName(qualified: string): string {
    const parts = qualified.split('.');
    const name = parts[parts.length - 1];
    return name === '__init__' && parts.length > 1 ? parts[parts.length - 2] : name;
  }

  export function unquote(value: string): string {
    return /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
  }
}
