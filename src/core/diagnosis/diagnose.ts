/**
 * Diagnoser: a failed execution -> a category, the culprit line and one
 * sentence naming the library, the version and the change when a rule knows
 * the fact behind it.
 */
import type { ConsequenceKind, IConsequence, IFailingPlace } from './consequence';
import type { IExecutionResult } from '../kernel';
import { RuleEngine } from '../rules/engine';
import type { IFact, IRuleError, RuleCategory } from '../rules/types';
import { cellLine, userFrame } from './traceback';
import { missingModuleMessage } from '../fixers/modules';

/** What went wrong: a rule's category, or what the runner saw itself. */
export type FailureCategory =
  | RuleCategory
  | 'timeout'
  | 'kernel-died'
  | 'consequence'
  /** It ran, but its numbers are off from the stored outputs. */
  | 'score-drift'
  | 'unknown';

export interface IDiagnosis {
  category: FailureCategory;
  /** One sentence for a person. */
  message: string;
  /** 1-based line in the cell (or in `file`) where it failed. */
  line?: number;
  /** That line's text. */
  culprit?: string;
  /** A helper file beside the notebook where the failing frame is. */
  file?: string;
  /** An earlier cell where the failing frame is (a function it defined). */
  inCell?: number;
  /** The fact behind it, when a rule knows the change. */
  fact?: IFact;
  /** Id of the rule that knows the change. */
  ruleId?: string;
  /** For a consequence: the root failure, the earlier cell where the bug lives. */
  consequenceOf?: number;
  /** For a consequence: what it misses (a name, an attribute, a key, a file). */
  consequenceKind?: ConsequenceKind;
  /** The earlier cell where the cause was found and fixed. */
  causeCell?: number;
  /** The author's saved run shows the same error: it is part of the notebook, not a breakage. */
  expected?: boolean;
  /** The error as the kernel reported it. */
  error?: IRuleError;
}

export interface IDiagnoseOptions {
  rules: RuleEngine;
  /** The cell's current source. */
  source: string;
  timeoutMs?: number;
  /**
   * The earlier cell that should have defined a name and failed, if any: a
   * NameError for it is a consequence, not a failure of its own.
   */
  failedDefiner?: (name: string) => number | undefined;
  /**
   * The earlier failure this error is a consequence of (a name, a fitted
   * attribute, a column, a file an earlier failed cell should have made).
   */
  consequence?: (error: IRuleError, place: IFailingPlace) => IConsequence | undefined;
  /** Source of a helper file named in the traceback (to show its culprit line). */
  readFile?: (file: string) => string | undefined;
  /** Aliases imported by earlier cells, to read the cell's code as the kernel does. */
  knownImports?: ReadonlyMap<string, string>;
  /** The execution count the failing run had. */
  executionCount?: number | null;
  /** The cell that last ran with an execution count, and its source (for frames of earlier cells). */
  cellOfExecution?: (count: number) => { index: number; source: string } | undefined;
}

export function diagnose(result: IExecutionResult, options: IDiagnoseOptions): IDiagnosis {
  if (result.status === 'timeout') {
    const seconds = options.timeoutMs ? Math.round(options.timeoutMs / 1000) : undefined;
    return {
      category: 'timeout',
      message: seconds
        ? `The cell ran longer than its ${seconds} s budget and was interrupted.`
        : 'The cell was interrupted.'
    };
  }
  if (result.status === 'died') {
    return {
      category: 'kernel-died',
      message: 'The kernel died while running this cell (out of memory, or the process exited); it was restarted.'
    };
  }
  const error = result.error!;
  const { code: failingCode, ...located } = Private.locate(error, options);
  const base = { error, ...located };

  const name = /^name '(\w+)' is not defined/.exec(error.evalue)?.[1];
  if (error.ename === 'NameError' && name && options.failedDefiner) {
    const definer = options.failedDefiner(name);
    if (definer !== undefined) {
      return {
        ...base,
        category: 'consequence',
        message: `Consequence of cell ${definer + 1} ('${name}' is defined by cell ${definer + 1}, which failed).`,
        consequenceOf: definer,
        consequenceKind: 'name'
      };
    }
  }

  // A rule explains the failure only when its shape is in the failing code: generic
  // messages ("takes 2 positional arguments") are raised by the notebook's own functions too.
  const proposal = failingCode === undefined ? null : options.rules.propose(failingCode, error, options.knownImports);
  const consequence = options.consequence?.(error, located);
  // A missing attribute a rule knows as removed is the API's change, not the earlier failure's.
  if (consequence && (consequence.kind !== 'attribute' || !proposal)) {
    return {
      ...base,
      category: 'consequence',
      message: `Consequence of cell ${consequence.cause + 1} (${consequence.reason}).`,
      consequenceOf: consequence.cause,
      consequenceKind: consequence.kind
    };
  }
  // No safe rewrite: a mined fact whose old API the code uses still explains it, in the library's own words.
  const rule =
    proposal?.rules[0] ??
    (failingCode === undefined ? options.rules.triggeredBy(error)[0] : options.rules.advise(failingCode, error, options.knownImports));
  if (rule) {
    return { ...base, category: rule.category, message: rule.fact.message, fact: rule.fact, ruleId: rule.id };
  }
  return { ...base, ...Private.byException(error) };
}

