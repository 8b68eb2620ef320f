/**
 * The 推荐理由 sentence: built only from the member's own numbers (Nomination.basis), so that
 * what goes up to the 所党委 can be checked against the workbook line by line.
 */
import { fmt, pct } from "../core/numbers";
import type { Nomination } from "../core/types";

export function nominationReason(n: Nomination): string {
  const f = n.basis.facts;
  const parts: string[] = [];
  const span = n.basis.period === "上半年" ? "上半年" : "全年";
  if (f && f.sessions > 0) {
    // 出勤率 is the head count, as on the 年度总结 and the 推荐表 (src/core/yearend.ts): the
    // same member must not show two different 出勤率 in one workbook. 补学 is said apart.
    const attended = f.present + f.late;
    const makeUp = f.makeUp > 0 ? `（另补学 ${f.makeUp} 次）` : "";
    parts.push(`${span}组织学习 ${f.sessions} 次，参加 ${attended} 次${makeUp}，出勤率 ${pct(attended / f.sessions)}`);
  }
  if (f) {
    const notes = f.outputCounts.读书笔记;
    const essays = f.outputCounts.心得体会;
    const ideas = f.outputCounts.建言献策;
    if (notes + essays + ideas > 0) {
      parts.push(`撰写读书笔记 ${notes} 篇、心得体会 ${essays} 篇，提出建议 ${ideas} 条`);
    }
    if (f.pledgeCount > 0) {
      const kept = f.pledgesDone === f.pledgeCount ? "全部完成" : `完成 ${f.pledgesDone} 项`;
      parts.push(`个人承诺 ${f.pledgeCount} 项${kept}，承诺践诺得分 ${fmt(n.pledge)}`);
    }
    if (f.peerExcellentShare !== null) parts.push(`党员互评优秀票占 ${pct(f.peerExcellentShare)}`);
    if (f.massSatisfiedShare !== null) parts.push(`群众满意率 ${pct(f.massSatisfiedShare)}`);
    if (f.awards.length > 0) parts.push(`获${f.awards.slice(0, 3).join("、")}${f.awards.length > 3 ? `等 ${f.awards.length} 项奖励` : ""}`);
  }
  parts.push(`综合得分 ${fmt(n.total)}，排名第 ${n.basis.rank ?? "-"}，评定为优秀`);
  const tail = n.category === "所级推荐" ? "推荐参加所级优秀共产党员评选" : "推荐支部表彰";
  return `${parts.join("；")}。${tail}。`;
}
