"""Units: the surface forms news uses, and the one name each normalises to.

Normalised names follow the unit vocabulary of CQE's evaluation set (British spellings,
singular: ``metre``, ``kilometre per hour``, ``percentage``, ``year of age``), so the
figures our report shows and the figures the NewsQuant scorer compares are the same.

    match_unit_after(text, pos)   -> (normalised, end) | None   a unit starting at ``pos``
    match_currency_before(text, pos) -> (normalised, start) | None  "$", "US $", "HK$" ...
    singular(word)                -> "country" for "countries"
"""

from __future__ import annotations

import re

#: surface form -> normalised unit. Matched case-insensitively unless listed in
#: ``_CASE_SENSITIVE`` (symbols whose case carries meaning: C, F, W, m, g, B ...).
UNIT_FORMS: dict[str, str] = {
    # ratios
    "%": "percentage", "per cent": "percentage", "percent": "percentage",
    "pc": "percentage", "percentage points": "percentage point",
    "percentage point": "percentage point", "percent-owned": "percentage",
    "per cent-owned": "percentage",
    "basis points": "basis point", "basis point": "basis point", "bps": "basis point",
    "points": "point", "point": "point", "pts": "point",
    "times": "count", "fold": "count",
    # length
    "km": "kilometre", "kms": "kilometre", "kilometres": "kilometre", "kilometers": "kilometre",
    "kilometre": "kilometre", "kilometer": "kilometre",
    "m": "metre", "metres": "metre", "meters": "metre", "metre": "metre", "meter": "metre",
    "cm": "centimetre", "centimetres": "centimetre", "centimeters": "centimetre",
    "centimetre": "centimetre", "centimeter": "centimetre",
    "mm": "millimetre", "millimetres": "millimetre", "millimeters": "millimetre",
    "millimetre": "millimetre", "millimeter": "millimetre",
    "μm": "micrometre", "µm": "micrometre", "micrometres": "micrometre",
    "micrometers": "micrometre", "micron": "micrometre", "microns": "micrometre",
    "nm": "nanometre", "nanometres": "nanometre", "nanometers": "nanometre",
    "nanometre": "nanometre", "nanometer": "nanometre",
    "miles": "mile", "mile": "mile", "mi": "mile",
    "yards": "yard", "yard": "yard", "yds": "yard", "yd": "yard",
    "feet": "foot", "foot": "foot", "ft": "foot", "'": "foot",
    "inches": "inch", "inch": "inch", "in.": "inch", '"': "inch",
    "nautical miles": "nautical mile", "nautical mile": "nautical mile",
    # area / volume
    "square metres": "square metre", "square meters": "square metre", "sq m": "square metre",
    "sqm": "square metre", "m2": "square metre", "m²": "square metre",
    "square kilometres": "square kilometre", "square kilometers": "square kilometre",
    "sq km": "square kilometre", "km2": "square kilometre", "km²": "square kilometre",
    "square miles": "square mile", "square mile": "square mile",
    "square feet": "square foot", "sq ft": "square foot", "square foot": "square foot",
    "acres": "acre", "acre": "acre", "hectares": "hectare", "hectare": "hectare", "ha": "hectare",
    "cubic feet": "cubic foot", "cubic foot": "cubic foot",
    "cubic metres": "cubic metre", "cubic meters": "cubic metre",
    "litres": "litre", "liters": "litre", "litre": "litre", "liter": "litre", "l": "litre",
    "millilitres": "millilitre", "milliliters": "millilitre", "ml": "millilitre",
    "gallons": "gallon", "gallon": "gallon",
    "barrels a day": "barrel per day", "barrels per day": "barrel per day",
    "barrel-a-day": "barrel per day", "barrels-a-day": "barrel per day",
    "bpd": "barrel per day", "barrels of oil": "barrel of oil", "barrels": "barrel",
    "barrel": "barrel",
    # speed
    "mph": "mile per hour", "m.p.h.": "mile per hour", "miles per hour": "mile per hour",
    "miles an hour": "mile per hour", "km/h": "kilometre per hour", "kmh": "kilometre per hour",
    "kph": "kilometre per hour", "km/hr": "kilometre per hour",
    "kilometres per hour": "kilometre per hour", "kilometers per hour": "kilometre per hour",
    "kilometres an hour": "kilometre per hour", "kilometers an hour": "kilometre per hour",
    "metres per second": "metre per second", "meters per second": "metre per second",
    "m/s": "metre per second", "knots": "knot", "knot": "knot",
    "mpg": "mile per gallon", "miles per gallon": "mile per gallon",
    # mass
    "kg": "kilogram", "kgs": "kilogram", "kilograms": "kilogram", "kilogram": "kilogram",
    "kilos": "kilogram", "g": "gram", "grams": "gram", "gram": "gram", "grammes": "gram",
    "mg": "milligram", "milligrams": "milligram", "milligram": "milligram",
    "tonnes": "metric ton", "tonne": "metric ton", "metric tons": "metric ton",
    "tons": "ton", "ton": "ton", "lb": "pound-mass", "lbs": "pound-mass",
    "pounds": "pound-mass", "pound": "pound-mass",
    "ounces": "ounce", "ounce": "ounce", "oz": "ounce", "drams": "dram", "dram": "dram",
    # time
    "years": "year", "year": "year", "yrs": "year", "months": "month", "month": "month",
    "weeks": "week", "week": "week", "days": "day", "day": "day",
    "hours": "hour", "hour": "hour", "hrs": "hour", "hr": "hour",
    "minutes": "minute", "minute": "minute", "mins": "minute", "min": "minute",
    "seconds": "second", "second": "second", "secs": "second", "sec": "second",
    "decades": "decade", "decade": "decade", "centuries": "century", "century": "century",
    "milliseconds": "millisecond", "ms": "millisecond",
    "year-old": "year of age", "years-old": "year of age", "years old": "year of age",
    "year old": "year of age", "-year-old": "year of age",
    "month-old": "month of age", "months old": "month of age", "months-old": "month of age",
    "week-old": "week of age", "weeks old": "week of age", "day-old": "day of age",
    "days old": "day of age",
    # power, energy, electricity
    "hp": "horsepower", "horsepower": "horsepower", "bhp": "brake horsepower",
    "horses": "horse", "PS": "horsepower",
    "W": "watt", "watts": "watt", "watt": "watt", "kW": "kilowatt", "kilowatts": "kilowatt",
    "kilowatt": "kilowatt", "MW": "megawatt", "megawatts": "megawatt", "megawatt": "megawatt",
    "GW": "gigawatt", "gigawatts": "gigawatt", "gigawatt": "gigawatt",
    "kWh": "kilowatt hour", "kilowatt-hours": "kilowatt hour", "kilowatt hours": "kilowatt hour",
    "MWh": "megawatt hour", "GWh": "gigawatt hour", "gigawatt hours": "gigawatt hour",
    "TWh": "terawatt hour", "mAh": "milliampere-hour",
    "V": "volt", "volts": "volt", "volt": "volt", "kV": "kilovolt", "kilovolts": "kilovolt",
    "A": "ampere", "amps": "ampere", "amperes": "ampere", "farads": "farad",
    "Hz": "hertz", "hertz": "hertz", "kHz": "kilohertz", "MHz": "megahertz", "GHz": "gigahertz",
    "rpm": "revolutions per minute", "Nm": "newton metre", "newton metres": "newton metre",
    "lb-ft": "foot pound-force", "pound-feet": "pound-foot", "pound-feet of torque": "pound-foot",
    "dB": "decibel", "decibels": "decibel", "decibel": "decibel",
    "ppm": "part per million", "parts per million": "part per million",
    "ppb": "parts-per-billion", "parts per billion": "parts-per-billion",
    "MPa": "megapascal", "ksi": "kilopound per square inch", "psi": "pound per square inch",
    "kV/cm": "kilovolt per centimetre", "A/cm2": "ampere per square centimetre",
    "mmBTU": "mega british thermal unit", "MMBtu": "mega british thermal unit",
    "mmbtu": "mega british thermal unit", "BTU": "british thermal unit",
    "GB": "gigabyte", "gigabytes": "gigabyte", "MB": "megabyte", "megabytes": "megabyte",
    "TB": "terabyte", "terabytes": "terabyte", "Mbps": "megabit per second",
    "Gbps": "gigabit per second", "megabits per second": "megabit per second",
    # temperature, angles
    "degrees celsius": "celsius", "degrees Celsius": "celsius", "°C": "celsius", "C": "celsius",
    "degrees fahrenheit": "fahrenheit", "°F": "fahrenheit", "celsius": "celsius",
    "fahrenheit": "fahrenheit", "degrees": "degree", "degree": "degree", "°": "degree",
    # currencies written after the number
    "dollars": "dollar", "dollar": "dollar", "USD": "dollar", "US dollars": "dollar",
    "euros": "euro", "euro": "euro", "EUR": "euro", "pounds sterling": "pound sterling",
    "sterling": "pound sterling", "GBP": "pound sterling",
    "yuan": "chinese yuan", "Chinese yuan": "chinese yuan", "renminbi": "chinese yuan",
    "RMB": "chinese yuan", "CNY": "chinese yuan",
    "yen": "japanese yen", "JPY": "japanese yen", "rupees": "indian rupee",
    "rupee": "indian rupee", "INR": "indian rupee", "shekels": "shekel", "shekel": "shekel",
    "roubles": "russian ruble", "rubles": "russian ruble", "hryvnias": "ukrainian hryvnia",
    "francs": "swiss franc", "Swiss francs": "swiss franc", "CHF": "swiss franc",
    "ringgit": "malaysian ringgit", "won": "south korean won", "rand": "south african rand",
    "lira": "turkish lira", "kn": "croatian kuna", "kuna": "croatian kuna",
    "cents": "cent", "cent": "cent", "sen": "sen", "p": "penny", "pence": "penny",
    "bitcoin": "bitcoin", "BTC": "bitcoin",
}  # fmt: skip

