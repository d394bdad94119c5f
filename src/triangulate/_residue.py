"""The patterns of scraping residue, one named rule per kind (used by ``clean``).

Every pattern describes a *kind* of residue seen on news sites, not a literal string
from one page: site furniture (share/embed widgets, "Back to top", "Find us"),
photo captions and credits, related-article blocks, video teasers and durations,
template tokens, source-URL trailers, author bios and contributor credits, chart-tool
notes and graphic labels, promotions. ``match_line`` judges one line alone; the
helpers below it are used by ``clean`` for the rules that need context.
"""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    """The space-separated words of ``text`` (keeps long word lists readable)."""
    return text.split()


# --------------------------------------------------------------------------- shared

#: ``[Name](#)`` or ``[Name](https://...)`` -> ``Name``.
MARKDOWN_LINK = re.compile(r"\[([^\[\]]{1,300})\]\((?:#|[a-z]+://[^()\s]*|/[^()\s]*)?\)")
_CAMEL_JOIN = re.compile(r"([a-z])([A-Z])")
_LETTER = re.compile(r"[^\W\d_]")
_TOKENS = re.compile(r"[^\W\d_]+|\d+")
_DIGIT = re.compile(r"\d")
_CLOSERS = "\"”’'»)]"


class _EndsSentence:
    """``search(text)``: whether text ends with . ! ? or … (then closing quotes/brackets).

    A string test, not a regular expression: a ``$``-anchored search would try every
    position of a long paragraph.
    """

    def __init__(self, marks: str) -> None:
        self.marks = marks

    def search(self, text: str) -> bool:
        stripped = text.rstrip().rstrip(_CLOSERS)
        return bool(stripped) and stripped[-1] in self.marks


_ENDS_SENTENCE = _EndsSentence(".!?…")
ENDS_CLAUSE = _EndsSentence(".!?…:;")

_MONTHS = _words(
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec"
)
_DAYS = _words(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu "
    "thur thurs fri sat sun"
)
_DATE_WORDS = frozenset(
    _MONTHS
    + _DAYS
    + _words(
        "am pm a m p on at of the updated update published posted last first modified "
        "created edited gmt utc et est edt ct cst cdt mt pt pst pdt bst cet cest eet eest "
        "msk ist jst aest aedt hkt sgt hrs hr h ago hour hours minute minutes min mins "
        "day days week weeks th st nd rd today yesterday"
    )
)
_STAMP_WORDS = frozenset(
    ["updated", "update", "published", "posted", "modified", "created", "edited", "last", "first"]
)
_MONTH_SET = frozenset(_MONTHS)

#: Photo agencies and credit words that appear in caption credits.
_AGENCY = (
    r"(?:Getty\s*Images|Getty|AFP|AP|Reuters|TASS|ITAR-TASS|EPA(?:-EFE)?|EFE|Sputnik|"
    r"Xinhua|Anadolu(?:\s+Agency)?|Bloomberg|Shutterstock|Alamy|Handout|HANDOUT|Pool|POOL|"
    r"Maxar(?:\s+Technologies)?|Planet\s+Labs|NurPhoto|SOPA\s+Images|ZUMA(?:\s+Press|\s+Wire)?|"
    r"LightRocket|UPI|DPA|dpa|Kyodo|Yonhap|ANSA|PA\s+(?:Images|Wire|Media)|Abaca|ANP|Belga|"
    r"Ukrinform|RIA\s+Novosti|Press\s+Service|Press\s+Office|Imago|Sipa|Polaris|Redux|"
    r"Ritzau|Scanpix|Keystone|Stringer|Courtesy|Wikimedia(?:\s+Commons)?|Flickr|Unsplash)"
)

# --------------------------------------------------------------------------- line shapes

