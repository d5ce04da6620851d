"""The files of a data folder: which part of the plan each holds, with its model."""

from __future__ import annotations

from pydantic import BaseModel

from . import (
    AmministrazioneTrasparente,
    AzioniAccessibilita,
    DichiarazioneAccessibilita,
    Ente,
    FileAzioniMiglioramento,
    FileMisure,
    FileObblighi,
    FileObiettivi,
    FileRischi,
    FileStruttura,
    FileValorePubblico,
    FileVariazioni,
    ObiettiviAccessibilita,
    Piano,
    FileAreeRischio,
    PianoAzioniPositive,
    Sezione,
)

# file name -> (attribute of Piao, model)
FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "ente.yaml": ("ente", Ente),
    "piano.yaml": ("piano", Piano),
    "struttura.yaml": ("strutture", FileStruttura),
    "valore-pubblico.yaml": ("valore_pubblico", FileValorePubblico),
    "azioni-positive.yaml": ("azioni_positive", PianoAzioniPositive),
    "azioni-miglioramento.yaml": ("azioni_miglioramento", FileAzioniMiglioramento),
    "accessibilita-azioni.yaml": ("accessibilita", AzioniAccessibilita),
    "variazioni.yaml": ("variazioni", FileVariazioni),
    "accessibilita.yaml": ("dichiarazione", DichiarazioneAccessibilita),
    "obiettivi-accessibilita.yaml": ("obiettivi_accessibilita", ObiettiviAccessibilita),
    "trasparenza.yaml": ("trasparenza", AmministrazioneTrasparente),
    "rischi-corruttivi.yaml": ("rischi", FileRischi),
    "aree-rischio.yaml": ("aree_rischio", FileAreeRischio),
    "misure-prevenzione.yaml": ("misure", FileMisure),
    "obblighi-pubblicazione.yaml": ("obblighi", FileObblighi),
}
# folder -> (attribute of Piao, model of each file); files are read in name order
FOLDERS: dict[str, tuple[str, type[BaseModel]]] = {
    "obiettivi": ("obiettivi", FileObiettivi),
    "sezioni": ("sezioni", Sezione),
}
REQUIRED = ("ente.yaml", "piano.yaml")

PLANS_DIR = "piani"
# Written once for the whole site when the data holds several plans (data/piani/<triennio>/).
SHARED = ("ente.yaml", "accessibilita.yaml", "obiettivi-accessibilita.yaml", "trasparenza.yaml")
