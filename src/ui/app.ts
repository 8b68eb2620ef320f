/**
 * The task pane's user interface, independent of where the workbook lives: a Backend does the
 * work (the Excel host inside Excel; a file host in a plain browser), the app shows it.
 */
import { type Issue, verdictOf } from "../core/issues";
import type { AppraisalSummary, Period } from "../core/types";
import { ballotDoneLines, ballotDraftLead, ballotDraftTail, ballotForeignFix, BALLOTS_NOT_MADE } from "../messages/ballots";
import { FileProblemError, fileProblemLine } from "../messages/files";
import { officeFailureText, unknownFailureText } from "../messages/office";
import { describe, draftStatus, NOTHING_TO_COMPUTE } from "../messages/zh-CN";
import { type CellValue, cellText } from "../workbook/cells";
import { LONG_TEXT_WIDTH, OUTPUT_SHEETS } from "../workbook/layout";
import type { BallotView } from "./ballots";
import { h, replaceChildren } from "./dom";

export type { BallotView };

/** A file's bytes for the browser to save. */
export interface Download {
  readonly name: string;
  readonly blob: Blob;
}

export interface Preview {
  readonly name: string;
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
  /** Rows in the sheet; `rows` holds at most the first rows the host chose to send. */
  readonly total: number;
}

/** A workbook opened in file mode. */
export interface Opened {
  readonly name: string;
  readonly sheets: readonly string[];
  /** Parts of the file that exceljs cannot write back (charts, pivot tables…), in Chinese. */
  /** An .xls or .ods, read into a new workbook: what the downloaded .xlsx will not hold of it, in Chinese. */
  readonly converted?: { readonly format: "xls" | "ods"; readonly notCarried: readonly string[] };
}

export interface RunView {
  readonly summary: AppraisalSummary;
  readonly branch: string;
  readonly year: number;
  readonly period: Period;
  readonly issues: readonly Issue[];
  /** File mode: the first rows of 综合评定 and 表彰推荐, to show as tables. */
  readonly previews?: readonly Preview[];
}

/** What a plain browser can do with a file (file mode); absent inside Excel. */
export interface FileOps {
  readonly open: (file: File) => Promise<Opened>;
  readonly blank: () => Promise<Opened>;
  readonly demo: () => Promise<Opened>;
  /** 下载空白模板: a blank template as a file of its own; the open workbook is left as it is. */
  readonly template: () => Promise<Download>;
  readonly download: () => Promise<Download>;
  readonly onProgress: (cb: (fraction: number, label: string) => void) => void;
  readonly current: () => Opened | null;
}

export interface TemplateView {
  readonly created: readonly string[];
  readonly kept: readonly string[];
  readonly notes: readonly string[];
}

export interface Backend {
  /** Words for the header: where the data is ("当前工作簿", a file name). */
  readonly where: () => string;
  readonly createTemplate: (demo: boolean) => Promise<TemplateView>;
  readonly check: (period: Period | undefined) => Promise<RunView>;
  /** `notes`: what the user should know beyond the results (their look could not be applied). */
  readonly calculate: (period: Period | undefined) => Promise<RunView & { readonly skipped: readonly string[]; readonly notes?: readonly string[] }>;
  /**
   * 打印测评票: the blank ballots (测评票) and the 计票 sheets, for the period. File mode
   * hands back the workbook holding them as `download` (absent when nothing was written).
   */
  readonly ballots: (period: Period | undefined) => Promise<BallotView & { readonly download?: Download }>;
  /** Show a problem's cell; false when it cannot (the sheet is gone). Absent in file mode. */
  readonly select?: (sheet: string, cell: string) => Promise<boolean>;
  readonly file?: FileOps;
  /** Notes shown once at start (e.g. an old Excel that lacks some features). */
  readonly startupNotes?: readonly string[];
}

/** Turn any failure into a sentence a secretary can act on; never a stack trace. */
export function friendlyError(e: unknown): string {
  // File mode's problems are data, worded the way the command line words them.
  if (e instanceof FileProblemError) return fileProblemLine(e.problem);
  const code = typeof e === "object" && e !== null && "code" in e ? String((e).code) : "";
  const ms = typeof e === "object" && e !== null && "ms" in e ? Number((e).ms) : 0;
  const known = officeFailureText(code, Math.round(ms / 1000));
  if (known) return known;
  return unknownFailureText(e instanceof Error ? e.message : String(e));
}

