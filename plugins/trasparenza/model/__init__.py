"""The data model: pydantic v2 classes, the single source of truth for data/ files."""

from .accessibilita import DichiarazioneAccessibilita, ObiettiviAccessibilita
from .azioni import AreaAzioniPositive, AzioneMiglioramento, AzionePositiva, PianoAzioniPositive
from .documenti import FileAzioniMiglioramento, FileObiettivi, FileStruttura, FileValorePubblico, Piao, Sito
from .ente import ENTE_NON_INDICATO, Atto, Ente, Piano
from .obiettivi import Fase, Indicatore, Obiettivo
from .rischi import AreaRischio, FileAreeRischio, FileMisure, FileObblighi, FileRischi, Misura, Obbligo, Processo, Rischio
from .struttura import Incarico, Struttura
from .testi import AzioniAccessibilita, Sezione
from .trasparenza import AmministrazioneTrasparente, Rinvio
from .types import Nodo, Origin
from .valore_pubblico import Indirizzo, ObiettivoStrategico
from .variazioni import AttoVariazione, FileVariazioni, Modifica

__all__ = [name for name in dir() if not name.startswith("_")]
