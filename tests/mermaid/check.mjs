// Reads one Mermaid diagram on stdin and parses it with Mermaid's own parser.
// Prints "ok <diagram type>" and exits 0, or prints the parser's error and exits 1.
// Mermaid expects a browser; jsdom stands in for one (parsing needs no layout).
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.DOMParser = dom.window.DOMParser;
globalThis.Element = dom.window.Element;

const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
const text = readFileSync(0, 'utf8');
try {
  const result = await mermaid.parse(text);
  console.log(`ok ${result.diagramType}`);
} catch (error) {
  console.log(`error ${error.message}`);
  process.exit(1);
}
