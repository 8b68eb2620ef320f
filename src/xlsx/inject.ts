/**
 * A session's write (session.ts WriteRequest) carried out on her package: the tool's own
 * sheets named in `replace` go, with the parts only they used; the described sheets and the
 * template's input sheets are added at the end, in order. Every other part stays as stored,
 * byte for byte. The index parts change only as they must: [Content_Types].xml (the new
 * parts' types), the workbook part (its <sheet> list, the print and filter names of the
 * tool's sheets, the active tab), its relationships, the styles part (the tool's looks,
 * appended: styles.ts) and docProps/app.xml (the list of sheet names).
 *
 * A re-run gives the same package: a sheet replaced by one of the same name takes its part
 * name, sheet id and relationship id, and the looks it needs are found where the first run put
 * them.
 */
import { type Note, commentsXml, freeSheetPart, notesVml, NOTES_COMMENTS_RID, NOTES_VML_RID, type SheetName, type SheetPart, templateSheetPart } from "./sheetxml";
import { parseRels, type Rel, relativeTarget, relsOf, REL_TYPE, type XlsxPackage } from "./package";
import { StyleBook } from "./styles";
import { elementEnd, escapeXml, splice, tags, withAttr } from "./xml";
import type { WriteRequest } from "../workbook/session";
import { FileProblemError } from "../messages/files";
import { unescapeXml } from "./parts";

const CT = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  rels: "application/vnd.openxmlformats-package.relationships+xml",
} as const;

const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/** Part names compare without regard to case (OPC). */
const key = (part: string): string => part.toLowerCase();

interface NewSheet {
  readonly name: string;
  readonly part: SheetPart;
  /** A template sheet filling her empty sheet of that name, in its place. */
  readonly inPlace: boolean;
}

