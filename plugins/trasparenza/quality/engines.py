"""The three accessibility engines run on every page: axe-core, HTML_CodeSniffer and IBM Equal Access.

Each engine is a JavaScript file injected into the page (no network: axe-core ships inside the
axe-playwright-python package, the other two come from the npm registry into `node_modules/`,
installed by the Makefile). Every engine's output is normalised to the same shape:
{motore, regola, descrizione, impatto, elementi} — `violazioni` fail the gate, `da_verificare`
(warnings, potential findings, incomplete checks) go to the report for a person to review; axe's
incomplete checks fail the gate too unless accepted reason by reason (falsi_positivi.yaml).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@dataclass(frozen=True)
class Engine:
    key: str
    name: str
    standard: str
    package: str          # where it comes from, for the message when it is missing
    relative: str         # file inside node_modules (empty: inside a Python package)
    run_js: str           # an async function (views) => {violazioni: [...], da_verificare: [...]}


# Shared by the engines' scripts: a short, readable selector for an element.
DESCRIBE_JS = """
window.__tpDescribe = window.__tpDescribe || function (el) {
  if (!el || el.nodeType !== 1) return String(el && el.nodeName || '?').toLowerCase();
  const parts = [];
  for (let node = el; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
    let part = node.tagName.toLowerCase();
    if (node.id) { parts.unshift(part + '#' + node.id); break; }
    const classes = [...node.classList].slice(0, 2);
    if (classes.length) part += '.' + classes.join('.');
    parts.unshift(part);
  }
  return parts.join(' > ');
};
"""

# No CSS selectors, ancestry or XPath for every node checked (a quarter of axe's time): the few elements found
# are described as the other engines' are, from their references.
AXE_JS = """async tags => {
  // axe parses the same few colour strings millions of times on a page (a third of its time): a string always
  // gives the same colour, so the parse is remembered per string. Failures are not remembered (they throw and
  // are reported as before): the same findings, compared page by page on four sites in four views.
  const Color = axe.commons.color.Color;
  if (!Color.prototype.__tpRicordato) {
    const parse = Color.prototype.parseString, known = new Map();
    Color.prototype.parseString = function (text) {
      const seen = known.get(text);
      if (seen) { this.r = seen[0]; this.g = seen[1]; this.b = seen[2]; this.alpha = seen[3]; return this; }
      parse.call(this, text);
      known.set(text, [this.r, this.g, this.b, this.alpha]);
      return this;
    };
    Color.prototype.__tpRicordato = true;
  }
  const outcome = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations', 'incomplete'],
                                           selectors: false, ancestry: false, xpath: false, elementRef: true});
  const shape = v => ({motore: 'axe', regola: v.id, descrizione: v.help, impatto: v.impact || null,
                       elementi: v.nodes.slice(0, 10).map(n => window.__tpDescribe(n.element))});
  // What axe leaves to a person, one finding per reason it gives (its message key: «imgNode», «bgOverlap»…),
  // so that each reason is fixed or accepted on its own (falsi_positivi.yaml).
  const review = [];
  for (const v of outcome.incomplete) {
    const reasons = new Map();
    for (const n of v.nodes) {
      const check = [...n.any, ...n.all, ...n.none][0] || {};
      const key = (check.data && check.data.messageKey) || check.id || '';
      if (!reasons.has(key)) reasons.set(key, {motore: 'axe', regola: v.id, causa: key,
          descrizione: v.help + (check.message ? ' – ' + check.message : ''), impatto: 'da verificare', elementi: []});
      const item = reasons.get(key);
      if (item.elementi.length < 10) item.elementi.push(window.__tpDescribe(n.element));
    }
    review.push(...reasons.values());
  }
  return {violazioni: outcome.violations.map(shape), da_verificare: review};
}"""

HTMLCS_JS = """() => new Promise(resolve => HTMLCS.process('WCAG2AA', document, () => {
  const groups = {violazioni: new Map(), da_verificare: new Map()};
  for (const m of HTMLCS.getMessages()) {
    if (m.type !== 1 && m.type !== 2) continue;  // 3 = notice: reminders, not findings
    const bucket = groups[m.type === 1 ? 'violazioni' : 'da_verificare'];
    const key = m.code;
    if (!bucket.has(key)) bucket.set(key, {motore: 'htmlcs', regola: m.code.replace(/^WCAG2AA\\./, ''),
        descrizione: m.msg, impatto: m.type === 1 ? 'errore' : 'avviso', elementi: []});
    const item = bucket.get(key);
    if (item.elementi.length < 10) item.elementi.push(window.__tpDescribe(m.element));
  }
  resolve({violazioni: [...groups.violazioni.values()], da_verificare: [...groups.da_verificare.values()]});
}))"""

IBM_JS = """async () => {
  window.__tpAce = window.__tpAce || new ace.Checker();
  // While IBM checks (no page script runs in between, IBM changes no attribute), Element.matches(selector) for
  // an element of this document is answered from one querySelectorAll per selector: the same answers, a
  // fourteenth of IBM's time on a long page (the same findings on 240 page-views compared one by one).
  const proto = Element.prototype, matches = proto.matches, sets = new Map();
  proto.matches = function (selector) {
    if (this.getRootNode() !== document) return matches.call(this, selector);
    let set = sets.get(selector);
    if (set === undefined) {
      try { set = new Set(document.querySelectorAll(selector)); } catch (e) { set = null; }
      sets.set(selector, set);
    }
    return set === null ? matches.call(this, selector) : set.has(this);
  };
  let report;
  try { report = await window.__tpAce.check(document, ['IBM_Accessibility']); } finally { proto.matches = matches; }
  const groups = {violazioni: new Map(), da_verificare: new Map()};
  for (const r of report.results) {
    const [category, outcome] = r.value;
    let bucket = null;
    if (category === 'VIOLATION' && outcome === 'FAIL') bucket = groups.violazioni;
    else if ((category === 'VIOLATION' && outcome === 'POTENTIAL') ||
             (category === 'RECOMMENDATION' && (outcome === 'FAIL' || outcome === 'POTENTIAL'))) bucket = groups.da_verificare;
    if (!bucket) continue;
    const key = r.ruleId + '/' + r.reasonId;
    if (!bucket.has(key)) bucket.set(key, {motore: 'ibm', regola: r.ruleId, descrizione: r.message,
        impatto: category === 'VIOLATION' ? (outcome === 'FAIL' ? 'violazione' : 'potenziale') : 'raccomandazione',
        elementi: []});
    const item = bucket.get(key);
    if (item.elementi.length < 10) {
      let el = null;
      try { el = document.evaluate(r.path.dom, document, null, 9, null).singleNodeValue; } catch (e) {}
      item.elementi.push(el ? window.__tpDescribe(el) : r.path.dom);
    }
  }
  return {violazioni: [...groups.violazioni.values()], da_verificare: [...groups.da_verificare.values()]};
}"""

ENGINES = [
    Engine("axe", "axe-core", "WCAG 2.1 A e AA e buone pratiche", "pacchetto Python axe-playwright-python", "",
           AXE_JS),
    Engine("htmlcs", "HTML_CodeSniffer", "WCAG2AA, errori", "pacchetto npm html_codesniffer",
           "html_codesniffer/build/HTMLCS.js", HTMLCS_JS),
    Engine("ibm", "IBM Equal Access", "IBM_Accessibility, violazioni", "pacchetto npm accessibility-checker-engine",
           "accessibility-checker-engine/ace.js", IBM_JS),
]


class EngineMissing(FileNotFoundError):
    pass


def node_modules_candidates() -> list[Path]:
    """Where the npm engines may be: $TRASPARENZA_NODE_MODULES, the current folder and its parents,
    the project this package was installed from (editable install)."""
    found = []
    if os.environ.get("TRASPARENZA_NODE_MODULES"):
        found.append(Path(os.environ["TRASPARENZA_NODE_MODULES"]))
    here = Path.cwd().resolve()
    found += [folder / "node_modules" for folder in (here, *here.parents)]
    found.append(Path(__file__).resolve().parents[3] / "node_modules")
    return found


def source(engine: Engine) -> str:
    if not engine.relative:
        import axe_playwright_python

        return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    for folder in node_modules_candidates():
        candidate = folder / engine.relative
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise EngineMissing(
        f"Motore di verifica {engine.name} non trovato (node_modules/{engine.relative}, {engine.package}): "
        "esegui «make test» oppure «npm install --ignore-scripts» nella cartella del progetto, "
        "o indica la cartella node_modules in TRASPARENZA_NODE_MODULES.")


def sources() -> dict[str, str]:
    """Every engine's script, read once per run (about 1.4 MB in all)."""
    return {engine.key: source(engine) for engine in ENGINES}
