/**
 * The CLI's LLM agent: the OpenAI-compatible model from the flags, its
 * answers kept in a folder (one JSON file per model and prompt hash) so a
 * batch pays once for the same failure in the same code, and the price table
 * that gives every answer its cost. The key is in the model's options only:
 * no file here holds it.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CachedChatModel } from '../core/llm/cache';
import type { IAnswerStore, IStoredAnswer } from '../core/llm/cache';
import { LlmAgent } from '../core/llm/agent';
import { OpenAIChatModel } from '../core/llm/openai';
import type { IRunFlags } from './flags';

export function makeAgent(llm: NonNullable<IRunFlags['llm']>): LlmAgent {
  const { maxAttemptsPerCell, prices, cacheDir, ...modelOptions } = llm;
  const chat = new OpenAIChatModel(modelOptions);
  return new LlmAgent({
    model: cacheDir ? new CachedChatModel({ model: chat, store: new AnswerFolder(cacheDir) }) : chat,
    maxAttemptsPerCell,
    prices
  });
}

/** Answers as `<dir>/<sha256 of model and prompt>.json`; written whole or not at all. */
export class AnswerFolder implements IAnswerStore {
  constructor(readonly dir: string) {}

  async get(model: string, prompt: string): Promise<IStoredAnswer | undefined> {
    try {
      const stored = JSON.parse(await fs.promises.readFile(this._file(model, prompt), 'utf8'));
      return typeof stored?.text === 'string' && stored.requestedModel === model ? stored : undefined;
    } catch {
      return undefined;
    }
  }

  async set(model: string, prompt: string, answer: IStoredAnswer): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const file = this._file(model, prompt);
    const temporary = `${file}.${process.pid}.tmp`;
    const record = { requestedModel: model, promptSha256: AnswerFolder.hash(prompt), savedAt: new Date().toISOString(), ...answer };
    await fs.promises.writeFile(temporary, JSON.stringify(record, null, 1) + '\n');
    await fs.promises.rename(temporary, file);
  }

  static hash(text: string): string {
    return createHash('sha256').update(text).digest('hex');
  }

  private _file(model: string, prompt: string): string {
    return path.join(this.dir, AnswerFolder.hash(`${model}\u0000${prompt}`) + '.json');
  }
}