_SHAPES: tuple[tuple[str, str], ...] = (
    # [time-brightcove not-tgx="true"], [/caption], {{ad}}, {% block %}, <!-- x -->
    # (shortcodes are lower-case: "[Engadget]" in a list of sources is not one)
    ("template_token", r"(?-i:\[/?[a-z][\w-]*(?:\s[^\]]*)?\])|\{\{.*\}\}|\{%.*%\}|<!--.*-->"),
    ("url_line", r"<?(?:https?://|www\.)\S+>?"),
    ("contact_line", r"(?:e-?mail\s*:\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    (
        "source_url",
        r"(?:original|source|canonical|article|story)\s+(?:url|link)\s*:?\s*(?:<?https?://\S+>?)?"
        r"|(?:url|link)\s*:\s*<?https?://\S+>?",
    ),
    ("video_duration", r"\d{1,2}\s?:\s?\d{2}(?:\s?:\s?\d{2})?"),
)
_SHAPE = re.compile("|".join(f"(?P<{n}>{p})" for n, p in _SHAPES), re.I)

#: ``[caption id="1"]A caption. (Photo / Name)[/caption]`` and other paired shortcodes.
_SHORTCODE_BLOCK = re.compile(r"\[(?P<tag>[a-z][\w-]*)(?:\s[^\]]*)?\].*\[/(?P=tag)\]")
#: ``Key: value`` fields at the top of a scraped text dump (the reader may leave them).
_HEADER_FIELD = re.compile(
    r"(?:url|link|outlet|source|publisher|site|date|dateline|published|updated|modified|byline|"
    r"author|authors|title|headline|section|category|language|lang|id)\s*:\s*\S.*",
    re.I,
)
_FEED_TRAILER = re.compile(
    r"(?:the\s+post\s+.{1,300}\s+appeared\s+first\s+on\s+.{1,120}|"
    r"this\s+(?:article|story|post)\s+(?:was\s+)?(?:originally\s+)?(?:appeared|published)\s+"
    r"(?:first\s+)?(?:on|in|at)\s+.{1,120})",
    re.I,
)
_COOKIE_CUE = re.compile(
    r"\b(?:we\s+use|accept|reject|manage|consent|settings|preferences|policy|experience)\b", re.I
)


# --------------------------------------------------------------------------- furniture

#: Words and phrases of site furniture: a short line made only of these is a widget.
_UI = re.compile(
    r"\b(?:"
    r"(?:video\s+)?ad\s+feedback|supported\s+by|"
    r"print\s+this\s+(?:page|article|story)|(?:next|previous)\s+(?:story|post)|"
    r"(?:please\s+)?enable\s+javascript(?:\s+to\s+view\s+the\s+comments)?|"
    r"share\s+(?:this|the)\s+(?:article|story|page|post|video|gallery)|share\s+(?:on|via|to)\s+\w+|"
    r"share\s+this|(?:click|tap)\s+to\s+(?:share|email|print|tweet)(?:\s+on\s+\w+)?|"
    r"opens?\s+in\s+(?:a\s+)?new\s+(?:window|tab)|like\s+this|loading|"
    r"terms\s+of\s+(?:use|service)|privacy\s+(?:policy|notice|settings)|cookie\s+(?:policy|settings)|"
    r"contact\s+us|about\s+us|accessibility|"
    r"shares?|sharing|copy/paste\s+the\s+(?:article\s+)?(?:video\s+)?embed\s+(?:link|code)(?:\s+below)?|"
    r"copy\s+to\s+clipboard|copy\s+link|link\s+copied|copied|copy|embed(?:\s+code|\s+link)?|"
    r"close\s+button|close|comments?|leave\s+a\s+comment|view\s+comments|join\s+the\s+conversation|"
    r"e-?mail|print|tweet|whatsapp|facebook|twitter|linkedin|reddit|telegram|pinterest|"
    r"messenger|flipboard|pocket|save(?:\s+article)?|saved|bookmark|"
    r"listen(?:\s+to\s+(?:this|the)\s+(?:article|story))?|\d+\s+min(?:ute)?s?\s+read|read\s+time|"
    r"advertisement|advert|ad|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+advertisement)?|"
    r"continue\s+reading(?:\s+(?:the\s+)?(?:main\s+)?(?:story|article|below))?|skip\s+advertisement|"
    r"now\s+playing|up\s+next|"
    r"scroll\s+to\s+continue(?:\s+with\s+content)?|subscribe(?:\s+now)?|sign\s+up|sign\s+in|log\s*in|"
    r"register|newsletters?|follow\s+us(?:\s+on\s+\w+)?|follow|find\s+us(?:\s+on\s+\w+)?|"
    r"back\s+to\s+top(?:\s+button)?|scroll\s+to\s+top|skip\s+to\s+(?:main\s+)?content|menu|search|home|"
    r"toggle\s+navigation|show\s+more|load\s+more|see\s+more|next\s+article|previous\s+article|"
    r"view\s+this\s+post\s+on\s+\w+|view\s+(?:image|gallery|slideshow)|open\s+in\s+app|"
    r"watch\s+live|play\s+video|enlarge(?:\s+this\s+image)?|toggle\s+caption|hide\s+caption|"
    r"image|photo|video|audio|button|link|text\s+size|font\s+size|like|reply|more|"
    r"published\s+on|updated\s+on|published|updated"
    r")\b",
    re.I,
)
#: A widget line starts with a furniture word (after digits or symbols: "12 Comments").
_UI_START = re.compile(r"[\W\d_]*" + _UI.pattern, re.I)

