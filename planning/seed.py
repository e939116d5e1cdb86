# ruff: noqa: E501  (long Dutch sentences of seed data read better unwrapped)
"""The first questions of the three self-assessments. Editors change them in the admin
(Zelfscans); this seed only runs once, from a data migration."""

# (strategy slug, level slug, question, advice) for the 16 cells of the whole-school matrix.
SCHOOL = [
    ("educatie", "leerling", "Leren leerlingen in de les wat pesten en cyberpesten is en wat ze kunnen doen als het hen overkomt?",
     "Plan lessen over pesten, cyberpesten en weerbaarheid in elk leerjaar, met concrete tips: wat doe je, bij wie kan je terecht."),
    ("educatie", "klas", "Werken jullie in elke klas aan een goede groepssfeer, bijvoorbeeld met klasafspraken of groepsactiviteiten?",
     "Werk aan de groep in het begin van het schooljaar en houd dat vol: klasgesprekken, samenwerkingsopdrachten, aandacht voor omstanders."),
    ("educatie", "school", "Krijgen leerkrachten en ander personeel vorming over pesten herkennen en aanpakken?",
     "Voorzie vorming voor het hele team, ook voor wie op de speelplaats of in de refter toezicht houdt."),
    ("educatie", "omgeving", "Informeren jullie ouders over pesten, cyberpesten en wat de school doet?",
     "Informeer ouders bij de start van het schooljaar: wat doet de school, wat kunnen zij thuis doen, bij wie melden ze iets."),
    ("structurele-maatregelen", "leerling", "Kan een leerling pesten melden bij een vast aanspreekpunt, ook anoniem?",
     "Duid een vertrouwenspersoon of aanspreekpunt aan en maak een meldkanaal dat leerlingen kennen, ook anoniem."),
    ("structurele-maatregelen", "klas", "Is er in elke klas een vaste tijd om over de sfeer en over problemen te praten?",
     "Voorzie een vast moment per week of maand, bijvoorbeeld een klasgesprek of een klasraad, waar ook pesten ter sprake kan komen."),
    ("structurele-maatregelen", "school", "Heeft de school een geschreven antipestbeleid dat iedereen kent en dat regelmatig geëvalueerd wordt?",
     "Schrijf een antipestbeleid met het hele team, leerlingen en ouders; maak het bekend en evalueer het elk jaar."),
    ("structurele-maatregelen", "omgeving", "Werken jullie samen met partners buiten de school, zoals het CLB, de politie of de jeugdwerking?",
     "Maak afspraken met het CLB en andere partners over wie wat doet, zodat je snel kan doorverwijzen."),
    ("afspraken", "leerling", "Weet elke leerling welke afspraken er gelden over omgaan met elkaar, ook online?",
     "Maak met leerlingen duidelijke afspraken over omgaan met elkaar, online en offline, en herhaal ze regelmatig."),
    ("afspraken", "klas", "Heeft elke klas eigen afspraken tegen pesten, samen met de leerlingen gemaakt?",
     "Laat elke klas zelf afspraken maken en ondertekenen; leerlingen houden zich beter aan regels die ze zelf mee maakten."),
    ("afspraken", "school", "Is er een afgesproken stappenplan als een leerling gepest wordt?",
     "Leg vast wie wat doet als pesten gemeld wordt: eerste gesprek, aanpak, opvolging en communicatie met ouders."),
    ("afspraken", "omgeving", "Zijn er afspraken met ouders over wat zij doen als hun kind pest of gepest wordt?",
     "Spreek met ouders af hoe ze pesten melden en hoe school en ouders samenwerken, zonder de zaak zelf op te lossen."),
    ("zorg-en-begeleiding", "leerling", "Krijgt een leerling die gepest wordt begeleiding, en wordt dat opgevolgd?",
     "Bied het slachtoffer steun en volg op of het pesten echt stopt; schakel zo nodig het CLB in."),
    ("zorg-en-begeleiding", "klas", "Pakt de school pesten in een klas aan met de hele groep, bijvoorbeeld met de no-blame-methode?",
     "Kies een groepsaanpak, zoals no-blame of herstelgericht werken, en train leerkrachten om die te gebruiken."),
    ("zorg-en-begeleiding", "school", "Heeft de school een zorgteam dat pestsituaties opvolgt en registreert?",
     "Laat het zorgteam pestsituaties bijhouden en opvolgen, zodat je patronen ziet en kan bijsturen."),
    ("zorg-en-begeleiding", "omgeving", "Weten jullie naar wie je doorverwijst als de school er zelf niet uit raakt (CLB, hulpverlening, 1712)?",
     "Maak een lijst van hulpverleners en meldpunten en deel die met het team, leerlingen en ouders."),
]

