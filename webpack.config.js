/* eslint-disable */
// Builds the add-in's pages. Development: office.js from node_modules, https dev server on
// localhost:3000 with the office-addin-dev-certs files. Production: office.js from
// Microsoft's CDN (required for add-ins) and every localhost URL in manifest.xml replaced by
// the address given at build time: `npm run build -- --env publicUrl=https://host/path/`
// (or PUBLIC_URL=… npm run build).
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const CERT_DIR = path.join(os.homedir(), ".office-addin-dev-certs");

function publicUrlOf(env, production) {
  const url = (env && env.publicUrl) || process.env.PUBLIC_URL || "";
  if (!production || !url) return DEV_URL;
  if (!/^https:\/\/[^\s"<>]+\/$/.test(url)) {
    throw new Error(`publicUrl must be an https:// address ending with "/", got "${url}"`);
  }
  return url;
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

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  const publicUrl = publicUrlOf(env, production);
  const officeJs = production ? CDN_OFFICE_JS : "office-js/office.js";
  // office.js is loaded by the page only when Office opened it (see src/taskpane/taskpane.ts).
  const certs = devCerts();
  const page = (template, filename, chunks) =>
    new HtmlWebpackPlugin({ template, filename, chunks, templateParameters: { officeJs }, scriptLoading: "defer", minify: production });

  return {
    mode: production ? "production" : "development",
    // No eval-based source maps: the pages' Content-Security-Policy forbids eval.
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      commands: "./src/commands/commands.ts",
      result: "./src/commands/result.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist", "web"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.web.json" } } }],
    },
    performance: { hints: false },
    plugins: [
      page("./src/taskpane/taskpane.html", "taskpane.html", ["taskpane"]),
      // The same page as the site's front door: file mode in a plain browser.
      page("./src/taskpane/taskpane.html", "index.html", ["taskpane"]),
      new webpack.DefinePlugin({ __OFFICE_JS__: JSON.stringify(officeJs) }),
      page("./src/commands/commands.html", "commands.html", ["commands"]),
      page("./src/commands/result.html", "result.html", ["result"]),
      page("./src/help.html", "help.html", []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          { from: "src/ui/style.css", to: "style.css" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => content.toString().split(DEV_URL).join(publicUrl).split(DEV_URL.slice(0, -1)).join(publicUrl.replace(/\/$/, "").replace(/^(https:\/\/[^/]+).*$/, "$1")),
          },
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
        console.log(`\n考评助手开发服务器：${where}taskpane.html${certs ? "" : "\n（未找到开发证书：运行 npx office-addin-dev-certs install 后重启即为 https，Excel 加载项需要 https）"}\n`);
        return middlewares;
      },
    },
  };
};