#: forms whose case matters (a capital C is Celsius, a lower-case c is not)
_CASE_SENSITIVE = {
    "m", "g", "l", "A", "V", "W", "F", "C", "PS", "p", "B", "MW", "GW", "kW", "mAh", "Nm",
    "MB", "GB", "TB", "ms", "dB", "ha", "nm", "mi", "in.", "won", "rand", "min", "sec",
    "ft", "mm", "cm", "km", "kg", "mg", "MPa", "kV", "'", '"', "°",
    "sen", "lira", "pc", "hr", "oz", "pts", "yd", "yds", "lb",
}  # fmt: skip

#: forms that are also common English words: only a unit when glued to the number or
#: directly after it with nothing but a space, never across a hyphen into a compound
_NEEDS_TIGHT = {"A", "C", "F", "V", "W", "l", "g", "m", "p", "in.", "'", '"', "won", "rand"}


def _build_unit_re() -> re.Pattern[str]:
    forms = sorted(UNIT_FORMS, key=len, reverse=True)
    parts = []
    for form in forms:
        body = re.escape(form).replace(r"\ ", r"[\s-]")
        if form in _CASE_SENSITIVE:
            body = f"(?-i:{body})"
        tail = r"(?![\w°/])" if form[-1].isalnum() else ""
        parts.append(body + tail)
    return re.compile(r"(?:\s|-)?(?:" + "|".join(parts) + ")", re.IGNORECASE)


