/**
 * The chat model over any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama,
 * a llama.cpp server, the server extension's relay), through the `openai`
 * client. Rate limits are retried here with backoff; every other failure
 * becomes a ChatModelError with one sentence that never holds the key.
 */
import OpenAI from 'openai';
import type { ITokenUsage } from './patchagent';
import { ChatModelError, estimateTokens } from './model';
import type { IChatModel, IChatRequest, IChatResponse } from './model';

/** Sent as the key where the relay adds the real one (the browser never has it). */
export const PLACEHOLDER_KEY = 'relay-adds-the-key';

export class OpenAIChatModel implements IChatModel {
  constructor(options: OpenAIChatModel.IOptions) {
    this.name = options.model;
    this._options = options;
    this._baseURL = options.baseURL;
    this._apiKey = options.apiKey;
    this._structured = options.structuredOutput ?? true;
    this._client = new OpenAI({
      baseURL: options.baseURL,
      apiKey: options.apiKey || PLACEHOLDER_KEY,
      timeout: options.timeoutMs ?? 120_000,
      // Rate limits are retried below with our own backoff; nothing else is retried.
      maxRetries: 0,
      fetch: options.fetch,
      // In the browser the key is the placeholder: the relay holds the real one.
      dangerouslyAllowBrowser: true,
      logLevel: 'off'
    });
  }

  readonly name: string;

  async complete(request: IChatRequest): Promise<IChatResponse> {
    const maxRetries = this._options.maxRetries ?? 3;
    for (let retry = 0; ; retry++) {
      const structured = this._structured && request.schema !== undefined;
      const started = Date.now();
      try {
        return await this._call(request, structured);
      } catch (error) {
        const failure = this._classify(error, Date.now() - started);
        if (failure.kind === 'rate-limit' && retry < maxRetries) {
          await Private.sleep(this._backoff(retry, (error as { headers?: Headers }).headers), request.signal);
          continue;
        }
        if (failure.kind === 'bad-request' && structured && Private.NO_SCHEMA.test(Private.detail(error))) {
          // The endpoint has no structured output: ask for a fenced block instead, from now on.
          this._structured = false;
          continue;
        }
        if (failure.kind === 'rate-limit') {
          throw new ChatModelError(
            'rate-limit',
            `The LLM endpoint kept rate-limiting requests (429) after ${maxRetries} ${maxRetries === 1 ? 'retry' : 'retries'}; try again later.`,
            429
          );
        }
        throw failure;
      }
    }
  }

