"""Pydantic errors in Italian, with a hint, and "forse intendevi…" for unknown keys."""

from __future__ import annotations

import difflib

from pydantic import BaseModel

from trasparenza.italian import number
from trasparenza.problems import quoted
from trasparenza.model.types import field_kind

_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("campo obbligatorio mancante", "aggiungi «{field}: …»"),
    "string_type": ("serve un testo", "scrivi un testo; per un elenco usa una voce per riga con «- »"),
    "string_too_short": ("il testo è vuoto", "scrivi un valore o togli la chiave"),
    "string_too_long": ("il testo è troppo lungo", "accorcialo"),
    "string_pattern_mismatch": ("valore non nel formato richiesto", "{pattern_hint}"),
    "int_parsing": ("serve un numero intero", "scrivi solo cifre, es. 2024"),
    "int_type": ("serve un numero intero", "scrivi solo cifre, es. 2024"),
    "int_from_float": ("serve un numero intero", "togli i decimali"),
    "float_parsing": ("serve un numero", "scrivi un numero, es. 40 o 12,5"),
    "float_type": ("serve un numero", "scrivi un numero, es. 40 o 12,5"),
    "bool_parsing": ("serve sì/no", "scrivi «true» oppure «false»"),
    "greater_than_equal": ("{valore} è troppo piccolo (il minimo è {ge})", "usa un valore tra {ge} e {le}"),
    "less_than_equal": ("{valore} è troppo grande (il massimo è {le})", "usa un valore tra {ge} e {le}"),
    "list_type": ("serve un elenco", "scrivi una voce per riga, ciascuna preceduta da «- »"),
    "dict_type": ("serve un blocco di campi «chiave: valore»", "rientra i campi sotto la chiave"),
    "model_type": ("serve un blocco di campi «chiave: valore»", "rientra i campi sotto la chiave"),
    "model_attributes_type": ("serve un blocco di campi «chiave: valore»", "rientra i campi sotto la chiave"),
    "literal_error": ("valore non ammesso", "usa uno di questi: {expected}"),
    "date_type": ("serve una data", "scrivi la data come 31/12/2024"),
    "date_parsing": ("data non valida", "scrivi la data come 31/12/2024"),
    "date_from_datetime_parsing": ("data non valida", "scrivi la data come 31/12/2024"),
    "data": ("{msg}", "scrivi la data come 31/12/2024"),
    "data_impossibile": ("{msg}", "controlla giorno e mese (es. il 31/02 non esiste)"),
    "percentuale": ("{msg}", "scrivi un numero tra 0 e 100, es. 40 oppure 40%"),
    "semplificato": ("{msg}", "togli «semplificato: true» oppure scrivi «documento: PIAO semplificato»"),
    "cronoprogramma": ("{msg}", "scrivi la quota del periodo («percentuale: 50%») oppure il segno del piano "
                                "(«segno: ×»)"),
    "peso": ("{msg}", "scrivi una percentuale tra 0 e 100 (40 oppure 40%) oppure, per un obiettivo che il piano non pesa, "
                      "«X», «propedeutico» o «non pesato»"),
    "url": ("{msg}", "scrivi l'indirizzo completo, ad esempio https://form.agid.gov.it/view/…"),
    "feedback": ("{msg}", "indica almeno un recapito: email, pec, telefono o url del modulo di segnalazione"),
    "extra_forbidden": ("campo sconosciuto «{key}»", "{suggestion}"),
    "union_tag_invalid": ("valore non ammesso", "controlla il tipo"),
}

_PATTERN_HINTS = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "usa solo lettere minuscole senza accenti, cifre e trattini, es. «settore-tributi»",
    r"^\d{4}-\d{4}$": "scrivi il triennio come 2024-2026",
}


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """Follow a pydantic error location through nested models, lists and optionals."""
    current: object = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = field.annotation
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation):
    """The type inside a field: a list's items, an optional's value (model.types.field_kind)."""
    return field_kind(annotation)[1]


def translate(error: dict, root: type[BaseModel]) -> tuple[str, str]:
    kind = error["type"]
    loc = tuple(error["loc"])
    ctx = dict(error.get("ctx") or {})
    field = str(loc[-1]) if loc else ""
    message, hint = _MESSAGES.get(kind, (None, None))
    if "input" in error and error["input"] is None and kind not in ("missing", "extra_forbidden"):
        # null is accepted where a field may be left out; here the field is required.
        return (f"«{field}» è obbligatorio: null non è ammesso qui",
                "scrivi il valore (il riferimento dei campi, schema/README.md, dice quali campi si possono lasciare a null)")
    if message is None:
        # Custom errors raised by our own validators are already Italian.
        text = error.get("msg", "valore non valido").removeprefix("Value error, ")
        return text, "correggi il valore indicato"
    fields = {"field": field, "msg": error.get("msg", ""), "key": field, "ge": 0, "le": 100,
              "valore": _as_written(error.get("input"))}
    fields.update({k: (int(v) if isinstance(v, float) and v.is_integer() else v) for k, v in ctx.items()})
    if kind == "extra_forbidden" and " " in field and error.get("input") is None:
        # «{nome: Servizi istituzionali, generali}»: the comma ended the value, the rest became a key
        return (f"«{field}» sembra la continuazione di un testo che contiene una virgola",
                "dentro le parentesi graffe { } la virgola separa i campi: racchiudi il testo tra virgolette, "
                "es. {{nome: 'Servizi istituzionali, generali e di gestione'}}".replace("{{", "{").replace("}}", "}"))
    if kind == "extra_forbidden":
        parent = _model_at(root, loc[:-1])
        known = list(parent.model_fields) if parent else []
        close = difflib.get_close_matches(field, known, n=1, cutoff=0.6)
        if close:
            fields["suggestion"] = f"forse intendevi «{close[0]}»?"
        elif known:
            fields["suggestion"] = "i campi ammessi qui sono: " + ", ".join(known)
        else:
            fields["suggestion"] = "togli questo campo"
    if kind == "string_pattern_mismatch":
        fields["pattern_hint"] = _PATTERN_HINTS.get(ctx.get("pattern", ""), "controlla il formato")
    if kind == "literal_error":
        fields["expected"] = str(ctx.get("expected", "")).replace("'", "«", 1)
        fields["expected"] = ", ".join(f"«{v.strip(chr(39))}»" for v in _literal_values(ctx.get("expected", "")))
    try:
        return message.format(**fields), hint.format(**fields)
    except (KeyError, IndexError):
        return message, hint


def _as_written(value) -> str:
    """A value as the editor wrote it, Italian style: «100,5», «40%» stays «40%»."""
    if isinstance(value, float):
        return "«" + number(value, exact=True) + "»"
    return quoted(value) if value is not None else "il valore"


def _literal_values(expected: str) -> list[str]:
    parts = expected.replace(" or ", ", ").split(", ")
    return [p.strip().strip("'") for p in parts if p.strip()]
