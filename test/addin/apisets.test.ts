/**
 * Requirement sets, checked against @types/office-js rather than remembered (issue 14 item 6):
 *  - every Office.js member the add-in's code uses above the manifest's ExcelApi minimum is
 *    reached only behind a supports() check of at least its set (test/support/apisets.ts says
 *    what counts as a guard);
 *  - the fake Excel's own table of sets (a scalar's `api:`, a member's `_requireApi(…)`) agrees
 *    with the typings, and every member it models above the minimum has an entry — else the
 *    fake would let code pass at 1.7 that real Excel 1.7 refuses.
 * A failure lists file:line, the member and its set.
 */
import path from "node:path";
import { compareVersions, ProxyBase } from "../support/fake-excel/core";
import * as charts from "../support/fake-excel/charts";
import * as objects from "../support/fake-excel/objects";
import {
  apiUses,
  describeUse,
  fakeHiddenMembers,
  fakeRequireApi,
  manifestSets,
  officeApiOf,
  officeTargetOf,
  readManifest,
  ROOT,
  sourceFilesOf,
  violations,
  webProgram,
} from "../support/apisets";

/** Where the add-in touches Office.js: the host, the ribbon command, the page's start-up (and the rest of src, which should not). */
const CODE = ["src"];
const FAKE_FILES = ["core.ts", "objects.ts", "charts.ts"].map((f) => path.join(ROOT, "test/support/fake-excel", f));

const sets = manifestSets(readManifest());
const minimum = sets.get("ExcelApi") as string;
const program = webProgram();
const uses = apiUses(program, sourceFilesOf(program, CODE));

test("the manifest declares an ExcelApi minimum", () => {
  expect(minimum).toMatch(/^1\.\d+$/);
});

test("the walk sees the host's guarded members (it would see an unguarded one too)", () => {
  // Known uses, so that a walk that found nothing could not pass the next test.
  const seen = (member: string, file: string): boolean => uses.some((u) => u.member === member && u.file === file);
  expect(seen("Worksheet.pageLayout", "src/excel/host.ts")).toBe(true);
  expect(seen("Worksheet.getRanges", "src/excel/free.ts")).toBe(true);
  expect(seen("DataValidation.rule", "src/excel/host.ts")).toBe(true);
  expect(seen("Application.suspendApiCalculationUntilNextSync", "src/excel/host.ts")).toBe(true);
  expect(uses.filter((u) => u.set === "ExcelApi" && compareVersions(u.version, minimum) > 0).length).toBeGreaterThan(10);
});

test("no member above the manifest's ExcelApi minimum is used outside a supports() guard of its version", () => {
  expect(violations(uses, sets).map(describeUse)).toEqual([]);
});

test("an unguarded use injected into a copy of free.ts is reported with its file, line and set", () => {
  const file = path.join(ROOT, "src/excel/free.ts");
  const original = program.getSourceFile(file)?.text ?? "";
  const anchor = "export function applyLookTo(format: Excel.RangeFormat, look: Look): void {";
  expect(original).toContain(anchor);
  // A guard of too low a version does not count either.
  const injected = original.replace(
    anchor,
    `export function injectedA(ws: Excel.Worksheet): void {\n  ws.pageLayout.paperSize = "A4";\n}\nexport function injectedB(ws: Excel.Worksheet, supports: Supports): void {\n  if (supports("1.8")) ws.autoFilter.remove();\n}\n${anchor}`,
  );
  const copy = webProgram(new Map([[file, injected]]), program);
  const found = violations(apiUses(copy, sourceFilesOf(copy, ["src/excel"])), sets)
    .filter((u) => u.file === "src/excel/free.ts")
    .map(describeUse);
  const line = injected.split("\n").findIndex((l) => l.includes("injectedA")) + 2;
  expect(found.sort()).toEqual([
    `src/excel/free.ts:${line} PageLayout.paperSize (set) needs ExcelApi 1.9, unguarded`,
    `src/excel/free.ts:${line} Worksheet.pageLayout needs ExcelApi 1.9, unguarded`,
    `src/excel/free.ts:${line + 3} AutoFilter.remove needs ExcelApi 1.9, guarded only by supports("1.8")`,
    `src/excel/free.ts:${line + 3} Worksheet.autoFilter needs ExcelApi 1.9, guarded only by supports("1.8")`,
  ]);
});

// ------------------------------------------------------------------------------ the fake's table

interface FakeMember {
  readonly className: string;
  readonly member: string;
  /** The fake's set for it: a scalar's `api`, or the `_requireApi` in its getter or method. */
  readonly api: string | null;
}

