import { displayWidth, Progress, table } from "../../src/node/terminal";

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe("progress bar", () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  test("draws on a terminal and clears its line when done", () => {
    delete process.env.CI;
    const { stream, written } = fakeStream(true);
    const p = new Progress(stream);
    p.step(0.5, "计算…");
    p.done();
    expect(written[0]).toMatch(/^\r\[█{12}░{12}\] {2}50% 计算…/);
    expect(written[1]).toMatch(/^\r +\r$/);
  });

  test("writes nothing when stderr is a pipe or a file", () => {
    delete process.env.CI;
    const { stream, written } = fakeStream(false);
    const p = new Progress(stream);
    p.step(0.5, "计算…");
    p.done();
    expect(written).toEqual([]);
  });
});

test("tables line up Chinese text by display width", () => {
  expect(displayWidth("王建国")).toBe(6);
  expect(displayWidth("G01")).toBe(3);
  const lines = table(["姓名", "得分"], [["王建国", "90"], ["Li", "100"]], [1]).split("\n");
  // 姓名 column: 6 wide (王建国), 得分 column: 4 wide (得分); two spaces between.
  expect(lines.map(displayWidth)).toEqual([12, 12, 12, 12]);
  expect(lines[3]).toBe("Li       100");
});
