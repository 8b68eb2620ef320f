/**
 * The batching machinery of the fake: proxy objects that queue operations, the request
 * context whose `sync()` sends them, and the engine that applies a request to the workbook.
 *
 * How it mirrors Office.js (from the runtime in node_modules/@microsoft/office-js,
 * excel-web-16.00.debug.js, `ClientRequestContext._runCommon` and friends):
 *  - Property writes, method calls and `load`s are queued; nothing reaches the workbook
 *    before `context.sync()` (or the final sync of `run`, see index.ts).
 *  - A proxy returned by a method (`getItem`, `add`, `getRange`, …) is resolved lazily, when
 *    the first queued operation that uses it is applied — as Office.js instantiates an object
 *    path only when an action references it. So `worksheets.add("X")` whose result is never
 *    used creates nothing, and `getItem("missing")` alone raises nothing. Once resolved in a
 *    sync, the proxy stays bound to that sheet / those cells (like Office.js re-pointing the
 *    path at the object's id), so a renamed sheet is still found through it.
 *    A simplification: the runtime's ClientObject constructor queues an instantiate action
 *    for every object as it is created, so there an unused `add()` does add. The objects the
 *    host creates for their effect alone (a chart, a page break) call `_instantiate()` and
 *    are created in queue order, as in Excel.
 *  - The request is applied in order and stops at the first error; what came before the
 *    error stays applied (Excel does not roll a request back), loads deliver nothing, and the
 *    sync rejects with that error.
 *  - Faults can be injected (FakeFault): the n-th request fails at its k-th operation with a
 *    given code (what came before stays applied, as above), or never answers (a hung
 *    request: nothing applied, the sync never settles); requests over a size can fail as a
 *    whole with GeneralException, as Excel on the web answers some big payloads with HTTP 500.
 *  - Request and response are measured as UTF-8 JSON of an Office.js-like message
 *    ({Actions, ObjectPaths} / {Results}). Over the limit → the sync rejects with
 *    RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded and nothing of that
 *    request is applied.
 */
import {
  apiNotFound,
  FakeOfficeError,
  invalidObjectPath,
  notModelled,
  nullObjectRead,
  propertyNotLoaded,
  requestTooLarge,
  responseTooLarge,
} from "./errors";
import type { FakeWorkbook, WorkbookState } from "./workbook";

export interface FakeRequestRecord {
  /** UTF-8 bytes of the request JSON (writes with their payloads, method calls, loads, object paths). */
  bytes: number;
  /** Queued API operations (property writes, method calls, loads) in the request. */
  ops: number;
  /** UTF-8 bytes of the response JSON (the loaded data); 0 when the request was refused before running. */
  responseBytes: number;
  /** true for the implicit sync `run` makes when the batch resolves with operations still queued. */
  final: boolean;
}

/** A failure the fake plays back, for testing what the host does when Excel fails. */
export interface FakeFault {
  /** 1-based number of the request, counted as `stats.syncs` counts them (so `stats.syncs + 1` is the next one). */
  readonly request: number;
  /** 0-based operation of that request (as counted in FakeRequestRecord.ops) at which it fails; default 0. */
  readonly op?: number;
  /** The error's code; default "GeneralException". */
  readonly code?: string;
  /** The request never answers: nothing is applied and the sync never settles. */
  readonly hang?: boolean;
}

/** What Excel on the web says with each code the fake plays back (the runtime's own wording where it has one). */
const FAULT_MESSAGES: Readonly<Record<string, string>> = {
  GeneralException: "An internal error has occurred.",
  InvalidOperationInCellEditMode: "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
  InvalidOperation: "The operation is not permitted on this object.",
  ItemNotFound: "The requested resource doesn't exist.",
  Timeout: "The operation has timed out.",
};

export function faultError(code: string, where: string): FakeOfficeError {
  return new FakeOfficeError(code, `${FAULT_MESSAGES[code] ?? "Injected failure."} (fake: injected at ${where})`);
}

/** Thrown by Engine.execute for a hung request; the context turns it into a sync that never settles. */
export class HungRequest extends Error {
  constructor() {
    super("fake: a hung request (it never answers)");
  }
}

