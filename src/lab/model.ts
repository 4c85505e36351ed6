/**
 * The state of one notebook's Modernize run, for the views: the engine's cell
 * records, the environment, the pre-flight findings, the proposals waiting
 * for a decision and the summary at the end. It also writes what the engine
 * does into the notebook: accepted sources (undoable), provenance, outputs.
 */
import type { ICodeCellModel, ICellModel } from '@jupyterlab/cells';
import type * as nbformat from '@jupyterlab/nbformat';
import type { NotebookPanel } from '@jupyterlab/notebook';
import type { Contents, ServerConnection } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { ITokenUsage } from '../core/llm/patchagent';
import { KernelSession } from '../core/kernel';
import type { IEnvironment } from '../core/kernel';
import { LlmAgent, totalUsage } from '../core/llm';
import { kernelLanguage, serializeNotebook } from '../core/notebook/format';
import type { IPatch } from '../core/notebook/patch';
import { PROVENANCE_KEY, readProvenance, recordProvenance } from '../core/notebook/provenance';
import { buildReport } from '../core/run/report';
import type { IReport } from '../core/run/report';
import { allFamilies, allRules, RuleEngine } from '../core/rules';
import { Modernizer } from '../core/run';
import type { ICellRecord, IPreflightFinding } from '../core/run';
import { Paths } from '../core/notebook/workspace';
import { ReviewDecider } from './decider';
import type { IProposal } from './decider';
import { relayChatModel } from './relay';
import { ModernizerAPI, requestAPI } from './request';
import type { IModernizerSettings } from './settings';
import { ContentsWorkspace } from './workspace';

export class RunModel {
  constructor(options: RunModel.IOptions) {
    this.panel = options.panel;
    this._contents = options.contents;
    this._serverSettings = options.serverSettings;
    this._serverRoot = options.serverRoot;
    this._settings = options.settings;
  }

  /** The notebook this model runs. */
  readonly panel: NotebookPanel;

  get status(): RunModel.Status {
    return this._status;
  }

  /** Why the run could not start or broke off, when it did. */
  get failure(): RunModel.IFailure | null {
    return this._failure;
  }

  /** A new object for every run: what a once-per-run notice remembers. */
  get runToken(): object {
    return this._runToken;
  }

  get running(): boolean {
    return this._status === 'starting' || this._status === 'running' || this._status === 'stopping';
  }

  get paused(): boolean {
    return this._modernizer?.paused ?? false;
  }

  /** The engine's records of every cell (empty before the first run). */
  get cells(): readonly ICellRecord[] {
    return this._modernizer?.cells ?? [];
  }

  get environment(): IEnvironment | undefined {
    return this._modernizer?.environment;
  }

  get preflight(): readonly IPreflightFinding[] {
    return this._modernizer?.preflight ?? [];
  }

  /** How many times the engine's record of cell `index` changed in this run: rows render again when it moves. */
  cellVersion(index: number): number {
    return this._cellVersions.get(index) ?? 0;
  }

  /** The LLM model the run may ask, when the server relays one. */
  get llmModel(): string | null {
    return this._llmModel;
  }

  /**
   * The LLM agent of the run, when the server relays a model; its
   * `answerStreamed` signal carries the answer while it is generated.
   */
  get agent(): LlmAgent | null {
    return this._agent;
  }

  /** Tokens the LLM spent in this run, over all cells (zeros without an agent). */
  get usage(): ITokenUsage {
    return totalUsage(this.cells.map(cell => cell.usage));
  }

  /** Proposals waiting for a decision, oldest first. */
  get pending(): readonly IProposal[] {
    return this._decider?.pending ?? [];
  }

  /** The proposal the review shows: the one chosen, else the oldest waiting. */
  get reviewing(): IProposal | null {
    const pending = this.pending;
    return pending.find(p => p.patch.id === this._selectedPatch) ?? pending[0] ?? null;
  }

  /** Whether unflagged rule fixes are applied without asking in this run. */
  get acceptingRules(): boolean {
    return this._decider?.acceptRules ?? false;
  }

  /** Patches refused because the cell was edited after they were proposed. */
  get staleRefusals(): readonly IPatch[] {
    return this._stale;
  }

  /** The report of the finished (or stopped) run. */
  get report(): IReport | null {
    return this._report;
  }

  /** The index of the code cell running now, if any. */
  get runningCell(): number | null {
    return this.cells.find(cell => cell.status === 'running')?.index ?? null;
  }

