"""Thai (no spaces between words: no word boundaries)."""

from __future__ import annotations

from ._model import Language

_NAMES = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
_ABBREVIATIONS = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

LANGUAGE = Language(
    code="th",
    spaced=False,
    months={
        **{name: number for number, name in enumerate(_NAMES, 1)},
        **{abbreviation: number for number, abbreviation in enumerate(_ABBREVIATIONS, 1)},
    },
    wording={
        "ad_label": (r"โฆษณา",),
        "member_only": (
            r"(?:บทความ|เนื้อหา)(?:นี้)?(?:สำหรับ)?เฉพาะสมาชิก",
            r"(?:สมัครสมาชิก|เข้าสู่ระบบ|ล็อกอิน)เพื่อ(?:อ่าน|ดู)(?:ต่อ|บทความ|เนื้อหา)",
        ),
        "stamp_label": (r"อัปเดต|อัพเดท|อัปเดท|อัพเดต|เผยแพร่|แก้ไขล่าสุด|ปรับปรุงล่าสุด|โพสต์",),
        "date_word": (r"เวลา|น\.|พ\.ศ\.|วันที่|วัน(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|ศุกร์|เสาร์|อาทิตย์)",),
    },
    needles={
        "stamp_label": (
            "อัปเดต",
            "อัพเดท",
            "อัปเดท",
            "อัพเดต",
            "เผยแพร่",
            "แก้ไขล่าสุด",
            "ปรับปรุงล่าสุด",
            "โพสต์",
        ),
        "member_only": ("สมาชิก", "เข้าสู่ระบบ", "ล็อกอิน"),
    },
)