/** Carry out `request` on the package (its zip is changed; call pkg.zip.bytes() to save). */
export function writeIntoPackage(pkg: XlsxPackage, request: WriteRequest): void {
  // The hosts refuse before any work (commands.ts, worker.ts); this is the last guard.
  if (pkg.strict) throw new FileProblemError({ code: "strict_ooxml", ...(pkg.file === undefined ? {} : { file: pkg.file }) });
  const zip = pkg.zip;
  const wbPart = pkg.workbookPart;
  const wbRelsPart = relsOf(wbPart);
  let workbook = zip.text(wbPart) ?? "";
  let wbRels = zip.text(wbRelsPart) ?? `${XML_HEAD}<Relationships xmlns="${RELS_NS}"></Relationships>`;
  let types = zip.text("[Content_Types].xml") ?? "";
  const rels = pkg.workbookRels;

  const stylesPart = pkg.workbookRelPart("styles");
  const styles = new StyleBook(stylesPart === undefined ? undefined : zip.text(stylesPart));

  // Which sheets go and which come. The sheets that stay keep their order; the new ones follow.
  const before = pkg.sheets;
  const replaced = new Set(request.replace);
  const inPlaceNames = new Set(request.templates.filter((t) => t.exists).map((t) => t.sheet.name));
  const removed = before.filter((s) => replaced.has(s.name) && !inPlaceNames.has(s.name));
  const kept = before.filter((s) => !removed.includes(s));
  const activeName = activeSheetName(workbook, before.map((s) => s.name));
  const added: { name: string; write: (selected: boolean) => SheetPart }[] = [
    ...request.sheets.map((sheet) => ({ name: sheet.name, write: (selected: boolean) => freeSheetPart(sheet, { styles, date1904: pkg.date1904, selected }) })),
    ...request.templates.filter((t) => !t.exists).map((t) => ({ name: t.sheet.name, write: (selected: boolean) => templateSheetPart(t.sheet, t.header, { styles, date1904: pkg.date1904, selected }) })),
  ];
  const inPlace = request.templates.filter((t) => t.exists && kept.some((s) => s.name === t.sheet.name));
  const finalOrder = [...kept.map((s) => s.name), ...added.map((a) => a.name)];
  // The sheet shown: hers stays shown; when the shown sheet was one of the tool's (now
  // rewritten) or none is known, the request's.
  const keepActive = activeName !== null && kept.some((s) => s.name === activeName) && !inPlaceNames.has(activeName);
  const show = keepActive ? activeName : (request.activate ?? activeName ?? finalOrder[0] ?? null);
  const selected = (name: string): boolean => !keepActive && name === show;

  // Parts used only by the sheets that go (their rels trees), and the parts themselves.
  const doomed = partsOnlyUsedBy(pkg, [...removed.map((s) => s.part), ...inPlace.map((t) => pkg.sheet(t.sheet.name)?.part ?? "")].filter((p) => p !== ""));
  for (const s of removed) if (s.part) doomed.add(key(s.part));
  const taken = new Set(zip.names().filter((n) => !doomed.has(key(n))).map(key));
  for (const name of zip.names()) if (doomed.has(key(name)) && !inPlace.some((t) => key(pkg.sheet(t.sheet.name)?.part ?? "") === key(name))) zip.remove(name);

  // ------------------------------------------------------------------ the new sheets' parts
  const usedIds = new Set(kept.map((s) => s.sheetId));
  const usedRids = new Set(rels.filter((r) => !removed.some((s) => s.rid === r.id)).map((r) => r.id));
  let nextSheetId = Math.max(0, ...before.map((s) => s.sheetId)) + 1;
  let vmlBlock = vmlBlocksInUse(pkg) + 1;
  /** The first rIdN no relationship of the workbook uses. */
  const freeRid = (): string => {
    let k = 1;
    while (usedRids.has(`rId${k}`)) k++;
    return `rId${k}`;
  };
  const freeName = (make: (k: number) => string): string => {
    let k = 1;
    while (taken.has(key(make(k)))) k++;
    taken.add(key(make(k)));
    return make(k);
  };
  const newSheetTags: string[] = [];
  const newRels: string[] = [];
  const overrides: { part: string; type: string }[] = [];
  const sheetNames: { index: number; names: readonly SheetName[] }[] = [];
  const writeNotes = (sheetPart: string, notes: readonly Note[]): void => {
    const sheetRels = relsOf(sheetPart);
    if (notes.length === 0) {
      zip.remove(sheetRels);
      return;
    }
    const comments = freeName((k) => `xl/comments${k}.xml`);
    const vml = freeName((k) => `xl/drawings/vmlDrawing${k}.vml`);
    zip.set(comments, commentsXml(notes));
    zip.set(vml, notesVml(notes, vmlBlock++));
    zip.set(
      sheetRels,
      `${XML_HEAD}<Relationships xmlns="${RELS_NS}"><Relationship Id="${NOTES_COMMENTS_RID}" Type="${REL_TYPE.comments}" Target="${escapeXml(relativeTarget(sheetRels, comments))}"/><Relationship Id="${NOTES_VML_RID}" Type="${REL_TYPE.vmlDrawing}" Target="${escapeXml(relativeTarget(sheetRels, vml))}"/></Relationships>`,
    );
    overrides.push({ part: comments, type: CT.comments });
  };
  const written: NewSheet[] = [];
  for (const t of inPlace) {
    const info = pkg.sheet(t.sheet.name);
    if (!info) continue;
    const part = templateSheetPart(t.sheet, t.header, { styles, date1904: pkg.date1904, selected: selected(t.sheet.name) });
    zip.set(info.part, part.xml);
    writeNotes(info.part, part.notes);
    sheetNames.push({ index: finalOrder.indexOf(info.name), names: part.names });
    written.push({ name: info.name, part, inPlace: true });
  }
  for (const a of added) {
    const old = removed.find((s) => s.name === a.name);
    const part = old?.part && !taken.has(key(old.part)) ? (taken.add(key(old.part)), old.part) : freeName((k) => `xl/worksheets/sheet${k}.xml`);
    const sheetId = old && !usedIds.has(old.sheetId) ? old.sheetId : nextSheetId++;
    usedIds.add(sheetId);
    const rid = old && !usedRids.has(old.rid) ? old.rid : freeRid();
    usedRids.add(rid);
    const sheet = a.write(selected(a.name));
    zip.set(part, sheet.xml);
    writeNotes(part, sheet.notes);
    newSheetTags.push(`<sheet name="${escapeXml(a.name)}" sheetId="${sheetId}" r:id="${rid}"/>`);
    newRels.push(`<Relationship Id="${rid}" Type="${REL_TYPE.worksheet}" Target="${escapeXml(relativeTarget(wbRelsPart, part))}"/>`);
    overrides.push({ part, type: CT.worksheet });
    sheetNames.push({ index: finalOrder.indexOf(a.name), names: sheet.names });
    written.push({ name: a.name, part: sheet, inPlace: false });
  }

  // ------------------------------------------------------------------------- workbook part
  workbook = editWorkbook(workbook, {
    removed: new Set(removed.map((s) => s.name)),
    oldOrder: before.map((s) => s.name),
    finalOrder,
    newSheets: newSheetTags,
    names: sheetNames,
    rewritten: new Set(written.map((w) => w.name)),
    show,
  });
  zip.set(wbPart, workbook);

  // ------------------------------------------------------------------ workbook relationships
  // The removed sheets' relationships go (one reused by the sheet of the same name is in newRels).
  const removedRids = new Set(removed.map((s) => s.rid));
  const relEdits = tags(wbRels, "Relationship")
    .filter((t) => removedRids.has(t.attrs.Id ?? ""))
    .map((t) => ({ start: t.start, end: elementEnd(wbRels, t, "Relationship"), text: "" }));
  wbRels = splice(wbRels, relEdits);
  let styleRel = "";
  if (stylesPart === undefined) {
    styleRel = `<Relationship Id="${freeRid()}" Type="${REL_TYPE.styles}" Target="${escapeXml(relativeTarget(wbRelsPart, "xl/styles.xml"))}"/>`;
  }
  // The styles relationship (new only when she had no styles part) goes before the sheets', so
  // that a second run, which removes and re-adds the sheets' at the end, writes the same part.
  const closeRels = wbRels.lastIndexOf("</");
  wbRels = `${wbRels.slice(0, closeRels)}${styleRel}${newRels.join("")}${wbRels.slice(closeRels)}`;
  zip.set(wbRelsPart, wbRels);

  // --------------------------------------------------------------------------------- styles
  if (stylesPart === undefined) {
    zip.set("xl/styles.xml", styles.xml());
    overrides.unshift({ part: "xl/styles.xml", type: CT.styles });
  } else if (styles.changed()) zip.set(stylesPart, styles.xml());

  // ---------------------------------------------------------------------------- calc chain
  dropFromCalcChain(pkg, new Set(removed.map((s) => s.sheetId)));

  // -------------------------------------------------------------------------- content types
  types = editContentTypes(types, doomed, overrides, written.some((w) => w.part.notes.length > 0), new Set(zip.names().map(key)));
  zip.set("[Content_Types].xml", types);

  // ------------------------------------------------------------------------------ app.xml
  const app = zip.text("docProps/app.xml");
  if (app !== undefined) {
    const edited = editAppTitles(app, before.map((s) => s.name), finalOrder);
    if (edited !== app) zip.set("docProps/app.xml", edited);
  }
  pkg.refresh();
}