  /** Whether the model's notebook is the current one (hidden models need not render). */
  get isActive(): boolean {
    return this._isActive;
  }
  set isActive(value: boolean) {
    if (value === this._isActive) {
      return;
    }
    this._isActive = value;
    this._changed.emit();
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Emitted on any change of what the views show. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Emitted when a proposal starts waiting for the user. */
  get proposalAdded(): ISignal<this, IProposal> {
    return this._proposalAdded;
  }

  /** Emitted when a patch is refused because the user edited its cell. */
  get staleRefused(): ISignal<this, IPatch> {
    return this._staleRefused;
  }

  /**
   * Run the notebook through the engine, top to bottom, in its own kernel.
   * Resolves when the run is over (finished, stopped or broken off).
   */
  async start(options: { restart: boolean }): Promise<void> {
    if (this.running) {
      return;
    }
    this._reset();
    this._setStatus('starting');
    const started = Date.now();
    const context = this.panel.sessionContext;
    try {
      await context.ready;
      if (options.restart && context.session?.kernel) {
        // A kernel restarted before its first connection is set up never answers that
        // connection's kernel_info request: the server then holds the websocket for its whole
        // kernel_info timeout (a minute). Wait for the kernel's first answer, then restart.
        await Private.firstAnswer(context.session.kernel);
        await context.restartKernel();
      }
      const kernel = context.session?.kernel;
      if (!kernel) {
        this._fail({ kind: 'no-kernel' });
        return;
      }
      const notebookModel = this.panel.content.model;
      if (!notebookModel) {
        this._fail({ kind: 'no-kernel' });
        return;
      }
      const notebook = notebookModel.toJSON() as nbformat.INotebookContent;
      const language = kernelLanguage(notebook) ?? (await Private.kernelLanguage(kernel));
      if (language && language !== 'python') {
        this._fail({ kind: 'not-python', detail: language });
        return;
      }
      this._cellIds = [...notebookModel.cells].map(cell => cell.id);
      const settings = this._settings();
      this._session = new KernelSession({ kernel });
      // The engine's first requests have their own short limits: let the kernel come up first.
      await this._session.waitReady(Private.KERNEL_START_MS);
      this._decider = new ReviewDecider({ acceptRules: settings.acceptPolicy === 'rules' });
      this._decider.pendingChanged.connect(this._onPending, this);
      this._abort = new AbortController();
      const agent = await this._makeAgent(settings);
      this._agent = agent;
      this._emit();
      const modernizer = new Modernizer({
        notebook,
        session: this._session,
        rules: new RuleEngine(allRules, allFamilies),
        decider: this._decider,
        workspace: new ContentsWorkspace({
          contents: this._contents,
          notebookPath: this.panel.context.localPath,
          serverRoot: this._serverRoot,
          dataDirectory: settings.dataDirectory || undefined
        }),
        cellTimeoutMs: settings.cellTimeoutMs,
        liveSource: index => this._liveSource(index),
        agent: agent ?? undefined
      });
      this._modernizer = modernizer;
      modernizer.cellChanged.connect(this._onCellChanged, this);
      modernizer.sourceChanged.connect(this._onSourceChanged, this);
      modernizer.prepared.connect(this._emit, this);
      modernizer.pausedChanged.connect(this._emit, this);
      this._setStatus('running');
      await modernizer.run(this._abort.signal);
      this._report = buildReport(modernizer, {
        notebook: this.panel.context.localPath,
        durationMs: Date.now() - started
      });
      this._setStatus(this._abort.signal.aborted ? 'stopped' : 'done');
    } catch (error) {
      this._fail({ kind: 'crashed', detail: (error as Error).message ?? String(error) });
    } finally {
      this._session?.dispose();
      this._session = null;
    }
  }

  pause(): void {
    this._modernizer?.pause();
  }

  resume(): void {
    this._modernizer?.resume();
  }

  /** Stop the run: the running cell is interrupted, waiting proposals are rejected. */
  stop(): void {
    if (!this.running || !this._abort) {
      return;
    }
    this._abort.abort();
    this._decider?.close();
    this._setStatus('stopping');
  }

  /** Show this proposal in the review. */
  select(patchId: string): void {
    if (this._selectedPatch === patchId) {
      return;
    }
    this._selectedPatch = patchId;
    this._emit();
  }

  /** The proposal after the one reviewed now (wrapping), or null. */
  nextProposal(): IProposal | null {
    const pending = this.pending;
    if (pending.length === 0) {
      return null;
    }
    const current = pending.findIndex(p => p.patch.id === this.reviewing?.patch.id);
    return pending[(current + 1) % pending.length];
  }

  accept(patchId: string, editedSource?: string): void {
    this._decider?.accept(patchId, editedSource);
  }

  reject(patchId: string): void {
    this._decider?.reject(patchId);
  }

  acceptAllRuleFixes(): void {
    this._decider?.acceptAllRuleFixes();
    this._emit();
  }

  /** The notebook cell model the engine's cell `index` stands for (cells may have moved). */
  cellModel(index: number): ICellModel | undefined {
    const id = this._cellIds[index];
    const cells = this.panel.content.model?.cells;
    if (!cells || id === undefined) {
      return undefined;
    }
    for (const cell of cells) {
      if (cell.id === id) {
        return cell;
      }
    }
    return undefined;
  }

  /** Where the engine's cell `index` is in the notebook now, or -1. */
  notebookIndex(index: number): number {
    const id = this._cellIds[index];
    const cells = this.panel.content.model?.cells;
    if (!cells || id === undefined) {
      return -1;
    }
    let position = 0;
    for (const cell of cells) {
      if (cell.id === id) {
        return position;
      }
      position++;
    }
    return -1;
  }

  /** Save the report as JSON beside the notebook; resolves with its contents path. */
  async saveReport(): Promise<string> {
    if (!this._report) {
      throw new Error('There is no report before a run ended.');
    }
    const path = await this._freePath('.modernize', '.json');
    await this._contents.save(path, {
      type: 'file',
      format: 'text',
      content: JSON.stringify({ ...this._report, output: this._savedCopy ?? undefined }, null, 2) + '\n'
    });
    return path;
  }

  /** Save the modernized notebook as a new file beside the original; resolves with its contents path. */
  async saveCopy(): Promise<string> {
    if (!this._modernizer || this.running) {
      throw new Error('There is no modernized notebook before a run ended.');
    }
    const path = await this._freePath('.modernized', '.ipynb');
    const notebook = this._modernizer.modernizedNotebook();
    await this._contents.save(path, {
      type: 'file',
      format: 'text',
      content: serializeNotebook(notebook)
    });
    this._savedCopy = path;
    this._emit();
    return path;
  }

  /** The last saved copy's path, if any. */
  get savedCopy(): string | null {
    return this._savedCopy;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this.stop();
    Signal.clearData(this);
  }

  /** The free path `<dir>/<name><suffix><ext>` (then `-2`, `-3`...) beside the notebook. */
  private async _freePath(suffix: string, ext: string): Promise<string> {
    const local = this.panel.context.path;
    const stem = local.replace(/\.ipynb$/i, '');
    for (let n = 1; n < 1000; n++) {
      const path = `${stem}${suffix}${n === 1 ? '' : `-${n}`}${ext}`;
      const exists = await this._contents.get(path, { content: false }).then(
        () => true,
        () => false
      );
      if (!exists) {
        return path;
      }
    }
    throw new Error(`No free file name beside ${Paths.basename(local)}.`);
  }

  /** The LLM agent behind the server's relay, when the server holds a key. */
  private async _makeAgent(settings: IModernizerSettings): Promise<LlmAgent | null> {
    let status: ModernizerAPI.IRelayStatus;
    try {
      status = await requestAPI<ModernizerAPI.IRelayStatus>('llm/status', this._serverSettings);
    } catch {
      // No server extension, or it does not answer: rules only.
      return null;
    }
    const model = settings.llm.model || status.model;
    if (!status.has_key || !model) {
      return null;
    }
    this._llmModel = model;
    // Every request goes through the relay, which adds the key on the server.
    const chat = relayChatModel(this._serverSettings, {
      model,
      temperature: settings.llm.temperature,
      maxOutputTokens: settings.llm.maxOutputTokens,
      timeoutMs: settings.llm.timeoutMs
    });
    return new LlmAgent({ model: chat, maxAttemptsPerCell: settings.llm.maxAttemptsPerCell, stream: true, prices: settings.llm.prices });
  }

  private _liveSource(index: number): string | undefined {
    const cell = this.cellModel(index);
    // A deleted cell never matches: its patch is stale.
    return cell ? cell.sharedModel.getSource() : '\u0000deleted';
  }

  private _onCellChanged(_: Modernizer, record: ICellRecord): void {
    this._cellVersions.set(record.index, this.cellVersion(record.index) + 1);
    const cell = this.cellModel(record.index);
    if (cell && cell.type === 'code' && this._shownOutputs.get(record.index) !== record.outputs) {
      // Show what the engine's execution printed, as if the cell ran in the notebook.
      this._shownOutputs.set(record.index, record.outputs);
      const code = cell as ICodeCellModel;
      code.outputs.clear();
      for (const output of record.outputs) {
        code.outputs.add(output);
      }
      code.executionCount = record.executionCount;
    }
    for (const patch of record.patches) {
      if (patch.stale && !this._stale.includes(patch)) {
        this._stale.push(patch);
        this._staleRefused.emit(patch);
      }
    }
    this._emit();
  }

  /** Write an applied (or undone) source into the notebook before the cell runs again. */
  private _onSourceChanged(_: Modernizer, change: Modernizer.ISourceChange): void {
    const cell = this.cellModel(change.index);
    if (!cell) {
      return;
    }
    cell.sharedModel.setSource(change.source);
    const metadata = (cell.metadata ?? {}) as Record<string, unknown>;
    const record = this.cells[change.index];
    if (change.patch.accepted) {
      const updated = recordProvenance(metadata, record?.originalSource ?? change.patch.before, [change.patch]);
      cell.setMetadata(PROVENANCE_KEY, updated[PROVENANCE_KEY]);
    } else if (change.patch.reverted) {
      // The engine undid a change that did not help: drop it from the history too.
      const provenance = readProvenance(metadata);
      const changes = (provenance?.changes ?? []).filter(c => !(c.after === change.patch.after && c.before === change.patch.before));
      if (!provenance || changes.length === 0) {
        cell.deleteMetadata(PROVENANCE_KEY);
      } else {
        cell.setMetadata(PROVENANCE_KEY, { ...provenance, changes } as any);
      }
    }
  }

  private _onPending(_: ReviewDecider, pending: readonly IProposal[]): void {
    const added = pending.filter(p => !this._announced.has(p.patch.id));
    for (const proposal of added) {
      this._announced.add(proposal.patch.id);
    }
    if (this._selectedPatch && !pending.some(p => p.patch.id === this._selectedPatch)) {
      this._selectedPatch = null;
    }
    this._emit();
    for (const proposal of added) {
      this._proposalAdded.emit(proposal);
    }
  }

  private _reset(): void {
    this._runToken = {};
    this._modernizer?.cellChanged.disconnect(this._onCellChanged, this);
    this._modernizer?.sourceChanged.disconnect(this._onSourceChanged, this);
    this._modernizer = null;
    this._decider = null;
    this._report = null;
    this._failure = null;
    this._stale = [];
    this._shownOutputs.clear();
    this._cellVersions.clear();
    this._announced.clear();
    this._selectedPatch = null;
    this._savedCopy = null;
    this._llmModel = null;
    this._agent = null;
  }

  private _fail(failure: RunModel.IFailure): void {
    this._failure = failure;
    this._decider?.close();
    this._setStatus('failed');
  }

  private _setStatus(status: RunModel.Status): void {
    if (status === this._status) {
      return;
    }
    this._status = status;
    this._emit();
  }

  private _emit(): void {
    if (!this._isDisposed) {
      this._changed.emit();
    }
  }

  private _contents: Contents.IManager;
  private _serverSettings: ServerConnection.ISettings;
  private _serverRoot?: string;
  private _settings: () => IModernizerSettings;
  private _status: RunModel.Status = 'idle';
  private _failure: RunModel.IFailure | null = null;
  private _modernizer: Modernizer | null = null;
  private _decider: ReviewDecider | null = null;
  private _session: KernelSession | null = null;
  private _runToken: object = {};
  private _abort: AbortController | null = null;
  private _report: IReport | null = null;
  private _cellIds: string[] = [];
  private _shownOutputs = new Map<number, nbformat.IOutput[]>();
  private _cellVersions = new Map<number, number>();
  private _announced = new Set<string>();
  private _stale: IPatch[] = [];
  private _selectedPatch: string | null = null;
  private _savedCopy: string | null = null;
  private _llmModel: string | null = null;
  private _agent: LlmAgent | null = null;
  private _isActive = false;
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
  private _proposalAdded = new Signal<this, IProposal>(this);
  private _staleRefused = new Signal<this, IPatch>(this);
}

export namespace RunModel {
  /**
   * idle: never run; starting: restarting the kernel, probing; running (also
   * while paused or waiting for a review); stopping; done; stopped; failed.
   */
  export type Status = 'idle' | 'starting' | 'running' | 'stopping' | 'done' | 'stopped' | 'failed';

  export interface IFailure {
    kind: 'no-kernel' | 'not-python' | 'crashed';
    /** The kernel's language, or the error's message. */
    detail?: string;
  }

  export interface IOptions {
    panel: NotebookPanel;
    contents: Contents.IManager;
    serverSettings: ServerConnection.ISettings;
    /** The server's root directory on disk (page config `serverRoot`). */
    serverRoot?: string;
    /** The current settings (read when a run starts). */
    settings: () => IModernizerSettings;
  }
}

namespace Private {
  /** How long a (re)started kernel may take to answer before the run gives up. */
  export const KERNEL_START_MS = 120_000;

  /** Resolves when the kernel has answered its connection's first kernel_info request, or after KERNEL_START_MS. */
  export async function firstAnswer(kernel: { info: Promise<unknown> }): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([kernel.info.catch(() => undefined), new Promise(resolve => (timer = setTimeout(resolve, KERNEL_START_MS)))]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The language the kernel says it speaks. */
  export async function kernelLanguage(kernel: { info: Promise<{ language_info: { name: string } }> }): Promise<string | undefined> {
    try {
      return (await kernel.info).language_info.name.toLowerCase();
    } catch {
      return undefined;
    }
  }
}
