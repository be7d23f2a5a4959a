"""Korean (particles stick to the word: no word boundaries)."""

from __future__ import annotations

from ._model import Language

LANGUAGE = Language(
    code="ko",
    spaced=False,
    wording={
        "ad_label": (r"광고",),
        "member_only": (
            r"(?:이|본) 기사는 (?:유료 ?)?(?:회원|구독자) ?전용",
            r"유료 ?회원 ?전용|회원 ?전용 ?(?:기사|콘텐츠)",
            r"로그인 ?후 (?:이용|열람|전체|기사)",
            r"구독(?:하고|하시면|후) (?:전체|계속|기사)",
        ),
        "stamp_label": (r"기사입력|입력|최종수정|수정|업데이트|승인|게재",),
        "date_word": (r"년|월|일|시|분|오전|오후",),
    },
    needles={
        "stamp_label": ("입력", "수정", "업데이트", "승인", "게재"),
        "member_only": ("전용", "로그인", "구독"),
    },
)
