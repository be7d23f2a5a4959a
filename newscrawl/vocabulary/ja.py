"""Japanese (written without spaces: the patterns have no word boundaries)."""

# ruff: noqa: RUF001 - the full-width brackets are intended

from __future__ import annotations

from ._model import Language

LANGUAGE = Language(
    code="ja",
    spaced=False,
    wording={
        "ad_label": (r"広告|スポンサーリンク|記事の続きは広告の後で?",),
        "member_label": (r"(?:有料)?会員限定(?:記事)?|有料記事",),
        "member_only": (
            r"(?:この|本)?記事は(?:有料)?会員限定|(?:有料)?会員限定(?:の)?(?:記事|コンテンツ)です",
            r"有料会員(?:の方)?(?:のみ|限定)|有料会員に(?:なると|なれば|登録すると|ご登録いただくと)",
            r"続きを(?:読む|お読み)(?:には|いただくには)|(?:この記事の)?続きは(?:有料)?会員",
            r"会員登録(?:はこちら|\(無料\)|（無料）|が必要です|すると(?:続き|全文))",
            r"ログイン(?:して(?:ください|お読み|続き|全文)|すると(?:続き|全文)|が必要です)",
            r"残り\d+文字|(?:この記事は)?有料記事です",
        ),
        "related_line": (r"関連記事|あわせて読みたい|合わせて読みたい",),
        "stamp_label": (
            r"(?:最終)?更新(?:日時|日)?|配信(?:日時|日)?|公開(?:日時|日)?|掲載(?:日時|日)?|投稿(?:日時|日)?",
        ),
        "date_word": (r"年|月|日|時|分|午前|午後|[（(][月火水木金土日][）)]",),
        "embed_label": (r"外部コンテンツ",),
        "quote_mark": (r"[「」『』]",),
    },
    needles={
        "stamp_label": ("更新", "配信", "公開", "掲載", "投稿"),
        "member_only": ("会員", "続き", "ログイン", "残り", "有料"),
        "quote_mark": ("「", "」", "『", "』"),
    },
)