export class FakeExcelStats {
  /** Requests sent: every `context.sync()`, plus `run`'s final sync when it had something to send. */
  syncs = 0;
  /** How many of `syncs` were `run`'s implicit final sync. */
  finalSyncs = 0;
  requests: FakeRequestRecord[] = [];
  maxRequestBytes = 0;
  maxResponseBytes = 0;
  /** Writes and method calls that hit a null object (Office.js ignores them; the fake counts them). */
  ignoredNullObjectCalls = 0;

  reset(): void {
    this.syncs = 0;
    this.finalSyncs = 0;
    this.requests = [];
    this.maxRequestBytes = 0;
    this.maxResponseBytes = 0;
    this.ignoredNullObjectCalls = 0;
  }
}

/** "1.12" vs "1.9" → positive. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface ApplySession {
  /** A copy of the workbook state; it replaces the live state when the request commits. */
  readonly doc: WorkbookState;
  /** Proxies resolved during this request (null = null object). */
  readonly memo: Map<AnyProxy, unknown>;
  readonly engine: Engine;
  ignoredNullCalls: number;
}

export interface LoadOutcome {
  readonly json: unknown;
  readonly deliver: () => void;
}

export interface Op {
  /** "instantiate": the object is created now (its path's instantiate action), nothing else is sent. */
  readonly kind: "set" | "method" | "load" | "instantiate";
  readonly target: AnyProxy;
  readonly name: string;
  readonly args: readonly unknown[];
  readonly apply: (s: ApplySession) => LoadOutcome | undefined;
}

export class Engine {
  /** Faults still to be played back; each is used once. */
  readonly faults: FakeFault[] = [];
  /** Requests above this many bytes fail as a whole with GeneralException (Excel on the web's HTTP 500). */
  failRequestsOverBytes = Infinity;

  constructor(
    readonly workbook: FakeWorkbook,
    readonly maxApiVersion: string,
    readonly payloadLimitBytes: number,
    readonly stats: FakeExcelStats,
  ) {}

  supports(version: string): boolean {
    return compareVersions(version, this.maxApiVersion) <= 0;
  }

  /** Send one request: measure, apply in order, measure the response, commit, deliver loads. */
  execute(ops: readonly Op[], final: boolean): void {
    const record: FakeRequestRecord = { bytes: jsonBytes(buildRequest(ops)), ops: ops.length, responseBytes: 0, final };
    this.stats.syncs++;
    if (final) this.stats.finalSyncs++;
    this.stats.requests.push(record);
    this.stats.maxRequestBytes = Math.max(this.stats.maxRequestBytes, record.bytes);
    if (record.bytes > this.payloadLimitBytes) throw requestTooLarge(record.bytes, this.payloadLimitBytes);
    if (record.bytes > this.failRequestsOverBytes) throw faultError("GeneralException", `a request of ${record.bytes} bytes > ${this.failRequestsOverBytes}`);
    const at = this.faults.findIndex((f) => f.request === this.stats.syncs);
    const fault = at >= 0 ? this.faults.splice(at, 1)[0] : undefined;
    if (fault?.hang) throw new HungRequest();
    const failAt = fault ? (fault.op ?? 0) : -1;

    const session: ApplySession = { doc: structuredClone(this.workbook._state), memo: new Map(), engine: this, ignoredNullCalls: 0 };
    const outcomes: LoadOutcome[] = [];
    try {
      for (const [i, op] of ops.entries()) {
        if (i === failAt) throw faultError(fault?.code ?? "GeneralException", `request ${this.stats.syncs}, operation ${i}: ${op.kind} ${op.target._className}.${op.name}`);
        const outcome = op.apply(session);
        if (outcome) outcomes.push(outcome);
      }
    } catch (e) {
      // A read too large to answer is refused as a whole; any other error keeps what ran before it.
      if (!(e instanceof FakeOfficeError && e.code === "ResponsePayloadSizeLimitExceeded")) this.commit(session);
      throw e;
    }
    record.responseBytes = jsonBytes({ Results: outcomes.map((o, i) => ({ ActionId: i + 1, Value: o.json })) });
    this.stats.maxResponseBytes = Math.max(this.stats.maxResponseBytes, record.responseBytes);
    if (record.responseBytes > this.payloadLimitBytes) throw responseTooLarge(record.responseBytes, this.payloadLimitBytes);
    this.commit(session);
    for (const o of outcomes) o.deliver();
  }

