"""argparse in Italian: usage, help and error messages of the `trasparenza` command.

argparse marks every text it prints for translation and looks each one up through the
module's ``_`` and ``ngettext`` when it is needed; ``italiano()`` supplies the Italian
catalogue for the duration of a ``with`` block (building the parser and parsing).
Texts of other Python versions that are not listed stay as argparse writes them.
"""

from __future__ import annotations

import argparse
from contextlib import contextmanager
from typing import Iterator

CATALOGO = {
    "usage: ": "uso: ",
    "positional arguments": "argomenti",
    "options": "opzioni",
    "optional arguments": "opzioni",
    "show this help message and exit": "mostra questo aiuto ed esce",
    "%(prog)s: error: %(message)s\n": "%(prog)s: errore: %(message)s\n",
    "the following arguments are required: %s": "mancano questi argomenti: %s",
    "unrecognized arguments: %s": "argomenti non riconosciuti: %s",
    "argument %(argument_name)s: %(message)s": "argomento %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "scelta non valida: %(value)r (scegli tra %(choices)s)",
    "expected one argument": "serve un valore",
    "expected at most one argument": "al massimo un valore",
    "expected at least one argument": "serve almeno un valore",
    "ambiguous option: %(option)s could match %(matches)s": "opzione ambigua: %(option)s può indicare %(matches)s",
    "not allowed with argument %s": "non si può usare insieme a %s",
    "ignored explicit argument %r": "valore %r ignorato",
    "invalid %(type)s value: %(value)r": "valore non valido: %(value)r",
    "one of the arguments %s is required": "serve uno di questi argomenti: %s",
    "unexpected option string: %s": "opzione inattesa: %s",
    "can't open '%(filename)s': %(error)s": "impossibile aprire «%(filename)s»: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "comando sconosciuto %(parser_name)r (scegli tra %(choices)s)",
}
PLURALI = {
    ("expected %s argument", "expected %s arguments"): ("serve %s valore", "servono %s valori"),
}


def _(text: str) -> str:
    return CATALOGO.get(text, text)


def _ngettext(singular: str, plural: str, n: int) -> str:
    it = PLURALI.get((singular, plural))
    if it is None:
        return singular if n == 1 else plural
    return it[0] if n == 1 else it[1]


@contextmanager
def italiano() -> Iterator[None]:
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved
