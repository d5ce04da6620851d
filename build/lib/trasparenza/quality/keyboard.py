"""The keyboard walk: what a person with a keyboard meets, Tab after Tab, at 1280 and 320 px.

Every Tab stop must be visible (non-zero size, inside the viewport, not transparent, not covered
by something else), show a focus indicator and have a name. At 320 px the menu and the search
must open from the keyboard (Enter and Space), take the focus, keep it while open, close with
Escape and give the focus back to the button that opened them. Problems come back as Italian
sentences.
"""

from __future__ import annotations

from trasparenza.quality.engines import DESCRIBE_JS
from trasparenza.italian import quantity

MAX_STOPS = 600  # a page with more Tab stops than this is itself a problem

# Wait for running transitions (a panel sliding in, the skip link fading in), then two frames so
# scroll handlers (the sidebar fitted to the viewport) have run; at most 1 s.
SETTLE_JS = """window.SETTLE = () => Promise.race([
  Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))
    .then(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))),
  new Promise(resolve => setTimeout(resolve, 1000))]);
window.SETTLE_KEY = () => {
  // After a Tab: the two frames are for the scroll handlers, so one is enough when the page did not
  // scroll (moving the focus scrolls at once) and nothing is moving.
  const at = scrollX + ',' + scrollY, still = at === window.__tpAt && !document.getAnimations().length;
  window.__tpAt = at;
  return still ? new Promise(resolve => requestAnimationFrame(resolve)) : SETTLE();
};"""

# State of the focused element, right after a key press.
FOCUS_JS = """async () => {
  await SETTLE_KEY();
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const describe = window.__tpDescribe || (e => e.tagName.toLowerCase());
  const text = s => (s || '').replace(/\\s+/g, ' ').trim();
  let name = '';
  const labelledby = el.getAttribute('aria-labelledby');
  if (labelledby) name = labelledby.split(/\\s+/).map(id => text(document.getElementById(id)?.textContent)).join(' ');
  if (!text(name)) name = el.getAttribute('aria-label') || '';
  if (!text(name) && el.labels && el.labels.length) name = [...el.labels].map(l => l.textContent).join(' ');
  if (!text(name)) name = el.innerText || el.textContent || '';
  if (!text(name)) name = [...el.querySelectorAll('img[alt]')].map(i => i.alt).join(' ');
  if (!text(name)) name = el.getAttribute('title') || '';
  const r = el.getBoundingClientRect();
  const w = window.innerWidth, h = window.innerHeight;
  const left = Math.max(r.left, 0), right = Math.min(r.right, w), top = Math.max(r.top, 0), bottom = Math.min(r.bottom, h);
  const inside = right - left >= 1 && bottom - top >= 1;
  let opacity = 1;
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
  const s = getComputedStyle(el);
  const shown = el.checkVisibility({visibilityProperty: true}) && s.visibility === 'visible';
  let covered = null;
  if (inside) {
    const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
    if (hit && hit !== el && !el.contains(hit) && !hit.contains(el)) covered = describe(hit);
  }
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  return {el: describe(el), name: text(name).slice(0, 80), width: r.width, height: r.height, inside,
          opacity, shown, covered, indicator: outline || shadow,
          drawer: !!el.closest('.md-sidebar--primary'), search: !!el.closest('.md-search__inner')};
}"""


def stop_problems(state: dict, where: str) -> list[str]:
    """What is wrong with one Tab stop, in Italian."""
    found = []
    what = f"{where}: tasto Tab su «{state['el']}»"
    if state["width"] < 1 or state["height"] < 1:
        found.append(f"{what}: l'elemento non ha dimensioni (invisibile)")
    elif not state["inside"]:
        found.append(f"{what}: l'elemento è fuori dallo schermo")
    elif not state["shown"] or state["opacity"] < 0.1:
        found.append(f"{what}: l'elemento è trasparente o nascosto")
    elif state["covered"]:
        found.append(f"{what}: l'elemento è coperto da «{state['covered']}»")
    elif not state["indicator"]:
        found.append(f"{what}: manca l'indicatore del focus")
    if not state["name"]:
        found.append(f"{what}: l'elemento non ha un nome accessibile")
    return found