_UNIT_RE = _build_unit_re()
_LOWER_FORMS = {k.lower(): v for k, v in UNIT_FORMS.items() if k not in _CASE_SENSITIVE}


def normalise_unit(surface: str) -> str | None:
    """The normalised name of a unit written as ``surface``, or None."""
    s = re.sub(r"\s+", " ", surface.strip().lstrip("-").strip())
    if s in UNIT_FORMS:
        return UNIT_FORMS[s]
    return _LOWER_FORMS.get(s.lower())


def match_unit_after(text: str, pos: int) -> tuple[str, int, str] | None:
    """A unit beginning at ``text[pos:]`` (after optional space or hyphen).

    Returns ``(normalised, end, surface)``.
    """
    m = _UNIT_RE.match(text, pos)
    if m is None:
        return None
    surface = m.group(0)
    core = surface.lstrip(" -\t\n")
    sep = surface[: len(surface) - len(core)]
    if core in _NEEDS_TIGHT and ("-" in sep or len(sep) > 1):
        return None
    if core.lower() in ("in.",) and sep:
        return None
    unit = normalise_unit(core)
    if unit is None:
        return None
    return unit, m.end(), core


#: currency symbols and codes written before the number, longest first
CURRENCY_BEFORE: dict[str, str] = {
    "US $": "dollar", "US$": "dollar", "$US": "dollar", "U.S. $": "dollar", "USD": "dollar",
    "HK $": "hong kong dollar", "HK$": "hong kong dollar", "A$": "australian dollar",
    "AU$": "australian dollar", "AUD": "australian dollar", "C$": "canadian dollar",
    "CA$": "canadian dollar", "CAD": "canadian dollar", "NZ$": "new zealand dollar",
    "S$": "singapore dollar", "R$": "brazilian real", "$": "dollar",
    "€": "euro", "EUR": "euro", "£": "pound sterling", "GBP": "pound sterling",
    "PS": "pound sterling", "¥": "japanese yen", "Y=": "japanese yen", "JPY": "japanese yen",
    "₹": "indian rupee", "INR": "indian rupee", "Rs.": "indian rupee", "Rs": "indian rupee",
    "RM": "malaysian ringgit", "CHF": "swiss franc", "₽": "russian ruble", "Rp": "indonesian rupiah",
    "₩": "south korean won", "₪": "shekel", "R": "south african rand",
}  # fmt: skip
_CURRENCY_RE = re.compile(
    "(?:"
    + "|".join(re.escape(c) for c in sorted(CURRENCY_BEFORE, key=len, reverse=True))
    + r")\s?$"
)


