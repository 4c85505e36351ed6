/**
 * Calls a rule looks at, picked by their callee's name, and the edits that
 * take one argument out of a call or add one at its end.
 */
import type { SyntaxNode } from '@lezer/common';
import type { IEdit } from './edit';
import { insertAt } from './edit';
import type { ICallArgument, PythonSource } from './syntax';

/** Which calls a rule looks at, from the callee's qualified and written (dotted) names. */
export type CallFilter = (qualified: string, dotted: string, source: PythonSource) => boolean;

/** A callee whose last part is one of the names (`Adam`, `keras.optimizers.Adam`). */
export function calleeNamed(...names: string[]): CallFilter {
  return (_qualified, dotted) => names.includes(dotted.split('.').pop()!);
}

/** A callee whose qualified name starts with a module (`seaborn.`). */
export function calleeIn(module: string, names?: string[]): CallFilter {
  return qualified =>
    qualified.startsWith(module + '.') && (!names || names.includes(qualified.split('.').pop()!));
}

/** The calls of the source the filter keeps. */
export function callsMatching(source: PythonSource, filter: CallFilter): SyntaxNode[] {
  return source.callsTo((qualified, dotted) => filter(qualified, dotted, source));
}

/** Edit removing one argument of a call with its separating comma. */
export function removeArgument(source: PythonSource, call: SyntaxNode, node: { from: number; to: number }): IEdit {
  const args = source.callArguments(call);
  const index = args.findIndex(arg => arg.node.from === node.from);
  if (index > 0) {
    return { from: args[index - 1].node.to, to: node.to, insert: '' };
  }
  if (args.length > 1) {
    return { from: node.from, to: args[1].node.from, insert: '' };
  }
  return { from: node.from, to: node.to, insert: '' };
}

/** Edit adding `text` (`keyword=value`) as the call's last argument. */
export function appendArgument(source: PythonSource, call: SyntaxNode, text: string): IEdit {
  const args = source.callArguments(call);
  const last = args[args.length - 1];
  return last ? insertAt(last.node.to, `, ${text}`) : insertAt(call.getChild('ArgList')!.from + 1, text);
}

/** The `name=value` argument of a call, if it passes one. */
export function keywordArgument(source: PythonSource, call: SyntaxNode, name: string): ICallArgument | undefined {
  return source.callArguments(call).find(arg => arg.name === name);
}
