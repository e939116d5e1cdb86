"""The starting list of crisis words and help questions for crisis-safe search.

Editors own the list from here on (Hulpwijzer > Crisiswoorden). Existing phrases are left as
they are. Long words with one typo are recognised by the matcher itself (helpfinder.crisis);
short misspellings and other word forms are listed here.
"""

from django.db import migrations

CRISIS = [
    # Suicide
    ("zelfmoord", "zelfmoort\nzelfmord\nzelmoord\nzelf moord\nselfmoord\nzelfmoordgedachten"),
    ("zelfdoding", "zelf doding\nzelfdodingsgedachten"),
    ("suïcide", "suicide\nsuicidaal\nsuïcidaal\nsuicidale gedachten"),
    ("ik wil dood", "ik wil dod\nik wil doot\nik wil doodt\nwil dood\nik wil dood gaan\nik wil doodgaan\ndood willen\nik wil sterven\nik wil dood zijn"),
    ("ik wil niet meer leven", "ik wil nie meer leven\nik wil niet meer lefen\nik wil niet langer leven\nniet meer willen leven\nik wil niet meer verder"),
    ("ik wil er niet meer zijn", "ik wil hier niet meer zijn\nik wil verdwijnen"),
    ("er een einde aan maken", "er een eind aan maken\nmijn leven beëindigen\nmijn leven beeindigen\nmezelf van kant maken\nmezelf ophangen\nmezelf doodmaken"),
    ("levensmoe", "levensmoeheid"),
    # Self-harm
    ("mezelf pijn doen", "mijzelf pijn doen\nmezelf pijn doe\nmzelf pijn doen\nmezelf pijndoen\nmezelf pyn doen\nmezelf iets aandoen\nmijzelf iets aandoen\nmezelf snijden\nmezelf krassen\nik snij mezelf\nik snijd mezelf\nik kras mezelf"),
    ("zelfbeschadiging", "zelfbeschadigen\nzelfverwonding\nzelf beschadiging\nautomutilatie\nselfharm\nself harm"),
    # Danger
    ("ik ben in gevaar", "in gevaar\nik ben bang dat hij me iets aandoet\nik word bedreigd\ndoodsbedreiging\nze willen me vermoorden\nhij wil me vermoorden\nhij gaat me vermoorden"),
    ("ik word geslagen", "mijn vader slaat me\nmijn moeder slaat me\nmijn papa slaat me\nmijn mama slaat me\nmijn vriend slaat me\nik word mishandeld"),
    # Abuse
    ("misbruik", "misbruikt\nmisbruiken\nik word misbruikt\nseksueel misbruik"),
    ("mishandeling", "mishandeld\nkindermishandeling"),
    ("verkracht", "verkrachting\nverkracht worden\nverkrachter"),
    ("aanranding", "aangerand"),
    ("incest", ""),
    ("sextortion", "afpersing met naaktfoto\nchantage met naaktfoto"),
]

HELP = [
    ("hulp", "help\nhulplijn\nhulplijnen\nhulp nodig\nhulp zoeken"),
    ("melden", "meld\nmelding\nmelden bij"),
    ("1712", ""),
    ("awel", "102"),
    ("politie", "101\naangifte\naangifte doen"),
    ("anoniem praten", "praten met iemand\niemand om mee te praten\nanoniem bellen\nanoniem chatten"),
    ("tele-onthaal", "tele onthaal\nteleonthaal\n106"),
    ("child focus", "childfocus\n116000\n116 000"),
    ("112", ""),
]


def seed(apps, schema_editor):
    CrisisPhrase = apps.get_model("helpfinder", "CrisisPhrase")
    for kind, rows in (("crisis", CRISIS), ("hulp", HELP)):
        for phrase, variants in rows:
            CrisisPhrase.objects.get_or_create(phrase=phrase, defaults={"kind": kind, "variants": variants})


def unseed(apps, schema_editor):
    apps.get_model("helpfinder", "CrisisPhrase").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("helpfinder", "0007_crisis_phrases")]

    operations = [migrations.RunPython(seed, unseed)]