  private commit(s: ApplySession): void {
    this.workbook._state = s.doc;
    for (const [proxy, target] of s.memo) proxy._bind(target);
    this.stats.ignoredNullObjectCalls += s.ignoredNullCalls;
  }
}

export function jsonBytes(value: unknown): number {
  // TextEncoder, not Buffer: the fake also runs in the browser tests.
  return new TextEncoder().encode(JSON.stringify(value, proxyReplacer)).length;
}

function proxyReplacer(_key: string, value: unknown): unknown {
  return value instanceof ProxyBase ? { ObjectPathId: value._pathId } : value;
}

/** Proxies passed as arguments (a Range given to autoFilter.apply, a list source, …). */
function proxiesIn(value: unknown, out: AnyProxy[]): void {
  if (value instanceof ProxyBase) {
    out.push(value);
    return;
  }
  const children = Array.isArray(value) ? (value as unknown[]) : value !== null && typeof value === "object" ? Object.values(value) : [];
  for (const v of children) if (v !== null && typeof v === "object") proxiesIn(v, out);
}

/** An Office.js-shaped request body: instantiate actions for every object path used, then the operations. */
function buildRequest(ops: readonly Op[]): unknown {
  const paths: Record<string, unknown> = {};
  const actions: unknown[] = [];
  const ensure = (p: AnyProxy): void => {
    if (paths[p._pathId] !== undefined) return;
    if (p._parent) ensure(p._parent);
    const refs: AnyProxy[] = [];
    proxiesIn(p._pathArgs, refs);
    refs.forEach(ensure);
    paths[p._pathId] = p._pathJson();
    actions.push({ Id: actions.length + 1, ActionType: 1, Name: "", ObjectPathId: p._pathId });
  };
  for (const op of ops) {
    ensure(op.target);
    const refs: AnyProxy[] = [];
    proxiesIn(op.args, refs);
    refs.forEach(ensure);
    if (op.kind === "instantiate") continue;
    const id = actions.length + 1;
    if (op.kind === "load") actions.push({ Id: id, ActionType: 2, Name: "", ObjectPathId: op.target._pathId, QueryInfo: op.args[0] });
    else actions.push({ Id: id, ActionType: op.kind === "set" ? 4 : 3, Name: op.name, ObjectPathId: op.target._pathId, ArgumentInfo: { Arguments: op.args } });
  }
  return { Actions: actions, ObjectPaths: paths };
}

// ---------------------------------------------------------------------------------- context

/** Run a request; a hung one becomes a promise that never settles. */
function settle(send: () => void): Promise<void> {
  try {
    send();
  } catch (e) {
    if (e instanceof HungRequest) return new Promise<void>(() => undefined);
    throw e;
  }
  return Promise.resolve();
}

export abstract class FakeContextBase {
  /** @internal */ readonly _engine: Engine;
  /** @internal */ _pending: Op[] = [];
  /** @internal */ _closed = false;
  private nextPathId = 1;
  /** Objects stay usable for the whole `run` in the fake; tracking is accepted and does nothing. */
  readonly trackedObjects = { add: (_objects: unknown): void => undefined, remove: (_objects: unknown): void => undefined };

  constructor(engine: Engine) {
    this._engine = engine;
  }

  /** @internal */ _newPathId(): number {
    return this.nextPathId++;
  }

  /** Send the queued operations; loaded properties become readable when it resolves. */
  async sync<T>(passThroughValue?: T): Promise<T> {
    const ops = this._pending;
    this._pending = [];
    await Promise.resolve();
    // After `run` has ended nothing can be queued; a stray sync sends nothing.
    if (!this._closed) await settle(() => this._engine.execute(ops, false));
    return passThroughValue as T;
  }

