// Read each Mermaid gantt chart given as a JSON list on stdin as Mermaid itself does, and print
// its tasks: [[{task, section}, …], …], with Mermaid's entity codes (`#58;`) decoded as Mermaid
// shows them. Run from the folder parse.mjs runs from (mermaid and jsdom installed).
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const key of ["Element", "HTMLElement", "SVGElement", "DOMParser", "Node"]) {
  if (!(key in globalThis)) globalThis[key] = dom.window[key];
}
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

// Mermaid replaces `#NN;` with a placeholder before parsing and writes `&#NN;` into the SVG.
const decode = (text) =>
  text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/ﬂ°(\w+)¶ß/g, (_, name) => `&${name};`)
    .trim();

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const chart of JSON.parse(input)) {
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(chart);
  results.push(
    diagram.db.getTasks().map((t) => ({ task: decode(t.task), section: decode(t.section) })),
  );
}
process.stdout.write(JSON.stringify(results));