# (question, advice, approach slug or "", topic slug or "")
CLUB = [
    ("Heeft jullie vereniging een gedragscode die leden, trainers en ouders kennen?",
     "Schrijf een korte gedragscode met leden, trainers en ouders en hang ze op waar iedereen ze ziet.", "preventie", ""),
    ("Is er een aanspreekpunt integriteit (API) of vertrouwenspersoon bij wie leden pesten kunnen melden?",
     "Duid een aanspreekpunt aan en maak bekend hoe je die bereikt.", "melden", ""),
    ("Weten trainers en begeleiders wat ze doen als er gepest wordt?",
     "Maak een stappenplan voor trainers: ingrijpen, praten met betrokkenen, ouders informeren, opvolgen.", "daderaanpak", ""),
    ("Krijgen trainers en animatoren vorming over pesten en groepsdynamiek?",
     "Voorzie vorming voor nieuwe en ervaren trainers, bijvoorbeeld bij de start van het seizoen.", "sensibilisering", ""),
    ("Spreken jullie af hoe leden online met elkaar omgaan, bijvoorbeeld in groepschats?",
     "Maak afspraken over groepschats en sociale media, en wie modereert.", "preventie", "cyberpesten"),
    ("Worden omstanders aangemoedigd om iets te doen of te melden?",
     "Leer leden wat ze als omstander kunnen doen en dat melden geen klikken is.", "omstanders", ""),
    ("Volgen jullie een pestsituatie op tot ze echt opgelost is, ook voor wie gepest werd?",
     "Plan een opvolggesprek en blijf nagaan hoe het met het slachtoffer gaat.", "nazorg", ""),
]

EMPLOYER = [
    ("Zijn de psychosociale risico's, waaronder pesten, opgenomen in de risicoanalyse van jullie organisatie?",
     "De welzijnswet verplicht een risicoanalyse van de psychosociale risico's, met de preventieadviseur psychosociale aspecten. Plan ze en betrek de werknemers.", "preventie", "pesten-op-het-werk"),
    ("Hebben jullie een preventieadviseur psychosociale aspecten (intern of via de externe dienst)?",
     "Elke werkgever moet een preventieadviseur psychosociale aspecten aanstellen, intern of bij de externe dienst voor preventie en bescherming. Maak bekend wie het is.", "melden", "pesten-op-het-werk"),
    ("Is er een vertrouwenspersoon die werknemers kennen en vrij kunnen aanspreken?",
     "Stel een vertrouwenspersoon aan (verplicht als de werknemersvertegenwoordigers erom vragen) en zorg dat die vorming kreeg.", "melden", "pesten-op-het-werk"),
    ("Is er een interne procedure voor een verzoek tot psychosociale interventie (informeel en formeel), en kennen werknemers ze?",
     "Leg de interne procedure vast in het arbeidsreglement: informele interventie, formeel verzoek, termijnen, bescherming tegen represailles.", "melden", "pesten-op-het-werk"),
    ("Houden jullie een register van feiten bij voor geweld, pesterijen of ongewenst gedrag door derden (klanten, bezoekers)?",
     "De wet vraagt een register van feiten van derden, bijgehouden door de vertrouwenspersoon of preventieadviseur. Maak het toegankelijk voor werknemers.", "melden", "pesten-op-het-werk"),
    ("Krijgen leidinggevenden vorming om pesten te herkennen en aan te pakken?",
     "Leidinggevenden zien pesten vaak het eerst: voorzie vorming over signalen, gesprekken en doorverwijzen.", "sensibilisering", "pesten-op-het-werk"),
    ("Voeren jullie sensibiliseringsacties over respectvol gedrag op het werk?",
     "Voer een campagne over respectvol samenwerken, bijvoorbeeld met affiches en een teamgesprek.", "sensibilisering", "pesten-op-het-werk"),
    ("Is er nazorg voor werknemers die gepest werden, ook na een procedure?",
     "Plan opvolging en, waar nodig, re-integratie of hulp via de externe dienst of 1712.", "nazorg", "pesten-op-het-werk"),
]

SCANS = [
    ("school", "Zelfscan voor scholen", "onderwijs", 0,
     "Zestien vragen over de brede schoolaanpak: vier strategieën op vier niveaus. Voor directie, zorgteam of werkgroep."),
    ("vereniging", "Zelfscan voor verenigingen", "jeugdwerk-sport-cultuur", 1,
     "Voor jeugdwerk, sportclubs en culturele verenigingen: gedragscode, aanspreekpunt, wat te doen, vorming."),
    ("werk", "Zelfscan voor werkgevers", "werkgevers-werknemers", 2,
     "Voor werkgevers, HR en preventieadviseurs: de verplichtingen van de welzijnswet en wat je meer kan doen."),
]


def seed(apps):
    Scan = apps.get_model("planning", "Scan")
    Question = apps.get_model("planning", "ScanQuestion")
    Audience = apps.get_model("taxonomy", "Audience")
    Cell = apps.get_model("taxonomy", "WholeSchoolCell")
    Approach = apps.get_model("taxonomy", "Approach")
    Topic = apps.get_model("taxonomy", "Topic")
    for slug, title, audience_slug, order, intro in SCANS:
        audience = Audience.objects.filter(slug=audience_slug).first()
        if audience is None or Scan.objects.filter(slug=slug).exists():
            continue
        scan = Scan.objects.create(slug=slug, title=title, intro=intro, audience=audience, sort_order=order)
        if slug == "school":
            for number, (strategy, level, text, advice) in enumerate(SCHOOL):
                cell = Cell.objects.filter(strategy__slug=strategy, level__slug=level).first()
                Question.objects.create(scan=scan, sort_order=number, text=text, advice=advice, cell=cell)
            continue
        for number, (text, advice, approach, topic) in enumerate(CLUB if slug == "vereniging" else EMPLOYER):
            Question.objects.create(
                scan=scan, sort_order=number, text=text, advice=advice,
                approach=Approach.objects.filter(slug=approach).first() if approach else None,
                topic=Topic.objects.filter(slug=topic).first() if topic else None,
            )