  /** `context.load(object, properties)` — the same as `object.load(properties)`. */
  load<P extends AnyProxy>(object: P, spec?: LoadSpec): P {
    object.load(spec);
    return object;
  }

  /** @internal `run`'s final sync: only when something is still queued (Office.js sends no empty request). */
  async _finalSync(): Promise<void> {
    const ops = this._pending;
    this._pending = [];
    await Promise.resolve();
    if (ops.length > 0) await settle(() => this._engine.execute(ops, true));
  }

  /** @internal */ _close(): void {
    this._closed = true;
    this._pending = [];
  }
}

// ------------------------------------------------------------------------------------ proxies

export type LoadSpec = string | string[] | Record<string, unknown>;

export interface LoadTree {
  all: boolean;
  scalars: Set<string>;
  nav: Map<string, LoadTree>;
}

export const emptyTree = (): LoadTree => ({ all: false, scalars: new Set(), nav: new Map() });

export interface ScalarDef<T> {
  /** ExcelApi version the property needs, when above 1.1. */
  readonly api?: string;
  // Method syntax on purpose: keeps ProxyBase<RangeTarget> assignable to ProxyBase<unknown>.
  read(target: T, s: ApplySession): unknown;
  write?(target: T, value: unknown, s: ApplySession): void;
}

export type AnyProxy = ProxyBase<unknown>;

/** Names a host or jest may probe on any object without meaning an Office.js member. */
const PROBES = new Set(["then", "toJSON", "asymmetricMatch", "nodeType", "tagName", "inspect", "_isMockFunction", "constructor", "length"]);

function findDescriptor(target: object, prop: string): PropertyDescriptor | undefined {
  for (let o: object | null = target; o; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, prop);
    if (d) return d;
  }
  return undefined;
}

/**
 * Wrap a new proxy so that touching a member the fake does not have fails loudly instead of
 * reading `undefined` or silently adding an expando property.
 */
