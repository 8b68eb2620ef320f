/** `npm start`'s server: prints the address, serves the page, and the page opens on the demo. npm start builds for development (localhost). */
import { spawn } from "node:child_process";
import path from "node:path";
import { guard, launch } from "../support/browser";
import { REPO } from "../support/files";
import { buildWeb } from "../support/webbuild";

test("start.js serves the built site on localhost and the printed address opens the demo", async () => {
  const dist = buildWeb("development");
  const child = spawn(process.execPath, [path.join(REPO, "scripts", "start.js"), "--port", "0", "--dist", dist], { env: { ...process.env, HOME: path.join(dist, "no-home") } });
  try {
    const address = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /考评助手已启动：(\S+)/.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.on("exit", (code) => reject(new Error(`start.js exited ${code}: ${out}`)));
    });
    // Without dev certificates it serves http (file mode needs no more).
    expect(address).toMatch(/^http:\/\/localhost:\d+\/\?demo$/);
    const browser = await launch();
    try {
      const context = await browser.newContext();
      const outside = await guard(context, new URL(address).origin);
      const page = await context.newPage();
      await page.goto(address);
      await page.waitForFunction(() => document.querySelector("#where")?.textContent?.includes("示例支部"), undefined, { timeout: 60_000 });
      expect(outside).toEqual([]);
    } finally {
      await browser.close();
    }
  } finally {
    child.kill("SIGTERM");
  }
}, 180_000);
