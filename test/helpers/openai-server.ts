/**
 * A scripted OpenAI-compatible endpoint on 127.0.0.1: `/chat/completions`
 * under any prefix answers from a script, one step per call, and records
 * every request (path, headers, parsed body).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface IUsage {
  prompt_tokens: number;
  completion_tokens: number;
  /** Input tokens the endpoint served from its prompt cache. */
  prompt_tokens_details?: { cached_tokens: number };
}

/** One scripted response. */
export type ScriptStep =
  /** A completion whose message content is this text (a JSON answer is given as an object). */
  | { answer: string | { source: string; rationale: string }; usage?: IUsage | null; delayMs?: number }
  /** The same, as SSE chunks when the request asked to stream (else as one completion). */
  | { stream: string[]; usage?: IUsage | null; delayMs?: number }
  /** An error status with an OpenAI-style body. */
  | { status: number; message: string; code?: string; type?: string; headers?: Record<string, string>; delayMs?: number };

export interface IRecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

export class ScriptedOpenAIServer {
  readonly requests: IRecordedRequest[] = [];

  /** Steps still to answer; a call past the end gets a 500. */
  script: ScriptStep[] = [];

  get baseURL(): string {
    return `http://127.0.0.1:${(this._server.address() as AddressInfo).port}/v1`;
  }

  /** The last request's user message. */
  get lastPrompt(): string {
    const body = this.requests[this.requests.length - 1]?.body;
    return body?.messages?.find((m: { role: string }) => m.role === 'user')?.content ?? '';
  }

  static async start(): Promise<ScriptedOpenAIServer> {
    const server = new ScriptedOpenAIServer();
    await new Promise<void>(resolve => server._server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  /** Replace the script and forget earlier requests. */
  reset(script: ScriptStep[]): void {
    this.script = [...script];
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    for (const socket of this._sockets) {
      socket.destroy();
    }
    await new Promise<void>(resolve => this._server.close(() => resolve()));
  }

  private async _handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Recorded as text.
    }
    this.requests.push({ path: req.url ?? '', headers: req.headers, body });
    if (!/\/chat\/completions$/.test((req.url ?? '').split('?')[0]) || req.method !== 'POST') {
      return this._json(res, 404, { error: { message: `No route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
    }
    const step = this.script.shift() ?? { status: 500, message: 'The script has no more answers.' };
    if (step.delayMs) {
      await new Promise(resolve => setTimeout(resolve, step.delayMs));
      if (res.destroyed || req.destroyed) {
        return;
      }
    }
    if ('status' in step) {
      return this._json(
        res,
        step.status,
        { error: { message: step.message, type: step.type ?? 'invalid_request_error', code: step.code ?? null } },
        step.headers
      );
    }
    const content = 'answer' in step ? (typeof step.answer === 'string' ? step.answer : JSON.stringify(step.answer)) : step.stream.join('');
    const usage = step.usage === undefined ? { prompt_tokens: 0, completion_tokens: 0 } : step.usage;
    const model = body?.model ?? 'unknown';
    const base = { id: `chatcmpl-${this.requests.length}`, created: Math.floor(Date.now() / 1000), model };
    if (body?.stream) {
      const pieces = 'stream' in step ? step.stream : [content];
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
      send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
      for (const piece of pieces) {
        send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
        await new Promise(resolve => setImmediate(resolve));
      }
      send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
      if (usage && body?.stream_options?.include_usage) {
        send({ ...base, object: 'chat.completion.chunk', choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } });
      }
      res.end('data: [DONE]\n\n');
      return;
    }
    this._json(res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {})
    });
  }

  private _json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private _server = http.createServer((req, res) => {
    this._handle(req, res).catch(error => {
      if (!res.headersSent) {
        this._json(res, 500, { error: { message: String(error) } });
      }
    });
  });
  private _sockets = new Set<import('net').Socket>();

  constructor() {
    this._server.on('connection', socket => {
      this._sockets.add(socket);
      socket.on('close', () => this._sockets.delete(socket));
    });
  }
}
