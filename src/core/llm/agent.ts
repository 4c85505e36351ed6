/**
 * The LLM agent: asked by the repair loop when no offline fix fits. It builds
 * the prompt, asks the chat model, checks the answer parses, and attaches the
 * guards (semantic drift, shell, pip, network, deletion). Running the patch
 * and feeding its error back is the loop's part; the attempt budget per cell
 * is kept here.
 */
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { IAgentAnswer, IAgentAttempt, IAgentRequest, INotebookAnswer, INotebookRequest, IPatchAgent, ITokenUsage } from './patchagent';
import { driftFlags } from '../drift/flags';
import { guardFlags } from '../notebook/patch';
import { ANSWER_SCHEMA, parseAnswer, parsesAsPython } from './answer';
import { addUsage, priced } from './cost';
import type { PriceTable } from './cost';
import { ChatModelError } from './model';
import type { IChatMessage, IChatModel } from './model';
import { goalOf, spentMessage } from './goals';
import { askNotebook } from './notebook';
import { FULL_LIMITS, TRIMMED_LIMITS, buildMessages, describeDataFiles } from './prompt';
import type { IRejectedAnswer } from './prompt';

export class LlmAgent implements IPatchAgent {
  constructor(options: LlmAgent.IOptions) {
    this._model = options.model;
    this._maxAttempts = options.maxAttemptsPerCell ?? 3;
    this._stream = options.stream ?? false;
    this._prices = options.prices;
  }

  /** The model's name; patches say `llm:<name>`. */
  get modelName(): string {
    return this._model.name;
  }

  /** Text of the answer as it is generated (only with `stream: true`). */
  get answerStreamed(): ISignal<this, LlmAgent.IDelta> {
    return this._answerStreamed;
  }

  /** Every call: the messages sent, the answer received, the tokens spent. */
  get exchanged(): ISignal<this, LlmAgent.IExchange> {
    return this._exchanged;
  }

  async propose(request: IAgentRequest): Promise<IAgentAnswer> {
    const rejected: IRejectedAnswer[] = [];
    const tried = new Set([request.source.trim(), ...request.previousAttempts.map(attempt => attempt.source.trim())]);
    const dataFiles = await this._dataFiles(request);
    // Unusable answers of earlier asks for this cell count too: the loop keeps one attempts list per cell.
    const earlier = this._rejectedBefore.get(request.previousAttempts) ?? 0;
    const used = () => request.previousAttempts.length + earlier + rejected.length;
    const answer = await this._ask(request, rejected, used, dataFiles, tried);
    this._rejectedBefore.set(request.previousAttempts, earlier + rejected.length);
    return answer;
  }

  /** Edits to several cells, with the whole notebook in view; up to two answers. */
  async proposeNotebook(request: INotebookRequest): Promise<INotebookAnswer> {
    const dataFiles = await this._dataFiles(request);
    return askNotebook(this._model, request, {
      maxAttempts: Math.min(2, this._maxAttempts),
      dataFiles,
      prices: this._prices,
      onExchange: exchange => this._exchanged.emit({ cellIndex: request.cellIndex, ...exchange })
    });
  }

