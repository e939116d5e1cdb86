"""Issue 9: narrower synonym groups and the words real people search with.

The seeded pesten group made pestkop, pestgedrag, pesterijen, pesten and gepest identical, so a
parent searching "pestkop" got workplace guides. The person who bullies gets a group of its own,
and the words people type that the site does not use (treiteren, mobbing, teamchat, naaktfoto,
jeugdbeweging, hulplijn, ...) point to the words it does use. Editors keep the list from here.
"""

from django.db import migrations

CHANGED = {
    # old words -> new words
    "pesten, gepest, pest, pesterij, pesterijen, pester, pesters, pestkop, pestkoppen, pestgedrag, gepeste":
        "pesten, gepest, pest, pesterij, pesterijen, pestgedrag, gepeste, treiteren, getreiter, sarren, bullying",
    "sexting, sexten, naaktfoto, naaktfoto's, naaktbeelden": "sexting, sexten, sexts",
    "omstander, omstanders, toeschouwer, toeschouwers":
        "omstander, omstanders, toeschouwer, toeschouwers, getuige, getuigen, bystander",
    "uitsluiting, uitsluiten, buitensluiten":
        "uitsluiting, uitsluiten, buitensluiten, buitengesloten, negeren",
}
NEW = [
    ("pester, pesters, pestkop, pestkoppen, dader, daders", "Wie pest (niet: pesten op het werk)."),
    ("mobbing, pesterijen", "Pesten op het werk."),
    ("cyberpesten, cyberbullying", ""),
    ("uitlachen, uitgelachen, meelachen, belachelijk", ""),
    ("teamchat, groepschat, groepschats, groepsapp, chatgroep", ""),
    ("nepaccount, nepaccounts, nepprofiel, nepprofielen", ""),
    ("naaktfoto, naaktfoto's, naaktbeeld, naaktbeelden, nudes, seksfoto", ""),
    ("jeugdbeweging, jeugdbewegingen, jeugdwerk, jeugdvereniging, jeugdverenigingen, chiro, scouts", ""),
    ("hulplijn, hulplijnen, hulpnummer, hulpnummers, helpline", ""),
    ("pestprotocol, pestbeleid, antipestbeleid, pestactieplan", "Het beleid van een school tegen pesten."),
    ("approach, schoolaanpak", "Whole school approach."),
    ("dood, doodgaan, zelfmoord, zelfdoding, suicide, levensmoe", "Crisis: leidt naar de hulp bij gevaar."),
    ("bedreigd, bedreigen, bedreiging, dreigen", ""),
    ("afgeperst, afpersen, afpersing, sextortion, chantage", ""),
    ("psycholoog, psychologen, hulpverlener, hulpverleners, zorgverlener, zorgverleners", ""),
    ("trollen, trolling, trol", ""),
    ("smartphone, smartphones, gsm", ""),
    ("screenshot, screenshots, schermafbeelding", ""),
    ("klacht, klachten, verzoek", "Pesten op het werk: een klacht heet een verzoek."),
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for old, new in CHANGED.items():
        SynonymGroup.objects.filter(words=old).update(words=new)
    for words, note in NEW:
        SynonymGroup.objects.get_or_create(words=words, defaults={"note": note})


def unseed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(words__in=[w for w, _ in NEW]).delete()
    for old, new in CHANGED.items():
        SynonymGroup.objects.filter(words=new).update(words=old)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_engine_behind_since")]

    operations = [migrations.RunPython(seed, unseed)]
