// Fill our exported Questionnaire in LHC-Forms in headless Chromium, for tests/test_lforms.py.
//
// Reads {"questionnaire": ..., "responses": [...]} as JSON on standard input; for each response
// it loads the Questionnaire into LHC-Forms with that response's answers merged in (LHC-Forms'
// own API), lets the form apply enableWhen and enableWhenExpression, and writes, one per input,
// the QuestionnaireResponse LHC-Forms gives back and the questions it shows, as
// {"responses": [{"response": ..., "shown": [linkId, ...]}, ...]} on standard output.
// LHC-Forms is served from node_modules by a server on 127.0.0.1 that this script starts; the
// page may load nothing else, so the run needs no network.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "node_modules", "lforms", "dist", "lforms");
const { chromium } = createRequire(import.meta.url)("playwright-core");

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/lforms/webcomponent/styles.css">
</head><body><div id="form"></div>
<script src="/lforms/webcomponent/assets/lib/zone.min.js"></script>
<script src="/lforms/webcomponent/lhc-forms.js"></script>
<script src="/lforms/fhir/R4/lformsFHIR.min.js"></script>
</body></html>`;
const TYPES = { ".js": "text/javascript", ".css": "text/css", ".png": "image/png" };

function serve() {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
    try {
      if (path === "/page.html") {
        response.writeHead(200, { "Content-Type": "text/html" }).end(PAGE);
      } else if (path.startsWith("/lforms/")) {
        const file = join(dist, path.slice("/lforms/".length));
        if (!file.startsWith(dist)) throw new Error("outside");
        const body = await readFile(file);
        response.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" }).end(body);
      } else {
        response.writeHead(404).end();
      }
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const input = JSON.parse(Buffer.concat(chunks).toString("utf-8"));
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const outside = [];
    await page.route("**/*", (route) => {
      if (route.request().url().startsWith(origin + "/")) return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${origin}/page.html`);
    await page.waitForFunction(() => window.LForms && window.LForms.Util, null, { timeout: 60000 })
      .catch((e) => { throw new Error(`${e.message}; page errors: ${errors.join(" | ")}`); });
    const out = await page.evaluate(async ({ questionnaire, responses }) => {
      const results = [];
      for (const answers of responses) {
        const element = document.getElementById("form");
        const form = LForms.Util.convertFHIRQuestionnaireToLForms(questionnaire, "R4");
        const filled = await LForms.Util.mergeFHIRDataIntoLForms(
          "QuestionnaireResponse", answers, form, "R4");
        await LForms.Util.addFormToPage(filled, element);
        // The form's live data, on which its expressions have run: given the element instead,
        // LHC-Forms builds the data afresh, where enableWhenExpression has not been applied.
        const live = element.querySelector("wc-lhc-form").lhcFormData;
        // What the person sees: LHC-Forms 40 leaves out of its response the answers of items
        // enableWhen disables, but not of those enableWhenExpression hides (it only hides them).
        const shown = live.itemList
          .filter((item) => !item._isHiddenFromView && item.dataType !== "SECTION"
            && item.dataType !== "TITLE")
          .map((item) => item.linkId);
        results.push({
          response: LForms.Util.getFormFHIRData("QuestionnaireResponse", "R4", live),
          shown,
        });
      }
      return results;
    }, input);
    process.stdout.write(JSON.stringify({ responses: out, errors, outside }));
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  process.stderr.write(`fill.mjs: ${error.stack || error}\n`);
  process.exit(1);
});
