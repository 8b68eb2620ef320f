/**
 * Which Office.js requirement set each Office/Excel member the add-in uses belongs to, read
 * from the `[Api set: ExcelApi 1.9]` line of its JSDoc in @types/office-js, and whether the
 * code only reaches it behind a `supports("1.9")` check. The TypeScript checker resolves every
 * property access, call and object-literal property to its declaration, so `ws.pageLayout` is
 * `Excel.Worksheet.pageLayout` whatever the variable is called.
 *
 * A guard is any condition that proves `supports(v)` (or `isSetSupported("ExcelApi", v)`) true
 * where the member is used, as the host writes them:
 *   if (env.supports("1.9")) { … }            if (!env.supports("1.9")) return;  …
 *   supports("1.8") ? a : b                    const printing = supports("1.9"); … if (printing) …
 *   filter && printing                         (a closure made inside a guarded region counts)
 * and the guard's version must be at least the member's.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { compareVersions } from "./fake-excel/core";

export const ROOT = path.resolve(__dirname, "../..");

/** `<Set Name="ExcelApi" MinVersion="1.7"/>` of the manifest: set → minimum version. */
export function manifestSets(xml: string): Map<string, string> {
  const sets = new Map<string, string>();
  for (const m of xml.matchAll(/<Set\s+Name="([^"]+)"\s+MinVersion="([^"]+)"\s*\/>/g)) sets.set(m[1] as string, m[2] as string);
  return sets;
}

/** One requirement set of a member: for writes, a member may need a later one than for reads. */
export interface ApiSet {
  readonly set: string;
  readonly read: string;
  readonly write: string;
}

/**
 * The `[Api set: …]` of a declaration's JSDoc, as written in @types/office-js:
 *   "ExcelApi 1.9"   "ExcelApi 1.1 for get, 1.8 for set"   "ExcelApi 1.1 for getting the name; 1.4 for setting it."
 *   "ExcelApi 1.9, ExcelApi Preview for null `destinationRange`" (the preview part is an addition, not the member's set).
 */
export function apiSetOf(decl: ts.Node): ApiSet | null {
  const sf = decl.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(sf.text, decl.getFullStart()) ?? [];
  const last = ranges[ranges.length - 1];
  if (!last) return null;
  const m = /\[Api set: ([A-Za-z]+) (\d+\.\d+)([^\]]*)\]/.exec(sf.text.slice(last.pos, last.end));
  if (!m) return null;
  const read = m[2] as string;
  const setter = /(\d+\.\d+) for set/.exec(m[3] ?? "");
  return { set: m[1] as string, read, write: setter ? (setter[1] as string) : read };
}

const inOfficeTypes = (decl: ts.Node): boolean => decl.getSourceFile().fileName.replace(/\\/g, "/").includes("/@types/office-js/");

function ownerName(decl: ts.Node): string {
  let p: ts.Node | undefined = decl.parent;
  while (p && !(ts.isClassDeclaration(p) || ts.isInterfaceDeclaration(p) || ts.isModuleDeclaration(p))) p = p.parent;
  const name = p && (p).name;
  return name ? name.getText() : "?";
}

const maxVersion = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : compareVersions(a, b) >= 0 ? a : b);
const minVersion = (a: string | null, b: string | null): string | null => (a === null || b === null ? null : compareVersions(a, b) <= 0 ? a : b);

/** The string a version argument holds: a literal, or a constant of literal type. */
function constString(e: ts.Expression, checker: ts.TypeChecker): string | null {
  if (ts.isStringLiteralLike(e)) return e.text;
  const t = checker.getTypeAtLocation(e);
  return t.isStringLiteral() ? t.value : null;
}

function calleeName(e: ts.Expression): string | null {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return null;
}

/**
 * The highest ExcelApi version proven supported when `e` evaluates to `truth`, or null.
 * `depth` bounds the walk through constants (`const printing = supports("1.9")`).
 */
function implied(e: ts.Expression, truth: boolean, checker: ts.TypeChecker, depth = 0): string | null {
  if (depth > 8) return null;
  if (ts.isParenthesizedExpression(e)) return implied(e.expression, truth, checker, depth + 1);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return implied(e.operand, !truth, checker, depth + 1);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const l = (t: boolean): string | null => implied(e.left, t, checker, depth + 1);
    const r = (t: boolean): string | null => implied(e.right, t, checker, depth + 1);
    // a && b true: both are; false: one of them is false. a || b the other way round.
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return truth ? maxVersion(l(true), r(true)) : minVersion(l(false), r(false));
    if (op === ts.SyntaxKind.BarBarToken) return truth ? minVersion(l(true), r(true)) : maxVersion(l(false), r(false));
    return null;
  }
  if (ts.isCallExpression(e)) {
    if (!truth) return null;
    const name = calleeName(e.expression);
    const args = e.arguments;
    if (name === "supports" && args.length === 1) return constString(args[0] as ts.Expression, checker);
    if (name === "isSetSupported" && args.length === 2 && constString(args[0] as ts.Expression, checker)?.toLowerCase() === "excelapi") return constString(args[1] as ts.Expression, checker);
    return null;
  }
  if (ts.isIdentifier(e)) {
    const decl = checker.getSymbolAtLocation(e)?.valueDeclaration;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) return implied(decl.initializer, truth, checker, depth + 1);
  }
  return null;
}

