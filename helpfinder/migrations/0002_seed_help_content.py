"""Real starting content of the help-finder: helplines, routes and reporting guides.

This is site content, not demo content. Editors own it from here on in the admin (menu
"Hulpwijzer"). `last_checked` is left empty on purpose: the editors must verify every number,
address and opening hour with the organisation itself and then fill in "laatst nagekeken".
The content is frozen here so this migration keeps working when the models change.
"""

import datetime
import uuid

from django.db import migrations

SERVICES = [
    {
        "slug": "112", "name": "Noodnummer 112", "sort_order": 1,
        "description": "Voor dringende hulp van ziekenwagen of brandweer, en de politie in nood. Gratis, ook zonder beltegoed.",
        "phone": "112", "always_open": True,
        "hours_note": "Kan je niet praten? Gebruik de 112 BE-app om je locatie door te sturen.",
        "contact_url": "https://www.112.be/",
    },
    {
        "slug": "politie", "name": "Politie 101", "sort_order": 2,
        "description": "Bel 101 als je de politie dringend nodig hebt. Voor een aangifte zonder spoed ga je naar het politiekantoor.",
        "phone": "101", "always_open": True,
        "contact_url": "https://www.politie.be/",
    },
    {
        "slug": "1712", "name": "1712", "sort_order": 10,
        "description": "De Vlaamse hulplijn voor vragen over geweld, misbruik en kindermishandeling, ook over pesten. Gratis en anoniem, voor iedereen: slachtoffers, getuigen, ouders en professionals.",
        "phone": "1712",
        "hours_note": "Telefoon op werkdagen, niet op feestdagen. Chatten en mailen kan via 1712.be.",
        "contact_url": "https://www.1712.be/",
        "hours": [(day, "09:00", "17:00") for day in range(5)],
    },
    {
        "slug": "awel", "name": "Awel 102", "sort_order": 11,
        "description": "Voor kinderen en jongeren die met iemand willen praten over wat hen bezighoudt, ook over pesten. Gratis en anoniem, je hoeft je naam niet te zeggen.",
        "audience_hint": "Voor kinderen en jongeren",
        "phone": "102",
        "hours_note": "Niet op feestdagen. Chatten, mailen en het forum: via awel.be.",
        "contact_url": "https://www.awel.be/",
        "hours": [(day, "16:00", "22:00") for day in range(6)],
    },
    {
        "slug": "child-focus", "name": "Child Focus 116 000", "sort_order": 12,
        "description": "Voor online seksuele uitbuiting van minderjarigen: sextortion (afpersing met naaktbeelden), grooming en naaktbeelden die rondgaan. Gratis, dag en nacht.",
        "audience_hint": "Bij seksuele uitbuiting van kinderen en jongeren",
        "phone": "116000", "phone_display": "116 000", "always_open": True,
        "contact_url": "https://childfocus.be/",
    },
]

