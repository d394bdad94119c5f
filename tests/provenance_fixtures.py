"""Small invented articles for the provenance tests (written by us; every name is made up)."""

from __future__ import annotations

from datetime import UTC, datetime

from triangulate.model import Article, content_hash
from triangulate.text import split_sentences

ORIGINAL = """LARKSPUR (NWS) — Flood water broke through a levee on the Tamsin River early on Thursday, forcing about 3,200 residents of Larkspur to leave their homes, county officials said.

The breach opened shortly after 4 a.m. along a 90-metre section of the levee north of the town centre, according to the Halloway County emergency office.

"We moved people out street by street, and nobody was hurt," said county emergency director Paula Venn.

Two shelters were opened at Larkspur High School and the Eastgate community hall, where volunteers handed out blankets and hot meals.

The river peaked at 7.4 metres on Wednesday night, the highest level recorded since 1998, the national weather service said.

Engineers from the state water agency were flown in to inspect the damaged section and begin repairs.

Governor Alan Pryce said he would ask for federal disaster funds once the water receded.

Schools in Larkspur and the neighbouring village of Corrin will stay closed until Monday.

Residents were warned not to drink tap water until tests had been completed."""

# the same report republished with a new closing sentence
VERBATIM = (
    ORIGINAL
    + """

The Corrin Herald will publish updates as they come in."""
)

# trimmed, reordered and restyled
EDITED = """LARKSPUR (NWS) — Flood water broke through a levee on the Tamsin River early on Thursday, forcing about 3,200 residents of Larkspur to leave their homes, county officials said.

The river peaked at 7.4 metres on Wednesday night, the highest level recorded since 1998, the national weather service said.

"We moved people out street by street, and nobody was hurt," said county emergency director Paula Venn.

Engineers from the state water agency were flown in to inspect the damaged section and begin repairs.

Schools in Larkspur and the neighbouring village of Corrin will stay closed until Monday."""

# reworded sentence by sentence, with a spinner's quirks
PARAPHRASE = """Flood waters burst through a levee along the Tamsin River in the early hours of Thursday, compelling roughly 3,200 people in Larkspur to abandon their houses, officials in the county stated.

The breach appeared soon after 4 a.m. on a 90-metre stretch of the levee to the north of the town centre, in accordance with the emergency office of Halloway County.

We moved people out street by street, and nobody was hurt. Paula Venn stated.

Two shelters opened at Larkspur High School and at the Eastgate community hall, where volunteers distributed blankets and warm meals.

The river crested at 7.4 metres on Wednesday evening, the highest level on record since 1998, the national weather service stated.

Engineers belonging to the state water agency were flown in to examine the damaged section and start repairs.

” Governor Alan Pryce mentioned he would request federal disaster funds after the water receded. “

Schools in Larkspur and the nearby village of Corrin are going to remain closed until Monday."""

# an independent report of the same event
INDEPENDENT = """Larkspur residents spent Thursday night in school gyms and church halls after the Tamsin River overwhelmed the town's ageing flood defences.

Marta Ruiz, 67, said she had lived on Mill Lane for forty years and had never seen the water come so fast.

"By the time I found my cat the kitchen was ankle-deep," she said, sitting on a camp bed at the Eastgate hall.

Local farmers estimate that several hundred hectares of winter wheat are under water.

The levee was last reinforced in 2011, and a council report two years ago warned that parts of it needed urgent work.

Councillor Ben Ashdown said the town had asked repeatedly for money to repair the embankment.

"This was not a surprise to anyone who lives here," Ashdown said."""


def make_article(
    text: str,
    *,
    outlet: str,
    published: datetime | None = None,
    id_: str | None = None,
    byline: str | None = None,
    title: str | None = None,
) -> Article:
    return Article(
        id=id_ or content_hash(text)[:16],
        source=f"fixture:{outlet}",
        kind="text",
        title=title if title is not None else text.split("\n", 1)[0][:60],
        text=text,
        raw=text,
        sentences=tuple(split_sentences(text)),
        outlet=outlet,
        published=published,
        byline=byline,
    )


def t(hour: int) -> datetime:
    return datetime(2025, 6, 12, hour, 0, tzinfo=UTC)


def story() -> dict[str, Article]:
    return {
        "original": make_article(
            ORIGINAL, outlet="Northern Wire Service", published=t(6), id_="a-original"
        ),
        "verbatim": make_article(
            VERBATIM, outlet="Corrin Herald", published=t(8), id_="b-verbatim"
        ),
        "edited": make_article(EDITED, outlet="Valley Post", published=t(9), id_="c-edited"),
        "paraphrase": make_article(
            PARAPHRASE, outlet="NewsBuzz Daily", published=t(11), id_="d-paraphrase"
        ),
        "independent": make_article(
            INDEPENDENT, outlet="Larkspur Ledger", published=t(10), id_="e-independent"
        ),
    }
