/**
 * The demo branch: a realistic year of a research lab's party branch, generated from a fixed
 * seed so every run (and every test) sees the same workbook. 28 members (2 预备党员, 1 不参评,
 * 1 with a sanction, 1 on a long field posting), 24 study sessions, pledges, activities and
 * both periods' votes.
 */
import { dateFromDay, type Day, dayFromYMD } from "../core/dates";
import { defaultSettings, type Settings } from "../core/settings";
import { GRADES, type Grade, type Mark } from "../core/types";
import type { CellValue } from "./cells";
import { seededRandom } from "./random";
import { ACTIVITY_SHEET, type ColumnDef, PLEDGE_SHEET, ROSTER_SHEET, type SheetDef, VOTES_SHEET, ATTENDANCE_SHEET } from "./layout";
import { type SessionSpec, type TemplateSheet, templateSheets } from "./template";

const NAMES = [
  "王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽华", "周涛", "吴敏",
  "徐明", "孙丽", "胡志强", "朱晓燕", "高峰", "林海燕", "何雪", "郭亮", "马俊", "罗红",
  "梁晨", "宋佳", "郑毅", "谢婷", "韩冰", "唐宁", "冯晓东", "于洁",
];
const POSTS = ["研究员", "副研究员", "助理研究员", "高级工程师", "工程师", "技术员", "博士后", "实验室主任"];
const GROUPS = ["第一党小组", "第二党小组", "第三党小组"];
const SESSION_TITLES = ["集中学习", "党课", "专题学习", "组织生活会", "读书交流", "形势报告"];
const PARTY_PLEDGES = [
  "按时参加组织生活，全年撰写读书笔记不少于4篇",
  "带头践行“三严三保”，做到学习不缺勤",
  "结对帮扶一名青年职工，做好思想引领",
  "参加志愿服务活动不少于2次",
  "为支部建设提出至少一条合理化建议",
];
const POST_PLEDGES = [
  "完成光栅刻划机关键部件调试并通过验收",
  "按期完成所承担课题的年度任务，发表论文1篇",
  "牵头完成实验室安全管理制度修订",
  "提高设备利用率，全年无安全责任事故",
  "完成新型测试平台搭建，申请专利1项",
  "指导研究生完成开题与中期考核",
];
const AWARDS = ["所青年创新竞赛二等奖", "院岗位技能竞赛三等奖", "所学习竞赛优秀奖", "院科技成果转化优秀团队"];

export const DEMO_YEAR = 2026;
export const DEMO_BRANCH = "光栅室党支部（示例）";

export interface DemoBranch {
  readonly settings: Settings;
  readonly sheets: TemplateSheet[];
}

/** A row in the sheet's column order; values are named by the sheet's own keys (checked). */
function toRow<K extends string>(def: SheetDef<K>, values: Readonly<Partial<Record<K, CellValue>>>): CellValue[] {
  return def.columns.map((c: ColumnDef<K>) => values[c.key] ?? null);
}

const d = (day: Day): Date => dateFromDay(day);