/** A statement after which control cannot go on: return, throw, break, continue (or a block ending so). */
function exits(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isBreakStatement(s) || ts.isContinueStatement(s)) return true;
  if (ts.isBlock(s)) {
    const last = s.statements[s.statements.length - 1];
    return last !== undefined && exits(last);
  }
  return false;
}

/** The highest ExcelApi version that guards `node`, or null when nothing does. */
export function guardAt(node: ts.Node, checker: ts.TypeChecker): string | null {
  let best: string | null = null;
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    let v: string | null = null;
    if (ts.isIfStatement(p)) {
      if (child === p.thenStatement) v = implied(p.expression, true, checker);
      else if (child === p.elseStatement) v = implied(p.expression, false, checker);
    } else if (ts.isConditionalExpression(p)) {
      if (child === p.whenTrue) v = implied(p.condition, true, checker);
      else if (child === p.whenFalse) v = implied(p.condition, false, checker);
    } else if (ts.isBinaryExpression(p) && child === p.right) {
      if (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) v = implied(p.left, true, checker);
      else if (p.operatorToken.kind === ts.SyntaxKind.BarBarToken) v = implied(p.left, false, checker);
    } else if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isCaseClause(p) || ts.isDefaultClause(p) || ts.isModuleBlock(p)) {
      // `if (!supports("1.9")) return;` guards the statements after it.
      for (const s of p.statements) {
        if (s === child) break;
        if (ts.isIfStatement(s) && !s.elseStatement && exits(s.thenStatement)) v = maxVersion(v, implied(s.expression, false, checker));
      }
    }
    best = maxVersion(best, v);
  }
  return best;
}

/** One use of an Office.js member that carries a requirement set. */
export interface ApiUse {
  /** Relative to the repository, with forward slashes. */
  readonly file: string;
  readonly line: number;
  /** "Worksheet.pageLayout" */
  readonly member: string;
  readonly set: string;
  /** The version this use needs (a write may need a later one than a read). */
  readonly version: string;
  readonly write: boolean;
  /** The highest ExcelApi version proven supported here, or null. */
  readonly guard: string | null;
}

