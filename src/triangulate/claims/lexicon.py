"""Words the quantity rules look for: hedges, change verbs, events, stop words, synonyms.

Kept apart from the rules (``quantities.py``) so the vocabulary can be read and extended
in one place. Every list is general English news usage, not fitted to any data set.
"""

from __future__ import annotations

import re

from triangulate.claims.units import singular

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_BEFORE = re.compile(_MONTH + r"\.?,?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?$")
_MONTH_AFTER = re.compile(r"^(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH + r"\b")
_TIME_AFTER = re.compile(
    r"^(?::\d\d|\.\d\d\s?[ap]\.?m\b|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|EDT\b|EST\b|BST\b|CET\b"
    r"|UTC\b|ET\b|PT\b|hrs\b|h\d\d))",
    re.IGNORECASE,
)
_TIME_BEFORE = re.compile(r"\d:$")
_NAME_BEFORE = re.compile(r"(?:^|[\s(\"“])([A-Za-z&/.]*[A-Z][\w&/.]*)[ -]$")
_NUMBER_SIGN_BEFORE = re.compile(r"(?:No\.|#|number|Nos\.)\s?$", re.IGNORECASE)
_MINUS_BEFORE = re.compile(r"\bminus[\s-]?$", re.IGNORECASE)
_ONE_IDIOM_BEFORE = re.compile(
    r"\b(?:no|the|any|every|each|which|this|that|last|only|another)\s+$", re.IGNORECASE
)
_ONE_IDIOM_AFTER = re.compile(
    r"^\s+(?:another|day|time|way|thing|more|last|or\s+another|by\s+one)\b|^['’]s\b", re.IGNORECASE
)
_HALF_PERIOD_BEFORE = re.compile(
    r"\b(?:this|that|first|second|the|other|latter|former|next|last)\s+$", re.IGNORECASE
)

#: words before a figure that are not part of a name even when capitalised
_NOT_NAMES = {
    "About", "Around", "Nearly", "Almost", "Some", "More", "Over", "Just", "Only", "All",
    "At", "By", "In", "On", "With", "From", "To", "Of", "And", "The", "Roughly", "Up",
    "Down", "Under", "Another", "Approximately", "Than", "Least", "Most", "Fewer", "Less",
    "Exactly", "Precisely", "Those", "These", "Its", "Their", "His", "Her", "Our",
    "Still", "Between", "Among", "For", "Estimated", "An", "A",
    "Perhaps", "Maybe", "When", "After", "Before", "Since",
    "During", "Then", "If", "But", "Yet", "While", "As", "So", "Now", "Even",
    "Below", "Above", "Within", "Until", "Till", "Additional", "Every", "Each",
    "Nobody", "Top", "Total", "Hundreds", "Thousands", "Millions", "Dozens",
    "US", "U.S.", "HK", "USD", "RM", "INR", "Rs", "EUR", "GBP", "PS", "Y", "CHF", "I", "We",
    "They", "He", "She", "It", "You", "There", "Here", "Sunday", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Had", "Has", "Have", "Was", "Were",
}  # fmt: skip

_QUALIFIERS: tuple[tuple[str, str, str], ...] = (
    # (pattern ending right before the number, qualifier, change)
    (r"(?:well|far|comfortably|just|slightly|much)\s+(?:over|above|more\s+than|in\s+excess\s+of)", "more than", ">"),
    (r"more\s+than|over\s+than|over|above|in\s+excess\s+of|exceeding|upwards\s+of|greater\s+than|north\s+of|beyond", "more than", ">"),
    (r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of|not\s+less\s+than", "at least", ">"),
    (r"(?:just|slightly)\s+(?:under|below|short\s+of|less\s+than)", "less than", "<"),
    (r"less\s+than|fewer\s+than|under|below|lower\s+than|sub-?|short\s+of", "less than", "<"),
    (r"up\s+to|as\s+many\s+as|as\s+much\s+as|as\s+high\s+as|at\s+most|no\s+more\s+than|a\s+maximum\s+of|within|maximum\s+of|not\s+more\s+than", "up to", "<"),
    (r"nearly|almost|virtually|close\s+to|just\s+shy\s+of|approaching", "nearly", "~"),
    (r"about|around|approximately|approx\.?|roughly|some|circa|ca\.|an\s+estimated|estimated|~|around\s+about|in\s+the\s+region\s+of|of\s+about|of\s+around|maybe|perhaps|reportedly|averaged|averaging|averages", "about", "~"),
)  # fmt: skip
_QUALIFIER_RES = tuple(
    (
        re.compile(r"(?:^|(?<=[\s(\"“-]))(?:" + p + r")\s*(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE),
        q,
        c,
    )
    for p, q, c in _QUALIFIERS
)
_QUALIFIER_WORDS = re.compile(
    r"(?:\b(?:well|far|just|slightly|more|than|over|above|at|least|most|less|fewer|under|below|"
    r"up|to|as|many|much|nearly|almost|about|around|approximately|roughly|some|an|estimated|"
    r"by|a|the|exactly|only|another|further|additional)\s+)*$",
    re.IGNORECASE,
)

_UP_VERBS = (
    "rose|rises|rise|risen|rising|up|gained|gains|gain|gaining|climbed|climbs|climb|climbing|"
    "jumped|jumps|jump|jumping|surged|surges|surge|surging|soared|soars|soar|increased|increases|"
    "increase|increasing|grew|grows|grow|growing|added|adds|advanced|advances|rallied|rallies|"
    "boosted|boost|spiked|higher|edged\\s+up|ticked\\s+up|inched\\s+up|went\\s+up|is\\s+up|was\\s+up|"
    "were\\s+up|are\\s+up|climbing|popped|rebounded|widened|expanded"
)
_DOWN_VERBS = (
    "fell|falls|fall|fallen|falling|dropped|drops|drop|dropping|down|lost|loses|lose|losing|"
    "slid|slides|slide|sliding|slipped|slips|declined|declines|decline|declining|plunged|plunges|"
    "plunge|plummeted|plummets|tumbled|tumbles|sank|sinks|sunk|shed|sheds|eased|eases|decreased|"
    "decreases|decrease|shrank|shrunk|shrinks|lower|dipped|dips|dip|retreated|slumped|slumps|"
    "dived|dove|sagged|weakened|cut|cuts|reduced|slashed|edged\\s+down|ticked\\s+down|inched\\s+down|went\\s+down|"
    "narrowed|contracted|crashed|cratered|skidded|shed"
)
_VERB_TAIL = (
    r"(?:\s+(?:by|to))?(?:\s+(?:about|around|roughly|some|nearly|almost|just|a\s+further|another|"
    r"an\s+additional|as\s+much\s+as|more\s+than|over|only))?\s*$"
)
_PHRASAL_UP = (
    "gave|give|gives|given|giving|picked|pick|made|make|makes|set|sets|ended|end|ends|took|take|"
    "takes|signed|sign|came|come|comes|coming|turned|turn|showed|show|shows|backed|back|"
    "built|build|step|stepped|opened|open|put|puts|sum|summed|tot|totted|shored|shore"
)
_UP_RE = re.compile(
    r"\b(?<!\w\s)(?:"
    + _UP_VERBS
    + r")"
    + _VERB_TAIL
    + r"|(?<!\w)(?:"
    + _UP_VERBS
    + r")"
    + _VERB_TAIL,
    re.IGNORECASE,
)
_BY_CLAUSE = re.compile(
    r"([^,;:()\"“”]{0,80})\bby\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|some\s+|"
    r"virtually\s+|just\s+|more\s+than\s+|over\s+|up\s+to\s+)?(?:a\s+|an\s+)?$",
    re.IGNORECASE,
)
_UP_ANY = re.compile(
    r"\b(?:rose|rise[sn]?|raised?|raising|increased?|increasing|grew|grow|grows|boost(?:ed|s)?|"
    r"lifted|hiked?|expanded|widened|jumped|climbed|gained|added)\b",
    re.IGNORECASE,
)
_DOWN_ANY = re.compile(
    r"\b(?:fell|fall(?:s|en)?|cut|cuts|reduced?|reducing|slashed?|trimmed?|lowered|decreased?|"
    r"dropped|declined?|shrank|shrunk|narrowed|lost|dipped|sank)\b",
    re.IGNORECASE,
)
_PHRASAL_UP_RE = re.compile(r"\b(?:" + _PHRASAL_UP + r")\s+up" + _VERB_TAIL, re.IGNORECASE)
_DOWN_RE = re.compile(r"\b(?:" + _DOWN_VERBS + r")" + _VERB_TAIL, re.IGNORECASE)

_FOLLOWS_FIGURE = re.compile(r"^\s*(?:\(|/|,?\s+or\s+)\s*(?:about\s+|some\s+)?[$€£¥]?\s*$")
_RANGE_CONNECTOR = re.compile(r"\s*(?:-to-|-|–|—|to-|to|and|through|or)\s*", re.IGNORECASE)
_TALLY_BEFORE = re.compile(
    r"\b(?:vot(?:ed|es|e|ing)|beat|beats|won|defeated|drew|passed|approved|rejected|backed|"
    r"by\s+a\s+vote\s+of|margin\s+of)\s+$",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(r"\b(?:from|between)\s+(?:about\s+|around\s+)?$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:about\s+|around\s+)?$", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"[A-Z][a-z'’-]+,\s+$")
_AGE_AFTER = re.compile(r"^\s*(?:,|\)|$)")
_DECADE_AFTER = re.compile(r"^['’]?s\b")
_PER_AFTER = re.compile(
    r"^\s*(?:per|a|an|/|each)\s*(day|week|month|year|annum|hour|minute|second|share|gallon|"
    r"barrel|litre|liter|gram|kilogram|kg|ounce|tonne|ton|person|capita|head|game|night|"
    r"square\s+foot|square\s+metre|century|decade|mmBTU|kWh|unit|mile|km)\b"
    r"(?!\s+(?:earlier|ago|later|before|after|previously|prior))",
    re.IGNORECASE,
)
_OF_AFTER = re.compile(
    r"\s+of\s+(?:the\s+|those\s+|these\s+|its\s+|their\s+|his\s+|her\s+|our\s+|my\s+|your\s+|"
    r"them\b|us\b|all\s+|which\b)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’-]*)")
_OF_COMPLEMENT = re.compile(r"\s+of\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)")

STOPWORDS = frozenset(
    ["the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or", "but", "that", "which", "who", "whom", "whose", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could", "may", "might", "should", "than", "as", "per", "this", "these", "those", "it", "its", "their", "his", "her", "our", "your", "my", "we", "they", "he", "she", "you", "i", "there", "here", "not", "no", "so", "if", "when", "while", "since", "after", "before", "during", "over", "under", "about", "into", "onto", "up", "down", "out", "off", "more", "less", "each", "every", "all", "some", "any", "still", "just", "only", "also", "even", "already", "ago", "later", "earlier", "apiece", "behind", "across", "through", "around", "near", "between", "among", "against", "toward", "towards", "within", "without", "upon", "via", "including", "include", "includes", "like", "such", "both", "either", "neither", "another", "other's", "than", "then", "now", "again", "too", "very", "much", "many", "most", "few", "fewer", "least", "said", "says", "say", "told", "according", "where", "what", "how", "why", "whether", "once", "ahead", "away", "back", "per", "worth", "long", "wide", "high", "deep", "tall", "old"]
)  # fmt: skip
_COLLECTIVE = {"people", "staff", "personnel", "police", "cattle", "aircraft",
               "crew", "fish", "sheep", "deer", "livestock", "military", "population"}  # fmt: skip
_SUPERLATIVES = {"best": "good", "worst": "bad", "biggest": "big", "largest": "large",
                 "hottest": "hot", "latest": "late", "earliest": "early", "highest": "high",
                 "lowest": "low", "greatest": "great", "closest": "close", "newest": "new",
                 "oldest": "old", "proudest": "proud", "fastest": "fast", "smallest": "small",
                 "longest": "long", "strongest": "strong", "richest": "rich"}  # fmt: skip
_AUX = {"were", "was", "are", "is", "have", "has", "had", "been", "be", "being", "reportedly",
        "also", "all", "still", "now", "later", "then", "who", "that", "got", "get",
        "left", "not", "either", "initially", "officially"}  # fmt: skip
#: event words that say what happened to what is counted; synonyms share one name
EVENTS: dict[str, str] = {
    "injured": "injured", "hurt": "injured", "wounded": "injured", "injuring": "injured",
    "injuries": "injured", "harmed": "injured", "hospitalised": "hospitalised", "hospitalized": "hospitalised",
    "killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed", "killing": "killed",
    "die": "killed", "fatalities": "killed", "evacuated": "evacuated", "evacuating": "evacuated",
    "rescued": "rescued", "missing": "missing", "arrested": "arrested", "detained": "arrested",
    "displaced": "displaced", "stranded": "stranded", "affected": "affected", "infected": "infected",
    "deployed": "deployed", "stationed": "deployed", "massed": "deployed", "gathered": "deployed",
    "surround": "deployed", "surrounding": "deployed", "remain": "deployed",
    "pulled": "rescued", "sacked": "laid off", "fired": "laid off", "cut": "cut",
}  # fmt: skip
DEGREES: dict[str, str] = {"seriously": "seriously", "badly": "seriously", "critically": "critically",
           "severely": "seriously", "gravely": "seriously", "slightly": "slightly",
           "lightly": "slightly"}  # fmt: skip
#: nouns that name the same counted thing
SYNONYMS: dict[str, str] = {
    "individual": "people", "person": "people", "persons": "people", "resident": "people",
    "gust": "wind", "winds": "wind", "wind": "wind", "windspeed": "wind",
    "soldier": "troop", "troops": "troop", "servicemen": "troop", "serviceman": "troop",
    "forces": "troop", "force": "troop", "service member": "troop",
    "portion": "section", "part": "section", "diversion": "detour", "blaze": "fire",
    "fatality": "people killed", "death": "people killed", "injury": "people injured",
    "casualty": "casualty",
}  # fmt: skip


def _norm_noun(word: str) -> str:
    w = word.lower().strip("'’")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    w = _SUPERLATIVES.get(w, w)
    if w not in _COLLECTIVE and not word[:1].isupper():
        w = singular(w)  # a capitalised plural ("Americans") is a name: kept as written
    return w