ROUTES = [
    {
        "slug": "nu-in-gevaar", "title": "Is iemand nu in gevaar? Bel meteen",
        "summary": "Bij een noodgeval bel je 112 (ziekenwagen, brandweer) of 101 (politie). Dat kan altijd, gratis, ook zonder beltegoed.",
        "body": "<ul><li>Zeg wie je bent, waar je bent en wat er gebeurt.</li><li>Blijf aan de lijn tot ze zeggen dat je mag inhaken.</li><li>Denkt iemand aan zelfdoding? Bel ook de Zelfmoordlijn op 1813.</li></ul>",
        "services": ["112", "politie"],
    },
    {
        "slug": "school-vertrouwenspersoon", "title": "Praat met iemand op school die je vertrouwt",
        "summary": "Een leerkracht, de leerlingenbegeleider of de directie moet je helpen. Elke school heeft afspraken over pesten.",
        "body": "<ul><li>Kies iemand bij wie je je goed voelt: je klastitularis, een andere leerkracht of de leerlingenbegeleider.</li><li>Vertel wat er gebeurt, wie het doet en sinds wanneer. Toon je bewijs als het online gebeurt.</li><li>Je mag iemand meenemen: een vriend of vriendin, of je ouders.</li><li>Verandert er niets? Ga naar de directie of naar het CLB.</li></ul>",
    },
    {
        "slug": "school-ouders", "title": "Neem contact op met de school",
        "summary": "De school is verantwoordelijk voor een veilige schoolomgeving en heeft een aanpak tegen pesten. Samen met de school vind je sneller een oplossing.",
        "body": "<ul><li>Vraag een gesprek met de klastitularis of de leerlingenbegeleider. Spreek af wie wat doet en wanneer jullie opnieuw praten.</li><li>Vraag naar het pestbeleid van de school: het staat meestal in het schoolreglement.</li><li>Neem je bewijsmateriaal mee, maar confronteer zelf geen andere kinderen of hun ouders.</li><li>Gaat het niet vooruit? Spreek de directie aan, of het CLB.</li></ul>",
    },
    {
        "slug": "school-aanpak", "title": "Aanpak op school: wat kan je als schoolteam doen?",
        "summary": "Reageer meteen, bescherm het slachtoffer en volg op met de leerlingenbegeleiding. Werk zorgvuldig met beelden die rondgaan.",
        "body": "<ul><li>Luister naar de leerling en zorg dat die zich veilig voelt. Beloof geen geheimhouding, wel dat je discreet en samen verder werkt.</li><li>Verwittig de leerlingenbegeleider of directie, volgens het pestbeleid van de school.</li><li>Gaat het om naaktbeelden? Bekijk, kopieer of stuur ze niet door, ook niet als bewijs. Laat de beelden op het toestel en schakel de directie, het CLB en zo nodig Child Focus of de politie in.</li><li>Betrek het CLB voor begeleiding van de betrokken leerlingen.</li></ul>",
        "link_label": "Toolkits en goede praktijken voor scholen", "link_url": "/onderwijs/",
    },
    {
        "slug": "clb", "title": "Het CLB: gratis en vertrouwelijk",
        "summary": "Elke school werkt samen met een centrum voor leerlingenbegeleiding (CLB). Leerlingen en ouders kunnen er gratis en vertrouwelijk terecht.",
        "body": "<ul><li>Vraag op school wie jullie CLB-medewerker is, of zoek het CLB van de school op.</li><li>Liever anoniem? Via CLBch@t kunnen leerlingen en ouders chatten met een CLB-medewerker.</li></ul>",
        "link_label": "Chatten met het CLB (CLBch@t)", "link_url": "https://www.clbchat.be/",
    },
    {
        "slug": "werk-vertrouwenspersoon", "title": "Praat met de vertrouwenspersoon of de preventieadviseur",
        "summary": "Elke werkgever moet een preventieadviseur psychosociale aspecten hebben, intern of via de externe dienst. Vaak is er ook een vertrouwenspersoon. Zij luisteren, geven advies en kunnen bemiddelen: dat heet een informele psychosociale interventie.",
        "body": "<ul><li>Je vindt hun namen in het arbeidsreglement, op het intranet of bij HR.</li><li>Het gesprek is vertrouwelijk: ze vertellen niets verder zonder jouw akkoord.</li><li>Samen kijken jullie wat kan helpen: een gesprek met de andere persoon, tussenkomst van een leidinggevende, bemiddeling.</li><li>Een informele interventie kan je op elk moment stoppen en overgaan naar een formeel verzoek.</li></ul>",
        "link_label": "Uitleg over psychosociale risico's (FOD WASO)",
        "link_url": "https://werk.belgie.be/nl/themas/welzijn-op-het-werk/psychosociale-risicos-op-het-werk",
    },
    {
        "slug": "werk-formeel-verzoek", "title": "Een formeel verzoek tot psychosociale interventie",
        "summary": "Helpt een informele aanpak niet, of wil je die niet? Dan kan je bij de preventieadviseur psychosociale aspecten een formeel verzoek indienen. De werkgever moet daarna maatregelen nemen.",
        "body": "<ul><li>Eerst heb je een persoonlijk gesprek met de preventieadviseur (binnen tien kalenderdagen na je vraag).</li><li>Gaat het om pesterijen, geweld of ongewenst seksueel gedrag (grensoverschrijdend gedrag)? Dan dien je een formeel verzoek in voor feiten van grensoverschrijdend gedrag. Vanaf dan ben je beschermd tegen ontslag of nadelige maatregelen als vergelding.</li><li>De preventieadviseur onderzoekt de feiten, hoort de betrokkenen en geeft de werkgever een advies met maatregelen.</li><li>Hou een logboek bij en bewaar berichten en mails: data, wat er gebeurde, wie erbij was.</li></ul>",
    },
    {
        "slug": "werk-externe-dienst", "title": "De externe dienst voor preventie en bescherming op het werk",
        "summary": "Heeft je werkgever geen eigen preventieadviseur psychosociale aspecten? Dan is die verbonden aan de externe dienst waar je werkgever bij aangesloten is. Je mag er rechtstreeks contact mee opnemen.",
        "body": "<ul><li>Welke externe dienst het is, staat in het arbeidsreglement of vraag je aan HR of het personeelssecretariaat.</li><li>Je hoeft je werkgever niet eerst te verwittigen om een afspraak te maken.</li><li>Als werkgever: de externe dienst helpt ook bij de risicoanalyse en bij preventiemaatregelen.</li></ul>",
    },
    {
        "slug": "werk-inspectie-rechtbank", "title": "Inspectie en arbeidsrechtbank",
        "summary": "Neemt je werkgever geen maatregelen, of loopt de procedure vast? De inspectie Toezicht op het Welzijn op het Werk kan tussenkomen. Je kan ook naar de arbeidsrechtbank.",
        "body": "<ul><li>De inspectie Toezicht op het Welzijn op het Werk (FOD Werkgelegenheid) controleert of je werkgever zijn plichten nakomt.</li><li>Bij de arbeidsrechtbank kan je vragen dat het gedrag stopt, en een schadevergoeding eisen.</li><li>Laat je bijstaan: door je vakbond, een advocaat of het bureau voor juridische bijstand (pro-Deoadvocaat).</li><li>Bij bedreiging of belaging kan je ook klacht neerleggen bij de politie.</li></ul>",
        "link_label": "Toezicht op het Welzijn op het Werk (FOD WASO)",
        "link_url": "https://werk.belgie.be/nl/themas/welzijn-op-het-werk/psychosociale-risicos-op-het-werk",
    },
    {
        "slug": "werkgever-aanpak", "title": "Als werkgever: wat moet en kan je doen?",
        "summary": "De wet op het welzijn op het werk verplicht je om psychosociale risico's te voorkomen, een preventieadviseur psychosociale aspecten aan te stellen en procedures te voorzien voor wie hulp vraagt.",
        "body": "<ul><li>Neem elke melding ernstig en verwijs naar de vertrouwenspersoon of de preventieadviseur psychosociale aspecten.</li><li>Neem bewarende maatregelen als de situatie ernstig is, zonder de melder te benadelen.</li><li>Zorg voor een risicoanalyse, duidelijke afspraken in het arbeidsreglement en vorming voor leidinggevenden.</li><li>Voer de maatregelen uit die de preventieadviseur na een formeel verzoek voorstelt.</li></ul>",
        "link_label": "De gids en toolkits voor werkgevers", "link_url": "/werkgevers-werknemers/",
    },
    {
        "slug": "club-aanspreekpunt", "title": "Het aanspreekpunt integriteit van je club of federatie",
        "summary": "Veel clubs en verenigingen, en elke erkende sportfederatie, hebben een aanspreekpunt integriteit (API). Die luistert, helpt je de stappen te zetten en bewaakt de vertrouwelijkheid.",
        "body": "<ul><li>Je vindt het aanspreekpunt integriteit op de website van je club, je sportfederatie of je koepelorganisatie (bijvoorbeeld je jeugdbeweging).</li><li>Je kan ook praten met een trainer, begeleider of bestuurslid die je vertrouwt.</li><li>Geen aanspreekpunt in je club? Ga naar dat van de federatie of koepel.</li><li>Bij strafbare feiten, zoals bedreiging of seksueel grensoverschrijdend gedrag, kan je ook naar de politie.</li></ul>",
    },
    {
        "slug": "club-aanpak", "title": "Aanpak in je club of vereniging",
        "summary": "Reageer meteen, bescherm wie gepest wordt en spreek de pester aan op het gedrag. Leg afspraken vast in een gedragscode.",
        "body": "<ul><li>Luister naar wie het meldt en geloof het verhaal. Beloof geen geheimhouding, wel discretie.</li><li>Verwittig het aanspreekpunt integriteit van de club of van de federatie.</li><li>Maak afspraken over hoe jullie als team reageren, en volg op.</li></ul>",
        "link_label": "Toolkits voor jeugdwerk, sport en cultuur", "link_url": "/jeugdwerk-sport-cultuur/",
    },
    {
        "slug": "ouders-steun", "title": "Als ouder: je kind steunen",
        "summary": "Luister, geloof je kind en neem het ernstig, ook als het klein lijkt. Zoek samen wat kan helpen.",
        "body": "<ul><li>Blijf rustig en vraag wat je kind van jou verwacht. Neem geen stappen achter de rug van je kind.</li><li>Neem de gsm of de computer niet af: dan vertelt je kind het de volgende keer niet meer.</li><li>Reageer niet zelf online en confronteer geen andere kinderen.</li><li>Bewaar samen bewijs en meld het op het platform.</li><li>Zie je dat je kind slecht slaapt, niet meer naar school wil of zich terugtrekt? Praat erover met de huisarts of het CLB.</li></ul>",
    },
    {
        "slug": "omstaander", "title": "Je ziet het gebeuren: zo help je",
        "summary": "Als getuige kan je veel doen. Wie gepest wordt, voelt zich minder alleen als iemand reageert.",
        "body": "<ul><li>Lach niet mee, like en deel niets, stuur niets door.</li><li>Laat de persoon weten dat je het gezien hebt en dat je wil helpen.</li><li>Vertel het aan iemand die kan ingrijpen: een leerkracht, trainer, leidinggevende of vertrouwenspersoon.</li><li>Meld online berichten op het platform.</li><li>Breng jezelf niet in gevaar. Is iemand in gevaar? Bel 112.</li></ul>",
    },
    {
        "slug": "sextortion", "title": "Naaktbeelden, sextortion en afpersing",
        "summary": "Dreigt iemand beelden van jou te verspreiden als je niet betaalt of meer beelden stuurt? Betaal niet, stuur niets meer en praat erover. Het is niet jouw schuld.",
        "body": "<ul><li>Stop het contact, maar verwijder het gesprek niet: neem eerst screenshots.</li><li>Ben je jonger dan 18? Bel gratis Child Focus op 116 000, dag en nacht. Zij helpen ook om beelden offline te laten halen.</li><li>Doe aangifte bij de politie, ook als je volwassen bent.</li><li>Stuur naaktbeelden van anderen nooit door: dat is strafbaar.</li></ul>",
        "services": ["child-focus"],
    },
    {
        "slug": "bewijs-bewaren", "title": "Bewijs veilig bewaren",
        "summary": "Bewaar berichten, foto's en links voor je iets blokkeert of verwijdert. Zo kan je het later tonen aan de school, je werkgever, het platform of de politie.",
        "body": "<h3>Wat bewaar je?</h3><ul><li>Screenshots van berichten, reacties, profielen en groepen, met de datum en het uur erop.</li><li>De link (URL) van het bericht of het profiel, en de gebruikersnaam (niet alleen de schermnaam).</li><li>Een logboek: wanneer, wat, wie, waar, en wie het nog zag.</li><li>Mails en sms'en: bewaar ze, verwijder ze niet.</li></ul><h3>Zo doe je het veilig</h3><ul><li>Bewaar de bewijzen op een plek die anderen niet kunnen openen, bijvoorbeeld bij een volwassene die je vertrouwt.</li><li>Gaat het om naaktbeelden van minderjarigen? Maak er geen kopie of screenshot van en stuur ze niet door, ook niet als bewijs. Bel Child Focus (116 000) of de politie: zij zeggen wat je moet doen.</li><li>Reageer niet op de berichten: dat maakt het vaak erger.</li><li>Meld en blokkeer pas als je alles bewaard hebt.</li></ul>",
        "link_label": "Lees hoe je bewijs bewaart", "link_url": "/hulp/bewijs-bewaren/",
    },
    {
        "slug": "aangifte-politie", "title": "Aangifte bij de politie",
        "summary": "Word je bedreigd, gestalkt of afgeperst, of gaan er intieme beelden van je rond? Dat is strafbaar. Je kan aangifte doen in elk politiekantoor.",
        "body": "<ul><li>Neem je bewijzen mee: screenshots, links, je logboek.</li><li>Vraag een kopie van het proces-verbaal (pv) en noteer het nummer.</li><li>Je mag iemand meenemen die je vertrouwt. Ben je minderjarig, dan kan een ouder of een andere volwassene mee.</li><li>Bij dringend gevaar bel je 101 of 112.</li></ul>",
        "services": ["politie"],
        "link_label": "Politie: vind je politiekantoor", "link_url": "https://www.politie.be/",
    },
    {
        "slug": "veilig-surfen", "title": "Veilig surfen: niemand hoeft te zien dat je hier was",
        "summary": "Met de knop 'Snel weg' of de Escape-toets verlaat je deze site meteen. Lees hoe je privé surft en je geschiedenis wist.",
        "link_label": "Uitleg over veilig surfen", "link_url": "/veilig-surfen/",
    },
]


def _steps(*steps):
    return [
        {"type": "step", "id": str(uuid.uuid4()), "value": {"title": title, "detail": detail}}
        for title, detail in steps
    ]


BEFORE = ("Bewaar eerst bewijs", "<p>Maak screenshots met de datum en kopieer de link. Na een melding of blokkering zie je het bericht soms niet meer.</p>")

PLATFORMS = [
    {
        "slug": "instagram", "name": "Instagram", "sort_order": 1, "help_url": "https://help.instagram.com/",
        "intro": "Je kan een bericht, reel, story, reactie, chatbericht of profiel melden. Wie je meldt, ziet niet dat jij het was.",
        "steps": _steps(
            BEFORE,
            ("Tik op de drie puntjes (…) bij het bericht, de reactie of het profiel", "<p>Bij een chatbericht: hou het bericht ingedrukt.</p>"),
            ("Kies 'Rapporteren'", "<p>Kies de reden die het best past, bijvoorbeeld pesten of intimidatie.</p>"),
            ("Volg de stappen en tik op 'Verzenden'", ""),
        ),
        "after": "<ul><li>Blokkeer of beperk het account via het profiel (…).</li><li>Zet je account op privé en kies wie op je berichten mag reageren.</li></ul>",
    },
    {
        "slug": "tiktok", "name": "TikTok", "sort_order": 2, "help_url": "https://support.tiktok.com/nl",
        "intro": "Je kan een video, reactie, livestream, chatbericht of account melden. De melding is anoniem.",
        "steps": _steps(
            BEFORE,
            ("Hou de video ingedrukt, of tik op de pijl 'Delen'", "<p>Bij een reactie of chatbericht: hou het ingedrukt. Bij een profiel: tik op de drie puntjes.</p>"),
            ("Kies 'Rapporteren'", ""),
            ("Kies de reden en tik op 'Verzenden'", ""),
        ),
        "after": "<ul><li>Blokkeer het account via het profiel.</li><li>Stel bij 'Privacy' in wie je mag berichten sturen en op je video's mag reageren.</li></ul>",
    },
    {
        "slug": "snapchat", "name": "Snapchat", "sort_order": 3, "help_url": "https://help.snapchat.com/",
        "intro": "Je kan een snap, story, chat of account melden.",
        "steps": _steps(
            BEFORE,
            ("Hou de snap, de story of het chatbericht ingedrukt", "<p>Voor een account: open het profiel en tik op de drie puntjes.</p>"),
            ("Kies 'Rapporteren'", ""),
            ("Kies de reden en verzend", ""),
        ),
        "after": "<ul><li>Verwijder of blokkeer het account via het profiel.</li><li>Kijk bij 'Instellingen' wie je mag contacteren en je locatie op de kaart mag zien.</li></ul>",
    },
    {
        "slug": "whatsapp", "name": "WhatsApp", "sort_order": 4, "help_url": "https://faq.whatsapp.com/",
        "intro": "Je kan een contact of groep melden. WhatsApp krijgt dan de laatste berichten uit dat gesprek te zien.",
        "steps": _steps(
            BEFORE,
            ("Open het gesprek en tik bovenaan op de naam van het contact of de groep", ""),
            ("Kies 'Rapporteren' (of 'Contact rapporteren')", "<p>Je kan meteen ook blokkeren of de groep verlaten.</p>"),
        ),
        "after": "<ul><li>Stel bij 'Privacy' in wie je aan groepen mag toevoegen.</li><li>Ook in een groep kan je één bericht melden: hou het ingedrukt en kies 'Rapporteren'.</li></ul>",
    },
    {
        "slug": "youtube", "name": "YouTube", "sort_order": 5, "help_url": "https://support.google.com/youtube/",
        "intro": "Je kan een video, short, reactie of kanaal melden.",
        "steps": _steps(
            BEFORE,
            ("Tik of klik op de drie puntjes bij de video of de reactie", "<p>Voor een kanaal: ga naar het kanaal en kies de drie puntjes bij 'Info'.</p>"),
            ("Kies 'Rapporteren'", ""),
            ("Kies de reden, vul aan waar nodig en verzend", ""),
        ),
        "after": "<ul><li>Gaat het om je privacy (bv. een video van jou zonder toestemming)? Gebruik de privacyklacht in het helpcentrum.</li></ul>",
    },
    {
        "slug": "facebook", "name": "Facebook", "sort_order": 6, "help_url": "https://www.facebook.com/help/",
        "intro": "Je kan een bericht, reactie, foto, profiel, pagina, groep of Messenger-bericht melden.",
        "steps": _steps(
            BEFORE,
            ("Klik of tik op de drie puntjes (…) bij het bericht of het profiel", ""),
            ("Kies 'Melden' (of 'Ondersteuning vragen of melden')", ""),
            ("Kies de reden en volg de stappen", ""),
        ),
        "after": "<ul><li>Blokkeer de persoon via het profiel (…).</li><li>Kijk in de privacy-instellingen wie je berichten ziet en je mag taggen.</li></ul>",
    },
    {
        "slug": "discord", "name": "Discord", "sort_order": 7, "help_url": "https://support.discord.com/",
        "intro": "Je kan een bericht of gebruiker melden aan Discord, en een probleem in een server ook aan de moderatoren van die server.",
        "steps": _steps(
            BEFORE,
            ("Hou het bericht ingedrukt (gsm) of klik er met de rechtermuisknop op (computer)", ""),
            ("Kies 'Bericht rapporteren'", ""),
            ("Kies de reden en verzend", "<p>Verwittig ook de moderatoren of beheerders van de server.</p>"),
        ),
        "after": "<ul><li>Blokkeer de gebruiker via het profiel.</li><li>Zet bij 'Privacy en veiligheid' uit dat iedereen je privéberichten mag sturen.</li></ul>",
    },
    {
        "slug": "online-games", "name": "Online games", "sort_order": 8, "help_url": "",
        "intro": "In bijna elke online game en op elke console kan je een speler melden, dempen en blokkeren.",
        "steps": _steps(
            BEFORE,
            ("Zoek de speler in de spelerslijst, het scorebord of de chat", ""),
            ("Kies 'Rapporteren' of 'Melden'", "<p>Je vindt het ook in het profiel van de speler, of op de website van de game.</p>"),
            ("Demp (mute) of blokkeer de speler", "<p>Zo hoor en zie je die niet meer terwijl de melding loopt.</p>"),
        ),
        "after": "<ul><li>Meld het ook bij het platform waarop je speelt (PlayStation, Xbox, Nintendo, Steam...).</li><li>Stel in wie je mag uitnodigen en berichten sturen. Ouders kunnen daarvoor de instellingen voor ouderlijk toezicht gebruiken.</li></ul>",
    },
]


