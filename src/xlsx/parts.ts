/**
 * Parts of an .xlsx package that exceljs cannot carry through a read and a write. Both the
 * command line and the page check for them, so that nothing is dropped without a word.
 */
import JSZip from "jszip";

const DROPPED_PARTS: readonly { readonly prefix: string; readonly what: string }[] = [
  { prefix: "xl/charts/", what: "图表" },
  { prefix: "xl/chartsheets/", what: "图表工作表" },
  { prefix: "xl/pivotTables/", what: "数据透视表" },
  { prefix: "xl/slicers/", what: "切片器" },
  { prefix: "xl/timelines/", what: "日程表" },
  { prefix: "xl/threadedComments/", what: "批注（新版）" },
  { prefix: "xl/vbaProject.bin", what: "宏" },
];

/** What writing this package back through exceljs would lose, in Chinese; throws on a bad zip. */
export async function partsExceljsWouldLose(data: ArrayBuffer | Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(data);
  const names = Object.keys(zip.files);
  return DROPPED_PARTS.filter((p) => names.some((n) => n.startsWith(p.prefix))).map((p) => p.what);
}
