/**
 * 计票结果: what the ballots typed into 互评计票 / 群众计票 add up to, for the record a branch
 * keeps of a 民主评议 round — a head of 发出 / 收回 / 有效 / 作废 ballots per kind, then per
 * member the count of each mark, the abstentions and the marks not counted. Written whenever a
 * 计票 sheet exists (and, once written, on every later run, so that it is never left stale).
 */
import type { Settings } from "../core/settings";
import { BALLOT_MARKS, type BallotKind, type Member } from "../core/types";
import { BALLOT_KIND_WORDS } from "../messages/zh-CN";
import { safeText } from "./cells";
import { a1 } from "../core/address";
import { TALLY_RESULT_SHEET } from "./layout";
import { type BallotTallies, type KindTally, type MemberTally } from "./parse/tallies";
import type { FreeSheet } from "./sheetdoc";
import { Doc } from "./yearend";

/** 序号, 编号, 姓名, then per kind its four marks, 弃权 and 无效. */
export const TALLY_RESULT_WIDTHS = [5, 8, 12, 6, 6, 8, 7, 6, 6, 6, 8, 8, 7, 6, 6];
const KINDS: readonly BallotKind[] = ["peer", "mass"];
/** The first column of each kind's six. */
const KIND_COL: Readonly<Record<BallotKind, number>> = { peer: 3, mass: 9 };

/** One line of the head: 发出, 收回, 有效, 作废 and what explains them. */
function headRow(t: KindTally | null): { cells: (string | number | null)[]; note: string } {
  if (t === null) return { cells: [null, null, null, null], note: "没有计票表" };
  const valid = t.used ? t.returned - t.voided : 0;
  const voided = t.used ? t.voided : t.returned;
  const notes: string[] = [];
  if (t.returned === 0) notes.push("本期未录入选票");
  if (!t.used) notes.push("收回多于发出，本轮全部不采用");
  else if (t.voided > 0) notes.push(`${t.voided} 张“优秀”超过比例，按参数作废`);
  if (t.issued === null && t.returned > 0) notes.push("未填发出票数，未核对");
  return { cells: [t.issued, t.returned, valid, voided], note: notes.join("；") };
}

export function tallyResultSheet(tallies: BallotTallies, members: readonly Member[], settings: Settings, title: string, pageHeader: string): FreeSheet {
  const d = new Doc();
  const cols = TALLY_RESULT_WIDTHS.length;
  d.set(0, 0, title);
  d.style(0, 0, 1, 1, "title");
  d.height(0, 24);
  d.set(1, 0, `按${BALLOT_KIND_WORDS.peer.sheet}、${BALLOT_KIND_WORDS.mass.sheet}中${tallies.period}的选票统计（期次留空的按${settings.period}计）。`);
  d.style(1, 0, 1, 1, "note");

  // The head: 类别 | 发出 | 收回 | 有效 | 作废 | 说明.
  let row = 3;
  d.row(row, 0, ["类别", null, null, "发出", "收回", "有效", "作废", "说明"]);
  d.merge(row, 0, 1, 3);
  d.style(row, 0, 1, 8, "header");
  row += 1;
  for (const kind of KINDS) {
    const h = headRow(tallies[kind]);
    d.row(row, 0, [`${BALLOT_KIND_WORDS[kind].kind}票`, null, null, ...h.cells, h.note || null]);
    d.merge(row, 0, 1, 3);
    d.style(row, 0, 1, 3, "label");
    d.style(row, 3, 1, 4, "value");
    d.style(row, 7, 1, 1, "note");
    row += 1;
  }
  row += 1;

  // Per member: the members with a column in either sheet, in roster order.
  const byKind = new Map(KINDS.map((k) => [k, new Map((tallies[k]?.members ?? []).map((m) => [m.member.id, m]))]));
  const listed = members.filter((m) => KINDS.some((k) => byKind.get(k)?.has(m.id)));
  const tableTop = row;
  d.row(row, 0, ["序号", "编号", "姓名"]);
  for (const kind of KINDS) {
    d.set(row, KIND_COL[kind], `${BALLOT_KIND_WORDS[kind].kind}（${tallyNote(tallies[kind])}）`);
    d.merge(row, KIND_COL[kind], 1, 6);
  }
  d.merge(row, 0, 2, 1);
  d.merge(row, 1, 2, 1);
  d.merge(row, 2, 2, 1);
  row += 1;
  for (const kind of KINDS) d.row(row, KIND_COL[kind], [...BALLOT_MARKS[kind], "弃权", "无效"]);
  d.style(tableTop, 0, 2, cols, "header");
  d.height(tableTop, 20);
  row += 1;
  const first = row;
  listed.forEach((m, i) => {
    d.row(row, 0, [i + 1, safeText(m.id), safeText(m.category === "预备党员" ? `${m.name}（预备）` : m.name)]);
    for (const kind of KINDS) {
      const t: MemberTally | undefined = byKind.get(kind)?.get(m.id);
      if (t && (tallies[kind]?.returned ?? 0) > 0) d.row(row, KIND_COL[kind], [...t.counts, t.abstained, t.invalid]);
    }
    row += 1;
  });
  if (listed.length > 0) {
    d.style(first, 0, listed.length, cols, "value");
    d.fmt(first, 3, listed.length, cols - 3, "0");
  } else {
    d.set(row, 0, "两张计票表中都没有与党员名册对得上的党员列。");
    d.style(row, 0, 1, 1, "note");
    row += 1;
  }
  const last = Math.max(row - 1, first);
  return d.sheet(TALLY_RESULT_SHEET.name, title, TALLY_RESULT_WIDTHS, {
    orientation: "portrait",
    // From A1: the title says what the pages are, as on 综合评定.
    area: `A1:${a1(last, cols - 1)}`,
    titleRows: [tableTop + 1, tableTop + 2],
    rowBreaks: [],
    fitToWidth: true,
    header: `${pageHeader} ${TALLY_RESULT_SHEET.name}`,
  });
}

/** What the kind's columns count: 有效票 N 张, or why none. */
function tallyNote(t: KindTally | null): string {
  if (t === null) return "无计票表";
  if (!t.used) return "本轮不采用";
  return `有效票 ${t.returned - t.voided} 张`;
}
