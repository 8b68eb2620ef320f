/* eslint-disable */
// Builds the add-in's pages into dist/web.
//
// Two entry pages share the UI code (src/ui):
//   taskpane.html  the page Office opens (the manifest's SourceLocation, ?host=excel): office.js
//                  by a <script> in <head>, as Microsoft requires, then src/taskpane/taskpane.ts.
//   index.html     the page a plain browser opens: file mode (src/taskpane/browser.ts), never
//                  loads office.js, fetches nothing outside its own origin.
// commands.html (the ribbon's FunctionFile) also loads office.js in <head>.
//
// Development (`--mode development`: npm start, npm run dev-server, npm run build:dev): the
// manifest points at https://localhost:3000/, office.js is a local copy from node_modules,
// source maps sit next to the scripts.
// Production (`npm run build`): refuses to build without the address the site will be served
// from and the publisher's name, so that no localhost URL and no made-up provider is shipped:
//   npm run build -- --env publicUrl=https://host/path/ --env provider="某某研究所党委"
//   (or PUBLIC_URL=https://host/path/ PROVIDER_NAME="某某研究所党委" npm run build)
// office.js comes from Microsoft's CDN, and the source maps are written to dist/sourcemaps,
// outside the deployed folder (keep them to read a stack trace; do not upload them).
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const CERT_DIR = path.join(os.homedir(), ".office-addin-dev-certs");
/** Source maps of a production build, relative to the output folder: beside it, not in it. */
const SOURCEMAPS = path.join("..", "sourcemaps");
/** The manifest schema's ShortString (OfficeAppManifestV1_1.xsd): 1 to 125 characters. */
const PROVIDER_MAX = 125;

const EXAMPLE = 'npm run build -- --env publicUrl=https://your.server/appraisal/ --env provider="某某研究所党委"';

/** Stops the build with a message in Chinese and English, and no stack trace. */
function refuse(zh, en) {
  console.error(`\n构建已停止：${zh}\nBuild refused: ${en}\n`);
  process.exit(2);
}

