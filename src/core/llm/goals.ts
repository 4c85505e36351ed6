/**
 * The two asks beyond a repair: a speed-up for a cell over its time budget
 * that keeps what it computes, and a calibration for a cell whose printed
 * numbers drifted from the author's. Each has its own instructions, its own
 * sections in the prompt, its own drift check and its own words when the
 * budget of answers is spent.
 */
import type { AgentGoal, IAgentRequest } from './patchagent';
import type { IPatch } from '../notebook/patch';
import type { INumberPair } from '../scores';
import { UNTRUSTED_NOTE, untrusted } from './untrusted';

const ANSWER_FORMAT =
  'Reply with a JSON object with two fields: "source", the complete new source of the cell, and "rationale", one sentence saying what changed and why.';

export const SPEED_UP_PROMPT = [
  'You make one cell of an old Jupyter notebook run faster without changing what it computes.',
  'It ran longer than its time budget in the Python environment described below and was interrupted.',
  'Keep the same model classes, hyperparameters, seeds, split sizes, epochs, iterations and data rows and columns, so that it prints the same numbers:',
  'vectorize Python loops, compute a value once instead of in every iteration, avoid fitting the same model twice, use the faster equivalent API of the same library, use all cores (n_jobs=-1).',
  'Do not reduce epochs, iterations, estimators or data, do not sample, do not hard-code results, do not install packages, run shell commands, reach the network or delete files.',
  'Only this cell can change; the earlier cells shown have already run.',
  UNTRUSTED_NOTE,
  ANSWER_FORMAT
].join(' ');

export const CALIBRATE_PROMPT = [
  'You restore the numbers one cell of an old Jupyter notebook printed.',
  'The cell runs today, in the Python environment described below, but numbers it prints differ from the ones its author saw, usually because a library changed a default (a solver, a number of estimators, a regularization, a tokenizer, a random generator) or a behaviour.',
  "Change the cell so that it computes what the author's code computed with the library versions it was written for, by stating the old defaults or behaviour explicitly.",
  'The goal is the original figure, not a better one.',
  "Never write a number the author's run printed into the code, never train or tune on the test data or labels, and keep the model classes, data, seeds and the hyperparameters the author set.",
  'Only this cell can change; the earlier cells shown have already run.',
  UNTRUSTED_NOTE,
  ANSWER_FORMAT
].join(' ');

/** The goal of a request (a repair when none is given). */
export function goalOf(request: IAgentRequest): AgentGoal {
  return request.goal ?? { kind: 'repair' };
}

/** The title of the cell's section in the prompt. */
export function cellHeading(goal: AgentGoal, cellIndex: number): string {
  switch (goal.kind) {
    case 'speed-up':
      return `## The slow cell (cell ${cellIndex + 1})`;
    case 'calibrate':
      return `## The cell whose numbers drifted (cell ${cellIndex + 1})`;
    default:
      return `## The failing cell (cell ${cellIndex + 1})`;
  }
}

/** The goal's own sections, after the cell. */
export function goalSections(goal: AgentGoal): string[] {
  if (goal.kind === 'speed-up') {
    const seconds = Math.round(goal.budgetMs / 100) / 10;
    return [
      `## Its budget\nThe cell ran for more than ${seconds} s, its budget, and was interrupted. Your cell must finish within ${seconds} s and print the same numbers.`,
      ...triedSection(goal.tried, 'Speed-ups already tried')
    ];
  }
  if (goal.kind === 'calibrate') {
    return [
      `## The numbers it printed\n${numberTable(goal.pairs)}\n\nBring the numbers now back to the numbers then; a change that does not at least halve the gap is undone.`,
      ...triedSection(goal.tried, 'Calibrations already tried')
    ];
  }
  return [];
}