/** The name of the sheet the workbook opens on (bookViews' activeTab), or null. */
function activeSheetName(workbook: string, order: readonly string[]): string | null {
  const view = tags(workbook, "workbookView")[0];
  const index = Number(view?.attrs.activeTab ?? 0);
  return order[Number.isInteger(index) ? index : 0] ?? null;
}

/**
 * Every part reachable from these parts through relationships (their .rels trees) that no
 * other part refers to: what goes when they go. A part also reached from a part that stays
 * (a chart style two charts share, a picture her sheet also shows) stays.
 */
function partsOnlyUsedBy(pkg: XlsxPackage, roots: readonly string[]): Set<string> {
  const zip = pkg.zip;
  // Who refers to what, over every .rels part of the package.
  const refs = new Map<string, Set<string>>();
  const relsBySource = new Map<string, Rel[]>();
  for (const name of zip.names()) {
    if (!name.endsWith(".rels")) continue;
    const source = name.replace(/_rels\/([^/]*)\.rels$/, "$1");
    const list = parseRels(name, zip.text(name)).filter((r) => !r.external && r.part !== "");
    relsBySource.set(key(source), list);
    for (const r of list) {
      let set = refs.get(key(r.part));
      if (!set) refs.set(key(r.part), (set = new Set()));
      set.add(key(source));
    }
  }
  const doomed = new Set<string>();
  const visit = (part: string): void => {
    const k = key(part);
    for (const r of relsBySource.get(k) ?? []) {
      const target = key(r.part);
      if (doomed.has(target) || roots.some((root) => key(root) === target)) continue;
      const users = refs.get(target) ?? new Set<string>();
      // Every user of the target must itself be going.
      if ([...users].every((u) => doomed.has(u) || roots.some((root) => key(root) === u))) {
        doomed.add(target);
        doomed.add(key(relsOf(r.part)));
        visit(r.part);
      }
    }
  };
  for (const root of roots) {
    doomed.add(key(relsOf(root)));
    visit(root);
  }
  return doomed;
}

