"""What each file in data/ holds, and the whole plan assembled from them.

One model per kind of file keeps error paths short and lets the JSON Schema for
editors be offered file by file.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .accessibilita import DichiarazioneAccessibilita, ObiettiviAccessibilita
from .azioni import AzioneMiglioramento, PianoAzioniPositive
from .ente import DOCUMENTI, Ente, Piano
from .obiettivi import Obiettivo
from .rischi import AreaRischio, FileMisure, FileObblighi, FileRischi, Misura, Processo, Rischio
from .struttura import Struttura
from .testi import AzioniAccessibilita, Sezione
from .trasparenza import AmministrazioneTrasparente
from .types import Nodo, Riga, Slug, Testo
from .valore_pubblico import Indirizzo, ObiettivoStrategico
from .variazioni import FileVariazioni


class FileStruttura(Nodo):
    strutture: list[Struttura]


class FileValorePubblico(Nodo):
    introduzione: Testo | None = None
    indirizzi: list[Indirizzo] = Field(default_factory=list)
    conclusione: Testo | None = None


class FileObiettivi(Nodo):
    struttura: Slug | None = Field(None, description="La struttura di tutti gli obiettivi del file.")
    obiettivi: list[Obiettivo]


class FileAzioniMiglioramento(Nodo):
    titolo: Riga = "Azioni di miglioramento della salute amministrativa"
    introduzione: Testo | None = None
    azioni: list[AzioneMiglioramento]


class Piao(BaseModel):
    """The whole plan: the single object the pages are generated from."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    ente: Ente
    piano: Piano
    strutture: list[Struttura] = Field(default_factory=list)
    valore_pubblico: FileValorePubblico = Field(default_factory=FileValorePubblico)
    obiettivi: list[Obiettivo] = Field(default_factory=list)
    azioni_positive: PianoAzioniPositive | None = None
    azioni_miglioramento: FileAzioniMiglioramento | None = None
    accessibilita: AzioniAccessibilita | None = None
    sezioni: list[Sezione] = Field(default_factory=list)
    variazioni: FileVariazioni | None = None
    dichiarazione: DichiarazioneAccessibilita | None = None
    obiettivi_accessibilita: ObiettiviAccessibilita | None = None
    trasparenza: AmministrazioneTrasparente | None = None
    rischi: FileRischi | None = None
    aree_rischio: list[AreaRischio] = Field(default_factory=list)
    misure: FileMisure | None = None
    obblighi: FileObblighi | None = None

    @property
    def ha_rischi(self) -> bool:
        """Whether sottosezione 2.3 is written as data (not only as a section of text)."""
        return bool(self.rischi or self.aree_rischio or self.misure or self.obblighi)

    def processi(self) -> list[tuple[AreaRischio, Processo]]:
        return [(area, processo) for area in self.aree_rischio for processo in area.processi]

    def rischi_tutti(self) -> list[tuple[AreaRischio, Processo, Rischio]]:
        return [(area, processo, rischio) for area, processo in self.processi() for rischio in processo.rischi]

    def misure_tutte(self) -> list[Misura]:
        return list(self.misure.misure) if self.misure else []

    def obiettivi_strategici(self) -> list[tuple[Indirizzo, ObiettivoStrategico]]:
        return [(i, o) for i in self.valore_pubblico.indirizzi for o in i.obiettivi_strategici]

    def azioni_positive_tutte(self):
        if not self.azioni_positive:
            return []
        return [(area, azione) for area in self.azioni_positive.aree for azione in area.azioni]


class Sito(BaseModel):
    """Everything one site publishes: the plans of every year and what they share, written once."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    ente: Ente
    piani: list[Piao] = Field(description="I piani, dal più recente: il primo è quello in vigore.")
    dichiarazione: DichiarazioneAccessibilita | None = None
    obiettivi_accessibilita: ObiettiviAccessibilita | None = None
    trasparenza: AmministrazioneTrasparente | None = None
    multipiano: bool = Field(False, description="I dati sono in data/piani/<triennio>/ (più piani).")

    @property
    def corrente(self) -> Piao:
        return self.piani[0]

    @property
    def documento(self) -> tuple[str, str]:
        """The current plan's kind, short and full: («PIAO», «Piano integrato di attività e organizzazione (PIAO)»)."""
        piano = self.corrente.piano
        return DOCUMENTI[piano.documento][0], piano.nome_documento

    @property
    def archiviati(self) -> list[Piao]:
        return self.piani[1:]