_RELATED_HEADER = re.compile(
    r"(?:read\s+more|read\s+next|related(?:\s+(?:posts?|articles?|stories|story|content|"
    r"coverage|news|links|reading|topics|videos?))?|you\s+(?:might|may)\s+(?:also\s+)?(?:like|"
    r"be\s+interested\s+in|have\s+missed)|more\s+(?:from|on|in)\s+[\w .’'-]{1,40}|"
    r"more\s+(?:stories|news|articles|videos|coverage)|most\s+(?:read|popular|viewed|shared)|"
    r"recommended(?:\s+(?:for\s+you|stories|articles|reading))?|trending(?:\s+(?:now|stories|news))?|"
    r"also\s+read|see\s+also|further\s+reading|top\s+stories|latest\s+(?:news|stories|articles)|"
    r"what\s+to\s+read\s+next|editor['’]?s\s+picks?|don['’]?t\s+miss|in\s+other\s+news|"
    r"popular\s+(?:now|stories)|more\s+like\s+this|explore\s+more(?:\s+on\s+th(?:is|ese)\s+topics?)?)"
    r"\s*[:.]?",
    re.I,
)
_RELATED_INLINE = re.compile(
    r"(?:related(?:\s+(?:article|story|content|coverage|link|video))?|read\s+(?:more|also|next)|"
    r"also\s+read|see\s+also|more|watch|listen|recommended|opinion)\s*[:|]\s*\S.*",
    re.I,
)
_PROMO = re.compile(
    r"(?:sign\s+up|subscribe|get\s+(?:our|the)\b.{0,40}\bnewsletter|download\s+(?:our|the)\s+app|"
    r"follow\s+(?:us|@\w+)|join\s+(?:us|our)\b.{0,40}\b(?:on|channel|newsletter|community)|"
    r"like\s+us\s+on|support\s+(?:our|independent)\s+journalism|"
    r"get\s+(?:digital|full|unlimited)\s+access|"
    r"follow\s+[\w .’'-]{1,60}\s+on\s+(?:twitter|x|facebook|instagram|threads|bluesky|linkedin)\b|"
    r"our\s+standards\s*:)",
    re.I,
)
_TAGS = re.compile(r"(?:tags?|topics?|filed\s+under|categories|category|keywords)\s*:.*", re.I)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b).*|.*\ball\s+rights\s+reserved\b.*", re.I)
_CHART_NOTE = re.compile(
    r"\b(?:Datawrapper|DATAWRAPPER|Flourish|Infogram|Highcharts|Tableau\s+Public)\b.*"
    r"\b(?:[Cc]reated?|[Mm]ade|[Uu]sed|[Cc]hart|[Gg]raphic|[Mm]ap|[Vv]isuali[sz]|[Ee]mbed|"
    r"[Pp]owered|[Dd]ata)|\b(?:[Cc]reated?|[Mm]ade|[Pp]owered)\s+(?:with|by|using)\s+"
    r"(?:Datawrapper|Flourish|Infogram|Highcharts|Tableau)\b"
)
_GRAPHIC_LABEL = re.compile(
    r"[^.!?]{1,60}\b(?:maps?|graphics?|charts?|infographic|interactive|gallery|slideshow|"
    r"in\s+pictures|in\s+photos)|(?:source|sources|chart|graphic|map|data)\s*:\s*[^.]{1,120}\.?",
    re.I,
)
_PLAYER_PROMPT = re.compile(
    r"(?:click|tap|press|hit)\b.{0,60}\b(?:player|video|play|here)\b|"
    r".{0,80}\b(?:player|video)\s+(?:above|below)\b",
    re.I,
)
_VIDEO_TEASER = re.compile(
    r"(?:watch(?:\s+live)?|video|listen|audio|podcast)\s*[:|–—-]\s*\S.*", re.I
)
#: "Image caption, ..." (BBC), "Pictured: ...", "Caption: ..."
_CAPTION_LABEL = re.compile(
    r"(?:(?:image|media|video|photo)\s+caption\s*[,:]|(?:pictured|caption|above|top|inset)\s*:)\s*\S.*",
    re.I,
)
#: A line of only symbols: "___", "* * *", "—".
_SEPARATOR = re.compile(r"[\W_]+")
_RIGHTS = re.compile(r"\bmay\s+not\s+be\s+(?:published|reproduced|redistributed|copied)\b", re.I)

