/**
 * The LLM's answer for one cell as it is generated, and the tokens spent.
 * The streamed text comes from the agent's `answerStreamed` signal; a JSON
 * answer (structured output) is shown as its cell source and rationale while
 * it is still incomplete.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import type { ITokenUsage } from '../../core/llm/patchagent';
import type { LlmAgent } from '../../core/llm';
import { formatCost } from '../../core/llm/cost';

export interface ILiveAnswerProps {
  agent: LlmAgent;
  cellIndex: number;
  /** The cell is still being worked on (the answer shows open). */
  active: boolean;
  trans: TranslationBundle;
}

/** The streamed answer of the latest attempt for one cell (nothing before the first delta). */
export function LiveAnswer(props: ILiveAnswerProps): JSX.Element | null {
  const { agent, cellIndex, trans } = props;
  const [answer, setAnswer] = React.useState<{ attempt: number; text: string } | null>(null);
  React.useEffect(() => {
    const onDelta = (_: LlmAgent, delta: LlmAgent.IDelta) => {
      if (delta.cellIndex !== cellIndex) {
        return;
      }
      setAnswer(previous =>
        previous && previous.attempt === delta.attempt
          ? { attempt: delta.attempt, text: previous.text + delta.delta }
          : { attempt: delta.attempt, text: delta.delta }
      );
    };
    agent.answerStreamed.connect(onDelta);
    return () => {
      agent.answerStreamed.disconnect(onDelta);
    };
  }, [agent, cellIndex]);
  if (!answer) {
    return null;
  }
  const shown = readPartialAnswer(answer.text);
  return (
    <details className="jp-Modernizer-LiveAnswer" open={props.active} aria-live="polite">
      <summary className="jp-Modernizer-LiveAnswerTitle">
        {trans.__('Answer of %1 (attempt %2)', agent.modelName, answer.attempt)}
        {props.active && <span className="jp-Modernizer-Streaming">{trans.__('streaming…')}</span>}
      </summary>
      {shown.rationale && <div className="jp-Modernizer-LiveRationale">{shown.rationale}</div>}
      <pre className="jp-Modernizer-LiveSource">{shown.source}</pre>
    </details>
  );
}

/** "1 LLM call · 812 tokens in · 64 out · $0.0002", with reused answers and prompt-cache tokens when there are some. */
export function UsageLine(props: { usage: ITokenUsage; trans: TranslationBundle; className?: string }): JSX.Element {
  const { usage, trans } = props;
  const hits = usage.cacheHits ?? 0;
  const cached = usage.cachedInputTokens ?? 0;
  return (
    <span
      className={props.className ?? 'jp-Modernizer-Usage'}
      title={
        usage.costUsd === undefined && usage.calls > 0
          ? trans.__('Tokens the LLM read and wrote. Add the model to the LLM prices setting to see the cost.')
          : trans.__('Tokens the LLM read and wrote, and what they cost by the LLM prices setting')
      }
    >
      {trans._n('%1 LLM call', '%1 LLM calls', usage.calls)}
      {' · '}
      {trans.__('%1 tokens in', usage.inputTokens.toLocaleString())}
      {cached > 0 && ` (${trans.__('%1 cached', cached.toLocaleString())})`}
      {' · '}
      {trans.__('%1 out', usage.outputTokens.toLocaleString())}
      {hits > 0 && ' · ' + trans._n('%1 reused answer', '%1 reused answers', hits)}
      {usage.costUsd !== undefined && (
        <>
          {' · '}
          <span className="jp-Modernizer-Cost">{formatCost(usage.costUsd)}</span>
        </>
      )}
    </span>
  );
}

/**
 * The source and rationale of an answer that may be cut off: a JSON object
 * (`{"source": "...", "rationale": "..."}`) read as far as it goes, or the raw
 * text when it is not JSON.
 */
export function readPartialAnswer(text: string): { source: string; rationale: string } {
  if (!text.trimStart().startsWith('{')) {
    return { source: text, rationale: '' };
  }
  return { source: Private.partialString(text, 'source'), rationale: Private.partialString(text, 'rationale') };
}

namespace Private {
  const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

  /** The value of a string field of a JSON text, as much of it as has arrived. */
  export function partialString(text: string, field: string): string {
    const match = new RegExp(`"${field}"\\s*:\\s*"`).exec(text);
    if (!match) {
      return '';
    }
    let out = '';
    for (let i = match.index + match[0].length; i < text.length; i++) {
      const c = text[i];
      if (c === '"') {
        break;
      }
      if (c !== '\\') {
        out += c;
        continue;
      }
      const next = text[i + 1];
      if (next === undefined) {
        break;
      }
      if (next === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          break;
        }
        out += String.fromCharCode(parseInt(hex, 16));
        i += 5;
      } else {
        out += ESCAPES[next] ?? next;
        i += 1;
      }
    }
    return out;
  }
}
