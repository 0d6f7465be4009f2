"""Words of the field the readers share: paragraph openers, operative verbs, number words.

Preambular paragraphs open with a participle or adjective ("Recalling", "Deeply
concerned", "Mindful"); operative ones with a verb in the third person ("Decides",
"Calls upon"). Lists, not models: they are the Council's own drafting conventions.
"""
from __future__ import annotations

import re

#: Operative verbs as they open an OP ("Decides", "Calls upon"), mapped to their lemma.
_VERBS = (
    "accept acknowledge add adopt affirm agree amend appeal applaud appoint appreciate approve "
    "ask assure authorize authorise believe call censure commend concur condemn condole confirm "
    "congratulate consider continue decide declare deem demand denounce deplore designate "
    "determine direct draw emphasize emphasise encourage endorse establish exhort expect express "
    "extend highlight hold impose insist instruct intend invite lift look maintain mandate note pay "
    "permit proclaim prohibit reaffirm recall recognize recognise recommend reconfirm regret "
    "reiterate reject remain remind renew request require rescind resolve salute stand stress "
    "submit support suspend take task terminate thank underline underscore undertake urge warn "
    "welcome wish"
).split()
OPERATIVE_VERBS: dict[str, str] = {
    (verb + "es" if verb.endswith(("s", "sh", "ss")) else verb + "s"): verb for verb in _VERBS
}

#: Adverbs that may stand before an operative verb ("Further decides", "Strongly urges").
OPERATIVE_ADVERBS = frozenset(
    "also further again once strongly firmly urgently earnestly fully furthermore finally "
    "moreover hereby accordingly formally".split()
)

_ING = re.compile(r"[A-Z][a-z]+ing$")
_ED = re.compile(r"[a-z]+(?:ed|ful|ous|ant|ent|ive)$")

#: Number words up to the hundreds the Council writes out ("twelve months").
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36, "forty": 40,
    "forty-five": 45, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1,
}

#: First halves of compounds a line-end hyphen belongs to ("Secretary-\nGeneral").
COMPOUND_FIRST = frozenset(
    "secretary non self police troop long cross well high decision follow zero so ex two "
    "three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty "
    "gender capacity conflict confidence community country case time host good front status "
    "state risk large man whole civil trust money evidence youth civilian child fighter "
    "area field aide mine air data broad war resource hard life scale sector vice anti "
    "cease mid low short full safe far up end age joint trade early small fact "
    "intra".split()
)


def opens_preambular(first: str, second: str = "") -> bool:
    """"Recalling", "Deeply concerned", "Mindful", "Having considered", "Bearing in mind"."""
    word = first.rstrip(",")
    lower = word.lower()
    if _ING.match(word) and lower not in ("during", "including", "pending", "notwithstanding",
                                          "regarding", "concerning", "beijing", "sterling", "nothing",
                                          "something", "anything", "everything"):
        return True
    if lower in ("aware", "mindful", "conscious", "concerned", "alarmed", "convinced",
                 "determined", "desirous", "cognizant", "cognisant", "seized", "guided",
                 "encouraged", "disturbed", "shocked", "satisfied", "pleased", "gratified",
                 "distressed", "troubled", "dismayed", "outraged", "horrified", "appalled",
                 "persuaded", "resolved", "grieved", "saddened"):
        return True
    if lower in ("gravely", "deeply", "greatly", "seriously", "profoundly", "strongly", "further",
                 "also", "again", "fully", "particularly", "especially", "reaffirming", "most",
                 "extremely", "increasingly", "equally", "once", "noting", "highly", "bearing"):
        return bool(second) and (bool(_ING.match(second[:1].upper() + second[1:])) or bool(_ED.match(second))
                                 or second.lower() in ("aware", "mindful", "conscious", "concerned", "again"))
    return False


def operative_lemma(words: list[str]) -> str | None:
    """The lemma of the verb an operative paragraph opens with: "Further requests" → "request"."""
    for word in words[:3]:
        lower = word.lower().strip(",;:")
        if lower in OPERATIVE_VERBS:
            return OPERATIVE_VERBS[lower]
        if lower not in OPERATIVE_ADVERBS and not lower.endswith("ly"):
            return None
    return None
