/**
 * A zip that holds no workbook (a Word document renamed .xlsx, a zip of photos) is said to be
 * what it is by every command that reads a workbook — never read as a workbook without sheets,
 * whose every input sheet would be "missing". Nothing is written.
 */
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { fileProblemLine } from "../../src/messages/files";
import { cli, CLI, expectNoStack, tempDir } from "../support/files";
import { plainZip, wordDocument } from "../support/zips";

beforeAll(() => {
  if (!existsSync(path.join(path.dirname(CLI), "..", "dist", "node", "cli.js"))) {
    throw new Error("dist/ is missing: run `npm run build:cli` (npm test does it first)");
  }
});

describe.each([
  ["a Word document", "总结.xlsx", wordDocument, "word"],
  ["a zip of photos", "照片.xlsx", plainZip, "other"],
] as const)("%s named .xlsx", (_what, name, make, holds) => {
  test.each([["check"], ["calc"], ["ballots"]])("%s: 不是 Excel 工作簿, exit 2, the file untouched", async (command) => {
    const dir = tempDir();
    const file = path.join(dir, name);
    const bytes = await make();
    await fs.writeFile(file, bytes);
    const r = cli([command, file]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`错误：${fileProblemLine({ code: "zip_not_workbook", file, holds })}`);
    expect(r.err).toContain("，不是工作簿");
    expect(`${r.out}${r.err}`).not.toContain("缺少工作表");
    expectNoStack(r);
    expect(new Uint8Array(await fs.readFile(file))).toEqual(bytes);
    expect(await fs.readdir(dir)).toEqual([name]);
  });

  test("merge: the file is not merged, and says why", async () => {
    const dir = tempDir();
    const file = path.join(dir, name);
    await fs.writeFile(file, await make());
    const r = cli(["merge", path.join(dir, "全所汇总.xlsx"), file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`未汇总：${name}：${fileProblemLine({ code: "zip_not_workbook", file: name, holds })}`);
    expect(r.err).not.toContain("党员名册");
    expectNoStack(r);
    expect(existsSync(path.join(dir, "全所汇总.xlsx"))).toBe(false);
  });

  test("init --add-missing does not fill it with sheets", async () => {
    const dir = tempDir();
    const file = path.join(dir, name);
    const bytes = await make();
    await fs.writeFile(file, bytes);
    const r = cli(["init", "--add-missing", file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("，不是工作簿");
    expect(new Uint8Array(await fs.readFile(file))).toEqual(bytes);
  });
});