# --------------------------------------------------------------------------- captions

_CREDIT_START = re.compile(
    r"(?:©|\(c\)|copyright\b|photo(?:graph)?s?\s*(?:by|credit)?\s*:|photo\s+by\b|"
    r"images?\s*(?:credit)?\s*:|pictures?\s*:|credits?\s*:|courtesy\s+of\b|illustration\s*:)",
    re.I,
)
_HAS_AGENCY = re.compile(rf"(?<![\w-]){_AGENCY}(?![\w-])")
_CREDIT_TAIL = re.compile(
    rf"(?:\bvia\s+{_AGENCY}|/\s*{_AGENCY}|\b(?:Getty\s*Images|Shutterstock|Alamy|Handout|Pool))\s*\)?$"
)
_CAPTION_START = re.compile(
    r"(?:FILE\s*(?:PHOTO)?\s*[-–—:|]\s*)?"
    r"(?:(?:in\s+)?this|an?|the)\s+"
    r"(?:(?:handout|file|undated|satellite|aerial|drone|still|video|screen|pool|frame|"
    r"photo|image)\s+)?"
    r"(?:photo(?:graph)?|image|picture|handout|still|grab|screen\s*grab|screenshot|"
    r"frame|footage|satellite\s+image|video)s?\b"
    r"(?:\s+(?:taken|made|grabbed)\s+from|\s+from)?(?:\s+(?:a|an|the))?"
    r"(?:\s+(?:video|footage|handout))?"
    r"\s+(?:provided|released|taken|distributed|made\s+available|obtained|published|posted|"
    r"shared|issued|handed\s+out|supplied|courtesy)\b",
    re.I,
)
_CAPTION_CUE = re.compile(
    r"\b(?:shows?|showing|seen|pictured|depicts?|depicting|taken|photo(?:graph)?|image|"
    r"picture|footage|video|satellite|file|poses?|gestures?|walks?|stands?|arrives?|"
    r"attends?|looks?\s+on|is\s+seen|are\s+seen)\b",
    re.I,
)
_CAPTION_END = re.compile(
    r"(?:\b(?:photo(?:graph)?|image|picture|credit|illustration)s?(?:\s+credit)?\s*:\s*[^.!?]{2,100}"
    r"|\((?:AP|AFP|Reuters|EPA|Getty)\s*(?:Photo|Images)?\s*/[^)]{1,80}\)"
    r"|\bcopyright\s+[^.!?]{2,80}|©\s*[^.!?]{2,80})$",
    re.I,
)
_SAYS = re.compile(r"\b(?:said|says|told|tells)\b|[“”\"]")