function publicUrlOf(env) {
  const url = (env.publicUrl || process.env.PUBLIC_URL || "").trim();
  if (!url) {
    refuse(
      `正式构建需要加载项的发布地址（网站的 https 地址，以 / 结尾），否则清单会指向 localhost。请这样给出：\n  ${EXAMPLE}\n  或 PUBLIC_URL=https://your.server/appraisal/ PROVIDER_NAME="某某研究所党委" npm run build\n只在本机试用：npm start，或 npm run build:dev（开发构建，地址为 ${DEV_URL}）。`,
      `a production build needs the address the add-in will be served from, else its manifest would point at localhost. Give it with\n  ${EXAMPLE}\n  or PUBLIC_URL=https://your.server/appraisal/ PROVIDER_NAME=… npm run build\nOn this machine only: npm start, or npm run build:dev (a development build for ${DEV_URL}).`,
    );
  }
  if (!/^https:\/\/[^\s"'<>&]+\/$/.test(url)) {
    refuse(`发布地址必须以 https:// 开头、以 / 结尾，收到的是“${url}”。`, `publicUrl must be an https:// address ending with "/", got "${url}".`);
  }
  const host = new URL(url).hostname;
  if (host === "localhost" || host === "[::1]" || /^127\./.test(host)) {
    refuse(`发布地址不能是本机（${url}）：本机试用请用 npm start 或 npm run build:dev。`, `publicUrl must not be this machine (${url}): for localhost use npm start or npm run build:dev.`);
  }
  return url;
}

/** The publisher shown by Office as the add-in's provider: only whoever deploys it knows it. */
function providerOf(env) {
  const name = String(env.provider || process.env.PROVIDER_NAME || "").trim();
  if (!name) {
    refuse(
      `正式构建需要发布者名称（清单的 ProviderName，Office 在加载项信息中显示为“提供者”，按微软的规定应是开发或发布此加载项的个人或单位）。请这样给出：\n  ${EXAMPLE}\n  或 PROVIDER_NAME="某某研究所党委" npm run build`,
      `a production build needs the publisher's name (the manifest's ProviderName, which Microsoft defines as the individual or company that developed the add-in; Office shows it as the provider). Give it with\n  ${EXAMPLE}\n  or PROVIDER_NAME=… npm run build`,
    );
  }
  if ([...name].length > PROVIDER_MAX || /[\u0000-\u001f\u007f]/.test(name)) {
    refuse(`发布者名称最多 ${PROVIDER_MAX} 个字符、不含控制字符，收到的是“${name}”。`, `provider must be 1 to ${PROVIDER_MAX} characters without control characters, got "${name}".`);
  }
  return name;
}

const xmlText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The source manifest with the production address and provider (and without its dev comments). */
function productionManifest(content, publicUrl, provider) {
  const origin = new URL(publicUrl).origin;
  const out = content
    .toString()
    .replace(/<!--[\s\S]*?-->\s*/g, "")
    .split(DEV_URL)
    .join(publicUrl)
    .split(DEV_URL.slice(0, -1))
    .join(origin)
    .replace(/<ProviderName>[^<]*<\/ProviderName>/, `<ProviderName>${xmlText(provider)}</ProviderName>`);
  if (!out.includes(`<ProviderName>${xmlText(provider)}</ProviderName>`)) throw new Error("manifest.xml has no <ProviderName> to replace");
  return out;
}

/** The dev certificates when `npx office-addin-dev-certs install` has made them, else null. */
function devCerts() {
  const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
  const out = {};
  for (const [k, f] of Object.entries(files)) {
    const p = path.join(CERT_DIR, f);
    if (!fs.existsSync(p)) return null;
    out[k] = fs.readFileSync(p);
  }
  return out;
}

/** Empties dist/sourcemaps before a production build writes it (webpack's clean stays inside the output folder). */
class CleanSourceMaps {
  apply(compiler) {
    compiler.hooks.emit.tap("CleanSourceMaps", () => {
      fs.rmSync(path.resolve(compiler.options.output.path, SOURCEMAPS), { recursive: true, force: true });
    });
  }
}

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  const publicUrl = production ? publicUrlOf(env) : DEV_URL;
  const provider = production ? providerOf(env) : null;
  const officeJs = production ? CDN_OFFICE_JS : "office-js/office.js";
  const certs = devCerts();
  const page = (template, filename, chunks) =>
    new HtmlWebpackPlugin({ template, filename, chunks, templateParameters: { officeJs }, scriptLoading: "defer", minify: production });

  return {
    mode: production ? "production" : "development",
    // No eval-based source maps: the pages' Content-Security-Policy forbids eval. Production
    // maps are "hidden" (no sourceMappingURL in the scripts) and written outside dist/web.
    devtool: production ? "hidden-source-map" : "source-map",
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      browser: "./src/taskpane/browser.ts",
      commands: "./src/commands/commands.ts",
      result: "./src/commands/result.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist", "web"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      ...(production ? { sourceMapFilename: `${SOURCEMAPS}/[file].map` } : {}),
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.web.json" } } }],
    },
    performance: { hints: false },
    plugins: [
      ...(production ? [new CleanSourceMaps()] : []),
      page("./src/taskpane/taskpane.html", "taskpane.html", ["taskpane"]),
      page("./src/taskpane/browser.html", "index.html", ["browser"]),
      page("./src/commands/commands.html", "commands.html", ["commands"]),
      page("./src/commands/result.html", "result.html", ["result"]),
      page("./src/help.html", "help.html", []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          { from: "src/ui/style.css", to: "style.css" },
          { from: "manifest.xml", to: "manifest.xml", ...(production ? { transform: (content) => productionManifest(content, publicUrl, provider) } : {}) },
          // Served locally in development only; marked minimized so Terser leaves its 374 files alone.
          ...(production ? [] : [{ from: "node_modules/@microsoft/office-js/dist", to: "office-js", info: { minimized: true } }]),
        ],
      }),
    ],
    devServer: {
      host: "localhost",
      port: 3000,
      hot: false,
      liveReload: true,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      server: certs ? { type: "https", options: certs } : { type: "http" },
      setupMiddlewares: (middlewares) => {
        const where = certs ? DEV_URL : "http://localhost:3000/";
        console.log(
          `\n考评助手开发服务器：${where}（浏览器中的网页版；Excel 加载项清单：${where}manifest.xml）${certs ? "" : "\n（未找到开发证书：运行 npx office-addin-dev-certs install 后重启即为 https，Excel 加载项需要 https）"}\n`,
        );
        return middlewares;
      },
    },
  };
};