export function demoBranch(year = DEMO_YEAR): DemoBranch {
  const r = seededRandom(20100827);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const settings: Settings = { ...defaultSettings(), branchName: DEMO_BRANCH, year, period: "年终" };

  const n = NAMES.length;
  // Index roles: the last two are 预备党员; one 不参评; one sanctioned; one on a field posting.
  const PROBATIONARY = new Set([n - 2, n - 1]);
  const EXCLUDED = 11;
  const SANCTIONED = 16;
  const FIELD = 20;
  const quality = NAMES.map((_, i) => (i === SANCTIONED ? 0.8 : 0.4 + 0.58 * r()));

  const roster: CellValue[][] = NAMES.map((name, i) => {
    // Drawn in the same order as before 出生年月 existed, so the rest of the demo is unchanged.
    const joinY = PROBATIONARY.has(i) ? year - 1 : 1985 + Math.floor(r() * 35);
    const joinM = 1 + Math.floor(r() * 12);
    const joinD = 1 + Math.floor(r() * 28);
    return toRow(ROSTER_SHEET, {
      id: `G${String(i + 1).padStart(2, "0")}`,
      name,
      gender: i % 3 === 1 ? "女" : "男",
      // Derived, not drawn from r(): a new draw would shift every later one.
      birth: `${joinY - 22 - ((i * 7) % 9)}-${String(1 + ((i * 5) % 12)).padStart(2, "0")}`,
      category: PROBATIONARY.has(i) ? "预备党员" : "正式党员",
      group: GROUPS[i % 3] as string,
      joinDate: d(dayFromYMD(joinY, joinM, joinD)),
      post: i === 0 ? "实验室主任" : pick(POSTS),
      status: i === EXCLUDED ? "不参评" : "参评",
      exclusionReason: i === EXCLUDED ? "长期病假（3月起）" : null,
      sanctioned: i === SANCTIONED ? "有" : "无",
      note: i === FIELD ? "3月至10月外派野外观测站" : null,
    });
  });
  const idOf = (i: number): string => `G${String(i + 1).padStart(2, "0")}`;

  // Two sessions a month.
  const sessions: SessionSpec[] = [];
  for (let m = 1; m <= 12; m++) {
    sessions.push({ date: dayFromYMD(year, m, 8 + Math.floor(r() * 5)), title: SESSION_TITLES[(2 * m) % SESSION_TITLES.length] as string });
    sessions.push({ date: dayFromYMD(year, m, 20 + Math.floor(r() * 6)), title: SESSION_TITLES[(2 * m + 1) % SESSION_TITLES.length] as string });
  }

  const attendance: CellValue[][] = NAMES.map((name, i) => {
    const marks = sessions.map((s, k): Mark | null => {
      if (i === EXCLUDED && k >= 4) return "请假";
      if (i === FIELD && k >= 4 && k <= 19) return "缺席";
      const x = r();
      const q = quality[i] as number;
      if (x < q) return "出席";
      if (x < q + 0.08) return "迟到";
      if (x < q + 0.2) return "请假";
      if (x < q + 0.3) return "补学";
      return s.date < dayFromYMD(year, 3, 1) && r() < 0.2 ? null : "缺席";
    });
    return [idOf(i), name, ...marks];
  });

  const pledges: CellValue[][] = [];
  const deadline = dayFromYMD(year, 9, 14);
  NAMES.forEach((name, i) => {
    if (i === EXCLUDED) return;
    const q = quality[i] as number;
    const items = 2 + (r() < 0.4 ? 1 : 0);
    for (let k = 0; k < items; k++) {
      const party = k === 0;
      const late = i === 7 && k === 0;
      const outcome = r() < q + 0.15 ? "完成" : r() < 0.7 ? "基本完成" : "未完成";
      pledges.push(
        toRow(PLEDGE_SHEET, {
          id: idOf(i),
          name,
          type: party ? "党员承诺" : "岗位承诺",
          content: party ? pick(PARTY_PLEDGES) : pick(POST_PLEDGES),
          due: `${year}年12月`,
          weight: party ? 1 : 2,
          submitted: d(late ? deadline + 5 : deadline - 1 - Math.floor(r() * 20)),
          review: i === 13 && k === 1 ? "退回修改" : "通过",
          completion: outcome,
          reason: outcome === "完成" ? null : "受设备到货延期影响",
          score: outcome === "基本完成" && r() < 0.5 ? 75 + Math.floor(r() * 10) : null,
        }),
      );
    }
  });

  const activities: CellValue[][] = [];
  NAMES.forEach((name, i) => {
    if (i === EXCLUDED) return;
    const q = quality[i] as number;
    const add = (category: string, content: string, level: string | null, bonus: number | null, month: number): void => {
      activities.push(
        toRow(ACTIVITY_SHEET, {
          id: idOf(i),
          name,
          date: d(dayFromYMD(year, month, 1 + Math.floor(r() * 27))),
          category,
          content,
          level,
          bonus,
        }),
      );
    };
    const notes = Math.round(q * 5);
    for (let k = 0; k < notes; k++) add("读书笔记", `《${pick(["习近平新时代中国特色社会主义思想学习纲要", "中国共产党章程", "党史学习教育读本", "科学发展观学习读本"])}》读书笔记`, null, null, 1 + Math.floor((12 * k) / Math.max(1, notes)));
    const essays = Math.round(q * 2.5);
    for (let k = 0; k < essays; k++) add("心得体会", `${pick(["创先争优", "岗位奉献", "党性教育"])}心得体会`, null, null, 3 + 5 * k);
    if (r() < q + 0.2) add("建言献策", pick(["建议实验室设备共享预约上线", "建议优化青年职工导师制", "建议集中学习安排在周五下午"]), null, null, 5 + Math.floor(r() * 6));
    if (r() < q - 0.6) add("竞赛获奖", pick(AWARDS), pick(["所级", "院级"]), 2 + Math.floor(r() * 2), 6 + Math.floor(r() * 6));
    if (r() < 0.35) add("志愿服务", pick(["社区科普讲座", "无偿献血", "科技馆志愿讲解"]), "支部", 1, 4 + Math.floor(r() * 8));
  });

  const votes: CellValue[][] = [];
  const peerVoters = n - 2;
  const massVoters = 15;
  for (const period of ["上半年", "年终"] as const) {
    NAMES.forEach((name, i) => {
      if (i === EXCLUDED) return;
      const q = (quality[i] as number) + (period === "年终" ? 0.03 : 0) - (i === FIELD ? 0.25 : 0);
      const split = (total: number): number[] => {
        const a = Math.max(0, Math.min(total, Math.round(total * (q - 0.3) * 1.3)));
        const b = Math.max(0, Math.min(total - a, Math.round((total - a) * (0.45 + q * 0.4))));
        const c = Math.max(0, Math.round((total - a - b) * 0.7));
        return [a, b, c, total - a - b - c];
      };
      const [pe, pq, pb, pf] = split(peerVoters - Math.floor(r() * 3));
      const [ms, mf, mb, mn] = split(massVoters - Math.floor(r() * 2));
      const selfGrade: Grade = q > 0.85 ? "优秀" : "合格";
      const override = period === "年终" && i === FIELD;
      votes.push(
        toRow(VOTES_SHEET, {
          period,
          id: idOf(i),
          name,
          selfGrade: GRADES.includes(selfGrade) ? selfGrade : null,
          "peer_优秀": pe ?? 0,
          "peer_合格": pq ?? 0,
          "peer_基本合格": pb ?? 0,
          "peer_不合格": pf ?? 0,
          "mass_满意": ms ?? 0,
          "mass_比较满意": mf ?? 0,
          "mass_基本满意": mb ?? 0,
          "mass_不满意": mn ?? 0,
          override: override ? "合格" : null,
          overrideReason: override ? "外派野外观测站期间坚持线上自学并按时汇报思想，经支委会研究评为合格" : null,
        }),
      );
    });
  }

  const sheets = templateSheets(
    settings,
    {
      [ROSTER_SHEET.name]: roster,
      [PLEDGE_SHEET.name]: pledges,
      [ATTENDANCE_SHEET.name]: attendance,
      [ACTIVITY_SHEET.name]: activities,
      [VOTES_SHEET.name]: votes,
    },
    sessions,
  );
  return { settings, sheets };
}