def _caption_end(text: str) -> bool:
    """Whether the last 130 characters of ``text`` end like a caption (``_CAPTION_END``).

    Every match holds a ':' (a "Photo: ..." credit), a '/' (an agency's "(AP Photo/...)"),
    a '©' or the word "copyright": a tail with none of them is not searched (the
    case-insensitive pattern is tried at each of its characters, ~14 us a line).
    """
    tail = text[-130:]
    if ":" in tail or "/" in tail or "©" in tail or "copyr" in tail.lower():
        return _CAPTION_END.search(tail) is not None
    return False

# --------------------------------------------------------------------------- people

_CONTRIBUTOR_START = re.compile(
    r"\(?[—–-]*\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|edited|produced)\s+by\b|"
    r"information\s+from\s*:|"
    r"[—–-]+\s*\S.{0,60}\breported\s+from\b",
    re.I,
)
_CONTRIBUTOR = re.compile(
    r"\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report|story|article|reporting)\b|"
    r"\b(?:report|story|article)\s+was\s+contributed\s+by\b",
    re.I,
)
#: A wire credit at the end of a body paragraph: "... (Reporting by X; Editing by Y)".
TRAILING_CREDIT = re.compile(
    r"\s*\((?:additional\s+)?(?:reporting|writing|editing)\s+by\b[^()]{2,300}\)\s*$", re.I
)
_ROLE = re.compile(
    r"\b(?:editor|correspondent|reporter|writer|journalist|producer|columnist|contributor|"
    r"anchor|analyst|bureau\s+chief|fellow|author|photographer|videographer)s?\b",
    re.I,
)
_BIO_VERB = re.compile(
    r"\b(?:is|was|has\s+been|covers|covered|based\s+in|joined|writes|reports|previously|"
    r"worked|lives)\b",
    re.I,
)
_NAME_START = re.compile(
    r"^(?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'.-]+(?:,|,?\s*[’']s\b|\s+is\b|\s+was\b|\s+has\b|\s+covers\b|\s+writes\b|\s+reports\b|\s+joined\b)"
)
#: "— Coastal Press Agency", "(Source: Reuters)": who the story came from, at its end.
_SOURCE_CREDIT = re.compile(
    r"(?:[—–-]+\s*|\(?\s*(?:source|via|from)\s*:?\s*)(?:[A-Z][\w&.’'-]*\s*){1,6}\)?"
)
_EDITOR_NOTE = re.compile(
    r"\(?(?:editor['’]?s\s+note|editors['’]\s+note|correction|clarification|update)\s*:", re.I
)
_FOLLOW = re.compile(
    r"^(?:follow|contact|reach|email)\s+(?:\w+\s+){0,3}(?:on|at|via)\b|@\w+\s+on\s+(?:twitter|x)\b",
    re.I,
)
_NAME_LINE = re.compile(
    r"(?:[A-Z][\w’'-]+\.?|[A-Z]\.|de|van|von|da|del|der|la|le|bin|al|ibn)"
    r"(?:\s+(?:[A-Z][\w’'-]+\.?|[A-Z]\.|de|van|von|da|del|der|la|le|bin|al|ibn)){1,4}"
)

_BYLINE = re.compile(
    r"(?:by|written\s+by|words\s+by|author\s*:|byline\s*:)\s+(?P<names>.{2,200})", re.I
)
_BYLINE_LOWER_OK = frozenset(
    _words(
        "and with for in of the de van von da del der la le staff reporter reporters "
        "correspondent correspondents writer writers editor news agencies wire wires "
        "services in& &"
    )
)

