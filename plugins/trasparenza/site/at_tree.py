"""The part of the official «Amministrazione trasparente» tree that a PIAO feeds.

Labels are spelled exactly as in the tree of delibera ANAC 1310/2016 as ANAC's crawler reads it
(TrasparenzAI rule-service, `amministrazione-trasparente` rules): the crawler follows links whose text
holds every word of the label, level by level, from the body's home page. Legal bases are those of the
official vocabulary (italia/daf-ontologie-vocabolari-controllati, classifications-for-transparency).
"""

from __future__ import annotations

from dataclasses import dataclass

ROOT_LABEL = "Amministrazione trasparente"
ROOT_FOLDER = "amministrazione-trasparente"


@dataclass(frozen=True)
class Voce:
    id: str  # the folder in URLs; for obligations, the key of data/trasparenza.yaml «pubblicati_altrove»
    etichetta: str  # the official label, verbatim
    contenuto: str  # what the page holds, for the citizen
    base_giuridica: str | None = None
    figli: tuple[Voce, ...] = ()
    # Labels of the next level the official tree expects on this obligation's own page (in-page links).
    sottovoci: tuple[tuple[str, str], ...] = ()

    @property
    def obbligo(self) -> bool:
        return not self.figli


ALBERO: tuple[Voce, ...] = (
    Voce("disposizioni-generali", "Disposizioni Generali",
         "Il piano per la prevenzione della corruzione e della trasparenza e gli atti generali dell'ente.",
         "Art. 10 e art. 12, d.lgs. n. 33/2013", (
             Voce("piano-prevenzione-corruzione",
                  "Piano triennale per la prevenzione della corruzione e della trasparenza",
                  "Dal 2022 il piano per la prevenzione della corruzione e della trasparenza è la sottosezione 2.3 "
                  "«Rischi corruttivi e trasparenza» del PIAO (DPR 24 giugno 2022, n. 81).",
                  "Art. 10, c. 8, lett. a), d.lgs. n. 33/2013"),
             Voce("atti-generali", "Atti generali",
                  "Gli atti generali dell'ente, tra cui i documenti di programmazione strategico-gestionale.",
                  "Art. 12, c. 1 e 2, d.lgs. n. 33/2013", (
                      Voce("documenti-programmazione", "Documenti di programmazione strategico-gestionale",
                           "I documenti di programmazione strategico-gestionale dell'ente (dal 2022 il Piano integrato "
                           "di attività e organizzazione, PIAO): ogni piano pubblicato, con gli atti che lo approvano.",
                           "Art. 12, c. 1, d.lgs. n. 33/2013"),
                  )),
         )),
    Voce("organizzazione", "Organizzazione",
         "Come è organizzato l'ente: uffici, competenze, responsabili e recapiti.",
         "Art. 13, d.lgs. n. 33/2013", (
             Voce("articolazione-uffici", "Articolazione degli uffici",
                  "Per ogni ufficio: tipologia, denominazione, competenze, responsabile con la sua qualifica e "
                  "recapiti, secondo lo schema di pubblicazione dell'ANAC (delibera n. 495/2024); poi l'organigramma, "
                  "dalla struttura organizzativa del piano in vigore (nel PIAO, la sottosezione 3.1).",
                  "Art. 13, c. 1, lett. b), c) e d), d.lgs. n. 33/2013",
                  sottovoci=(("uffici", "Articolazione degli uffici"), ("organigramma", "Organigramma"))),
         )),
    Voce("personale", "Personale",
         "Il personale dell'ente: la dotazione organica e il piano dei fabbisogni.",
         "Art. 16, d.lgs. n. 33/2013", (
             Voce("dotazione-organica", "Dotazione organica",
                  "La dotazione organica e il Piano triennale dei fabbisogni di personale, che dal 2022 è la "
                  "sottosezione 3.3 del PIAO.",
                  "Art. 16, c. 1 e 2, d.lgs. n. 33/2013"),
         )),
    Voce("performance", "Performance",
         "Come l'ente misura e valuta la performance, il piano con gli obiettivi e i risultati raggiunti.",
         "Art. 10, c. 8, lett. b), e art. 20, d.lgs. n. 33/2013", (
             Voce("sistema-misurazione-valutazione", "Sistema di misurazione e valutazione della Performance",
                  "Il sistema con cui l'ente misura e valuta la performance organizzativa e individuale "
                  "(art. 7 d.lgs. n. 150/2009).",
                  "Par. 1, delibera CiVIT n. 104/2010"),
             Voce("piano-performance", "Piano della Performance",
                  "Dal 2022 il Piano della performance è la sottosezione 2.2 «Performance» del PIAO: gli obiettivi "
                  "con fasi, indicatori e risultati attesi.",
                  "Art. 10, c. 8, lett. b), d.lgs. n. 33/2013"),
             Voce("relazione-performance", "Relazione sulla Performance",
                  "I risultati raggiunti nell'anno rispetto agli obiettivi e ai valori attesi del piano "
                  "(art. 10, c. 1, lett. b), d.lgs. n. 150/2009).",
                  "Art. 10, c. 8, lett. b), d.lgs. n. 33/2013"),
         )),
    Voce("altri-contenuti", "Altri contenuti",
         "Contenuti ulteriori previsti dalla legge, tra cui la prevenzione della corruzione, l'accessibilità e il "
         "catalogo dei dati.",
         None, (
             Voce("prevenzione-corruzione", "Prevenzione della Corruzione",
                  "La prevenzione della corruzione dell'ente: la sottosezione 2.3 «Rischi corruttivi e trasparenza» "
                  "del PIAO, con la mappatura dei processi, la valutazione dei rischi e le misure di prevenzione, il "
                  "Responsabile della prevenzione della corruzione e della trasparenza e la sua relazione annuale.",
                  "Art. 1, c. 8 e 14, l. n. 190/2012; art. 43, c. 1, d.lgs. n. 33/2013"),
             Voce("accessibilita-catalogo-dati", "Accessibilità e Catalogo dei dati, metadati e banche dati",
                  "Gli obiettivi di accessibilità dell'ente e il catalogo dei suoi dati, metadati e banche dati.",
                  "Art. 9, c. 7, d.l. n. 179/2012 e art. 53, c. 1 bis, d.lgs. n. 82/2005", (
                      Voce("obiettivi-accessibilita", "Obiettivi di accessibilità",
                           "Gli obiettivi di accessibilità dell'anno, da pubblicare entro il 31 marzo.",
                           "Art. 9, c. 7, d.l. n. 179/2012, convertito dalla legge 17 dicembre 2012, n. 221"),
                      Voce("catalogo-dati", "Catalogo dei dati, metadati e delle banche dati",
                           "Il catalogo dei dati, dei metadati e delle banche dati dell'ente.",
                           "Art. 53, c. 1 bis, d.lgs. n. 82/2005"),
                  )),
         )),
)


def percorsi(voci: tuple[Voce, ...] = ALBERO, sopra: tuple[Voce, ...] = ()):
    """Every node with the nodes above it, depth first in the tree's order."""
    for voce in voci:
        yield sopra + (voce,)
        yield from percorsi(voce.figli, sopra + (voce,))


def obblighi() -> list[tuple[Voce, ...]]:
    """The obligations (the tree's leaves), each with its path of labels."""
    return [path for path in percorsi() if path[-1].obbligo]