  private async _ask(
    request: IAgentRequest,
    rejected: IRejectedAnswer[],
    used: () => number,
    dataFiles: string,
    tried: ReadonlySet<string>
  ): Promise<IAgentAnswer> {
    let usage: ITokenUsage = { calls: 0, inputTokens: 0, outputTokens: 0 };
    let limits = FULL_LIMITS;
    let trimmed = false;
    if (used() >= this._maxAttempts) {
      return { usage, error: this._spent(request, rejected) };
    }
    while (used() < this._maxAttempts) {
      const messages = buildMessages(request, {
        dataFiles: trimmed ? dataFiles.split('\n').slice(0, TRIMMED_LIMITS.dataEntries).join('\n') : dataFiles,
        rejected,
        limits
      });
      const attempt = used() + 1;
      let response;
      try {
        response = await this._model.complete({
          messages,
          schema: ANSWER_SCHEMA,
          signal: request.signal,
          onDelta: this._stream ? delta => this._answerStreamed.emit({ cellIndex: request.cellIndex, attempt, delta }) : undefined
        });
      } catch (error) {
        if (error instanceof ChatModelError && error.kind === 'context-length' && !trimmed) {
          // Fewer and shorter earlier cells, a shorter traceback, fewer files: once.
          trimmed = true;
          limits = TRIMMED_LIMITS;
          continue;
        }
        if (error instanceof ChatModelError) {
          const message =
            error.kind === 'context-length'
              ? `The prompt is too long for the model "${this._model.name}" even with the context trimmed.`
              : error.message;
          return { usage, error: message };
        }
        return { usage, error: `The LLM call failed: ${String((error as Error)?.message ?? error).slice(0, 200)}.` };
      }
      const spent = priced(response.usage, this._prices, this._model.name);
      usage = addUsage(usage, spent);
      this._exchanged.emit({
        cellIndex: request.cellIndex,
        attempt,
        messages,
        answer: response.text,
        usage: spent,
        model: response.model,
        cached: response.cached === true
      });

      const parsed = parseAnswer(response.text);
      if (!parsed) {
        rejected.push({ source: '', problem: 'Your answer held no code for the cell.' });
        continue;
      }
      if (!parsesAsPython(parsed.source)) {
        rejected.push({ source: parsed.source, problem: 'It does not parse as Python 3.' });
        continue;
      }
      if (tried.has(parsed.source.trim())) {
        rejected.push({ source: parsed.source, problem: 'It is the same code as the failing cell or an earlier answer.' });
        continue;
      }
      const goal = goalOf(request);
      // A calibration states old defaults the author relied on: that is its job. Writing the
      // author's printed figures in, or anything else that drifts, is flagged.
      const drift = driftFlags(request.originalSource ?? request.source, parsed.source, {
        figures: goal.kind === 'calibrate' ? goal.pairs.map(pair => pair.original) : [],
        statesDefaults: goal.kind === 'calibrate'
      });
      const flags = [...drift, ...guardFlags(request.source, parsed.source)];
      return {
        proposal: { source: parsed.source, rationale: parsed.rationale, origin: `llm:${this._model.name}`, flags },
        usage
      };
    }
    return { usage, error: this._spent(request, rejected) };
  }

  private _spent(request: IAgentRequest, rejected: IRejectedAnswer[]): string {
    const goal = goalOf(request);
    if (goal.kind !== 'repair') {
      return spentMessage(goal, this._maxAttempts);
    }
    if (request.previousAttempts.length === 0 && rejected.length > 0) {
      return rejected.every(answer => !answer.source)
        ? `The model's answers held no usable code (${this._maxAttempts} of ${this._maxAttempts} attempts).`
        : `The model's answers did not parse as Python (${this._maxAttempts} of ${this._maxAttempts} attempts).`;
    }
    return `No model patch made this cell run within ${this._maxAttempts} attempts.`;
  }

  private async _dataFiles(request: Pick<IAgentRequest, 'workspace'>): Promise<string> {
    const workspace = request.workspace;
    if (!workspace) {
      return '';
    }
    const key = `${workspace.notebookDir}\u0000${workspace.dataDir ?? ''}`;
    if (!this._dataCache.has(key)) {
      // Built once per notebook: the same text in every prompt also helps prompt caching.
      this._dataCache.set(key, describeDataFiles(workspace).catch(() => ''));
    }
    return this._dataCache.get(key)!;
  }

  private _model: IChatModel;
  private _maxAttempts: number;
  private _stream: boolean;
  private _prices?: PriceTable;
  private _dataCache = new Map<string, Promise<string>>();
  private _rejectedBefore = new WeakMap<readonly IAgentAttempt[], number>();
  private _answerStreamed = new Signal<this, LlmAgent.IDelta>(this);
  private _exchanged = new Signal<this, LlmAgent.IExchange>(this);
}

export namespace LlmAgent {
  export interface IOptions {
    model: IChatModel;
    /** Model answers per failing cell, unusable ones included (default 3). */
    maxAttemptsPerCell?: number;
    /** Use the streaming API and emit `answerStreamed` (the panel shows the answer as it comes). */
    stream?: boolean;
    /** USD per million tokens by model: answers then carry their cost. */
    prices?: PriceTable;
  }

  export interface IDelta {
    cellIndex: number;
    /** 1-based: the how-manyth answer for this cell. */
    attempt: number;
    delta: string;
  }

  export interface IExchange {
    cellIndex: number;
    attempt: number;
    messages: IChatMessage[];
    answer: string;
    usage: ITokenUsage;
    model: string;
    /** The answer came from the answer cache. */
    cached: boolean;
  }
}