type Filter = "all" | "errors";

/** A calculation whose data still has 错误 (verdictOf): computed, written, marked 草稿. */
interface Draft {
  readonly issues: readonly Issue[];
  readonly errors: number;
  /** Outputs not written because a sheet of hers has their name, in words ("" for none). */
  readonly notWritten: string;
}

/** How many errors the draft status lists before pointing at 问题清单. */
const DRAFT_ERRORS_SHOWN = 3;

/** The page's guide, built beside it (webpack copies src/help.html): works offline, both pages link to it. */
const HELP_PAGE = "help.html";

/**
 * The columns a preview shows first, in this order, where a table has them: at 350 px (the task
 * pane) these are what is on screen, the rest is on the table's own horizontal scroll.
 */
const PREVIEW_LEAD = ["序号", "编号", "姓名", "综合得分", "排名", "最终等次"];

/** Where a preview's header cells go: the table's columns (lead first) and the prose under each row. */
function previewLayout(p: Pick<Preview, "name" | "header">): { readonly columns: readonly number[]; readonly prose: readonly number[] } {
  const widths = new Map((OUTPUT_SHEETS.find((d) => d.name === p.name)?.columns ?? []).map((c) => [c.header, c.width]));
  const all = p.header.map((_, i) => i);
  const prose = all.filter((i) => (widths.get(p.header[i] ?? "") ?? 0) >= LONG_TEXT_WIDTH);
  const rank = (i: number): number => {
    const r = PREVIEW_LEAD.indexOf(p.header[i] ?? "");
    return r < 0 ? PREVIEW_LEAD.length : r;
  };
  // A stable sort: the lead columns in PREVIEW_LEAD's order, then the others as the sheet has them.
  const columns = all.filter((i) => !prose.includes(i)).sort((a, b) => rank(a) - rank(b));
  return { columns, prose };
}

export interface MountOptions {
  /** File mode: open the demo branch right away (npm start's address has ?demo). */
  readonly demoAtStart?: boolean;
}

