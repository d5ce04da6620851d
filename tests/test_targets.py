"""Targets and values as offices write them: parsing (property-based) and the status of a rilevazione."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trasparenza.analysis.results import (IN_CORSO, NON_RAGGIUNTO, NON_VALUTABILE, PARZIALE, RAGGIUNTO, evaluate)
from trasparenza.analysis.targets import MESI, numero, parse_target, parse_value
from trasparenza.italian import number as formato_numero

JULY, DECEMBER = date(2024, 7, 31), date(2024, 12, 31)


@pytest.mark.parametrize("text, kind, operator, value, extra", [
    ("≥ 90%", "confronto", ">=", 90, {"percentuale": True}),
    ("100%", "confronto", ">=", 100, {"percentuale": True}),
    ("Min 9/anno", "confronto", ">=", 9, {"unita": "/anno"}),
    ("4.000 / 8", "confronto", ">=", 4000, {"divisore": 8}),
    ("superiore a 7 su 10", "confronto", ">", 7, {"unita": "su 10"}),
    ("≤ 30 giorni (fatti salvi i diversi termini previsti dalle norme)", "confronto", "<=", 30, {"unita": "giorni"}),
    ("12.000,00 €", "confronto", ">=", 12000, {"unita": "€"}),
    ("% > 75", "confronto", ">", 75, {"percentuale": True}),
    ("N° tavoli di lavoro convocati > 3", "confronto", ">", 3, {}),
    (">2 all'anno", "confronto", ">", 2, {"unita": "all'anno"}),
    ("almeno 1", "confronto", ">=", 1, {}),
    ("1.000,5", "confronto", ">=", 1000.5, {}),
])
def test_quantities_and_comparisons_as_written(text, kind, operator, value, extra):
    target = parse_target(text)
    assert (target.tipo, target.operatore, target.quantita.valore) == (kind, operator, value)
    for name, expected in extra.items():
        assert getattr(target.quantita, name) == expected
    assert target.testo == text  # the original text stays for display


@pytest.mark.parametrize("text, deadline", [
    ("entro il 30/09/2024", date(2024, 9, 30)),
    ("Entro il 30.09.2024", date(2024, 9, 30)),
    ("31 Dicembre 2024", date(2024, 12, 31)),
    ("Tempo previsto 30 Giugno 2024", date(2024, 6, 30)),
    ("Entro 31.12.2024", date(2024, 12, 31)),
    ("30/04/2023", date(2023, 4, 30)),
])
def test_deadlines(text, deadline):
    target = parse_target(text)
    assert target.tipo == "scadenza" and target.scadenza == deadline


def test_a_month_without_year_takes_the_year_measured():
    target = parse_target("entro novembre")
    assert target.tipo == "scadenza" and target.scadenza is None
    assert target.scadenza_nel(2024) == date(2024, 11, 30)


@pytest.mark.parametrize("text", ["Entro i termini previsti da portale PA Digitale 2026", "Termine anno scolastico 2023-2024",
                                  "Rispetto dei termini indicati nel cronoprogramma", "", "Ottobre – Dicembre 2024"])
def test_what_cannot_be_compared_stays_text(text):
    assert parse_target(text).tipo == "testo"
    assert evaluate(parse_target(text), parse_value("100%"), DECEMBER).stato == NON_VALUTABILE


@pytest.mark.parametrize("text, yes", [("Sì", True), ("SI", True), ("si", True), ("No", False)])
def test_yes_and_no(text, yes):
    assert parse_target(text).si is yes


# --- properties over the shapes offices write ---

amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False).map(float)
SYMBOLS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<"}
WORDS = {"almeno": ">=", "superiore a": ">", "inferiore a": "<", "non inferiore a": ">=", "non superiore a": "<=",
         "massimo": "<=", "Min": ">=", "max": "<="}
UNITS = ["", "%", " %", " giorni", " €", "/anno", " su 10", " ore"]


@given(amounts)
def test_italian_numbers_round_trip(value):
    assert numero(formato_numero(value, 2)) == pytest.approx(value)


@given(amounts, st.sampled_from(sorted(SYMBOLS)), st.sampled_from(UNITS), st.booleans())
def test_any_symbol_number_and_unit(value, symbol, unit, space):
    text = f"{symbol}{' ' if space else ''}{formato_numero(value, 2)}{unit}"
    target = parse_target(text)
    assert target.tipo == "confronto", text
    assert target.operatore == SYMBOLS[symbol]
    assert target.quantita.valore == pytest.approx(value)
    assert target.quantita.percentuale == ("%" in unit)


@given(amounts, st.sampled_from(sorted(WORDS)), st.sampled_from(UNITS))
def test_any_word_number_and_unit(value, words, unit):
    target = parse_target(f"{words} {formato_numero(value)}{unit}")
    assert (target.tipo, target.operatore) == ("confronto", WORDS[words])
    assert target.quantita.valore == pytest.approx(value, abs=0.01)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["", "entro il ", "Entro ", "Tempo previsto ", "entro "]),
       st.sampled_from(["{d:02d}/{m:02d}/{y}", "{d}.{m}.{y}", "{d} {mese} {y}", "{d} {Mese} {y}"]))
def test_any_deadline(when, prefix, shape):
    text = prefix + shape.format(d=when.day, m=when.month, y=when.year, mese=MESI[when.month - 1],
                                 Mese=MESI[when.month - 1].capitalize())
    target = parse_target(text)
    assert (target.tipo, target.scadenza) == ("scadenza", when), text


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_any_text_is_a_target_never_an_error(text):
    target = parse_target(text)
    assert target.tipo in ("confronto", "scadenza", "si_no", "testo")
    assert target.testo == text
    value = parse_value(text)
    assert evaluate(target, value, DECEMBER).stato in (RAGGIUNTO, PARZIALE, NON_RAGGIUNTO, IN_CORSO, NON_VALUTABILE)


@given(st.floats(min_value=1, max_value=10**6), st.floats(min_value=0, max_value=3))
def test_status_follows_the_target(target_value, ratio):
    target = parse_target(f"≥ {formato_numero(target_value, 2)}")
    reached = target.quantita.valore * ratio
    value = parse_value(formato_numero(reached, 2))
    at_year_end = evaluate(target, value, DECEMBER).stato
    midyear = evaluate(target, value, JULY).stato
    if value.quantita.valore >= target.quantita.valore:
        assert at_year_end == midyear == RAGGIUNTO
    else:
        assert midyear == IN_CORSO
        assert at_year_end == (PARZIALE if value.quantita.valore >= target.quantita.valore / 2 else NON_RAGGIUNTO)


def test_deadlines_and_completion_dates():
    target = parse_target("entro il 30/09/2024")
    assert evaluate(target, parse_value("No"), JULY).stato == IN_CORSO
    assert evaluate(target, parse_value("No"), DECEMBER).stato == NON_RAGGIUNTO
    # Nothing written is a measurement still to come, never a result.
    assert evaluate(target, parse_value(""), DECEMBER).stato == NON_VALUTABILE
    assert not parse_value("").rilevato
    assert evaluate(target, parse_value("25/09/2024"), DECEMBER).stato == RAGGIUNTO
    late = evaluate(target, parse_value("10/10/2024"), DECEMBER)
    assert (late.stato, late.scostamento) == (PARZIALE, "10 giorni dopo la scadenza")


def test_scostamento_in_italian():
    esito = evaluate(parse_target("≥ 90%"), parse_value("87,5%"), DECEMBER)
    assert (esito.stato, esito.scostamento) == (PARZIALE, "−2,5 punti percentuali")
    esito = evaluate(parse_target("≤ 30 giorni", "<="), parse_value("27 giorni"), JULY)
    assert (esito.stato, esito.scostamento) == (RAGGIUNTO, "−3 giorni")
    assert formato_numero(1000.5) == "1.000,5" and formato_numero(12000) == "12.000"


@pytest.mark.parametrize("target, value, status", [
    ("≥ 7/10", "8/10", RAGGIUNTO),            # a ratio, not 8 October
    ("2.5", "2.7", RAGGIUNTO),                 # a decimal point, not 2 May
    ("-10%", "-12%", RAGGIUNTO),               # a reduction: at least that low
    ("-10%", "-5%", NON_RAGGIUNTO),
    ("100", "100%", RAGGIUNTO),                # a phase's «100» against «100%»
    ("entro il 30/09/2024", "Sì", NON_VALUTABILE),  # done, but when? never an invented delay
])
def test_shapes_that_once_misled(target, value, status):
    assert evaluate(parse_target(target, anno=2024), parse_value(value, 2024), DECEMBER).stato == status


def test_a_percentage_on_a_time_indicator_is_still_at_least():
    from trasparenza.model import Indicatore
    from trasparenza.analysis.results import target_for
    rispetto = Indicatore(nome="% Rispetto fasi e tempi", tipo="tempo", valore_atteso="100%")
    assert target_for(rispetto, DECEMBER).operatore == ">="
    giorni = Indicatore(nome="Tempo medio", tipo="tempo", valore_atteso="30 giorni")
    assert target_for(giorni, DECEMBER).operatore == "<="


def test_phases_weighing_nothing_give_no_progress():
    from trasparenza.model import Obiettivo
    from trasparenza.analysis.results import progress
    obiettivo = Obiettivo.model_validate({"id": "o", "titolo": "O", "struttura": "s", "fasi": [
        {"codice": "1", "descrizione": "a", "incidenza": 0, "rilevazioni": [{"data": "31/12/2024", "raggiunto": "50%"}]}]})
    assert progress(obiettivo, DECEMBER) is None
