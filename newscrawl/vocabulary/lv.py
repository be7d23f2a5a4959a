"""Latvian."""

# ruff: noqa: E501 - one fragment a line reads better than wrapped regular expressions

from __future__ import annotations

from ._model import Language


def _forms(number: int, *words: str) -> dict[str, int]:
    return dict.fromkeys(words, number)


LANGUAGE = Language(
    code="lv",
    # Nominative, locative ("12. maijā") and genitive, then the abbreviation.
    months={
        **_forms(1, "janvāris", "janvārī", "janvāra", "janv"),
        **_forms(2, "februāris", "februārī", "februāra", "febr"),
        **_forms(3, "marts", "martā", "marta"),
        **_forms(4, "aprīlis", "aprīlī", "aprīļa"),
        **_forms(5, "maijs", "maijā", "maija"),
        **_forms(6, "jūnijs", "jūnijā", "jūnija", "jūn"),
        **_forms(7, "jūlijs", "jūlijā", "jūlija", "jūl"),
        **_forms(8, "augusts", "augustā", "augusta"),
        **_forms(9, "septembris", "septembrī", "septembra"),
        **_forms(10, "oktobris", "oktobrī", "oktobra"),
        **_forms(11, "novembris", "novembrī", "novembra"),
        **_forms(12, "decembris", "decembrī", "decembra"),
    },
    wording={
        "ad_label": (r"reklāma",),
        "member_only": (
            r"(?:raksts|saturs) (?:ir )?pieejams (?:tikai )?(?:abonentiem|reģistrētiem lietotājiem)",
            r"abonē(?:t)?,? lai (?:lasītu|turpinātu lasīt)",
        ),
        "donation": (r"atbalsti (?:mūs|neatkarīgu žurnālistiku)|ziedo (?:tagad|šodien)",),
        "dateline_label": (r"atjaunots|atjaunināts|publicēts",),
        "stamp_label": (
            r"(?:pēdējo reizi )?(?:atjaunots|atjaunināts)|publicēts|publicēšanas datums",
        ),
        "date_word": (r"gada|g\.|plkst\.",),
        "embed_label": (r"ārējs saturs",),
    },
    needles={
        "stamp_label": ("atjauno", "atjaunin", "publicē"),
        "member_only": ("pieejams", "abonē"),
        "donation": ("atbalsti", "ziedo"),
    },
)
