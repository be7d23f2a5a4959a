"""Italian."""

# ruff: noqa: E501 - one fragment a line reads better than wrapped regular expressions

from __future__ import annotations

from ._model import Language

LANGUAGE = Language(
    code="it",
    months={
        "gennaio": 1,
        "gen": 1,
        "febbraio": 2,
        "feb": 2,
        "marzo": 3,
        "mar": 3,
        "aprile": 4,
        "apr": 4,
        "maggio": 5,
        "mag": 5,
        "giugno": 6,
        "giu": 6,
        "luglio": 7,
        "lug": 7,
        "agosto": 8,
        "ago": 8,
        "settembre": 9,
        "set": 9,
        "ottobre": 10,
        "ott": 10,
        "novembre": 11,
        "nov": 11,
        "dicembre": 12,
        "dic": 12,
    },
    wording={
        "ad_label": (r"pubblicit[àa]",),
        "embed_consent": (
            r"per (?:visualizzare|vedere|caricare) (?:questo|il|questa|la) (?:contenuto|video|post|tweet|mappa)[^.]{0,80}\b(?:accetta|consenso|abilita|cookie|clicca)",
        ),
        "member_only": (
            r"(?:articolo|contenuto) riservato (?:agli )?(?:abbonati|iscritti|utenti registrati)",
            r"(?:questo|l') ?(?:articolo|contenuto) [èe] riservato (?:agli )?(?:abbonati|iscritti)",
            r"per continuare a leggere (?:abbonati|accedi|registrati)",
        ),
        "donation": (
            r"sostieni(?:ci)? (?:il nostro|l'informazione|il giornalismo)|fai una donazione|dona ora",
            r"diventa (?:socio|sostenitore|sostenitrice|membro)",
        ),
        "donation_imperative": (
            r"sostieni(?:ci)?|dona|diventa (?:socio|sostenitore|sostenitrice|membro)",
        ),
        "related_line": (r"leggi anche",),
        "time_glue": (r"alle|ore",),
        "stamp_label": (r"(?:pubblicat[oa]|aggiornat[oa])(?: il| alle)?|ultimo aggiornamento",),
        "dateline_label": (r"pubblicato|aggiornato|ultimo aggiornamento",),
        "embed_label": (r"contenuto esterno|contenuti esterni",),
        "bio_verb": (r"[èe]|lavora come",),
        "bio_role": (r"giornalista|corrispondente|redattore|redattrice|inviat[oa]",),
        "copyright": (r"\btutti i diritti riservati\b|\briproduzione riservata\b",),
    },
    needles={
        "stamp_label": ("pubblica", "aggiorna"),
        "embed_consent": ("visualizz", "vedere", "caricare"),
        "member_only": ("abbonati", "iscritti", "registrat", "accedi"),
        "donation": ("sostieni", "dona", "diventa"),
        "copyright": ("diritti riservati", "riproduzione riservata"),
    },
)
