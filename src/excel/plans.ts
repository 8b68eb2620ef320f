/**
 * Writes as plans: each plan is a closure that queues Office.js commands, with an estimate of
 * the bytes it adds to a request. Plans are packed in order into requests of at most the
 * budget, so a write takes one sync unless it is too big for one.
 */

/** The request size a single sync may carry before we split (Excel on the web allows 5 MB). */
export const REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;

export interface WritePlan {
  /** What the plan adds to a request, as JSON bytes: an estimate, on the high side. */
  readonly bytes: number;
  readonly apply: (context: Excel.RequestContext) => void;
}

/**
 * What one command costs in a request, beyond its arguments: Office.js sends every object it
 * uses as an object path ({Id, ObjectPathType, Name, ParentObjectPathId, ArgumentInfo}) with an
 * action that instantiates it, and every property write or method call as an action ({Id,
 * ActionType, Name, ObjectPathId, ArgumentInfo}). Measured on the strict fake, which builds
 * the same message: a path with its instantiation is 140–170 bytes and an action 80–100 (ids
 * grow to five digits in a big request); the message itself and the workbook → worksheets →
 * sheet paths every plan starts from are about 500.
 */
export const PATH_BYTES = 180;
export const ACTION_BYTES = 110;
export const PLAN_BYTES = 600;

/** Excel's column width unit is one "0" of the default font; Office.js sets points (~7 px per char at 11pt). */
export function pointsFromChars(chars: number): number {
  return Math.round(chars * 7.5 + 5);
}

/** Pack write plans into syncs of at most the budget, keeping their order. */
export function packPlans(plans: readonly WritePlan[], budget = REQUEST_BUDGET_BYTES): WritePlan[][] {
  const batches: WritePlan[][] = [];
  let current: WritePlan[] = [];
  let used = 0;
  for (const p of plans) {
    if (used + p.bytes > budget && current.length > 0) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(p);
    used += p.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Group many small commands into plans of at most `chunkBytes` each, so that packing can put
 * a sync boundary between them when a sheet has thousands (merges of 1,000 forms).
 */
export function chunkedPlans<T>(items: readonly T[], cost: (item: T) => number, apply: (context: Excel.RequestContext, items: readonly T[]) => void, chunkBytes = 512 * 1024): WritePlan[] {
  const plans: WritePlan[] = [];
  let start = 0;
  let bytes = 0;
  const flush = (end: number): void => {
    if (end <= start) return;
    const part = items.slice(start, end);
    plans.push({ bytes: bytes + PLAN_BYTES, apply: (context) => apply(context, part) });
    start = end;
    bytes = 0;
  };
  items.forEach((item, i) => {
    const c = cost(item);
    if (bytes + c > chunkBytes) flush(i);
    bytes += c;
  });
  flush(items.length);
  return plans;
}