/** The heading of the earlier answers, and what to do with them. */
export function attemptsHeading(goal: AgentGoal): { title: string; close: string } {
  switch (goal.kind) {
    case 'speed-up':
      return { title: '## Your earlier speed-ups for this cell, which did not work', close: 'Make it faster differently.' };
    case 'calibrate':
      return { title: '## Your earlier calibrations for this cell, which did not work', close: 'Calibrate it differently.' };
    default:
      return { title: '## Your earlier answers for this cell, which did not work', close: 'Fix the cell differently.' };
  }
}

/** The system prompt of a goal other than a repair (undefined for a repair: prompt.ts has it). */
export function goalSystemPrompt(goal: AgentGoal): string | undefined {
  return goal.kind === 'speed-up' ? SPEED_UP_PROMPT : goal.kind === 'calibrate' ? CALIBRATE_PROMPT : undefined;
}

/** Why no answer was kept, once the cell's answers are spent. */
export function spentMessage(goal: AgentGoal, maxAttempts: number): string {
  switch (goal.kind) {
    case 'speed-up':
      return `No model speed-up made this cell finish within its budget with the same numbers in ${maxAttempts} attempts.`;
    case 'calibrate':
      return `No model calibration brought the numbers back in ${maxAttempts} attempts.`;
    default:
      return `No model patch made this cell run within ${maxAttempts} attempts.`;
  }
}

/** `| then | now | printed as |` rows of the paired numbers, the drifting ones first. */
export function numberTable(pairs: readonly INumberPair[]): string {
  const rows = [...pairs]
    .sort((a, b) => Number(a.withinTolerance) - Number(b.withinTolerance))
    .slice(0, 12)
    .map(pair => `| ${pair.originalText} | ${pair.nowText} | ${pair.template.replace(/#/g, '…').replace(/\|/g, '\\|').slice(0, 120)} | ${pair.withinTolerance ? 'matches' : 'drifted'} |`);
  // The 'printed as' column is the notebook's output text: untrusted.
  return untrusted(['| then (author) | now | printed as | |', '|---|---|---|---|', ...rows].join('\n'));
}

function triedSection(tried: readonly string[], title: string): string[] {
  return tried.length > 0 ? [`## ${title}\n${tried.map(item => `- ${item}`).join('\n')}`] : [];
}

/** What became of the offline fixes already tried (the model's own are its earlier answers), one sentence each. */
export function triedFixes(patches: readonly IPatch[], label: 'runtime' | 'score'): string[] {
  return patches
    .filter(patch => patch.label === label && !patch.origin.startsWith('llm:'))
    .map(patch => {
      const what = `${patch.origin}${patch.target.kind === 'cell' ? ` in cell ${patch.target.index + 1}` : ''}: ${patch.reason}`;
      const result = patch.reverted
        ? label === 'runtime'
          ? 'it changed the printed numbers and was undone'
          : 'it did not bring the numbers closer and was undone'
        : patch.accepted
          ? label === 'runtime'
            ? 'applied; the cell was still over its budget'
            : 'kept; the numbers came closer but not all the way'
          : 'not applied';
      return `${what} (${result})`;
    });
}

/** What a calibration answer gave, for the next ask: undone, kept, or not applied and why. */
export function calibrationOutcome(patch: IPatch, pairs: readonly INumberPair[]): string {
  const worst = [...pairs].sort((a, b) => b.relativeChange - a.relativeChange)[0];
  const numbers = worst ? ` It printed ${worst.nowText} where the author's run printed ${worst.originalText}.` : '';
  if (patch.reverted) {
    return `It ran but did not halve the gap, so it was undone.${numbers}`;
  }
  if (patch.accepted) {
    return `It was kept: the numbers came closer, not all the way.${numbers}`;
  }
  const flags = patch.flags.map(flag => flag.message).join(' ');
  return `It was not applied${flags ? `: ${flags}` : '.'}`;
}

/** The printed numbers a speed-up changed beyond tolerance (empty when it kept them). */
export function changedNumbers(pairs: readonly INumberPair[]): string {
  return pairs
    .filter(pair => !pair.withinTolerance)
    .slice(0, 3)
    .map(pair => `${pair.originalText} became ${pair.nowText}`)
    .join(', ');
}