def match_currency_before(text: str, pos: int) -> tuple[str, int] | None:
    """A currency symbol or code ending right before ``text[pos]``: ``(unit, start)``."""
    window = text[max(0, pos - 6) : pos]
    m = _CURRENCY_RE.search(window)
    if m is None:
        return None
    symbol = m.group(0).strip()
    start = pos - len(window) + m.start()
    # a code must not be the end of a longer word ("FARM 5", "ERR 3")
    if symbol[0].isalpha() and start > 0 and text[start - 1].isalpha():
        return None
    if symbol in ("R", "PS") and m.group(0) != symbol:  # "R 5" is rarely rand; "PS 4" a console
        return None
    return CURRENCY_BEFORE[symbol], start


_IRREGULAR = {
    "people": "people", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "staff": "staff", "police": "police",
    "series": "series", "species": "species", "news": "news", "lives": "life", "wives": "wife",
    "knives": "knife", "leaves": "leaf", "halves": "half", "data": "data", "criteria": "criterion",
    "troops": "troop", "personnel": "personnel", "cattle": "cattle", "sheep": "sheep",
    "fish": "fish", "deer": "deer", "aircraft": "aircraft",
}  # fmt: skip


def singular(word: str) -> str:
    """A plural English noun made singular ("countries" -> "country"); others unchanged."""
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith("men") and len(low) > 4:
        return word[:-3] + "man"
    if len(low) <= 3 or low.endswith(("ss", "us", "is", "ics")):
        return word
    if low.endswith("ies"):
        return word[:-3] + "y"
    if low.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if low.endswith("oes") and len(low) > 5:
        return word[:-2]
    if low.endswith("s"):
        return word[:-1]
    return word


def is_plural(word: str) -> bool:
    return singular(word).lower() != word.lower()