export function guard<P extends AnyProxy>(object: P): P {
  return new Proxy(object, {
    get(target, prop, receiver) {
      if (typeof prop === "string" && !(prop in target) && !PROBES.has(prop) && !prop.startsWith("@@") && !prop.startsWith("$$")) {
        throw notModelled(`${target._className}.${prop}`);
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
    set(target, prop, value, receiver) {
      if (typeof prop === "string") {
        const d = findDescriptor(target, prop);
        if (!d) throw notModelled(`setting ${target._className}.${prop}`);
        if (d.get && !d.set) throw new TypeError(`Cannot set property ${prop} of ${target._className}, which is read-only`);
      }
      return Reflect.set(target, prop, value, receiver);
    },
  });
}

/**
 * Base of every fake Office.js object. `T` is what the object resolves to inside a request
 * (a sheet id, a range rectangle, …); null means a null object.
 */
export abstract class ProxyBase<T> {
  /** @internal */ readonly _ctx: FakeContextBase;
  /** @internal */ readonly _parent: AnyProxy | null;
  /** @internal */ readonly _pathId: number;
  /** @internal */ readonly _pathName: string;
  /** @internal */ readonly _pathArgs: readonly unknown[];
  /** @internal */ _bound: { readonly target: T | null } | undefined = undefined;
  /** @internal */ _loaded = new Map<string, unknown>();
  /** @internal */ _null: boolean | undefined = undefined;
  private readonly _children = new Map<string, AnyProxy>();

  constructor(ctx: FakeContextBase, parent: AnyProxy | null, pathName: string, pathArgs: readonly unknown[]) {
    this._ctx = ctx;
    this._parent = parent;
    this._pathId = ctx._newPathId();
    this._pathName = pathName;
    this._pathArgs = pathArgs;
  }

  abstract get _className(): string;
  /** @internal Scalar properties: how to read and write them. */
  abstract _scalars(): Readonly<Record<string, ScalarDef<T>>>;
  /** @internal Where this object is, or null for a null object; throws e.g. ItemNotFound. */
  protected abstract _locate(s: ApplySession): T | null;
  /** @internal Navigation properties a load may go through. */
  _navigations(): readonly string[] {
    return [];
  }
  /** @internal Check a target bound in an earlier sync is still there. */
  protected _recheck(_s: ApplySession, target: T): T {
    return target;
  }

  /** The request context the object belongs to. */
  get context(): FakeContextBase {
    return this._ctx;
  }

  /** Readable after a sync that loaded anything on this object (or loaded "isNullObject"). */
  get isNullObject(): boolean {
    if (this._null === undefined) throw propertyNotLoaded(this._className, "isNullObject");
    return this._null;
  }

  /** @internal */ _resolve(s: ApplySession): T | null {
    if (this._bound) return this._bound.target === null ? null : this._recheck(s, this._bound.target);
    if (s.memo.has(this)) return s.memo.get(this) as T | null;
    const target = this._locate(s);
    s.memo.set(this, target);
    return target;
  }

  /** @internal */ _bind(target: unknown): void {
    this._bound ??= { target: target as T | null };
  }

  /** @internal */ _pathJson(): unknown {
    const info: Record<string, unknown> = { Id: this._pathId, ObjectPathType: this._parent ? 3 : 1, Name: this._pathName };
    if (this._parent) info["ParentObjectPathId"] = this._parent._pathId;
    info["ArgumentInfo"] = { Arguments: this._pathArgs };
    return info;
  }

  /** @internal */ _expression(): string {
    const args = this._pathArgs.map((a) => (a instanceof ProxyBase ? a._expression() : JSON.stringify(a))).join(", ");
    return this._parent ? `${this._parent._expression()}.${this._pathName}(${args})` : this._pathName;
  }

  /** @internal Throw now, as Office.js does for a member of a requirement set the host lacks. */
  protected _requireApi(version: string, member: string): void {
    if (!this._ctx._engine.supports(version)) throw apiNotFound(member, version);
  }

  /** @internal A navigation child, created once (Office.js caches them too). */
  protected _child<P extends AnyProxy>(name: string, make: () => P): P {
    let c = this._children.get(name);
    if (!c) {
      c = guard(make());
      this._children.set(name, c);
    }
    return c as P;
  }

  /** @internal */ _navChild(name: string): AnyProxy {
    const value = (this as unknown as Record<string, unknown>)[name];
    if (!(value instanceof ProxyBase)) throw notModelled(`${this._className}.${name} as a navigation property`);
    return value;
  }

  /** @internal */ protected _get(prop: string): unknown {
    if (this._null === true) throw nullObjectRead(this._className, prop);
    if (!this._loaded.has(prop)) throw propertyNotLoaded(this._className, prop);
    const api = this._scalars()[prop]?.api;
    if (api) this._requireApi(api, `${this._className}.${prop}`);
    return this._loaded.get(prop);
  }

  /** @internal */ protected _enqueue(kind: Op["kind"], name: string, args: readonly unknown[], apply: Op["apply"]): void {
    if (this._ctx._closed) throw invalidObjectPath(this._expression());
    this._ctx._pending.push({ kind, target: this, name, args, apply });
  }

  /**
   * @internal Create the object in queue order even if nothing uses it, as Office.js does for
   * what a method such as `add` returns (the runtime's ClientObject constructor queues an
   * instantiate action at once).
   */
  _instantiate(): void {
    this._enqueue("instantiate", "", [], (s) => {
      if (this._resolve(s) === null) s.ignoredNullCalls++;
      return undefined;
    });
  }

  /** @internal Queue a property write. Until loaded again, reading the property throws. */
  protected _set(prop: string, value: unknown): void {
    const def = this._scalars()[prop];
    if (!def?.write) throw notModelled(`setting ${this._className}.${prop}`);
    this._loaded.delete(prop);
    this._enqueue("set", prop.charAt(0).toUpperCase() + prop.slice(1), [value], (s) => {
      if (def.api && !s.engine.supports(def.api)) throw apiNotFound(`${this._className}.${prop}`, def.api);
      const target = this._resolve(s);
      if (target === null) s.ignoredNullCalls++;
      else def.write?.(target, value, s);
      return undefined;
    });
  }

  /** @internal Queue a method call that returns nothing. */
  protected _call(name: string, args: readonly unknown[], run: (target: T, s: ApplySession) => void): void {
    this._enqueue("method", name, args, (s) => {
      const target = this._resolve(s);
      if (target === null) s.ignoredNullCalls++;
      else run(target, s);
      return undefined;
    });
  }

  /**
   * Queue a load: "a,b", ["a", "b/c"], { select, expand } or { a: true, nav: { b: true } };
   * no argument loads every scalar property. Unknown names throw at once.
   */
  load(spec?: LoadSpec): this {
    const tree = emptyTree();
    for (const path of loadPaths(spec)) this._addPath(tree, path);
    const query = { Select: [...tree.scalars], Expand: [...tree.nav.keys()] };
    this._enqueue("load", "", [query], (s) => this._loadApply(s, tree));
    return this;
  }

  /** @internal */ _addPath(tree: LoadTree, segments: readonly string[]): void {
    const [head, ...rest] = segments;
    if (head === undefined || head === "") {
      tree.all = true;
      return;
    }
    if (head === "isNullObject" && rest.length === 0) return;
    if (head in this._scalars()) {
      if (rest.length > 0) throw notModelled(`loading ${this._className}.${segments.join("/")}`);
      tree.scalars.add(head);
      return;
    }
    if (this._navigations().includes(head)) {
      const sub = tree.nav.get(head) ?? emptyTree();
      tree.nav.set(head, sub);
      this._navChild(head)._addPath(sub, rest);
      return;
    }
    throw notModelled(`loading ${this._className}.${head}`);
  }

  /** @internal */ _loadApply(s: ApplySession, tree: LoadTree): LoadOutcome {
    const target = this._resolve(s);
    const kids = [...tree.nav].map(([name, sub]) => [name, this._navChild(name)._loadApply(s, sub)] as const);
    if (target === null) {
      return {
        json: null,
        deliver: () => {
          this._null = true;
          this._loaded.clear();
          for (const [, k] of kids) k.deliver();
        },
      };
    }
    const defs = this._scalars();
    const names = tree.all ? Object.keys(defs).filter((n) => !defs[n]?.api || s.engine.supports(defs[n].api)) : [...tree.scalars];
    const values = names.map((name) => {
      const def = defs[name] as ScalarDef<T>;
      if (def.api && !s.engine.supports(def.api)) throw apiNotFound(`${this._className}.${name}`, def.api);
      return [name, def.read(target, s)] as const;
    });
    return {
      json: Object.fromEntries([...values, ...kids.map(([n, k]) => [n, k.json] as const)]),
      deliver: () => {
        this._null = false;
        for (const [n, v] of values) this._loaded.set(n, v);
        for (const [, k] of kids) k.deliver();
      },
    };
  }

  /** Accepted for compatibility; the fake keeps every object usable until `run` ends. */
  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }
}

/** Every load form as a list of "/"-split paths; [] (one empty path) means "all scalars". */
export function loadPaths(spec: LoadSpec | undefined): string[][] {
  if (spec === undefined) return [[]];
  if (typeof spec === "string") return spec.split(",").map((p) => p.trim().split("/"));
  if (Array.isArray(spec)) return spec.flatMap((p) => loadPaths(p));
  const keys = Object.keys(spec);
  if (keys.some((k) => k === "select" || k === "expand" || k === "top" || k === "skip")) {
    if ("top" in spec || "skip" in spec) throw notModelled("load({ top, skip })");
    const select = typeof spec["select"] === "string" ? loadPaths(spec["select"]) : [];
    const expand = typeof spec["expand"] === "string" ? loadPaths(spec["expand"]) : [];
    return [...select, ...expand];
  }
  const out: string[][] = [];
  const walk = (node: Record<string, unknown>, prefix: string[]): void => {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$all") {
        if (v === true) out.push(prefix.length > 0 ? [...prefix] : []);
      } else if (v === true) out.push([...prefix, k]);
      else if (v !== null && typeof v === "object") walk(v as Record<string, unknown>, [...prefix, k]);
      else if (v !== false && v !== undefined) throw notModelled(`load option ${k}: ${JSON.stringify(v)}`);
    }
  };
  walk(spec, []);
  return out;
}