export function mountApp(root: HTMLElement, backend: Backend, options: MountOptions = {}): void {
  let busy = false;
  let filter: Filter = "all";
  let lastIssues: readonly Issue[] = [];
  /** The last calculation's draft, while its results are what the workbook (or download) holds. */
  let lastDraft: Draft | null = null;
  /** File mode: the open workbook holds a calculation's results, so 下载计算结果 has something to give. */
  let computed = false;

  const periodSelect = h(
    "select",
    { id: "period", ariaLabel: "考评期" },
    h("option", {}, "按参数设置"),
    h("option", {}, "上半年"),
    h("option", {}, "年终"),
  );
  (periodSelect.options[0] as HTMLOptionElement).value = "";
  (periodSelect.options[1] as HTMLOptionElement).value = "上半年";
  (periodSelect.options[2] as HTMLOptionElement).value = "年终";

  const status = h("p", { class: "status", id: "status", role: "status", ariaLive: "polite" });
  const alert = h("div", { class: "alert", id: "alert", role: "alert", hidden: true });
  const notes = h("div", { class: "notes", id: "notes" });
  const summary = h("section", { class: "summary", id: "summary", hidden: true, ariaLabel: "计算结果" });
  const issuesBox = h("section", { class: "issues", id: "issues", hidden: true, ariaLabel: "问题清单" });

  const fileMode = backend.file;
  // Advice names what exists here: the pane's “创建模板”, or what the page offers instead.
  const advice = { host: fileMode ? "page" : "excel" } as const;
  // File mode: the blank template is a download to fill in; the demo is loaded onto the page.
  const btnTemplate = fileMode
    ? h("button", { class: "btn", id: "btn-template", title: "下载空白的考评工作簿，填写后用“打开工作簿”打开", onClick: () => void downloadTemplate() }, "下载空白模板")
    : h("button", { class: "btn", id: "btn-template", onClick: () => void act("template") }, "创建模板");
  const btnDemo = h("button", { class: "btn link", id: "btn-demo", onClick: () => void act("demo") }, "载入示例支部");
  const btnCheck = h("button", { class: "btn", id: "btn-check", onClick: () => void act("check") }, "检查数据");
  const btnCalc = h("button", { class: "btn primary", id: "btn-calc", onClick: () => void act("calc") }, "一键计算");
  // In file mode it needs an open file, like 下载结果 (setBusy keeps both in step with it).
  const btnBallots = h("button", { class: "btn", id: "btn-ballots", disabled: Boolean(fileMode), title: "按党员名册生成党员互评、群众评议测评票，以及录入收回选票的计票表", onClick: () => void ballots() }, "打印测评票");
  const fileInput = h("input", { type: "file", id: "file-input", class: "visually-hidden", ariaLabel: "打开工作簿（.xlsx、.xls 或 .ods）", onChange: () => void openChosen() });
  // .xls and .ods are read too (their reader loads when one is opened); results are .xlsx.
  fileInput.accept = [
    ".xlsx",
    ".xlsm",
    ".xls",
    ".ods",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-excel",
    "application/vnd.oasis.opendocument.spreadsheet",
  ].join(",");
  const btnOpen = h("button", { class: "btn", id: "btn-open", onClick: () => fileInput.click() }, "打开工作簿…");
  // The next step after a calculation in file mode, set apart under the status: until then hidden.
  const btnDownload = h("button", { class: "btn primary", id: "btn-download", disabled: true, hidden: true, onClick: () => void download() }, "下载计算结果");
  const buttons = [btnTemplate, btnDemo, btnCheck, btnCalc, btnBallots, ...(fileMode ? [btnOpen, btnDownload] : [])];
  const previews = h("section", { class: "previews", id: "previews", hidden: true, ariaLabel: "结果预览" });
  const whereText = h("p", { class: "where", id: "where" }, backend.where());
  const helpLink = h("a", { class: "help-link", id: "help-link" }, "使用说明");
  helpLink.href = HELP_PAGE;
  // A page of its own: in the task pane, following it in place would leave the pane.
  helpLink.target = "_blank";
  helpLink.rel = "noopener";

  replaceChildren(
    root,
    h(
      "header",
      { class: "top" },
      h("h1", {}, "创先争优考评助手"),
      h("div", { class: "top-right" }, whereText, helpLink),
    ),
    notes,
    fileMode
      ? h(
          "section",
          { class: "file-zone", id: "drop-zone", ariaLabel: "打开工作簿" },
          h("div", { class: "row" }, btnOpen, fileInput, btnTemplate),
          h("p", { class: "hint" }, "把工作簿（.xlsx、.xls 或 .ods）拖到这里；或下载空白模板填写后打开，或载入示例支部试一试。文件只在本机浏览器中处理，不会上传。"),
        )
      : null,
    h(
      "section",
      { class: "controls" },
      h("label", { class: "field" }, h("span", {}, "考评期"), periodSelect),
      h("div", { class: "row" }, btnCheck, btnCalc),
      h("div", { class: "row secondary" }, btnBallots, fileMode ? null : btnTemplate, btnDemo),
    ),
    status,
    fileMode ? h("div", { class: "next", id: "next" }, btnDownload) : null,
    alert,
    summary,
    issuesBox,
    previews,
  );
  for (const n of backend.startupNotes ?? []) notes.appendChild(h("p", { class: "note" }, n));

  fileMode?.onProgress((fraction, label) => {
    if (busy) status.textContent = `${label} ${Math.round(fraction * 100)}%`;
  });

  /**
   * Nothing of the file shown before stays: its name, summary, problems, previews, its draft
   * notice and its download, so none of it can be taken for the file opened now (or, after a
   * failed open, for a file that is open when none is).
   */
  function forgetFile(): void {
    lastDraft = null;
    computed = false;
    lastIssues = [];
    whereText.textContent = backend.where();
    clearBoxes(summary, issuesBox, previews);
    for (const n of notes.querySelectorAll(".lose")) n.remove();
  }

  /** Empty these boxes and hide them: what they showed belongs to a result no longer on screen. */
  function clearBoxes(...boxes: HTMLElement[]): void {
    for (const box of boxes) {
      replaceChildren(box);
      box.hidden = true;
    }
  }

  function openedFile(o: Opened): void {
    forgetFile();
    whereText.textContent = o.name;
    if (o.converted) {
      const kind = o.converted.format === "xls" ? ".xls 工作簿" : ".ods 表格";
      // "原文件的…不会带入" rather than "新文件中没有…字体": the new file has fonts and borders
      // (the tool's own); what it lacks is hers. Worded like the command line's savedLine.
      notes.appendChild(
        h("p", { class: "note lose" }, `这是 ${kind}，检查和计算照常进行。计算结果将下载为新的 .xlsx 工作簿，原文件不会改动；原文件的${o.converted.notCarried.join("、")}不会带入新文件。`),
      );
    }
  }

  async function openFile(f: File): Promise<void> {
    if (!fileMode || busy) return;
    showAlert(null);
    setBusy(true, `正在打开 ${f.name}…`);
    try {
      openedFile(await fileMode.open(f));
      setBusy(false, `已打开 ${f.name}。点击“检查数据”或“一键计算”。`);
    } catch (e) {
      // The backend has let go of the previous file; the page does too.
      forgetFile();
      setBusy(false, "");
      showAlert(friendlyError(e));
    }
  }

  async function openChosen(): Promise<void> {
    const f = fileInput.files?.[0];
    fileInput.value = "";
    if (f) await openFile(f);
  }

  /** Hand a file to the browser's downloads. */
  function save(d: Download): Download {
    const url = URL.createObjectURL(d.blob);
    const a = h("a", { class: "visually-hidden" });
    a.href = url;
    a.download = d.name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return d;
  }

  async function download(): Promise<void> {
    if (!fileMode || busy) return;
    showAlert(null);
    setBusy(true, "正在生成文件…");
    try {
      const { name } = save(await fileMode.download());
      setBusy(false, `已下载：${name}`);
      // The file holds a draft: the notice stays, so nobody hands it in as final.
      if (lastDraft) showDraft(lastDraft, `已下载：${name}。`);
    } catch (e) {
      setBusy(false, "");
      showAlert(friendlyError(e));
    }
  }

  /** 下载空白模板: the open workbook and what the page shows of it stay as they are. */
  async function downloadTemplate(): Promise<void> {
    if (!fileMode || busy) return;
    showAlert(null);
    setBusy(true, "正在生成空白模板…");
    try {
      const { name } = save(await fileMode.template());
      setBusy(false, `已下载空白模板：${name}。填写后用“打开工作簿”打开，再点击“一键计算”。`);
    } catch (e) {
      setBusy(false, "");
      showAlert(friendlyError(e));
    }
  }

  if (fileMode) {
    root.addEventListener("dragover", (e) => {
      e.preventDefault();
      root.classList.add("dragging");
    });
    root.addEventListener("dragleave", () => root.classList.remove("dragging"));
    root.addEventListener("drop", (e) => {
      e.preventDefault();
      root.classList.remove("dragging");
      const f = e.dataTransfer?.files[0];
      if (f) void openFile(f);
    });
  }

  const period = (): Period | undefined => (periodSelect.value === "上半年" || periodSelect.value === "年终" ? periodSelect.value : undefined);

  function setBusy(on: boolean, words = ""): void {
    busy = on;
    for (const b of buttons) b.disabled = on;
    periodSelect.disabled = on;
    root.classList.toggle("busy", on);
    status.classList.remove("draft");
    status.textContent = words;
    // File mode: making ballots needs an open file; downloading its results, a calculation of it.
    if (fileMode && !on) {
      const open = fileMode.current() !== null;
      btnBallots.disabled = !open;
      btnDownload.disabled = btnDownload.hidden = !(open && computed);
    }
  }

  /**
   * A draft (verdictOf): said in the error colour, never as 计算完成, with the first errors,
   * so that she sees at once why the result is not final and where to look.
   */
  function showDraft({ issues, errors, notWritten }: Draft, lead = ""): void {
    status.classList.add("draft");
    const first = issues.filter((i) => i.level === "错误").slice(0, DRAFT_ERRORS_SHOWN);
    replaceChildren(
      status,
      h("strong", {}, `${lead}${draftStatus(errors)}`),
      errorList(first),
      h(
        "span",
        {},
        `${errors > first.length ? "其余见下方问题清单。" : ""}${
          // File mode: nothing is written anywhere until she downloads it.
          fileMode ? "下载的结果各表标有“草稿”；在原文件中改正错误后重新打开、计算，即为最终结果。" : "结果已写入，各表标有“草稿”；改正错误后重新计算，即为最终结果。"
        }${notWritten}`,
      ),
    );
  }

  /** The first errors of a draft, each at its cell. */
  function errorList(first: readonly Issue[]): HTMLElement {
    return h("ul", { class: "draft-errors" }, ...first.map((i) => h("li", {}, `${at(i)}：${describe(i, advice).problem}`)));
  }

  /**
   * 打印测评票 for the period chosen. Ballots built from a roster or 参数设置 with 错误 are a
   * draft, said like a calculation's draft with the first errors; a sheet of hers called 测评票
   * stops it, and the alert names that sheet. In file mode the workbook holding the ballots is
   * downloaded at once: printing is done from WPS or LibreOffice.
   */
  async function ballots(): Promise<void> {
    if (busy) return;
    showAlert(null);
    setBusy(true, "正在生成测评票…");
    try {
      const b = await backend.ballots(period());
      if (b.refused.length > 0) {
        setBusy(false, "");
        const fix = (i: Issue): string => (i.code === "output_sheet_foreign" ? ballotForeignFix(i.sheet) : describe(i, advice).fix);
        showAlert(BALLOTS_NOT_MADE + b.refused.map((i) => `${at(i)}：${describe(i, advice).problem}。${fix(i)}。`).join(""));
        return;
      }
      const saved = b.download ? save(b.download) : null;
      const words = { year: b.year, period: b.period, members: b.members, created: b.created, kept: b.kept, place: saved ? { kind: "file" as const, name: saved.name } : { kind: "excel" as const } };
      if (b.errors.length === 0) {
        setBusy(false, [...ballotDoneLines(words), ...b.notes].join(""));
        return;
      }
      setBusy(false, "");
      status.classList.add("draft");
      const first = b.errors.slice(0, DRAFT_ERRORS_SHOWN);
      replaceChildren(
        status,
        h("strong", {}, ballotDraftLead(b.errors.length)),
        errorList(first),
        h("span", {}, [ballotDraftTail(b.errors.length > first.length), ...ballotDoneLines(words, true), ...b.notes].join("")),
      );
    } catch (e) {
      setBusy(false, "");
      showAlert(friendlyError(e));
    }
  }

  /** Where an issue is, as the problem list shows it: 党员名册!B7, or the sheet alone. */
  function at(i: Issue): string {
    return i.cell ? `${i.sheet}!${i.cell}` : i.sheet;
  }

  function showAlert(text: string | null): void {
    alert.hidden = text === null;
    alert.textContent = text ?? "";
  }

  async function act(what: "template" | "demo" | "check" | "calc"): Promise<void> {
    if (busy) return;
    showAlert(null);
    try {
      if (what === "template" || what === "demo") {
        setBusy(true, what === "demo" ? "正在载入示例支部…" : "正在创建模板…");
        const t = await backend.createTemplate(what === "demo");
        if (fileMode) {
          const o = fileMode.current();
          if (o) openedFile(o);
          setBusy(false, what === "demo" ? `已载入示例支部：${o?.name ?? ""}。点击“一键计算”计算它。` : `已打开空白模板：${o?.name ?? ""}。`);
          return;
        }
        const parts = [
          t.created.length ? `已创建：${t.created.join("、")}` : "输入表都已存在",
          t.kept.length ? `已有数据、未改动：${t.kept.join("、")}` : "",
          ...t.notes,
        ].filter(Boolean);
        setBusy(false, parts.join("。") + "。");
        return;
      }
      setBusy(true, what === "calc" ? (fileMode ? "正在读取并计算…" : "正在读取、计算并写入结果…") : "正在读取并检查数据…");
      const v = what === "calc" ? await backend.calculate(period()) : await backend.check(period());
      // 检查数据 shows the problems only: a summary or previews there would pass for results.
      if (what === "calc") {
        renderSummary(v);
        renderPreviews(v.previews ?? []);
      } else {
        clearBoxes(summary, previews);
      }
      renderIssues(v.issues);
      const skipped = "skipped" in v ? (v as { skipped: readonly string[] }).skipped : [];
      const afterNotes = "notes" in v ? ((v as { notes?: readonly string[] }).notes ?? []) : [];
      const refused = v.issues.some((i) => i.code === "limit_exceeded");
      if (refused) {
        setBusy(false, "");
        showAlert("工作簿超出处理上限，未计算（详见问题清单）。");
        return;
      }
      const verdict = verdictOf(v.issues);
      if (what === "calc") computed = true;
      const notWritten = skipped.length ? `（${skipped.join("、")} 不是本工具生成的，未覆盖）` : "";
      lastDraft = what === "calc" && !verdict.final ? { issues: v.issues, errors: verdict.errors, notWritten: notWritten + afterNotes.join("") } : null;
      if (lastDraft) {
        setBusy(false, "");
        showDraft(lastDraft);
        return;
      }
      const outputs = OUTPUT_SHEETS.map((d) => d.name).join("、");
      const hints = v.issues.length - verdict.errors;
      setBusy(
        false,
        what === "calc"
          ? // File mode: the results are in the page's copy until she downloads them.
            (fileMode ? `计算完成：${outputs} 已生成，点击“下载计算结果”保存。` : `计算完成，结果已写入 ${outputs}。`) + `${notWritten}${afterNotes.join("")}`
          : v.issues.length === 0
            ? "检查完成：没有发现问题。"
            : `检查完成：${verdict.errors} 个错误、${hints} 个提示。${verdict.final ? "" : "有错误时计算的结果将是草稿。"}`,
      );
    } catch (e) {
      setBusy(false, "");
      showAlert(friendlyError(e));
    }
  }

  function stat(label: string, value: number | string, cls = ""): HTMLElement {
    return h("div", { class: `stat ${cls}`.trim() }, h("span", { class: "value" }, String(value)), h("span", { class: "label" }, label));
  }

  function renderSummary(v: RunView): void {
    const s = v.summary;
    const g = s.perGrade;
    summary.hidden = false;
    const heading = h("h2", {}, `${v.branch || "党支部"} ${v.year}年 ${v.period}${verdictOf(v.issues).final ? "" : "（草稿）"}`);
    if (s.members === 0) {
      replaceChildren(summary, heading, h("p", { class: "detail" }, NOTHING_TO_COMPUTE));
      return;
    }
    replaceChildren(
      summary,
      heading,
      h(
        "div",
        { class: "stats" },
        stat("计分", s.scored),
        stat("优秀", g.优秀, "good"),
        stat("合格", g.合格),
        stat("基本合格", g.基本合格, g.基本合格 ? "warn" : ""),
        stat("不合格", g.不合格, g.不合格 ? "bad" : ""),
        stat("待定", g.待定, g.待定 ? "warn" : ""),
      ),
      h(
        "p",
        { class: "detail" },
        `预备党员 ${s.probationary} 人（不评定等次），不参评 ${s.excluded} 人。` +
          (s.excellentCap !== null ? `优秀上限 ${s.excellentCap} 人。` : "") +
          (v.period === "年终" ? `表彰推荐：支部表彰 ${s.branchNominees} 人，其中推荐所级 ${s.instituteNominees} 人。` : "上半年不产生表彰推荐。"),
      ),
      g.待定 ? h("p", { class: "note" }, "有党员与优秀比例分界线并列，标为“待定”：请支委会在评议打分表的“支委会评定”中确定并写明理由。") : null,
    );
  }

  function renderIssues(all: readonly Issue[]): void {
    lastIssues = all;
    issuesBox.hidden = false;
    const errors = all.filter((i) => i.level === "错误").length;
    const shown = filter === "errors" ? all.filter((i) => i.level === "错误") : all;
    const toggle = h(
      "button",
      {
        class: "btn link small",
        id: "issues-filter",
        onClick: () => {
          filter = filter === "all" ? "errors" : "all";
          renderIssues(lastIssues);
        },
      },
      filter === "all" ? "只看错误" : "显示全部",
    );
    const list = h("ol", { class: "issue-list" });
    for (const i of shown.slice(0, 500)) {
      const d = describe(i, advice);
      const where = i.cell ? `${i.sheet}!${i.cell}` : i.sheet;
      const select = backend.select;
      const jump = !select ? h("span", { class: "addr plain" }, where) : h(
        "button",
        {
          class: "addr",
          title: "转到此单元格",
          onClick: () => {
            void select(i.sheet, i.cell).then((ok) => {
              if (!ok) showAlert(`找不到工作表“${i.sheet}”。`);
            }, (e: unknown) => showAlert(friendlyError(e)));
          },
        },
        where,
      );
      list.appendChild(
        h(
          "li",
          { class: i.level === "错误" ? "issue error" : "issue hint", dataset: { code: i.code } },
          h("div", { class: "issue-head" }, h("span", { class: "badge" }, i.level), jump),
          h("p", { class: "problem" }, d.problem),
          h("p", { class: "fix" }, d.fix),
        ),
      );
    }
    replaceChildren(
      issuesBox,
      h("div", { class: "issues-head" }, h("h2", {}, `问题清单（错误 ${errors}，提示 ${all.length - errors}）`), all.length ? toggle : null),
      all.length === 0 ? h("p", { class: "empty" }, "未发现问题。") : list,
      shown.length > 500 ? h("p", { class: "detail" }, `只显示前 500 条，其余见“问题清单”工作表。`) : null,
    );
  }

  function renderPreviews(list: readonly Preview[]): void {
    previews.hidden = list.length === 0;
    replaceChildren(
      previews,
      ...list.map((p) => {
        const { columns, prose } = previewLayout(p);
        return h(
          "div",
          { class: "preview", dataset: { sheet: p.name } },
          h("h2", {}, p.name),
          h("p", { class: "detail" }, p.title),
          h(
            "div",
            { class: "table-wrap" },
            h(
              "table",
              {},
              h("thead", {}, h("tr", {}, ...columns.map((i) => h("th", {}, p.header[i] ?? "")))),
              ...p.rows.map((r) => previewRow(p, r, columns, prose)),
            ),
          ),
          p.total > p.rows.length ? h("p", { class: "detail" }, `共 ${p.total} 行，这里显示前 ${p.rows.length} 行；全部见下载的工作簿。`) : null,
          p.total === 0 ? h("p", { class: "detail" }, "（无）") : null,
        );
      }),
    );
  }

  /** One record: its columns, and under them its prose that is not empty, each with its header. */
  function previewRow(p: Preview, r: readonly CellValue[], columns: readonly number[], prose: readonly number[]): HTMLTableSectionElement {
    const texts = prose.map((i) => ({ label: p.header[i] ?? "", text: cellText(r[i] ?? null).trim() })).filter((t) => t.text !== "");
    const detail = texts.length
      ? h(
          "tr",
          { class: "prose" },
          h("td", {}, h("div", { class: "prose-text" }, ...texts.map((t) => h("p", {}, h("span", { class: "prose-label" }, `${t.label}：`), t.text)))),
        )
      : null;
    if (detail) (detail.firstChild as HTMLTableCellElement).colSpan = columns.length;
    return h("tbody", { class: detail ? "record with-prose" : "record" }, h("tr", { class: "main" }, ...columns.map((i) => cellNode(r[i] ?? null))), detail);
  }

  function cellNode(v: CellValue): HTMLTableCellElement {
    const td = h("td", typeof v === "number" ? { class: "num" } : {}, typeof v === "number" ? String(v) : cellText(v));
    return td;
  }

  if (fileMode && options.demoAtStart) void act("demo");
}