  private async _call(request: IChatRequest, structured: boolean): Promise<IChatResponse> {
    const params: Record<string, unknown> = {
      model: this.name,
      messages: request.messages
    };
    if (this._options.temperature !== undefined && !Private.REASONING.test(this.name)) {
      params.temperature = this._options.temperature;
    }
    if (this._options.maxOutputTokens !== undefined) {
      params[Private.REASONING.test(this.name) ? 'max_completion_tokens' : 'max_tokens'] = this._options.maxOutputTokens;
    }
    if (structured && request.schema) {
      params.response_format = {
        type: 'json_schema',
        json_schema: { name: request.schema.name, schema: request.schema.schema, strict: true }
      };
    }
    const prompt = request.messages.map(message => message.content).join('\n');
    const usage = (reported: OpenAI.CompletionUsage | null | undefined, text: string): [ITokenUsage, boolean] =>
      reported
        ? [Private.reportedUsage(reported), false]
        : [{ calls: 1, inputTokens: estimateTokens(prompt), outputTokens: estimateTokens(text) }, true];

    if (request.onDelta) {
      const stream = await this._client.chat.completions.create(
        { ...(params as unknown as OpenAI.ChatCompletionCreateParamsStreaming), stream: true, stream_options: { include_usage: true } },
        { signal: request.signal }
      );
      let text = '';
      let model = this.name;
      let reported: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) {
        model = chunk.model || model;
        const delta = chunk.choices?.[0]?.delta?.content;
        if (delta) {
          text += delta;
          request.onDelta(delta);
        }
        reported = chunk.usage ?? reported;
      }
      const [counted, estimated] = usage(reported, text);
      return { text, model, usage: counted, estimated, structured };
    }
    const completion = await this._client.chat.completions.create(
      params as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming,
      { signal: request.signal }
    );
    const text = completion.choices?.[0]?.message?.content ?? '';
    const [counted, estimated] = usage(completion.usage, text);
    return { text, model: completion.model || this.name, usage: counted, estimated, structured };
  }

  /** The error as a kind and one sentence. */
  private _classify(error: unknown, elapsedMs: number): ChatModelError {
    if (error instanceof ChatModelError) {
      return error;
    }
    if (error instanceof OpenAI.APIUserAbortError) {
      return new ChatModelError('aborted', 'The request to the LLM endpoint was cancelled.');
    }
    const timeoutMs = this._options.timeoutMs ?? 120_000;
    // Some runtimes hand the client's own abort back as a plain connection error: the clock tells.
    if (error instanceof OpenAI.APIConnectionTimeoutError || (error instanceof OpenAI.APIConnectionError && elapsedMs >= timeoutMs * 0.95)) {
      const seconds = Math.round(timeoutMs / 100) / 10;
      return new ChatModelError('timeout', `The LLM endpoint did not answer within ${seconds} s.`);
    }
    if (error instanceof OpenAI.APIConnectionError) {
      return new ChatModelError('connection', `Cannot reach the LLM endpoint at ${this._mask(Private.publicURL(this._baseURL))}.`);
    }
    if (!(error instanceof OpenAI.APIError)) {
      return new ChatModelError('server', `The LLM call failed: ${this._mask(String((error as Error)?.message ?? error)).slice(0, 200)}.`);
    }
    const status = error.status;
    const detail = this._mask(Private.detail(error)).slice(0, 200);
    if (status === 401 || status === 403) {
      return new ChatModelError('auth', `The LLM endpoint refused the API key (${status}); check OPENAI_API_KEY or the key configured on the server.`, status);
    }
    if (status === 404) {
      return new ChatModelError('unknown-model', `The LLM endpoint does not know the model "${this.name}" (404); check MODERNIZER_MODEL or --model.`, status);
    }
    if (status === 429) {
      return new ChatModelError('rate-limit', 'The LLM endpoint is rate-limiting requests (429).', status);
    }
    if ((status === 400 || status === 413 || status === 422) && Private.CONTEXT.test(Private.detail(error) + ' ' + (error.code ?? ''))) {
      return new ChatModelError('context-length', `The prompt is too long for the model "${this.name}" (${status}).`, status);
    }
    if (status !== undefined && status >= 500) {
      return new ChatModelError('server', `The LLM endpoint failed with a server error (${status}).`, status);
    }
    if (status === undefined) {
      // An error event inside a stream.
      return new ChatModelError('server', `The LLM endpoint failed while answering${detail ? `: ${detail}` : ''}.`);
    }
    return new ChatModelError('bad-request', `The LLM endpoint rejected the request (${status})${detail ? `: ${detail}` : ''}.`, status);
  }

  /** Wait before retry `retry` (0-based): what the endpoint asks, else exponential with jitter. */
  private _backoff(retry: number, headers?: Headers): number {
    const cap = this._options.maxBackoffMs ?? 30_000;
    const afterMs = Number(headers?.get?.('retry-after-ms'));
    if (Number.isFinite(afterMs) && afterMs > 0) {
      return Math.min(afterMs, cap);
    }
    const after = Number(headers?.get?.('retry-after'));
    if (Number.isFinite(after) && after > 0) {
      return Math.min(after * 1000, cap);
    }
    const base = this._options.retryBaseMs ?? 1000;
    return Math.min(base * 2 ** retry * (1 + Math.random() * 0.25), cap);
  }

  /** Whatever an endpoint echoes back, the key is not shown. */
  private _mask(text: string): string {
    const key = this._apiKey;
    return key && key.length >= 4 ? text.split(key).join('***') : text;
  }

  private _options: OpenAIChatModel.IOptions;
  private _baseURL: string;
  private _apiKey?: string;
  private _structured: boolean;
  private _client: OpenAI;
}

export namespace OpenAIChatModel {
  export interface IOptions {
    /** `https://api.openai.com/v1`, `http://localhost:11434/v1`, or the relay's URL. */
    baseURL: string;
    /** Absent in the browser: the relay adds the key on the server. */
    apiKey?: string;
    model: string;
    temperature?: number;
    maxOutputTokens?: number;
    /** Per request; default 120 s. */
    timeoutMs?: number;
    /** Retries after a 429; default 3. */
    maxRetries?: number;
    /** First backoff after a 429 when the endpoint says nothing; doubles each retry. Default 1 s. */
    retryBaseMs?: number;
    maxBackoffMs?: number;
    /** Ask for JSON-schema output first (default true); turned off by itself if the endpoint refuses it. */
    structuredOutput?: boolean;
    /** A fetch of the platform's (the relay's authenticated fetch in JupyterLab). */
    fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  }
}

namespace Private {
  /** Reasoning models take max_completion_tokens and no temperature. */
  export const REASONING = /^(o\d|gpt-5)/;
  /** Wording of a prompt over the model's context window. */
  export const CONTEXT =
    /context[_ ]length|context window|maximum context|too many tokens|prompt is too long|reduce the length|exceeds the (model's )?(maximum|max|context)/i;
  /** Wording of an endpoint without structured output. */
  export const NO_SCHEMA = /response_format|json_schema|structured output|not supported.*schema/i;

  /** The endpoint's counts, with the prompt-cache share where it says (OpenAI's `cached_tokens`). */
  export function reportedUsage(reported: OpenAI.CompletionUsage): ITokenUsage {
    const usage: ITokenUsage = { calls: 1, inputTokens: reported.prompt_tokens, outputTokens: reported.completion_tokens };
    const cached = reported.prompt_tokens_details?.cached_tokens;
    if (typeof cached === 'number' && cached > 0) {
      usage.cachedInputTokens = cached;
    }
    return usage;
  }

  export function detail(error: unknown): string {
    const body = (error as { error?: { message?: unknown } }).error;
    const message = typeof body?.message === 'string' ? body.message : (error as Error)?.message ?? '';
    return message.replace(/\s+/g, ' ').trim();
  }

  /** The URL without user info or query (they may hold credentials). */
  export function publicURL(url: string): string {
    try {
      const parsed = new URL(url);
      return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
    } catch {
      return url;
    }
  }

  export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true }
      );
    });
  }
}