def seed(apps, schema_editor):
    HelpService = apps.get_model("helpfinder", "HelpService")
    OpeningHours = apps.get_model("helpfinder", "OpeningHours")
    HelpRoute = apps.get_model("helpfinder", "HelpRoute")
    PlatformGuide = apps.get_model("helpfinder", "PlatformGuide")

    services = {}
    for data in SERVICES:
        data = dict(data)
        hours = data.pop("hours", [])
        service, _ = HelpService.objects.update_or_create(slug=data["slug"], defaults=data)
        services[service.slug] = service
        for order, (weekday, opens, closes) in enumerate(hours):
            OpeningHours.objects.get_or_create(
                service=service, weekday=weekday,
                opens=datetime.time.fromisoformat(opens), closes=datetime.time.fromisoformat(closes),
                defaults={"sort_order": order},
            )
    for data in ROUTES:
        data = dict(data)
        slugs = data.pop("services", [])
        route, _ = HelpRoute.objects.update_or_create(slug=data["slug"], defaults=data)
        # Parental many-to-many relations are only written by ClusterableModel.save(), which a
        # historical model lacks: write the through rows directly.
        through = HelpRoute.services.through
        through.objects.filter(helproute_id=route.pk).delete()
        through.objects.bulk_create(
            [through(helproute_id=route.pk, helpservice_id=services[slug].pk) for slug in slugs]
        )
    for data in PLATFORMS:
        PlatformGuide.objects.update_or_create(slug=data["slug"], defaults=data)


def unseed(apps, schema_editor):
    for model in ("PlatformGuide", "HelpRoute", "HelpService"):
        apps.get_model("helpfinder", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("helpfinder", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
