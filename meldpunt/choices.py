"""The plain choices of the report form. Keys are stored (and counted per month); labels are
what the person reads (B1 Dutch)."""

WHO = [
    ("slachtoffer", "Het overkomt mij"),
    ("omstaander", "Ik zie het bij iemand anders"),
    ("ouder", "Ik ben ouder of opvoeder van wie het overkomt"),
    ("professional", "Ik werk met jongeren of volwassenen (school, club, werk, zorg)"),
]
WHAT = [
    ("berichten", "Gemene berichten, reacties of scheldwoorden"),
    ("uitsluiten", "Iemand buitensluiten of negeren"),
    ("roddels", "Roddels of leugens verspreiden"),
    ("beelden", "Foto's of filmpjes doorsturen zonder toestemming"),
    ("nepaccount", "Een nepaccount, of iemand doet zich voor als iemand anders"),
    ("bedreigen", "Bedreigen, afpersen of chanteren"),
    ("anders", "Iets anders"),
]
SETTING = [
    ("online", "Online: sociale media, chat, games"),
    ("school", "Op school"),
    ("werk", "Op het werk"),
    ("vereniging", "In een club of vereniging"),
    ("thuis", "Thuis of in de buurt"),
    ("elders", "Ergens anders"),
]
# Platforms: the platforms of the help-finder's reporting guides, then these two.
OTHER_PLATFORMS = [("ander-platform", "Een ander platform of app"), ("geen", "Niet online / weet ik niet")]
SINCE = [
    ("week", "Minder dan een week"),
    ("weken", "Een paar weken"),
    ("maanden", "Een paar maanden"),
    ("jaar", "Langer dan een jaar"),
]
HOW_OFTEN = [
    ("eenmalig", "Eén keer"),
    ("soms", "Een paar keer"),
    ("wekelijks", "Elke week"),
    ("dagelijks", "(Bijna) elke dag"),
]
DANGER = [("ja", "Ja"), ("nee", "Nee")]
AGE_GROUP = [
    ("", "Zeg ik liever niet"),
    ("tot-12", "Jonger dan 12 jaar"),
    ("12-18", "12 tot 18 jaar"),
    ("18-25", "18 tot 25 jaar"),
    ("ouder-dan-25", "Ouder dan 25 jaar"),
]
PROVINCE = [
    ("", "Zeg ik liever niet"),
    ("antwerpen", "Antwerpen"),
    ("limburg", "Limburg"),
    ("oost-vlaanderen", "Oost-Vlaanderen"),
    ("vlaams-brabant", "Vlaams-Brabant"),
    ("west-vlaanderen", "West-Vlaanderen"),
    ("brussel", "Brussel"),
    ("elders", "Ergens anders"),
]
NO_ANSWER, CODE, EMAIL, PHONE = "geen", "code", "e-mail", "telefoon"
ANSWER = [
    (CODE, "Ik kom zelf terug met mijn code"),
    (EMAIL, "Via e-mail"),
    (PHONE, "Via telefoon"),
    (NO_ANSWER, "Ik wil geen antwoord"),
]


def label(choices, key: str) -> str:
    return dict(choices).get(key, key or "–")
