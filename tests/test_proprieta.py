"""Property-based tests: no input crashes the loader, the value parsers or the validation;
valid data survives a round trip through YAML."""

from __future__ import annotations

import string
from datetime import date

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from conftest import write_site

from trasparenza.loading import reader as loader
from trasparenza.model import Obiettivo
from trasparenza.model.types import parse_date, parse_deadline, parse_percent
from trasparenza.checks.validate import load_plan

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
anything = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(),
                     st.dates(), st.lists(st.integers(), max_size=3))


@FAST
@given(st.text(max_size=400))
def test_loader_never_crashes_on_any_text(text):
    document, issues = loader.parse(text, "data/prova.yaml")
    assert (document is None) == bool(issues)
    for issue in issues:
        assert issue.file == "data/prova.yaml" and issue.line >= 1 and issue.column >= 1 and issue.message


yaml_like = st.text(alphabet=string.printable + "àèéìòù«»–…\t", max_size=300)


@FAST
@given(yaml_like)
def test_loader_never_crashes_on_yaml_looking_text(text):
    document, issues = loader.parse(text, "f.yaml")
    assert (document is None) == bool(issues)


def _outcome(result):
    document, issues = result
    return (document.data, document.values, document.keys) if document else [i.format() for i in issues]


# libyaml accepts tabs as separation where PyYAML refuses them (YAML allows them there), and reads a bare
# «!» tag or a «?» key slightly differently: the comparison leaves those three characters out.
@FAST
@given(st.one_of(st.text(alphabet=string.printable.replace("\t", "").replace("!", "").replace("?", "") + "àèé«»–…",
                         max_size=300), st.recursive(st.text(max_size=20), lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)), max_leaves=12).map(
    lambda value: yaml.safe_dump(value, allow_unicode=True))))
def test_libyaml_composer_reads_as_the_pure_python_one(text):
    """The fast path (libyaml) and the pure-Python composer agree on data, lines, columns and errors."""
    fast = loader._parse_fast(text, "f.yaml")
    if fast is not None:
        assert _outcome(fast) == _outcome(loader._parse_python(text, "f.yaml"))


@FAST
@given(anything)
def test_value_parsers_accept_or_explain(value):
    for parser in (parse_percent, parse_date, parse_deadline):
        try:
            parser(value)
        except PydanticCustomError as error:
            assert error.message()  # an Italian explanation, never a crash


@FAST
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_dates_round_trip_in_every_written_form(day):
    for text in (day.strftime("%d/%m/%Y"), day.strftime("%d.%m.%Y"), day.isoformat()):
        assert parse_date(text) == day
        assert parse_deadline(text) == day


@FAST
@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_percentages_round_trip_with_comma_or_point(value):
    for text in (f"{value}%", f"{value}".replace(".", ",") + "%", f"{value}"):
        assert abs(parse_percent(text) - float(value)) < 1e-9


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))
structures = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                           st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                          max_leaves=20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(structures, st.sampled_from(["ente.yaml", "piano.yaml", "struttura.yaml", "obiettivi/area-servizi.yaml",
                                    "azioni-positive.yaml", "accessibilita.yaml", "variazioni.yaml"]))
def test_validation_never_crashes_on_any_structure(tmp_path_factory, value, target):
    root = write_site(tmp_path_factory.mktemp("p") / "s")
    (root / "data" / target).write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    plan, issues = load_plan(root / "data", root, date(2026, 11, 22))
    assert plan is not None or issues
    assert all(issue.message and issue.line >= 1 for issue in issues)


slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).map(str.strip) \
    .filter(bool)
phase = st.fixed_dictionaries({"descrizione": text}, optional={
    "codice": text, "incidenza": st.integers(0, 100), "scadenza": st.dates(date(2024, 1, 1), date(2026, 12, 31)),
    "responsabili": text})
indicator = st.fixed_dictionaries({"nome": text}, optional={
    "tipo": st.sampled_from(["quantità", "tempo", "costo", "qualità"]), "valore_atteso": text, "unita": text})
objective = st.fixed_dictionaries({"id": slug, "titolo": text, "struttura": slug}, optional={
    "codice": text, "finalita": text, "descrizione": text, "peso": st.integers(0, 100),
    "fasi": st.lists(phase, max_size=4), "indicatori": st.lists(indicator, max_size=4), "vincoli": text})


@FAST
@given(objective)
def test_valid_objectives_round_trip_through_yaml(data):
    dumped = yaml.safe_dump({"obiettivi": [data]}, allow_unicode=True, sort_keys=False,
                            default_style=None).replace("!!python", "")
    document, issues = loader.parse(dumped, "f.yaml")
    assert not issues, [i.format() for i in issues]
    parsed = Obiettivo.model_validate(document.data["obiettivi"][0])
    expected = Obiettivo.model_validate(data)
    assert parsed.model_dump() == expected.model_dump()


@FAST
@given(st.text(alphabet=string.printable + "àèéìòù’«»—\u00a0", max_size=200))
def test_plain_text_shortcut_agrees_with_markdown(value):
    """plain() skips Markdown for text without its marks: the result must be what Markdown would give."""
    import html as html_module
    import re

    import nh3

    from trasparenza.render import text
    from trasparenza.model.types import Prosa

    expected = re.sub(r"\s+", " ", html_module.unescape(nh3.clean(text._markdown(value), tags=set()))).strip()
    assert text.plain(Prosa(value)) == expected


@FAST
@given(st.text(alphabet=string.ascii_letters + " \n.,;:'\"()àèé’«»—\u00a0" + string.digits, max_size=200))
def test_prose_without_marks_renders_as_markdown_would(value):
    """Prose without Markdown marks skips the parser: block and inline HTML must be what Markdown gives."""
    from trasparenza.render import text

    if text._simple_paragraphs(value) is None:
        return
    expected_block = text._TABLE.sub(text._table_with_caption(),
                                     text._ListFixer.fix(text._clean(text._markdown(value), text.BLOCK_TAGS)))
    assert text._block.__wrapped__(value, 2) == expected_block
    rendered = text._LINE_CONVERTER.reset().convert(value).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    assert text._line.__wrapped__(value) == text._clean(rendered, text.INLINE_TAGS)