async def _open(page, url: str) -> None:
    await page.goto(url, wait_until="load")
    await page.evaluate(DESCRIBE_JS)
    await page.evaluate(SETTLE_JS)


async def _press(page, key: str) -> dict | None:
    await page.keyboard.press(key)
    return await page.evaluate(FOCUS_JS)


async def walk(page, url: str, where: str) -> tuple[list[str], list[dict]]:
    """Tab from the top of a freshly loaded page until the focus leaves the page."""
    await _open(page, url)
    problems: list[str] = []
    stops: list[dict] = []
    for _ in range(MAX_STOPS):
        state = await _press(page, "Tab")
        if state is None:
            break
        stops.append(state)
        problems += stop_problems(state, where)
    else:
        problems.append(f"{where}: più di {MAX_STOPS} fermate del tasto Tab, la pagina non finisce mai")
    if len(stops) < 3:
        problems.append(f"{where}: solo {quantity(len(stops), 'elemento raggiungibile', 'elementi raggiungibili')} con il tasto Tab")
    return problems, stops


async def _tab_to(page, selector: str, limit: int = 30) -> dict | None:
    for _ in range(limit):
        state = await _press(page, "Tab")
        if state is None:
            return None
        if await page.evaluate("s => document.activeElement.matches(s)", selector):
            return state
    return None


async def _panel(page, button: str, panel: str) -> dict:
    return await page.evaluate(
        """async ([button, panel]) => {
          await SETTLE();
          const b = document.querySelector(button), p = document.querySelector(panel);
          return {expanded: b && b.getAttribute('aria-expanded'), focusIn: !!(p && p.contains(document.activeElement)),
                  onButton: document.activeElement === b,
                  shown: !!(p && p.checkVisibility({visibilityProperty: true, opacityProperty: true}))};
        }""", [button, panel])


async def check_toggle(page, url: str, where: str, what: str, button: str, panel: str, inside: str,
                       inner_stops: int) -> list[str]:
    """Open a panel (menu, search) from the keyboard with Enter and with Space, walk into it, close it
    with Escape: focus goes in and comes back, and nothing outside is reachable while it is open."""
    problems: list[str] = []
    for key in ("Enter", " "):
        key_name = "Invio" if key == "Enter" else "Spazio"
        await _open(page, url)
        if await _tab_to(page, button) is None:
            return [f"{where}: il pulsante del {what} non si raggiunge con il tasto Tab"]
        state = await _panel(page, button, panel)
        if state["expanded"] != "false" or state["shown"]:
            problems.append(f"{where}: {what} chiuso ma non dichiarato tale (aria-expanded={state['expanded']})")
        await page.keyboard.press(key)
        state = await _panel(page, button, panel)
        if state["expanded"] != "true" or not state["shown"]:
            problems.append(f"{where}: il tasto {key_name} non apre il {what}")
            continue
        if not state["focusIn"]:
            problems.append(f"{where}: aperto il {what}, il focus non vi entra")
        for _ in range(inner_stops):
            focused = await _press(page, "Tab")
            if focused is None:  # past the last control: the browser's own, then back into the page
                focused = await _press(page, "Tab")
            if focused is None:
                problems.append(f"{where}: con il {what} aperto il tasto Tab non torna nel {what}")
                break
            problems += stop_problems(focused, f"{where} ({what} aperto)")
            if not focused[inside]:
                problems.append(f"{where}: con il {what} aperto il tasto Tab raggiunge «{focused['el']}», fuori dal {what}")
                break
        await page.keyboard.press("Escape")
        state = await _panel(page, button, panel)
        if state["expanded"] != "false" or state["shown"]:
            problems.append(f"{where}: il tasto Esc non chiude il {what}")
        elif not state["onButton"]:
            problems.append(f"{where}: chiuso il {what}, il focus non torna al pulsante che lo ha aperto")
    return problems
