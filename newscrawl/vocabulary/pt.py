"""Portuguese."""

# ruff: noqa: E501 - one fragment a line reads better than wrapped regular expressions

from __future__ import annotations

from ._model import Language

LANGUAGE = Language(
    code="pt",
    months={
        "janeiro": 1,
        "jan": 1,
        "fevereiro": 2,
        "fev": 2,
        "março": 3,
        "mar": 3,
        "abril": 4,
        "abr": 4,
        "maio": 5,
        "mai": 5,
        "junho": 6,
        "jun": 6,
        "julho": 7,
        "jul": 7,
        "agosto": 8,
        "ago": 8,
        "setembro": 9,
        "set": 9,
        "outubro": 10,
        "out": 10,
        "novembro": 11,
        "nov": 11,
        "dezembro": 12,
        "dez": 12,
    },
    wording={
        "ad_label": (r"publicidade",),
        "embed_consent": (
            r"para (?:ver|visualizar|carregar) (?:este|o|esta|a) (?:conte[úu]do|v[ií]deo|post|publica[çc][ãa]o|mapa)[^.]{0,80}\b(?:aceite|aceitar|consentimento|permitir|ative|cookies|clique)",
        ),
        "member_only": (
            r"(?:conte[úu]do|mat[ée]ria|artigo) exclusiv[oa] para assinantes",
            r"(?:este|esta) (?:conte[úu]do|mat[ée]ria|artigo) [ée] exclusiv[oa] para (?:assinantes|membros)",
            r"j[áa] [ée] assinante|para continuar lendo|assine (?:j[áa]|agora)",
        ),
        "donation": (
            r"apoie (?:o|nosso) jornalismo|fa[çc]a uma doa[çc][ãa]o|doe agora|seja (?:um )?apoiador",
        ),
        "donation_imperative": (r"apoie|doe|fa[çc]a uma doa[çc][ãa]o|seja (?:um )?apoiador",),
        "related_line": (r"leia tamb[ée]m|veja tamb[ée]m|saiba mais",),
        "stamp_label": (r"(?:publicad[oa]|atualizad[oa])(?: em| às)?|atualiza[çc][ãa]o",),
        "dateline_label": (r"publicado|atualizado|atualizada",),
        "embed_label": (r"conte[úu]do externo",),
        "bio_role": (r"jornalista|rep[óo]rter|correspondente|colunista",),
        "meta_label": (r"categoria",),
        "time_glue": (r"às",),
    },
    needles={
        "stamp_label": ("publi", "atualiza"),
        "embed_consent": ("para ",),
        "member_only": ("assin", "membros", "continuar lendo"),
        "donation": ("apoi", "doa", "doe agora"),
    },
)
