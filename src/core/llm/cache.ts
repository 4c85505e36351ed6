/**
 * Answers reused: the same prompt to the same model gets the stored answer
 * instead of a new call. In a batch the same failure in the same code (a
 * course's notebooks, a forked kernel) is then paid for once. The store is
 * injected (a folder on disk in the CLI); it is keyed by the model and a hash
 * of the prompt and holds no key and no endpoint credentials.
 */
import type { IChatModel, IChatRequest, IChatResponse } from './model';

/** Where answers are kept. Implementations hash `model` and `prompt` into their key. */
export interface IAnswerStore {
  get(model: string, prompt: string): Promise<IStoredAnswer | undefined>;
  set(model: string, prompt: string, answer: IStoredAnswer): Promise<void>;
}

export interface IStoredAnswer {
  text: string;
  /** The model that answered, as the endpoint named it. */
  model: string;
  /** What the first call cost in tokens (for the record; a reuse costs nothing). */
  inputTokens: number;
  outputTokens: number;
}

/** A chat model that asks its store first and keeps every new answer. */
export class CachedChatModel implements IChatModel {
  constructor(options: CachedChatModel.IOptions) {
    this._inner = options.model;
    this._store = options.store;
  }

  get name(): string {
    return this._inner.name;
  }

  async complete(request: IChatRequest): Promise<IChatResponse> {
    const prompt = CachedChatModel.promptOf(request);
    const stored = await this._store.get(this.name, prompt).catch(() => undefined);
    if (stored) {
      request.onDelta?.(stored.text);
      return {
        text: stored.text,
        model: stored.model,
        usage: { calls: 0, inputTokens: 0, outputTokens: 0, cacheHits: 1, costUsd: 0 },
        estimated: false,
        structured: request.schema !== undefined,
        cached: true
      };
    }
    const response = await this._inner.complete(request);
    if (response.text.trim()) {
      // A store that cannot write only costs the reuse.
      await this._store
        .set(this.name, prompt, {
          text: response.text,
          model: response.model,
          inputTokens: response.usage.inputTokens,
          outputTokens: response.usage.outputTokens
        })
        .catch(() => undefined);
    }
    return response;
  }

  private _inner: IChatModel;
  private _store: IAnswerStore;
}

export namespace CachedChatModel {
  export interface IOptions {
    model: IChatModel;
    store: IAnswerStore;
  }

  /** What makes two requests the same question: the messages and the answer format. */
  export function promptOf(request: IChatRequest): string {
    return JSON.stringify({ messages: request.messages, schema: request.schema?.name ?? null });
  }
}