/** The highest VML shape-id block (o:idmap) her notes use, so the tool's take the next ones. */
function vmlBlocksInUse(pkg: XlsxPackage): number {
  let max = 0;
  for (const name of pkg.zip.names()) {
    if (!/\.vml$/i.test(name)) continue;
    const text = pkg.zip.text(name) ?? "";
    for (const m of text.matchAll(/<o:idmap\b[^>]*\bdata="([^"]*)"/g)) for (const n of (m[1] ?? "").split(/[ ,]+/)) max = Math.max(max, Number(n) || 0);
    for (const m of text.matchAll(/\bid="_x0000_s(\d+)"/g)) max = Math.max(max, Math.floor(Number(m[1]) / 1024));
  }
  return max;
}

interface WorkbookEdit {
  readonly removed: ReadonlySet<string>;
  readonly oldOrder: readonly string[];
  readonly finalOrder: readonly string[];
  readonly newSheets: readonly string[];
  readonly names: readonly { readonly index: number; readonly names: readonly SheetName[] }[];
  /** The tool's sheets written now: their old print and filter names go. */
  readonly rewritten: ReadonlySet<string>;
  readonly show: string | null;
}

/** The workbook part with the sheet list, the sheet-scoped names and the active tab as they now are. */
function editWorkbook(xml: string, e: WorkbookEdit): string {
  const edits: { start: number; end: number; text: string }[] = [];
  const sheetTags = tags(xml, "sheet");
  const prefix = sheetTags[0]?.prefix ?? tags(xml, "workbook")[0]?.prefix ?? "";
  for (const t of sheetTags) if (e.removed.has(t.attrs.name ?? "")) edits.push({ start: t.start, end: elementEnd(xml, t, "sheet"), text: "" });
  const sheetsOpen = tags(xml, "sheets")[0];
  if (!sheetsOpen) throw new Error("workbook without <sheets>");
  const sheetsEnd = elementEnd(xml, sheetsOpen, "sheets");
  const closeSheets = sheetsEnd - `</${sheetsOpen.prefix}sheets>`.length;
  // The relationships namespace as the workbook element declares it; where it does not (openpyxl
  // declares it on each <sheet>), each new <sheet> declares it too.
  const root = tags(xml, "workbook")[0]?.text ?? "";
  const rPrefix = /xmlns:([\w.-]+)\s*=\s*["']http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships["']/.exec(root)?.[1];
  const rDecl = rPrefix === undefined ? ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"` : "";
  const newSheets = e.newSheets.map((s) => s.replace("<sheet ", `<${prefix}sheet${rDecl} `).replace(" r:id=", ` ${rPrefix ?? "r"}:id=`));
  if (sheetsOpen.selfClosing) edits.push({ start: sheetsOpen.start, end: sheetsOpen.end, text: `<${prefix}sheets>${newSheets.join("")}</${prefix}sheets>` });
  else edits.push({ start: closeSheets, end: closeSheets, text: newSheets.join("") });

  // Sheet-scoped names: their sheet's new index; gone with the sheet; the rewritten sheets' old ones replaced.
  const newIndex = (old: number): number => {
    const name = e.oldOrder[old];
    return name === undefined ? -1 : e.finalOrder.indexOf(name);
  };
  const added = e.names.flatMap((s) =>
    s.names.map((n) => `<${prefix}definedName name="${n.name}"${n.hidden ? ` hidden="1"` : ""} localSheetId="${s.index}">${escapeXml(n.value)}</${prefix}definedName>`),
  );
  const nameTags = tags(xml, "definedName");
  for (const t of nameTags) {
    const local = t.attrs.localSheetId;
    if (local === undefined) continue;
    const old = Number(local);
    const sheet = e.oldOrder[old];
    const end = elementEnd(xml, t, "definedName");
    const builtIn = /^_xlnm\.(Print_Area|Print_Titles|_FilterDatabase)$/.test(t.attrs.name ?? "");
    if (sheet === undefined || e.removed.has(sheet) || (builtIn && e.rewritten.has(sheet))) edits.push({ start: t.start, end, text: "" });
    else if (newIndex(old) !== old) edits.push({ start: t.start, end: t.end, text: withAttr(t.text, "localSheetId", String(newIndex(old))) });
  }
  const namesOpen = tags(xml, "definedNames")[0];
  if (added.length > 0) {
    if (namesOpen && !namesOpen.selfClosing) {
      const end = elementEnd(xml, namesOpen, "definedNames");
      const close = end - `</${namesOpen.prefix}definedNames>`.length;
      edits.push({ start: close, end: close, text: added.join("") });
    } else if (namesOpen) edits.push({ start: namesOpen.start, end: namesOpen.end, text: `<${prefix}definedNames>${added.join("")}</${prefix}definedNames>` });
    else {
      // CT_Workbook: definedNames follows sheets, functionGroups and externalReferences.
      const after = ["externalReferences", "functionGroups"].map((n) => ({ n, t: tags(xml, n)[0] })).find((x) => x.t !== undefined);
      const at = after?.t ? elementEnd(xml, after.t, after.n) : sheetsEnd;
      edits.push({ start: at, end: at, text: `<${prefix}definedNames>${added.join("")}</${prefix}definedNames>` });
    }
  } else if (namesOpen && !namesOpen.selfClosing) {
    // A definedNames left with none is not valid (minOccurs 1): it goes when every name in it goes.
    const end = elementEnd(xml, namesOpen, "definedNames");
    const inside = nameTags.filter((t) => t.start > namesOpen.start && t.start < end);
    const dropped = edits.filter((x) => x.text === "" && inside.some((t) => t.start === x.start)).length;
    if (inside.length > 0 && dropped === inside.length) {
      for (let i = edits.length - 1; i >= 0; i--) if (inside.some((t) => t.start === (edits[i] as { start: number }).start)) edits.splice(i, 1);
      edits.push({ start: namesOpen.start, end, text: "" });
    }
  }

  // The tab shown, and the first tab of the bar, by name.
  const view = tags(xml, "workbookView")[0];
  if (view) {
    let text = view.text;
    const active = e.show === null ? 0 : Math.max(0, e.finalOrder.indexOf(e.show));
    if (Number(view.attrs.activeTab ?? 0) !== active) text = active === 0 && view.attrs.activeTab === undefined ? text : withAttr(text, "activeTab", String(active));
    const first = Number(view.attrs.firstSheet ?? 0);
    if (first !== 0) {
      const name = e.oldOrder[first];
      const now = name === undefined ? 0 : Math.max(0, e.finalOrder.indexOf(name));
      if (now !== first) text = withAttr(text, "firstSheet", String(Math.min(now, active)));
    }
    if (text !== view.text) edits.push({ start: view.start, end: view.end, text });
  }
  return splice(xml, edits);
}

/** Remove the calc chain's cells on sheets that are gone (Excel repairs a file whose chain names a missing sheet). */
function dropFromCalcChain(pkg: XlsxPackage, sheetIds: ReadonlySet<number>): void {
  if (sheetIds.size === 0) return;
  const part = pkg.workbookRelPart("calcChain") ?? "xl/calcChain.xml";
  const xml = pkg.zip.text(part);
  if (xml === undefined) return;
  // A <c> without i is on the sheet of the <c> before it.
  let sheet = 0;
  const edits: { start: number; end: number; text: string }[] = [];
  for (const t of tags(xml, "c")) {
    if (t.attrs.i !== undefined) sheet = Number(t.attrs.i);
    if (sheetIds.has(sheet)) edits.push({ start: t.start, end: elementEnd(xml, t, "c"), text: "" });
  }
  if (edits.length > 0) pkg.zip.set(part, splice(xml, edits));
}

function editContentTypes(xml: string, doomed: ReadonlySet<string>, overrides: readonly { part: string; type: string }[], vml: boolean, present: ReadonlySet<string>): string {
  const edits: { start: number; end: number; text: string }[] = [];
  const prefix = tags(xml, "Types")[0]?.prefix ?? "";
  for (const t of tags(xml, "Override")) {
    const part = key((t.attrs.PartName ?? "").replace(/^\//, ""));
    if ((doomed.has(part) && !present.has(part)) || overrides.some((o) => key(o.part) === part)) edits.push({ start: t.start, end: elementEnd(xml, t, "Override"), text: "" });
  }
  const defaults = new Set(tags(xml, "Default").map((t) => (t.attrs.Extension ?? "").toLowerCase()));
  const add: string[] = [];
  if (vml && !defaults.has("vml")) add.push(`<${prefix}Default Extension="vml" ContentType="${CT.vml}"/>`);
  if (!defaults.has("rels")) add.push(`<${prefix}Default Extension="rels" ContentType="${CT.rels}"/>`);
  for (const o of overrides) add.push(`<${prefix}Override PartName="/${escapeXml(o.part)}" ContentType="${o.type}"/>`);
  const close = xml.lastIndexOf("</");
  edits.push({ start: close, end: close, text: add.join("") });
  return splice(xml, edits);
}

/**
 * docProps/app.xml lists the sheets' names (TitlesOfParts, counted under the first heading
 * pair). When it has the usual shape — the sheets first — that list follows the workbook;
 * any other shape is left as it is (Excel rewrites it on the next save anyway).
 */
export function editAppTitles(xml: string, before: readonly string[], after: readonly string[]): string {
  const heading = /(<(?:\w+:)?HeadingPairs>\s*<vt:vector\b[^>]*>\s*<vt:variant>\s*<vt:lpstr>)([^<]*)(<\/vt:lpstr>\s*<\/vt:variant>\s*<vt:variant>\s*<vt:i4>)(\d+)(<\/vt:i4>)/.exec(xml);
  const titles = /(<(?:\w+:)?TitlesOfParts>\s*<vt:vector\b[^>]*?size=")(\d+)("[^>]*>)([\s\S]*?)(<\/vt:vector>)/.exec(xml);
  if (!heading || !titles) return xml;
  const count = Number(heading[4]);
  const items = [...(titles[4] ?? "").matchAll(/<vt:lpstr>([^<]*)<\/vt:lpstr>/g)].map((m) => m[1] ?? "");
  const listed = items.slice(0, count).map(unescapeXml);
  // Only when the first `count` titles are the sheets as they were.
  if (listed.length !== before.length || listed.some((n, i) => n !== before[i])) return xml;
  const rest = items.slice(count);
  const all = [...after.map(escapeXml), ...rest];
  const newTitles = `${titles[1]}${all.length}${titles[3]}${all.map((s) => `<vt:lpstr>${s}</vt:lpstr>`).join("")}${titles[5]}`;
  const newHeading = `${heading[1]}${heading[2]}${heading[3]}${after.length}${heading[5]}`;
  return xml.replace(titles[0], newTitles).replace(heading[0], newHeading);
}

