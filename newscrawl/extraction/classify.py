# ruff: noqa: RUF001 - the typographic quotes and arrows in the patterns are intended
"""Text-level block classifier: what is left inside the article container.

Outlets print calls to action as ordinary paragraphs of the story ("Dear
Reader ...", "Join our Facebook page", "Click for full coverage"), so the
markup cannot tell them apart. This module decides per block from its wording
(English, German, French, Spanish), its length, its link density, its
position in the body and whether the outlet repeats it on many pages.

The wording rules look for the reader being addressed (you, your, now, click,
sign up, Sie, vous, tu) together with the subject (cookies, newsletter,
subscription...), not for the subject alone, so a story ABOUT subscriptions
or cookies keeps its text. Blocks that quote someone are only dropped by the
strictest rules, and when the rules would remove most of a body they are
taken back (the page is then probably about that very subject).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from .content import Block
from .repetition import fingerprint

_I = re.I | re.U


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


# -- wording -----------------------------------------------------------------

AD_LABEL = _rx(
    r"^\W*(?:advertisement|advertising|advert|sponsored(?: content| post)?|paid content|ad|anzeige|"
    r"werbung|publicit[ée]|publicidad|publirreportaje|"
    r"(?:story|article) continues below(?: this)?(?: advertisement| ad)?|"
    r"continue reading (?:the main story|below)|"
    r"scroll (?:down )?to continue(?: reading)?|weiter nach der anzeige|"
    r"la suite apr[eè]s (?:cette )?publicit[ée]|sigue leyendo)\W*$"
)

_SHARE_WORD = (
    r"share(?: this)?(?: article| story| post| page)?(?: on \w+)?|tweet|e-?mail|print|"
    r"copy(?: the)? link|link copied|whatsapp|facebook|twitter|x|linkedin|pinterest|reddit|"
    r"telegram|flipboard|messenger|teilen|drucken|artikel teilen|partager(?: sur \w+)?|"
    r"imprimer|compartir(?: en \w+)?|imprimir|enviar|copiar enlace|copier le lien"
)
SHARE_LINE = _rx(rf"^(?:(?:{_SHARE_WORD})[\s|,/·•:-]*)+$")

COOKIE = _rx(
    r"\b(?:we use cookies|this (?:web)?site uses cookies|our (?:web)?site uses cookies|"
    r"(?:use|using) of cookies|accept (?:all )?cookies|cookie (?:policy|settings|preferences|"
    r"notice|consent)|by (?:continuing|using|clicking|browsing)[^.]{0,60}(?:you agree|"
    r"you consent|you accept|cookies)|you agree to (?:the|our) use|manage (?:your )?consent|"
    r"we and our partners|store and/or access information on a device|"
    r"wir verwenden cookies|diese (?:web)?(?:seite|site) (?:verwendet|nutzt) cookies|"
    r"durch die nutzung[^.]{0,80}cookies|"
    r"cookie-?(?:einstellungen|richtlinie|hinweis)|(?:alle )?cookies akzeptieren|"
    r"ce site (?:utilise|emploie) des cookies|nous utilisons des cookies|"
    r"(?:en poursuivant|en continuant) (?:votre navigation|[^.]{0,40})[^.]{0,60}cookies|"
    r"accepter (?:les|tous les) cookies|politique (?:de|relative aux) cookies|"
    r"(?:este|nuestro) (?:sitio|portal|sitio web|web) (?:utiliza|usa) cookies|"
    r"utilizamos cookies|usamos cookies|aceptar (?:todas las )?cookies|"
    r"pol[ií]tica de cookies|al continuar navegando)"
)
COOKIE_NEEDLES = (
    "cookie",
    "you agree",
    "you accept",
    "consent",
    "partners",
    "and/or",
    "continuar navegando",
)

NEWSLETTER_SUBJECT = _rx(
    r"\b(?:newsletters?|inbox|mailing list|e-?mail (?:alerts|updates|briefing)|"
    r"daily (?:briefing|digest)|lettre d'information|infolettre|bolet[ií]n)\b"
)
NEWSLETTER_NEEDLES = ("newsletter", "inbox", "mail", "daily", "lettre", "bolet")
NEWSLETTER_ACTION = _rx(
    r"\b(?:sign(?:ing)? up|signup|subscribe|register|delivered|get (?:our|the)|receive|"
    r"join|enter your|abonnieren|anmelden|bestellen|melden sie sich|abonnez|inscrivez|"
    r"inscri|recevez|suscr[ií]b|rec[ií]b|reg[ií]strate|ap[úu]ntate|date de alta)"
)

SOCIAL_NETWORK = _rx(
    r"\b(?:facebook|twitter|instagram|telegram|whatsapp|youtube|tiktok|linkedin|threads|"
    r"bluesky|mastodon|google news|x\.com|pinterest)\b"
)
SOCIAL_NETWORK_NEEDLES = (
    "facebook",
    "twitter",
    "instagram",
    "telegram",
    "whatsapp",
    "youtube",
    "tiktok",
    "linkedin",
    "threads",
    "bluesky",
    "mastodon",
    "google news",
    "x.com",
    "pinterest",
)
SOCIAL_ACTION = _rx(
    r"\b(?:join|follow|like|subscribe to|find|connect with|be the first to know|"
    r"folg(?:en sie|e) uns|abonniere|suivez|rejoignez|abonnez-vous|s[ií]guenos|sigue|"
    r"[úu]nete|s[ée]guenos)\b"
)
SOCIAL_VOICE = _rx(
    r"@\w|s[ií]guenos|[úu]nete|suivez-nous|rejoignez-nous|\b(?:us|our|uns|unsere[nm]?|nous|notre|nos|nuestr[oa]s?|page|channel|kanal|canal|cha[iî]ne)\b"
)

PAYWALL = _rx(
    r"\b(?:to (?:view|read|continue reading|access) (?:the|this) (?:full |entire |rest of )?"
    r"(?:story|article|content)|subscribe (?:now|today|to (?:continue|read|unlock))|"
    r"already (?:a )?(?:subscriber|member)|subscribers? only|for subscribers|"
    r"exclusive(?:ly)? (?:to|for) (?:subscribers|members)|(?:log|sign) in to (?:continue|read)|"
    r"you have (?:reached|read|used) (?:your|\d+|all)|free articles? (?:remaining|left)|"
    r"(?:unlock|get) (?:unlimited|full) (?:access|digital access)|start your (?:free )?trial|"
    r"nur f[üu]r abonnenten|jetzt abonnieren|weiterlesen mit|abonnieren sie|"
    r"bereits abonnent|r[ée]serv[ée] aux abonn[ée]s|d[ée]j[àa] abonn[ée]|"
    r"abonnez-vous|pour lire la suite|contenido exclusivo para suscriptores|"
    r"suscr[ií]bete|ya eres suscriptor|para seguir leyendo|hazte suscriptor)"
)
PAYWALL_NEEDLES = (
    "story",
    "article",
    "content",
    "subscri",
    "already",
    "exclusive",
    "in to ",
    "you have",
    "free article",
    "access",
    "trial",
    "abonn",
    "weiterlesen",
    "lire la suite",
    "suscr",
    "seguir leyendo",
)
PRICE = _rx(
    r"(?:[$€£₹]\s?\d|\b(?:rs\.?|inr)\s?\d|\d(?:[.,]\d+)?\s?(?:€|euros?|dollars?|£)|"
    r"\bper (?:month|year|week)\b|"
    r"\ba month\b|/(?:month|mo|year)\b|\bpro monat\b|\bim monat\b|\bpar mois\b|\bal mes\b|"
    r"\bpor mes\b|\bfor just\b|\bnur\b \d)"
)
OFFER = _rx(
    r"\b(?:premium|subscri\w*|abonn\w*|suscri\w*|ad-?free|ads-?free|without ads|werbefrei|"
    r"sans pub\w*|sin publicidad|exclusive content|upgrade|membership|digital access|"
    r"e-?paper|plus|\d+ issues|issues for|delivered (?:to|through) your|letterbox|magazine)\b"
)
OFFER_NEEDLES = (
    "premium",
    "subscri",
    "abonn",
    "suscri",
    "free",
    "without ads",
    "werbefrei",
    "sans pub",
    "sin publicidad",
    "exclusive content",
    "upgrade",
    "membership",
    "digital access",
    "paper",
    "plus",
    "issues",
    "delivered",
    "letterbox",
    "magazine",
)
READER_VOICE = _rx(
    r"\b(?:you|your|click|tap|join|upgrade|jetzt|vous|votre|vos|abonnez|ahora|tu|tus|usted|"
    r"[úu]nete|suscr[ií]bete|hier|here|ici|aqu[ií])\b|(?-i:\b(?:Sie|Ihr|Ihre|Ihren|Ihrem)\b)"
)

DONATION_OPENER = _rx(
    r"^\W*(?:dear (?:reader|readers|friend|friends|subscriber)|liebe (?:leserinnen|leser|"
    r"leserin)|chers? lect(?:eur|eurs|rice|rices)|ch[èe]re lectrice|"
    r"(?:querid|estimad)[oa]s? lector(?:es|a|as)?)\b"
)
DONATION = _rx(
    r"\b(?:support (?:our|independent|quality|local|the)? ?journalism|"
    r"(?:make|making) a (?:donation|contribution)|donate (?:now|today|here)|"
    r"become a (?:member|supporter|patron|friend of)|help us (?:keep|continue|grow|fund|to)|"
    r"support us\b|contribute (?:now|today|to)|chip in|"
    r"unterst[üu]tzen sie (?:uns|unseren|unsere|jetzt)|jetzt spenden|spenden sie|"
    r"soutenez|faites un don|faire un don|nous soutenir|"
    r"apoya (?:nuestro|el|a)|haz una donaci[óo]n|hazte (?:socio|miembro)|"
    r"colabora con)"
)
DONATION_NEEDLES = (
    "journalism",
    "donation",
    "contribution",
    "donate",
    "become a",
    "help us",
    "support us",
    "contribute",
    "chip in",
    "tzen sie",
    "spenden",
    "soutenez",
    "un don",
    "soutenir",
    "apoya ",
    "donaci",
    "hazte",
    "colabora con",
)
FIRST_PERSON_PLURAL = _rx(r"\b(?:us|our|we|uns|unser\w*|nous|notre|nos|nosotros|nuestr[oa]s?)\b")
DONATION_WEAK = _rx(
    r"(?:journalism|journalis|paywall|readers?\b|support|donat|contribut|partner|subscri|"
    r"business model|independent|access to|free of ads|premium|journalismus|leser|"
    r"unterst[üu]tz|lecteur|soutien|abonn|lector|apoyo|periodismo|thank you|danke|merci|"
    r"gracias|help us|we ask|hilf|aidez|ay[úu]danos)"
)

RELATED_LINE = _rx(
    r"^\W*(?:(?:read|see|watch|listen)(?: more| also)?\s*:|(?:also|more) read\b|"
    r"also (?:read|see|watch)\b|related(?: content| articles?| stories| coverage| news| "
    r"posts| reading| links| topics)?\b|(?:read|see) more\b|more (?:from|on|stories|news|"
    r"about|coverage|in)\b|most (?:read|popular|viewed|shared)\b|recommended\b|"
    r"you (?:may|might) (?:also )?(?:like|be interested|enjoy)|(?:click|tap) (?:here )?"
    r"(?:for|to)\b|top stories\b|trending\b|"
    r"lesen sie (?:auch|mehr|hier)|auch interessant|mehr zum thema|mehr (?:dazu|zum)|"
    r"das k[öo]nnte sie (?:auch )?interessieren|weitere (?:artikel|nachrichten|themen)|"
    r"meistgelesen|zum thema\b|klicken sie hier|"
    r"(?:[àa] )?lire (?:aussi|[ée]galement|la suite)|voir aussi|sur le m[êe]me sujet|"
    r"les plus lus|[àa] (?:voir|d[ée]couvrir) aussi|cliquez ici|"
    r"lea (?:tambi[ée]n|m[áa]s)|leer m[áa]s|te puede interesar|noticias relacionadas|"
    r"lo m[áa]s le[ií]do|m[áa]s (?:noticias|informaci[óo]n)\s*:|haga clic|pulse aqu[ií]|"
    r"quiz[áa]s te interese|tambi[ée]n te puede|leggi anche|leia tamb[ée]m|veja tamb[ée]m|"
    r"saiba mais)"
)

CREDIT_INLINE = _rx(
    r"\((?:photo|image|picture|foto|bild|pic|credit|cr[ée]dit|cr[ée]dito)s?"
    r"(?: credit| courtesy)?\s*:|\b(?:photo|image) credit\b|\bbildquelle\b|\bfotocredit\b|"
    r"\bcr[ée]dit photo\b"
)
CREDIT_INLINE_NEEDLES = ("(", "credit", "bildquelle", "dit photo")
CREDIT_START = _rx(
    r"^\W*(?:photo|image|picture|foto|fotos|bild|credit|cr[ée]dits?|cr[ée]dito|"
    r"illustration|source de l'image|file photo|photograph)(?:\s+(?:credit|by|de|von))?\s*[:/|]"
)
CREDIT_END = _rx(
    r"(?:[(|/]\s*(?:photo|image|foto|bild|credit|cr[ée]dit|picture)s?(?: by)?\s*:?\s*[^()|]{2,60}"
    r"\)?|\b(?:getty images|afp via getty|reuters/|ap photo|dpa|epa-efe|shutterstock|"
    r"istock(?:photo)?|imago)\W*)$"
)
CREDIT_END_NEEDLES = (
    "(",
    "|",
    "/",
    "getty",
    "ap photo",
    "dpa",
    "epa-efe",
    "shutterstock",
    "istock",
    "imago",
)
GALLERY_COUNTER = _rx(
    r"^\W*(?:image|photo|picture|slide|bild|foto|imagen|diapositiva)\s+\d+\s+(?:of|von|de|sur|/)\s+"
    r"\d+\W*$"
)
AGENCY_ONLY = _rx(
    r"^\W*(?:getty(?: images)?|epa(?:-efe)?|reuters|ap|afp|dpa|pa(?: media| wire)?|"
    r"shutterstock|istock|imago|alamy|efe|anadolu|xinhua|bloomberg|ansa|keystone|"
    r"picture alliance)(?:\s*/\s*[\w .'-]{1,40})?\W*$"
)
CONTRIBUTED = _rx(
    r"\bcontributed (?:reporting )?to this (?:report|story|article)\b|^\W*(?:reporting|"
    r"additional reporting|writing|editing) by\b|\bmitarbeit:|\bcon informaci[óo]n de\b|"
    r"\bavec (?:afp|reuters|ap)\W*$"
)
CONTRIBUTED_NEEDLES = ("contributed", "g by", "mitarbeit", "con informaci", "avec ")
COPYRIGHT = _rx(
    r"(?:^\W*©|\ball rights reserved\b|\bsubject to copyright\b|"
    r"\bno part may be reproduced\b|^\W*citation:.{0,300}\bretrieved\b|"
    r"\btous droits r[ée]serv[ée]s\b|"
    r"\balle rechte vorbehalten\b|\btodos los derechos reservados\b)"
)
COPYRIGHT_NEEDLES = (
    "©",
    "rights reserved",
    "copyright",
    "reproduced",
    "retrieved",
    "droits r",
    "vorbehalten",
    "derechos reservados",
)

BYLINE = re.compile(
    r"^\W*(?i:by|von|par|por|de|text:|texto:|written by|reporting by)\s+"
    r"[A-ZÀ-Ýa-zà-ÿ][\w.'’-]+(?:\s+[\w.'’&-]+){0,7}\W*$",
    re.U,
)
BYLINE_WORD = _rx(r"^\W*(?:by|von|par|por|written by|reporting by)\b")
META_LABELS = _rx(
    r"\b(?:published|posted|updated|by|category|categories|tags|filed under|posted in|"
    r"publicado|por|categoria|categor[ií]a|autor|ver[öo]ffentlicht|kategorie|von|publi[ée]|"
    r"cat[ée]gorie|par)\b\s*:"
)
DATELINE_LABEL = _rx(
    r"^\W*(?:published|updated|posted|last updated|first published|ver[öo]ffentlicht|"
    r"aktualisiert|stand|publi[ée] le|mis [àa] jour|publicado|actualizado|modificado)\b"
)
READING_TIME = _rx(
    r"\b(?:\d+\s*(?:-\s*)?(?:min(?:ute)?s?|minutes?)\.? read|reading time|lesezeit|"
    r"lesedauer|temps de lecture|tiempo de lectura|min\.? lectura|\d+ min\.? de lecture)\b"
)
READING_TIME_NEEDLES = ("read", "lesezeit", "lesedauer", "lecture", "lectura")
_MONTHS = (
    r"jan(?:uary|uar|vier|\.)?|feb(?:ruary|ruar|\.)?|f[ée]vrier|m[aä]r(?:ch|z|s|\.)?|apr(?:il|\.)?"
    r"|avril|may|mai|june?|juni|juin|july?|juli|juillet|aug(?:ust|\.)?|ao[uû]t|sep(?:t(?:ember|\.)?)?"
    r"|septembre|oct(?:ober|obre|\.)?|okt(?:ober)?|nov(?:ember|embre|\.)?|dec(?:ember|\.)?|"
    r"dez(?:ember)?|d[ée]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|octubre|noviembre|diciembre"
)
DATE_ONLY = _rx(
    rf"^\W*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+|(?:lun|mar|mer|jeu|ven|sam|dim)\w*\.?\s+|"
    rf"(?:mo|di|mi|do|fr|sa|so)\w*\.?,?\s+)?"
    rf"(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|(?:\d{{1,2}}\.?\s+(?:de\s+)?(?:{_MONTHS})"
    rf"(?:\s+(?:de\s+)?\d{{4}})?|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?))"
    rf"(?:[,\s|-]+(?:at\s+|um\s+|à\s+|a las\s+)?\d{{1,2}}[:.h]\d{{2}}(?:\s*(?:am|pm|uhr|h))?"
    rf"(?:\s*[a-z]{{2,4}})?)?\W*$"
)
BIO = _rx(
    r"^(?:[A-ZÀ-Ý][\w.'’-]+\s+){1,4}(?:is|was|ist|est|es)\s+(?:a|an|the|ein|eine|un|une|"
    r"el|la)?\s*(?:[\w'’-]+\s+){0,5}(?:reporter|curator|correspondent|writer|editor|journalist|columnist|"
    r"contributor|freelance|producer|redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|"
    r"journalistin|journaliste|correspondant|r[ée]dacteur|rédactrice|periodista|corresponsal|"
    r"redactor[a]?|columnista)\b"
)
ABOUT_HEADING = re.compile(
    r"^\W*(?:about (?:the author|the authors|us|[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})|"
    r"[üu]ber (?:den autor|die autorin|uns|[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})|"
    r"[àa] propos (?:de l'auteur|de |d')\S+|acerca de \S+|sobre (?:el autor|la autora|nosotros))"
    r"\W*$",
    re.U | re.I,
)
FOLLOW_AUTHOR = _rx(
    r"^\W*(?:follow|contact) (?:him|her|them|the author|\w+) (?:on|at|via)\b|"
    r"\b(?:can|may) be (?:reached|contacted) (?:at|by|via|on)\b|\bfollow (?:him|her|them) on\b|"
    r"^\W*(?:email|e-mail|contact)\s*:?\s*\S+@\S+"
)
FOLLOW_AUTHOR_NEEDLES = ("follow", "contact", "reached", "@")

PROMO = _rx(
    r"\b(?:download (?:our|the)(?: free)?(?: \w+)? app|get (?:our|the)(?: free)?(?: \w+)? app|"
    r"available (?:on|in) the app store|listen to (?:our|the|this) podcast|"
    r"subscribe to (?:our|the) podcast|sign up for (?:our|the) (?:event|webinar)|"
    r"buy (?:tickets|now)|shop now|laden sie (?:unsere|die) app|unsere app|"
    r"t[ée]l[ée]chargez (?:notre|l')\s?app|notre application|descarga (?:nuestra|la) app|"
    r"nuestra app)\b"
)
PROMO_NEEDLES = ("app", "podcast", "event", "webinar", "buy ", "shop now")

COMMENTS_LINE = _rx(
    r"^\W*(?:\d+\s+)?(?:comments?|leave a (?:comment|reply)|join the (?:conversation|"
    r"discussion)|post a comment|show comments|view comments|add a comment|"
    r"kommentare?(?:\s*\(\d+\))?|kommentieren|diskutieren sie mit|commentaires?|r[ée]agir|"
    r"comentarios?|deja (?:un|tu) comentario|comenta|tell us what you think|"
    r"what do you think|was meinen sie|qu'en pensez-vous|like this|like loading|"
    r"(?:be the first to )?like this)\W*(?:\d+)?\W*$"
)

NAVIGATION_LINE = _rx(
    r"^\W*(?:back to top|skip to (?:main )?content|next (?:article|story|post)|previous "
    r"(?:article|story|post)|n[äa]chster artikel|vorheriger artikel|nach oben|"
    r"article suivant|article pr[ée]c[ée]dent|retour en haut|siguiente (?:art[ií]culo|"
    r"noticia)|art[ií]culo anterior|volver arriba|(?:tags|topics|keywords|schlagw[öo]rter|"
    r"themen|mots-cl[ée]s|[ée]tiquettes|etiquetas|temas)(?:\s*:|\s*$)|"
    r".{0,40}\b(?:requires|enable) javascript\b)"
)
BREADCRUMB = re.compile(r"^(?:[^>»›|/]{1,30}\s[>»›|/]\s){2,}[^>»›|/]{1,60}$")

QUOTE_ATTRIBUTION = _rx(
    r"[\"“”„«»]|\b(?:said|says|told|according to|sagte|sagt|erkl[äa]rte|betonte|"
    r"a (?:d[ée]clar[ée]|dit|affirm[ée])|selon|dijo|afirm[óo]|seg[úu]n|explic[óo])\b"
)
QUOTE_NEEDLES = (
    '"',
    "“",
    "”",
    "„",
    "«",
    "»",
    "said",
    "says",
    "told",
    "according to",
    "sagt",
    "erkl",
    "betonte",
    "a d",
    "firm",
    "selon",
    "dijo",
    "seg",
    "explic",
)
SENTENCE_END = re.compile(r"[.!?…\"”»)]\s*$")
_FP_WORDS = re.compile(r"\w+", re.U)


# -- needles -------------------------------------------------------------------
#
# Searching a dozen alternations over every paragraph was most of the
# classifier's cost. Every match of a gated pattern contains one of its
# needles (lower case), so a substring test on the case-folded text rules
# most paragraphs out before the regex runs and no decision changes
# (tests/test_extraction_classify.py checks the needles against the patterns).

#: Characters that ``re.IGNORECASE`` matches to ASCII letters but
#: ``str.lower`` does not turn into them (dotted and dotless i, long s; the
#: kelvin sign lower-cases to k), and what ``str.lower`` leaves of them.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_UNFOLDED = re.compile("[\u0131\u017f\u0307]")


def fold(text: str) -> str:
    """Lower-case ``text`` so that needle tests agree with ``re.IGNORECASE``."""
    lowered = text.lower()
    if lowered.isascii() or _UNFOLDED.search(lowered) is None:
        return lowered
    return text.translate(_FOLD).lower()


def has_needle(folded: str, needles: tuple[str, ...]) -> bool:
    """Does the folded text contain one of ``needles``?"""
    return any(map(folded.__contains__, needles))


#: (pattern, needles) pairs: the pattern can only match where a needle is.
GATED = (
    (COOKIE, COOKIE_NEEDLES),
    (NEWSLETTER_SUBJECT, NEWSLETTER_NEEDLES),
    (SOCIAL_NETWORK, SOCIAL_NETWORK_NEEDLES),
    (PAYWALL, PAYWALL_NEEDLES),
    (OFFER, OFFER_NEEDLES),
    (DONATION, DONATION_NEEDLES),
    (CREDIT_INLINE, CREDIT_INLINE_NEEDLES),
    (CREDIT_END, CREDIT_END_NEEDLES),
    (CONTRIBUTED, CONTRIBUTED_NEEDLES),
    (COPYRIGHT, COPYRIGHT_NEEDLES),
    (READING_TIME, READING_TIME_NEEDLES),
    (FOLLOW_AUTHOR, FOLLOW_AUTHOR_NEEDLES),
    (PROMO, PROMO_NEEDLES),
    (QUOTE_ATTRIBUTION, QUOTE_NEEDLES),
    (META_LABELS, (":",)),
)


def is_quoted(text: str, folded: str) -> bool:
    """Does the block quote or attribute speech?"""
    return has_needle(folded, QUOTE_NEEDLES) and bool(QUOTE_ATTRIBUTION.search(text))


@dataclass(slots=True)
class Decision:
    kind: str
    rule: str


@dataclass
class Context:
    title: str | None = None
    authors: Sequence[str] = ()
    disabled_kinds: Collection[str] = ()
    repeated: Collection[int | str] = ()


def _norm(text: str) -> str:
    return " ".join(_FP_WORDS.findall(text.lower()))


# -- single-block rules ------------------------------------------------------


def _is_sentence(text: str, words: int) -> bool:
    return words >= 8 and bool(SENTENCE_END.search(text))


def _wording(
    block: Block, index: int, count: int, ctx: Context, quoted: Callable[[], bool], folded: str
) -> Decision | None:
    """The kind of one block from its own text, or None for article text.

    ``quoted()`` tells whether the block quotes someone; it is asked last,
    only of blocks a rule would otherwise drop.
    """
    text = block.text
    length = len(text)
    if length <= 60 and AD_LABEL.match(text):
        return Decision("ad", "text:ad-label")
    if length <= 120 and SHARE_LINE.match(text):
        return Decision("share", "text:share-line")
    if length <= 80 and COMMENTS_LINE.match(text):
        return Decision("comments", "text:comments-line")
    if block.tag == "h1" and index <= 2:
        return Decision("title", "text:h1")
    if ctx.title and index <= 2 and length <= 300 and _norm(text) == _norm(ctx.title):
        return Decision("title", "text:title-repeated")
    if (
        length <= 700
        and has_needle(folded, COOKIE_NEEDLES)
        and COOKIE.search(text)
        and not (length > 200 and quoted())
    ):
        return Decision("cookie", "text:cookie-notice")
    if length <= 1500 and DONATION_OPENER.match(text):
        return Decision("donation", "text:dear-reader")
    if (
        length <= 400
        and has_needle(folded, NEWSLETTER_NEEDLES)
        and NEWSLETTER_SUBJECT.search(text)
        and NEWSLETTER_ACTION.search(text)
        and not quoted()
    ):
        return Decision("newsletter", "text:newsletter")
    if (
        length <= 600
        and has_needle(folded, PAYWALL_NEEDLES)
        and PAYWALL.search(text)
        and not quoted()
    ):
        return Decision("subscription", "text:paywall")
    if (
        length <= 500
        and has_needle(folded, OFFER_NEEDLES)
        and OFFER.search(text)
        and PRICE.search(text)
        and READER_VOICE.search(text)
        and not quoted()
    ):
        return Decision("subscription", "text:offer")
    if (
        length <= 500
        and has_needle(folded, DONATION_NEEDLES)
        and DONATION.search(text)
        and (READER_VOICE.search(text) or FIRST_PERSON_PLURAL.search(text))
        and not quoted()
    ):
        return Decision("donation", "text:appeal")
    if (
        length <= 400
        and has_needle(folded, SOCIAL_NETWORK_NEEDLES)
        and SOCIAL_NETWORK.search(text)
        and SOCIAL_ACTION.search(text)
        and SOCIAL_VOICE.search(text)
        and not quoted()
    ):
        return Decision("social", "text:social-cta")
    if length <= 300 and has_needle(folded, PROMO_NEEDLES) and PROMO.search(text) and not quoted():
        return Decision("promo", "text:own-product")
    if length <= 160 and RELATED_LINE.match(text):
        return Decision("related", "text:related-line")
    if length <= 400 and has_needle(folded, CREDIT_INLINE_NEEDLES) and CREDIT_INLINE.search(text):
        return Decision("caption", "text:photo-credit")
    if length <= 60 and (GALLERY_COUNTER.match(text) or AGENCY_ONLY.match(text)):
        return Decision("caption", "text:credit-only")
    if length <= 160 and CREDIT_START.match(text):
        return Decision("caption", "text:credit-line")
    if (
        length <= 200
        and has_needle(folded, CREDIT_END_NEEDLES)
        and not _is_sentence(text, text.count(" ") + 1)
        and CREDIT_END.search(text)
    ):
        return Decision("caption", "text:credit-end")
    if length <= 400 and has_needle(folded, COPYRIGHT_NEEDLES) and COPYRIGHT.search(text):
        return Decision("navigation", "text:copyright")
    if length <= 200 and (NAVIGATION_LINE.match(text) or BREADCRUMB.match(text)):
        return Decision("navigation", "text:navigation-line")
    edge = index <= 3 or index >= count - 3
    if length <= 120 and (
        DATE_ONLY.match(text)
        or (length <= 60 and has_needle(folded, READING_TIME_NEEDLES) and READING_TIME.search(text))
    ):
        return Decision("byline", "text:date-line")
    if edge and length <= 100 and BYLINE.match(text) and BYLINE_WORD.match(text):
        return Decision("byline", "text:byline")
    if edge and length <= 160 and DATELINE_LABEL.match(text) and not _is_sentence(text, 9):
        return Decision("byline", "text:published-line")
    if length <= 300 and ":" in text and len(META_LABELS.findall(text)) >= 2:
        return Decision("byline", "text:meta-line")
    if ctx.authors and length <= 120 and index <= 4:
        normalised = _norm(text)
        for author in ctx.authors:
            name = _norm(author)
            if name and (normalised == name or normalised in (f"by {name}", f"von {name}")):
                return Decision("byline", "text:author-name")
    if length <= 60 and index >= count * 0.5 and index >= count - 12 and ABOUT_HEADING.match(text):
        return Decision("bio", "text:about-heading")
    if (
        index >= count - 4
        and length <= 600
        and (
            BIO.match(text)
            or (has_needle(folded, FOLLOW_AUTHOR_NEEDLES) and FOLLOW_AUTHOR.search(text))
        )
    ):
        return Decision("bio", "text:author-bio")
    if (
        index >= count - 3
        and length <= 250
        and has_needle(folded, CONTRIBUTED_NEEDLES)
        and CONTRIBUTED.search(text)
    ):
        return Decision("byline", "text:contributors")
    return None


def _link_line(block: Block) -> Decision | None:
    """Short lines that are all link and no sentence: teasers and menus."""
    text = block.text
    if block.link_density < 0.8 or len(text) > 160 or block.is_heading:
        return None
    if _is_sentence(text, text.count(" ") + 1):
        return None
    return Decision("related", "text:link-line")


# -- runs ----------------------------------------------------------------------


def _continues_run(kind: str, block: Block, opener_list: int) -> bool:
    """Does this block belong to the appeal or list a dropped opener started?"""
    text = block.text
    length = len(text)
    if block.list_id and (block.list_id == opener_list or block.tag == "li"):
        return length <= 400
    if kind == "donation" or kind == "subscription":
        if length <= 80 and not _is_sentence(text, text.count(" ") + 1):
            return True  # "Thank you,", the signatures
        return (
            length <= 900 and bool(DONATION_WEAK.search(text)) and not is_quoted(text, fold(text))
        )
    if kind == "bio":
        return length <= 1500 and not is_quoted(text, fold(text))
    if kind == "navigation":
        return length <= 400 and (text.count(",") >= 2 or block.link_density >= 0.5)
    if kind == "related":
        if block.link_density >= 0.5 and length <= 250:
            return True
        if length <= 60 and DATE_ONLY.match(text):
            return True
        return length <= 150 and not _is_sentence(text, text.count(" ") + 1)
    return False


_RUN_OPENERS = {
    "text:dear-reader",
    "text:appeal",
    "text:offer",
    "text:paywall",
    "text:related-line",
    "text:about-heading",
    "text:navigation-line",
}
_MAX_RUN = 25


# -- the classifier ------------------------------------------------------------


def classify(blocks: Sequence[Block], ctx: Context) -> list[Decision | None]:
    """One decision per block: None keeps it, a Decision drops it."""
    disabled = ctx.disabled_kinds
    count = len(blocks)
    decisions: list[Decision | None] = [None] * count
    repeated = ctx.repeated
    run_kind: str | None = None
    run_list = 0
    run_left = 0
    for index, block in enumerate(blocks):
        if run_kind is not None and run_left > 0:
            if _continues_run(run_kind, block, run_list):
                decisions[index] = Decision(run_kind, f"text:{run_kind}-run")
                run_left -= 1
                continue
            run_kind = None
        folded = fold(block.text)

        def quoted(block: Block = block, folded: str = folded) -> bool:
            return block.in_quote or is_quoted(block.text, folded)

        decision = _wording(block, index, count, ctx, quoted, folded)
        if (decision is None and block.tag == "li") or (
            decision is None and len(block.text) <= 160
        ):
            decision = _link_line(block) if decision is None else decision
        if decision is None and repeated and fingerprint(block.text) in repeated:
            decision = Decision("repeated", "text:outlet-repeated")
        if decision is not None and decision.kind in disabled:
            decision = None
        decisions[index] = decision
        if decision is not None and decision.rule in _RUN_OPENERS:
            opens = decision.kind in ("donation", "related", "bio") or block.text.rstrip().endswith(
                ":"
            )
            if decision.rule == "text:related-line" and len(block.text) > 60:
                opens = False
            if decision.rule == "text:navigation-line":
                opens = len(block.text) <= 25
            if opens:
                run_kind = decision.kind
                run_left = _MAX_RUN
                nxt = blocks[index + 1] if index + 1 < count else None
                run_list = nxt.list_id if nxt is not None else 0
    return _keep_the_article(blocks, decisions)


def _keep_the_article(
    blocks: Sequence[Block], decisions: list[Decision | None]
) -> list[Decision | None]:
    """Take the wording rules back when they would eat most of the story.

    A body that is mostly about cookies or subscriptions trips the rules on
    many of its paragraphs; a real page carries one or two such blocks.
    """
    total = sum(len(block.text) for block in blocks)
    removed = sum(
        len(block.text) for block, dec in zip(blocks, decisions, strict=True) if dec is not None
    )
    if total == 0 or removed <= total * 0.5:
        return decisions
    kept_after = total - removed
    if kept_after >= 1500:
        return decisions
    # Keep only the removals that never apply to prose.
    safe = {
        "text:ad-label",
        "text:share-line",
        "text:h1",
        "text:title-repeated",
        "text:comments-line",
        "text:date-line",
    }
    return [dec if dec is not None and dec.rule in safe else None for dec in decisions]
