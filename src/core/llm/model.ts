/**
 * The seam between the agent and a chat model: messages in, text and token
 * usage out, with errors sorted into kinds the agent can explain. The OpenAI
 * implementation is in openai.ts; tests and other endpoints plug in here.
 */
import type { ITokenUsage } from './patchagent';

export interface IChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A JSON schema the answer should follow (structured output). */
export interface IAnswerSchema {
  name: string;
  schema: Record<string, unknown>;
}

export interface IChatRequest {
  messages: IChatMessage[];
  /** Ask for structured output; the model falls back to free text where the endpoint lacks it. */
  schema?: IAnswerSchema;
  /** When given, the answer is streamed and every text delta is passed here as it arrives. */
  onDelta?: (delta: string) => void;
  signal?: AbortSignal;
}

export interface IChatResponse {
  text: string;
  /** The model that answered, as the endpoint names it. */
  model: string;
  /** Tokens as the endpoint counted them; estimated when it did not say. */
  usage: ITokenUsage;
  /** True when the counts are estimates. */
  estimated: boolean;
  /** Whether the answer was asked for with a JSON schema. */
  structured: boolean;
  /** True when the answer came from the answer cache: nothing was sent. */
  cached?: boolean;
}

export interface IChatModel {
  /** The configured model name (`llm:<name>` in patch origins). */
  readonly name: string;
  complete(request: IChatRequest): Promise<IChatResponse>;
}

/** What went wrong, in the agent's vocabulary. */
export type ChatErrorKind =
  | 'auth'
  | 'unknown-model'
  | 'rate-limit'
  | 'timeout'
  | 'server'
  | 'context-length'
  | 'bad-request'
  | 'connection'
  | 'aborted';

/** A failed call, with one sentence for a person. The message never holds the key. */
export class ChatModelError extends Error {
  constructor(
    readonly kind: ChatErrorKind,
    message: string,
    readonly status?: number
  ) {
    super(message);
    this.name = 'ChatModelError';
  }
}

/** Roughly four characters a token: for endpoints that report no usage. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
