"""The code that replaces an account: a few easy Dutch words and a number, e.g.
"appel-fiets-zon-tijger-47". Shown once; only a slow hash of it is stored.

4 words from 256 and a number from 10 to 99: about 2^38 codes. Guessing online is capped by a
site-wide limit on wrong codes per minute (views); guessing offline from a database dump costs a
scrypt hash per try.
"""

import hashlib
import hmac
import re
import secrets

WORDS = """
aap appel arend auto baby bad bakker bal banaan bank beek beer berg bij bijl blad bloem boek
boom boot bord bos brief brood brug bus cactus circus citroen clown dak das deur dier dokter
doos draak drop druif duif duim ei eend eiland ezel fee fiets film fluit foto fruit gans garage
geit gitaar glas goud gras haai haan hagel hamer hand haring haven hert hoed hond honing hoorn
huis hut ijs inkt jas jurk kaars kaas kabouter kam kameel kamer kano kast kat kers kerk kikker
kip klok knoop koe koekje koffer konijn kool koning kraan kroon kruik kus laars ladder lamp
lepel leeuw lelie lente les lift lijm lint los maan mand mantel markt mast meeuw melk mes mier
molen mol mossel motor muis muts muur nest neus noot oester olifant oog oor oven paard pad pan
panda papier paraplu park pauw peer pen piano pijl pinguin piraat plant plas pomp pop potlood
pijp raam radio raket regen reus riem ring rivier robot rok roos rots schaap schip schoen
school schelp sjaal sla slak slee sleutel sneeuw soep sok spin spons ster stoel storm strand
stroop suiker taart tafel tak tand tang tas tegel tent tijger toren tractor trein trommel
trui tuin tulp uil ui vaas vallei vis vlag vlieger vlinder vogel vork vos vuur wafel wagen
walvis want water web wiel wind winter wolf wolk worm worst zadel zak zebra zee zeep zeil zon
zolder zout zwaan zwaard ballon beker bever blik bril buik dolfijn dozijn emmer fabriek fontein
gieter haas heks helm hommel inktvis jager kalf kasteel kaart kiwi kompas krokodil kussen
lama lantaarn libel mango meer mixer nijlpaard oma opa otter parel pizza poes pony puzzel
rups sinaas slang snoep spiegel stal stempel stift tomaat touw tunnel vijver wortel zaag
""".split()

WORD_COUNT = 4
SALT = b"kenniscentrum-meldpunt-code-v1"


def _words() -> list[str]:
    unique = list(dict.fromkeys(WORDS))
    return unique[:256]


WORD_LIST = _words()


def new_code() -> str:
    words = [secrets.choice(WORD_LIST) for _ in range(WORD_COUNT)]
    return "-".join([*words, str(secrets.randbelow(90) + 10)])


def normalise(typed: str) -> str:
    """What the person typed, in the stored form: lower case, any separators, extra spaces."""
    return "-".join(re.findall(r"[a-z]+|[0-9]+", (typed or "").lower()))[:200]


def code_hash(code: str) -> str:
    """A slow, fixed-cost hash, the same work for every input (right, wrong or empty), so the
    time to answer says nothing about whether a code exists."""
    return hashlib.scrypt(normalise(code).encode(), salt=SALT, n=2**14, r=8, p=1, dklen=32).hex()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