TWEET_SIGNATURE = re.compile(
    r"[—–-]\s*(?P<name>[^()@—–]{1,80}?)\s*\(@(?P<handle>\w{1,30})\)\s*"
    r"(?P<date>(?:[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})|(?:\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}))\s*$"
)
POSTED_BY = re.compile(
    r"(?:posted|shared)\s+by\s+(?P<name>.{1,80}?)\s+on\s+(?P<date>(?:\w+,?\s+)?[\w.]+\s+\d{1,2},?\s+\d{4}.*)$",
    re.I,
)

_DATELINE_AGENCY = re.compile(
    r"^(?:[A-Z][\w’'.\- ]{1,40}?(?:,\s*[\w’'.\- ]{1,30}?)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?)?"
    r"\s*\((?:AP|AFP|Reuters|REUTERS|dpa|DPA|UPI|CNN|Xinhua|Bloomberg|ANSA|EFE|TASS|IANS|PTI|"
    r"Kyodo|Yonhap|Interfax|RIA|[A-Z][A-Za-z]{1,14}(?:\s[A-Z][A-Za-z]{1,14})?)\)\s*[—–-]{1,2}\s*"
)
_DATELINE_CAPS = re.compile(
    r"^(?P<place>[A-Z][A-Z’'.\-]{2,}(?:\s+[A-Z][A-Z’'.\-]+){0,3})"
    r"(?:,\s*[A-Z][\w’'.\-]+(?:\s+[A-Z][\w’'.\-]+){0,2})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*[—–-]{1,2}\s+"
)


# --------------------------------------------------------------------------- functions


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _is_widget(text: str) -> bool:
    if not _UI_START.match(text) or _letters(text) < 2:
        return False
    if _letters(_UI.sub("", text)) <= 1:
        return True
    # words run together by scraping: "Share this articleComments"
    return _letters(_UI.sub("", _CAMEL_JOIN.sub(r"\1 \2", text))) <= 1


def _date_rule(text: str) -> str | None:
    """A line made only of date/time words and numbers ("Published on Updated")."""
    if len(text) > 90:
        return None
    first = text.split(None, 1)[0].lower().strip("(),.:|")
    if first not in _DATE_WORDS and not _DIGIT.search(text):
        return None
    tokens = [t.lower() for t in _TOKENS.findall(text)]
    if not tokens:
        return None
    alpha = [t for t in tokens if not t.isdigit()]
    if any(t not in _DATE_WORDS for t in alpha):
        return None
    if any(t in _STAMP_WORDS for t in alpha):
        return "published_line"
    if any(t.isdigit() for t in tokens) or any(t in _MONTH_SET for t in alpha):
        return "date_line"
    return None


_TAIL_AGENCY_HINTS = ("via", "/", "Getty", "Shutterstock", "Alamy", "Handout", "Pool")


def _has_credit_tail(text: str) -> bool:
    return any(h in text for h in _TAIL_AGENCY_HINTS) and bool(_CREDIT_TAIL.search(text))


def _has_copyright(text: str) -> bool:
    low = text.lower()
    return low.startswith(("©", "(c)", "copyright")) or "reserved" in low


def is_credit(text: str, words: int) -> bool:
    """A photo credit line: "Copyright AP/...", "Russian Defence Ministry/Handout"."""
    if words > 14:
        return False
    if _CREDIT_START.match(text):
        return True
    if _ENDS_SENTENCE.search(text) and not text.endswith(")"):
        return False
    if ("/" in text or "\\" in text or "|" in text) and _HAS_AGENCY.search(text):
        return True
    if "(c)" in text.lower() or "©" in text:
        return True
    return words <= 8 and _has_credit_tail(text)


def is_caption_like(text: str) -> bool:
    """A short single-sentence description of a picture (judged next to a credit line)."""
    words = text.count(" ") + 1
    if words > 50 or _SAYS.search(text):
        return False
    return bool(_CAPTION_CUE.search(text)) or (words <= 30 and ". " not in text)