function isWriteTarget(node: ts.Node): boolean {
  const p = node.parent;
  return ts.isBinaryExpression(p) && p.left === node && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

/** The declarations an object literal's property is contextually typed by. */
function contextualDecls(literal: ts.ObjectLiteralExpression, prop: ts.ObjectLiteralElementLike, checker: ts.TypeChecker): readonly ts.Declaration[] {
  if (!prop.name || !(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) return [];
  const type = checker.getContextualType(literal);
  if (!type) return [];
  const name = prop.name.text;
  const types = type.isUnion() ? type.types : [type];
  return types.flatMap((t) => checker.getPropertyOfType(t, name)?.declarations ?? []);
}

/** Every use, in the given source files, of a member of @types/office-js annotated with an API set. */
export function apiUses(program: ts.Program, files: readonly ts.SourceFile[]): ApiUse[] {
  const checker = program.getTypeChecker();
  const uses: ApiUse[] = [];
  for (const sf of files) {
    const rel = path.relative(ROOT, sf.fileName).replace(/\\/g, "/");
    const record = (at: ts.Node, decl: ts.Node, write: boolean): void => {
      if (!inOfficeTypes(decl)) return;
      const api = apiSetOf(decl);
      // Only Excel's sets bind an Excel add-in: the common API's notes name other hosts' sets
      // (AddinCommands.Event.completed says "Mailbox 1.3", the support information for Outlook).
      if (!api || !api.set.startsWith("Excel")) return;
      const name = (decl as ts.NamedDeclaration).name?.getText() ?? "?";
      uses.push({
        file: rel,
        line: sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + 1,
        member: `${ownerName(decl)}.${name}`,
        set: api.set,
        version: write ? api.write : api.read,
        write,
        guard: guardAt(at, checker),
      });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const call = node.parent;
        const signature = ts.isCallExpression(call) && call.expression === node ? checker.getResolvedSignature(call)?.declaration : undefined;
        const decl = signature ?? checker.getSymbolAtLocation(node.name)?.declarations?.[0];
        if (decl) record(node.name, decl, isWriteTarget(node));
      } else if (ts.isObjectLiteralExpression(node)) {
        for (const prop of node.properties) {
          const decl = contextualDecls(node, prop, checker)[0];
          if (decl) record(prop, decl, true);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}

/** The program the page is built from (tsconfig.web.json: every src file but the CLI's). */
export function webProgram(overrides: ReadonlyMap<string, string> = new Map(), old?: ts.Program): ts.Program {
  const configPath = path.join(ROOT, "tsconfig.web.json");
  const config = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, configPath);
  const host = ts.createCompilerHost(parsed.options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => overrides.get(path.resolve(f)) ?? read(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, language, onError, fresh) => {
    const text = overrides.get(path.resolve(f));
    return text !== undefined ? ts.createSourceFile(f, text, language, true) : getSourceFile(f, language, onError, fresh);
  };
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host, ...(old ? { oldProgram: old } : {}) });
}

/** The src files of a program (no declarations, nothing from node_modules). */
export function sourceFilesOf(program: ts.Program, under: readonly string[]): ts.SourceFile[] {
  return program.getSourceFiles().filter((sf) => {
    const rel = path.relative(ROOT, sf.fileName).replace(/\\/g, "/");
    return !sf.isDeclarationFile && under.some((u) => rel.startsWith(`${u}/`));
  });
}

/** A use above the manifest's minimum with no guard of at least its version. */
export function violations(uses: readonly ApiUse[], sets: ReadonlyMap<string, string>): ApiUse[] {
  return uses.filter((u) => {
    const min = sets.get(u.set);
    // A set the manifest does not declare (ExcelApiOnline, ExcelApiDesktop, …) is never guaranteed,
    // and supports() asks about ExcelApi only.
    if (min === undefined) return true;
    if (compareVersions(u.version, min) <= 0) return false;
    return u.set !== "ExcelApi" || u.guard === null || compareVersions(u.guard, u.version) < 0;
  });
}

export const describeUse = (u: ApiUse): string =>
  `${u.file}:${u.line} ${u.member}${u.write ? " (set)" : ""} needs ${u.set} ${u.version}, ${u.guard ? `guarded only by supports("${u.guard}")` : "unguarded"}`;

export const readManifest = (): string => fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

// ------------------------------------------------------------------------------ the fake's table

/** The class of @types/office-js's `Excel` namespace with this name, as a type. */
export function excelClass(program: ts.Program, name: string): ts.Type | null {
  const checker = program.getTypeChecker();
  for (const sf of program.getSourceFiles()) {
    if (!inOfficeTypes(sf)) continue;
    for (const st of sf.statements) {
      if (!ts.isModuleDeclaration(st) || st.name.getText(sf) !== "Excel") continue;
      const symbol = checker.getSymbolAtLocation(st.name)?.exports?.get(name as ts.__String);
      return symbol ? checker.getDeclaredTypeOfSymbol(symbol) : null;
    }
  }
  return null;
}

/** The requirement set @types/office-js gives `Excel.<className>.<member>`; undefined when there is no such member. */
export function officeApiOf(program: ts.Program, className: string, member: string): ApiSet | null | undefined {
  const type = excelClass(program, className);
  const decls = type?.getProperty(member)?.declarations;
  if (!decls || decls.length === 0) return undefined;
  // Overloads carry the same set; the earliest is the member's.
  let best: ApiSet | null = null;
  for (const d of decls) {
    const a = apiSetOf(d);
    if (a && (best === null || compareVersions(a.read, best.read) < 0)) best = a;
  }
  return best;
}

/** `this._requireApi("1.9", "Worksheet.pageLayout")` in the fake's sources: "Worksheet.pageLayout" → "1.9", with where it is. */
export function fakeRequireApi(files: readonly string[]): Map<string, { version: string; at: string }> {
  const out = new Map<string, { version: string; at: string }>();
  for (const file of files) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && calleeName(node.expression) === "_requireApi" && node.arguments.length === 2) {
        const [v, m] = node.arguments;
        if (v && m && ts.isStringLiteralLike(v) && ts.isStringLiteralLike(m)) {
          const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
          out.set(m.text, { version: v.text, at: `${path.relative(ROOT, file).replace(/\\/g, "/")}:${line}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** The private and protected members of the fake's classes, by class name: machinery, not Office.js. */
export function fakeHiddenMembers(files: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const file of files) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    for (const st of sf.statements) {
      if (!ts.isClassDeclaration(st) || !st.name) continue;
      const hidden = new Set<string>();
      for (const m of st.members) {
        const mods = ts.canHaveModifiers(m) ? (ts.getModifiers(m) ?? []) : [];
        if (m.name && mods.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword)) hidden.add(m.name.getText(sf));
      }
      out.set(st.name.text, hidden);
    }
  }
  return out;
}

/**
 * The Excel class a member of `Excel.<className>` leads to (a property's type, a method's return
 * type, an array's element type), or null when it leads to no class of the namespace.
 */
export function officeTargetOf(program: ts.Program, className: string, member: string): string | null {
  const checker = program.getTypeChecker();
  const prop = excelClass(program, className)?.getProperty(member);
  if (!prop) return null;
  let t = checker.getTypeOfSymbol(prop);
  const call = t.getCallSignatures()[0];
  if (call) t = call.getReturnType();
  if (checker.isArrayType(t)) t = checker.getTypeArguments(t as ts.TypeReference)[0] ?? t;
  const name = t.getSymbol()?.getName();
  return name && excelClass(program, name) ? name : null;
}
