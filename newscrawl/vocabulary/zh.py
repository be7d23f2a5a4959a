"""Chinese, simplified and traditional (no spaces: no word boundaries)."""

from __future__ import annotations

from ._model import Language

LANGUAGE = Language(
    code="zh",
    spaced=False,
    wording={
        "ad_label": (r"广告|廣告|推广|贊助內容|赞助内容",),
        "member_only": (
            r"(?:本文|此文|该文章|本內容|本内容)(?:为|為|是)?(?:付费|付費|会员|會員)(?:专享|專享|专属|專屬|内容|內容)",
            r"(?:订阅|訂閱)(?:后|後)?(?:即可)?(?:阅读|閱讀)(?:全文|完整)",
            r"(?:登录|登錄|登入)(?:后|後)(?:即可)?(?:阅读|閱讀|查看)(?:全文|完整)",
        ),
        "stamp_label": (r"(?:发布|發布|發佈|更新|发表|發表)(?:时间|時間|日期|于|於)?",),
        "date_word": (r"年|月|日|时|時|分|上午|下午|(?:星期|周|週)[一二三四五六日天]",),
    },
    needles={
        "stamp_label": ("发布", "發布", "發佈", "更新", "发表", "發表"),
        "member_only": ("本文", "此文", "该文章", "本內容", "本内容", "订阅", "訂閱", "登"),
    },
)