def match_line(text: str, words: int | None = None) -> str | None:
    """The residue rule a line matches on its own, or None."""
    text = text.strip()
    if not text:
        return None
    if words is None:
        words = text.count(" ") + 1
    if words <= 12:
        m = _SHAPE.fullmatch(text)
        if m:
            return m.lastgroup
    if words <= 15:
        if _SEPARATOR.fullmatch(text):
            return "separator"
        if _is_widget(text):
            return "ui_widget"
        if words <= 4 and _HAS_AGENCY.fullmatch(text):
            return "photo_credit"
        rule = _date_rule(text)
        if rule:
            return rule
        if _RELATED_HEADER.fullmatch(text):
            return "related_header"
        if "reserved" in text.lower() and _COPYRIGHT.fullmatch(text):
            return "copyright_notice"
        if ". " in text and _caption_end(text):
            return "caption_with_credit"
        if is_credit(text, words):
            return "photo_credit"
        if words <= 6 and _GRAPHIC_LABEL.fullmatch(text) and not _ENDS_SENTENCE.search(text):
            return "graphic_label"
        if ":" in text[:8] and _GRAPHIC_LABEL.fullmatch(text):
            return "graphic_label"
        if _TAGS.fullmatch(text):
            return "tags"
        if words <= 12 and _has_copyright(text) and _COPYRIGHT.fullmatch(text):
            return "copyright_notice"
        if _VIDEO_TEASER.fullmatch(text):
            return "video_teaser"
    low = text.lower()
    # one search for the rules below that match at the start of the line (those that
    # apply at this length): most body paragraphs match none, and then none is tried alone
    if words <= 30:
        starts = _LINE_STARTS.match(text) is not None
    elif words <= 80:
        starts = _LONG_LINE_STARTS.match(text) is not None
    else:
        starts = False
    if words <= 30:
        if starts and _CAPTION_LABEL.match(text):
            return "caption"
        if "may not be" in low and _RIGHTS.search(text):
            return "copyright_notice"
        if starts and _RELATED_INLINE.fullmatch(text) and not _SAYS.search(text):
            return "related_link"
        if (starts and _PROMO.match(text)) or "trust principles" in low:
            return "promo"
        if (
            "datawrapper" in low
            or "flourish" in low
            or "infogram" in low
            or "highcharts" in low
            or "tableau" in low
        ) and _CHART_NOTE.search(text):
            return "chart_note"
        if "contributed" in low and _CONTRIBUTOR.search(text):
            return "contributor_credit"
    if words <= 40:
        if ("player" in low or "video" in low or low.startswith(_PROMPT_VERBS)) and (
            _PLAYER_PROMPT.match(text)
        ):
            return "player_prompt"
        if low.startswith(("the post ", "this ")) and _FEED_TRAILER.fullmatch(text):
            return "feed_trailer"
        if "cookie" in low and _COOKIE_CUE.search(text):
            return "cookie_notice"
    if words <= 100 and text[0] == "[":
        m = _SHORTCODE_BLOCK.fullmatch(text)
        if m:
            return "caption" if m.group("tag").lower() == "caption" else "template_token"
    if words <= 80:
        if (
            starts
            and _CAPTION_START.match(text)
            and (_CAPTION_CUE.search(text, 20) or text[:2].lower() == "in")
        ):
            return "caption"
        tail = low[-130:]
        if _caption_end(text) and _CREDIT_HINT.search(tail):  # the cheaper test first
            return "caption_with_credit"
        if words <= 8 and _has_credit_tail(text):
            return "photo_credit"
        if starts and _CONTRIBUTOR_START.match(text):
            return "contributor_credit"
    return None