/** Every member the fake models, from its classes themselves (prototype chains up to the shared machinery). */
function fakeMembers(): FakeMember[] {
  const requireApi = fakeRequireApi(FAKE_FILES);
  const hidden = fakeHiddenMembers(FAKE_FILES);
  const out: FakeMember[] = [];
  const exported: unknown[] = [...Object.values(objects), ...Object.values(charts)];
  const classes = exported.filter((v): v is { prototype: ProxyBase<unknown> } => typeof v === "function" && v.prototype instanceof ProxyBase);
  for (const cls of classes) {
    const proto = cls.prototype;
    const probe = Object.create(proto) as ProxyBase<unknown>;
    const className = proto._className;
    const scalars = probe._scalars();
    const names = new Set(Object.keys(scalars));
    for (let p: object | null = proto; p && p !== ProxyBase.prototype; p = Object.getPrototypeOf(p) as object | null) {
      const own = hidden.get((p as { constructor: { name: string } }).constructor.name);
      for (const n of Object.getOwnPropertyNames(p)) if (n !== "constructor" && !n.startsWith("_") && !own?.has(n)) names.add(n);
    }
    for (const member of names) {
      out.push({ className, member, api: scalars[member]?.api ?? requireApi.get(`${className}.${member}`)?.version ?? null });
    }
  }
  return out;
}

const fake = fakeMembers();

test("the fake's table is found: its classes and its gated members", () => {
  expect(new Set(fake.map((m) => m.className)).size).toBeGreaterThan(15);
  expect(fake.filter((m) => m.api !== null).length).toBeGreaterThan(15);
});

test("every _requireApi of the fake names a member the fake models", () => {
  const modelled = new Set(fake.map((m) => `${m.className}.${m.member}`));
  const stray = [...fakeRequireApi(FAKE_FILES)].filter(([m]) => !modelled.has(m)).map(([m, r]) => `${r.at} ${m}`);
  expect(stray).toEqual([]);
});

test("every member the fake models is an Excel member of @types/office-js", () => {
  const unknown = fake.filter((m) => officeApiOf(program, m.className, m.member) === undefined).map((m) => `Excel.${m.className}.${m.member}`);
  expect(unknown).toEqual([]);
});

test("the fake's set for each member is the one @types/office-js gives", () => {
  const wrong: string[] = [];
  for (const m of fake) {
    const typed = officeApiOf(program, m.className, m.member);
    if (m.api !== null && typed && (typed.set !== "ExcelApi" || m.api !== typed.read)) {
      wrong.push(`${m.className}.${m.member}: the fake says ExcelApi ${m.api}, @types/office-js says ${typed.set} ${typed.read}`);
    }
  }
  expect(wrong.sort()).toEqual([]);
});

/**
 * The set below which the fake refuses each of its classes: a PageLayout is only reached through
 * Worksheet.pageLayout (1.9), so its members need no entry of their own — the way in is gated.
 * A class's gate is the lowest gate over the members that lead to it (fixpoint from Workbook).
 */
function classGates(): Map<string, string> {
  const gates = new Map<string, string>([["Workbook", "1.1"]]);
  const leads = fake.map((m) => ({ m, to: officeTargetOf(program, m.className, m.member) })).filter((x) => x.to !== null);
  for (let changed = true; changed; ) {
    changed = false;
    for (const { m, to } of leads) {
      const from = gates.get(m.className);
      if (from === undefined) continue;
      const gate = m.api !== null && compareVersions(m.api, from) > 0 ? m.api : from;
      const known = gates.get(to as string);
      if (known === undefined || compareVersions(gate, known) < 0) {
        gates.set(to as string, gate);
        changed = true;
      }
    }
  }
  return gates;
}

test("every member the fake models above the minimum is refused below its set (by its own entry or its way in)", () => {
  const gates = classGates();
  // The walk from Workbook reaches the fake's classes (a walk that reached none would pass).
  expect(gates.size).toBeGreaterThan(15);
  const missing: string[] = [];
  for (const m of fake) {
    const typed = officeApiOf(program, m.className, m.member);
    if (!typed || typed.set !== "ExcelApi" || compareVersions(typed.read, minimum) <= 0) continue;
    const classGate = gates.get(m.className) ?? "1.1";
    const gate = m.api !== null && compareVersions(m.api, classGate) > 0 ? m.api : classGate;
    if (compareVersions(gate, typed.read) < 0) missing.push(`${m.className}.${m.member}: @types/office-js says ExcelApi ${typed.read}, the fake allows it from ${gate}`);
  }
  expect(missing.sort()).toEqual([]);
});
