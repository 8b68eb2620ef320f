/**
 * Start-up of index.html, the page a plain browser opens: file mode on .xlsx files, computed in
 * a worker. It never loads office.js (which comes from Microsoft's CDN and, even outside Office,
 * reaches for Microsoft's telemetry), so the page fetches nothing but its own origin.
 * taskpane.ts is Office's page.
 */
import { mountApp } from "../ui/app";
import { fileBackend } from "../web/file-backend";
import { makeWorker } from "../web/make-worker";

const root = document.getElementById("app") as HTMLElement;
mountApp(root, fileBackend(makeWorker), { demoAtStart: new URLSearchParams(window.location.search).has("demo") });