def _any_start(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """Matches (at the start) every line that one of ``patterns`` matches at its start."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.I)


_LINE_STARTS = _any_start(
    _CAPTION_LABEL, _RELATED_INLINE, _PROMO, _CAPTION_START, _CONTRIBUTOR_START
)
_LONG_LINE_STARTS = _any_start(_CAPTION_START, _CONTRIBUTOR_START)
_PROMPT_VERBS = ("click", "tap", "press", "hit")
_CREDIT_HINTS = (
    "photo",
    "image",
    "picture",
    "credit",
    "illustration",
    "copyright",
    "©",
    "(ap",
    "(afp",
    "(reuters",
    "(epa",
    "(getty",
)
#: Any of ``_CREDIT_HINTS`` in an already lower-cased text (one search, not 12).
_CREDIT_HINT = re.compile("|".join(map(re.escape, _CREDIT_HINTS)))


def is_header_field(text: str, words: int) -> bool:
    """A ``Key: value`` metadata field ("Outlet: ...", "Date: ...") of a text dump."""
    return words <= 25 and bool(_HEADER_FIELD.fullmatch(text))


def is_label_like(text: str, words: int) -> bool:
    """A short line that is not a sentence: an image's alt text, a chart's title."""
    return words <= 15 and not _ENDS_SENTENCE.search(text) and not _SAYS.search(text)


def is_headline_like(text: str, words: int) -> bool:
    """A listed headline (after a "Read more" header): short, not ending a sentence."""
    if words > 25 or len(text) > 220:
        return False
    if text.endswith(("?", "!")) and words <= 15:
        return True
    return not _ENDS_SENTENCE.search(text) or text.endswith(("…", "..."))


def title_key(text: str) -> str:
    """Comparison key for headlines: letters and digits, case-folded."""
    return "".join(filter(str.isalnum, text.casefold()))


def byline_names(text: str) -> str | None:
    """The names of a byline line ("By Jane Doe, Associated Press"), or None."""
    m = _BYLINE.fullmatch(text.strip())
    if not m:
        return None
    names = m.group("names").split(" | ")[0].strip().rstrip(",;")
    tokens = re.findall(r"[^\W\d_][\w’'.&-]*|\d+", names)
    if not tokens or len(tokens) > 16:
        return None
    capital = 0
    for tok in tokens:
        if tok.isdigit():
            return None
        if tok[0].isupper():
            capital += 1
        elif tok.lower() not in _BYLINE_LOWER_OK:
            return None
    if capital == 0 or (_ENDS_SENTENCE.search(names) and not re.search(r"\b[A-Z]\.$", names)):
        return None
    return names


def is_name_line(text: str) -> bool:
    """A lone person's name: two to five capitalised words, nothing else."""
    if len(text) > 50 or text.endswith(".") or not _NAME_LINE.fullmatch(text):
        return False
    return not any(t.lower() in _DATE_WORDS for t in _TOKENS.findall(text))


_BIO_HINTS = (
    "editor",
    "correspondent",
    "reporter",
    "writer",
    "journalist",
    "producer",
    "columnist",
    "contributor",
    "anchor",
    "analyst",
    "chief",
    "fellow",
    "author",
    "photographer",
    "follow",
    "contact",
    "reach",
    "email",
    "twitter",
)


def tail_rule(text: str, words: int) -> str | None:
    """Residue that only counts as such after the last body paragraph, or None."""
    if is_name_line(text):
        return "author_name"
    if _EDITOR_NOTE.match(text):
        return "editor_note"
    low = text.lower()
    if words <= 70 and (any(h in low for h in _BIO_HINTS)) and not _SAYS.search(text):
        if _ROLE.search(text) and _BIO_VERB.search(text) and _NAME_START.match(text):
            return "author_bio"
        if _FOLLOW.search(text):
            return "author_bio"
    if words <= 80 and (
        ("contributed" in low and _CONTRIBUTOR.search(text)) or _CONTRIBUTOR_START.match(text)
    ):
        return "contributor_credit"
    if words <= 12 and byline_names(text):
        return "byline"
    if words <= 8 and _SOURCE_CREDIT.fullmatch(text):
        return "source_credit"
    return None


def dateline(text: str) -> str | None:
    """The dateline at the start of a paragraph ("MOSCOW (AP) — "), or None."""
    m = _DATELINE_AGENCY.match(text)
    if m:
        return m.group(0)
    m = _DATELINE_CAPS.match(text)
    if m and _letters(m.group("place")) >= 3:
        return m.group(0)
    return None