namespace Private {
  /** The culprit: the innermost frame of the user's code, cell or helper file. */
  export function locate(
    error: IRuleError,
    options: IDiagnoseOptions
  ): Pick<IDiagnosis, 'line' | 'culprit' | 'file' | 'inCell'> & { code?: string } {
    const frame = userFrame(error.traceback);
    if (frame && frame.file !== 'cell') {
      const text = options.readFile?.(frame.file);
      return { file: frame.file, line: frame.line, culprit: text?.split('\n')[frame.line - 1]?.trim(), code: text };
    }
    const earlier =
      frame?.execution !== undefined && options.executionCount != null && frame.execution !== options.executionCount
        ? options.cellOfExecution?.(frame.execution)
        : undefined;
    if (frame && earlier) {
      return { inCell: earlier.index, line: frame.line, culprit: earlier.source.split('\n')[frame.line - 1]?.trim(), code: earlier.source };
    }
    const line = frame?.line ?? cellLine(error.traceback) ?? syntaxErrorLine(error);
    if (line === undefined) {
      return { code: options.source };
    }
    return { line, culprit: options.source.split('\n')[line - 1]?.trim(), code: options.source };
  }

  /** SyntaxError evalue ends with `(file, line N)`. */
  function syntaxErrorLine(error: IRuleError): number | undefined {
    const match = /line (\d+)\)$/.exec(error.evalue);
    return match ? Number(match[1]) : undefined;
  }

  /** What the exception alone says, when no rule knows the change. */
  export function byException(error: IRuleError): Pick<IDiagnosis, 'category' | 'message'> {
    const text = RuleEngine.errorText(error);
    const module = /No module named '([\w.]+)'/.exec(error.evalue)?.[1];
    if (error.ename === 'ModuleNotFoundError' && module) {
      return { category: 'missing-module', message: missingModuleMessage(module) };
    }
    if (error.ename === 'FileNotFoundError' || /No such file or directory/.test(text)) {
      const file = /No such file or directory: '([^']+)'/.exec(text)?.[1];
      return {
        category: 'missing-data',
        message: file ? `The data file ${file} does not exist here.` : 'A file the cell reads does not exist here.'
      };
    }
    if (error.ename === 'SyntaxError' || error.ename === 'TabError' || error.ename === 'IndentationError') {
      if (/Missing parentheses|multiple exception types|invalid token|leading zeros/.test(error.evalue)) {
        return { category: 'python2-syntax', message: `This is Python 2 code: ${error.evalue.replace(/\s*\(.*\)$/, '')}.` };
      }
      return { category: 'unknown', message: `Python cannot parse the cell: ${error.evalue}.` };
    }
    if (error.ename === 'ImportError' && /cannot import name/.test(error.evalue)) {
      return { category: 'removed-api', message: `An imported name no longer exists: ${error.evalue}.` };
    }
    if (error.ename === 'AttributeError' && /has no attribute/.test(error.evalue)) {
      return { category: 'removed-api', message: `An attribute no longer exists: ${error.evalue}.` };
    }
    if (error.ename === 'TypeError' && /unexpected keyword argument|positional argument|takes \d+ positional/.test(error.evalue)) {
      return { category: 'signature-change', message: `A call no longer fits its function's signature: ${error.evalue}.` };
    }
    if (/InvalidParameterError/.test(error.ename)) {
      return { category: 'signature-change', message: `A parameter value is no longer accepted: ${error.evalue}.` };
    }
    if (/CUDA|cuda|GPU|gpu_hist/.test(text)) {
      return { category: 'hardware', message: `The cell asks for hardware this machine lacks: ${error.evalue}.` };
    }
    if (error.ename === 'MemoryError') {
      return { category: 'kernel-died', message: 'The cell ran out of memory.' };
    }
    const firstLine = error.evalue.split('\n')[0];
    return { category: 'unknown', message: `${error.ename}: ${firstLine}`.slice(0, 300) };
  }
}
