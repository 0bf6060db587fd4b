"""Sentence templates and vocabulary for the dedup syndication set, written for the project.

``{a|b|c}`` picks one alternative, ``<slot>`` fills a story value. Each event kind has leads,
body paragraphs, background paragraphs (shared by every story of one family, which is what
makes same-subject stories hard negatives), write-thru leads and headlines. Places are real
names; every person, company and publisher is invented.
"""

# ruff: noqa: E501  (tables of template text and story values read better unwrapped)
from __future__ import annotations

FIRST_NAMES = [
    "Amara",
    "Tomas",
    "Lena",
    "Rafael",
    "Ines",
    "Kofi",
    "Mira",
    "Jonas",
    "Yuki",
    "Dario",
    "Nadia",
    "Oskar",
    "Priya",
    "Mateo",
    "Sana",
    "Viktor",
    "Leila",
    "Hugo",
    "Zara",
    "Emil",
    "Farah",
    "Pavel",
    "Alma",
    "Ruben",
    "Noor",
    "Felix",
    "Selin",
    "Marco",
    "Ayla",
    "Bruno",
]
SURNAME_PARTS = (
    ["Val", "Kor", "Ben", "Mar", "Tal", "Sor", "Dun", "Hal", "Res", "Lom", "Tir", "Gav",
     "Pel", "Ost", "Ran", "Vel", "Mok", "Sar", "Bel", "Nor"],
    ["ada", "enko", "ovic", "eira", "anda", "isto", "uro", "elli", "ani", "oren", "ek",
     "ez", "ova", "ard", "ino", "essa", "ulin", "ova", "ith", "ami"],
)  # fmt: skip

REGIONS = [
    ("Chile", ["Santiago", "Valparaiso", "Antofagasta", "Concepcion"], "South America"),
    ("Peru", ["Lima", "Arequipa", "Cusco", "Trujillo"], "South America"),
    ("Japan", ["Tokyo", "Osaka", "Sendai", "Fukuoka"], "Asia"),
    ("Indonesia", ["Jakarta", "Surabaya", "Bandung", "Medan"], "Asia"),
    ("Philippines", ["Manila", "Cebu", "Davao", "Iloilo"], "Asia"),
    ("Turkey", ["Ankara", "Izmir", "Adana", "Gaziantep"], "Europe"),
    ("Greece", ["Athens", "Thessaloniki", "Patras", "Heraklion"], "Europe"),
    ("Italy", ["Rome", "Naples", "Palermo", "Bologna"], "Europe"),
    ("Kenya", ["Nairobi", "Mombasa", "Kisumu", "Nakuru"], "Africa"),
    ("Nigeria", ["Lagos", "Abuja", "Kano", "Ibadan"], "Africa"),
    ("Mexico", ["Mexico City", "Guadalajara", "Puebla", "Oaxaca"], "Americas"),
    ("Brazil", ["Brasilia", "Recife", "Salvador", "Curitiba"], "Americas"),
    ("India", ["New Delhi", "Mumbai", "Chennai", "Pune"], "Asia"),
    ("Vietnam", ["Hanoi", "Da Nang", "Hue", "Can Tho"], "Asia"),
    ("Poland", ["Warsaw", "Krakow", "Gdansk", "Wroclaw"], "Europe"),
    ("Egypt", ["Cairo", "Alexandria", "Luxor", "Aswan"], "Africa"),
]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
COMPANY_A = ["Norvale", "Castor", "Brightwell", "Orrin", "Selka", "Tamsin", "Quillon", "Draxa",
             "Meridel", "Kestrel", "Halvard", "Zephra", "Lumeno", "Arvid", "Corvana"]  # fmt: skip
COMPANY_B = ["Motors", "Foods", "Pharma", "Airways", "Steel", "Textiles", "Electronics",
             "Logistics", "Energy", "Chemicals"]  # fmt: skip
MINISTRIES = ["Foreign", "Trade", "Finance", "Health", "Transport", "Energy", "Interior"]
PURPOSES = [
    ("a port expansion deal", "port", "the harbor"),
    ("a vaccine supply agreement", "vaccine", "the clinics"),
    ("a railway loan", "railway", "the new line"),
    ("a fisheries accord", "fisheries", "the fishing fleet"),
    ("a solar power project", "solar", "the power plant"),
    ("a visa waiver plan", "visa", "the border posts"),
    ("a grain export corridor", "grain", "the silos"),
    ("a cyber security pact", "cyber", "the data centers"),
]
SPORTS = [
    ("football", "final", "goal"), ("basketball", "final", "basket"),
    ("rugby", "final", "try"), ("handball", "final", "goal"),
]  # fmt: skip

AGENCIES = {
    "AP": {"dateline": "<CITY>, <Country> (AP) — ", "format": "ninjs"},
    "Reuters": {"dateline": "<CITY>, <Month> <date> (Reuters) - ", "format": "nitf"},
    "AFP": {"dateline": "<CITY> (AFP) - ", "format": "newsml-g2"},
}

PUBLISHERS = [
    ("The Morning Ledger", "morningledger.example"),
    ("Harbour City Tribune", "harbourcitytribune.example"),
    ("Northfield Echo Online", "northfieldecho.example"),
    ("Pacific Daily Courier", "pacificdailycourier.example"),
    ("Bayside Herald", "baysideherald.example"),
    ("Capital Markets Daily", "capitalmarketsdaily.example"),
    ("The Riverside Post", "riversidepost.example"),
    ("Lakeshore Gazette", "lakeshoregazette.example"),
    ("Valley Standard", "valleystandard.example"),
    ("The Evening Signal", "eveningsignal.example"),
]

# chrome a cleaner may leave behind in a scrape
STRAY_LINES = [
    "Read more: <Country> news in brief",
    "Read more: The latest from <Region>",
    "RELATED: <Country> at a glance",
    "Advertisement",
    "Sign up for our free morning briefing",
    "Most read",
    "Follow us for more world news",
    "Share this article",
]
TOP_LINES = [
    "Via AP news wire",
    "Via <Agency> news wire",
    "Sign up to our newsletter",
    "Listen to this article",
    "World news",
    "<Weekday> <date> <Month> 2026 11:33 GMT",
]
CAPTIONS = [
    "A man walks past <city> city hall on <weekday>. (<Agency> Photo/<photog>)",
    "FILE - A view of downtown <city>, <Country>. (Photo: <photog>/<Agency>)",
]
TRAILERS = [
    "Copyright 2026 The <Agency>. All rights reserved.",
    "This story was originally published by <Agency> and has been republished here.",
    "Comments are closed on this article.",
    "Get the latest headlines every morning. Register for free.",
]

# small edits a publisher's desk makes
EDITS = [
    ("neighbors", "neighbours"), ("percent", "per cent"), ("center", "centre"),
    (" said ", " says "), ("organization", "organisation"), ("labor", "labour"),
    ("on Monday", "Monday"), ("on Tuesday", "Tuesday"), ("on Wednesday", "Wednesday"),
    ("on Thursday", "Thursday"), ("on Friday", "Friday"), ("about ", "around "),
    ("more than ", "over "), ("officials", "authorities"),
]  # fmt: skip

KINDS: dict[str, dict[str, list[str]]] = {}

KINDS["quake"] = {
    "headline": [
        "Magnitude <mag> quake {strikes|hits|shakes} <region_area> of <Country>",
        "Earthquake {kills|leaves} <deaths> {dead|people dead} in <Country>'s <town>",
        "Strong quake {rattles|jolts} <town>, <Country>; <deaths> dead",
    ],
    "lead": [
        "A magnitude <mag> earthquake {struck|hit|shook} <region_area> of <Country> {early|late} "
        "on <weekday>, {killing|leaving} at least <deaths> people {dead|} and {damaging|toppling} "
        "<houses> homes in and around the town of <town>, {officials|authorities} said.",
        "At least <deaths> people {died|were killed} when a magnitude <mag> earthquake {struck|"
        "rocked} the town of <town> in <region_area> of <Country> on <weekday>, {collapsing|"
        "flattening} <houses> houses and {cutting power|knocking out electricity} to "
        "<thousands> thousand {households|homes}.",
    ],
    "body": [
        "The <seismo> said the quake's epicenter was <km> kilometers (<miles> miles) "
        "{northeast|southwest|north|east} of <town> at a depth of <depth> kilometers.",
        "{Rescuers|Emergency crews|Firefighters and soldiers} {searched|combed} through "
        "{collapsed|damaged} buildings {through the night|into the evening} and {pulled|"
        "freed} <rescued> people from the {rubble|debris}, the civil protection agency said.",
        "<official_title> <official> {said|told reporters} that <injured> people were being "
        "treated for injuries at {hospitals|clinics} in <town> and <city>, <serious> of them "
        "{in serious condition|with serious injuries}.",
        '"We felt the ground {rolling|shaking} for {almost|nearly|about} <seconds> seconds '
        'and {everyone ran|we all ran} into the street," said <witness>, a <job> in <town>. '
        '"{Our kitchen wall|The front of the shop|Half of the roof} came down."',
        "{Several|At least <aftershocks>} aftershocks {followed|were recorded}, the "
        "strongest of them magnitude <aftermag>, and {many|hundreds of} residents {spent the "
        "night|slept} in {parks|tents|their cars}.",
        "The <road> highway {was closed|remained shut} after a {landslide|rockfall} buried "
        "<lanes> lanes near <town>, and {the regional airport|the rail line to <city>} "
        "{suspended|halted} service for {inspections|safety checks}.",
        "{Schools|All schools} in <town> {will stay closed|were ordered closed} until "
        "<weekday2> while engineers {inspect|check} their buildings, the education ministry "
        "said.",
        "<leader_title> <leader> {declared|announced} a state of emergency in <region_area> "
        "and {sent|ordered} <troops> soldiers and <tents> tents to the {area|region}.",
        "The {water utility|city water company} said <pct> percent of <town> was without "
        "running water and {tanker trucks|emergency tankers} were being {sent|brought in} "
        "from <city>.",
    ],
    "background": [
        "<Country> sits {on|along} {the Pacific Ring of Fire|a boundary between tectonic "
        "plates}, and <region_area> has had <past> {damaging|deadly} earthquakes since <year>, "
        "the {worst|deadliest} of which killed <pastdeaths> people.",
        "Building codes in <Country> were {tightened|strengthened} in <year2> after a quake "
        "{destroyed|damaged} much of <city>, but {officials|engineers} have {warned|said} "
        "that many older homes in {rural areas|small towns} {were never|have not been} "
        "{reinforced|retrofitted}.",
    ],
    "update": [
        "The death toll from <weekday>'s magnitude <mag> earthquake in <Country> {rose|"
        "climbed} to <deaths2> on <weekday2> as {rescuers|crews} {reached|dug into} "
        "{remote villages|collapsed apartment blocks} around <town>.",
        "{Officials|Authorities} said <missing> people were still {missing|unaccounted for} "
        "and {warned|cautioned} that the toll could rise further as {roads|mountain roads} "
        "{reopen|are cleared}.",
        "{More than|Nearly} <displaced> people {have been|were} {moved|evacuated} to "
        "{shelters|temporary camps} after <houses2> homes were declared unsafe.",
    ],
}

KINDS["visit"] = {
    "headline": [
        "<Country>'s <ministry> minister {visits|arrives in} <host>, {seeks|eyes} <purpose_short> deal",
        "<person_last> {signs|agrees} <purpose> {in|during visit to} <host>",
        "<ministry> minister <person_last> {holds talks|meets leaders} in <host>",
    ],
    "lead": [
        "<Country>'s <ministry> Minister <person> {arrived in|flew to} <host> on <weekday> "
        "{for talks on|to negotiate|to sign} <purpose>, {the first|a rare} visit by a <Country> "
        "cabinet member to the {country|capital} in <gap> years.",
        "<ministry> Minister <person> of <Country> {met|held talks with} <host_official> in "
        "<host> on <weekday> and {agreed|signed} <purpose> {worth|valued at} <money> million "
        "dollars, {according to|said} {officials from both sides|a joint statement}.",
    ],
    "body": [
        "Under the {agreement|plan}, <host> {will|would} {receive|get} <money> million dollars "
        "over <yrs> years {for|to build} <site>, {with work due to start|and construction "
        "would begin} in <month2>.",
        "<person_last> told reporters {after the meeting|at a news conference} that the "
        '{deal|talks} showed "{a new chapter|real trust|steady progress}" between the two '
        "{countries|governments} and {promised|pledged} {further|more} visits {this year|"
        "before the end of the year}.",
        "<host_official> said <host> {wanted|hoped for} {faster|quicker} {payments|progress} "
        "and {raised|brought up} {concerns|complaints} about {delays|cost overruns} on "
        "{earlier|previous} projects {funded by|backed by} <Country>.",
        "{Opposition lawmakers|Critics} in <host> {questioned|criticized} the {deal|terms}, "
        "saying <site> {could|would} {leave the country in debt|hand too much control to "
        "foreign firms}, and {demanded|called for} a parliamentary {debate|vote}.",
        "The {delegation|minister's party} {included|was joined by} executives from <compA> "
        "and <compB>, which {expect|hope} to {win|bid for} {contracts|work} on <site>.",
        "{Trade|Two-way trade} between the {two countries|countries} {reached|was} <trade> "
        "billion dollars last year, <tradepct> percent {more|higher} than {the year before|"
        "in <year>}, {according to|based on} customs figures.",
        "<person_last> {is scheduled|is due} to {travel|fly} to <next> on <weekday2> "
        "{before returning|and return} to <capital> {later in the week|at the weekend}.",
        "{Security was tight|Police closed several streets} {around|near} the {presidential "
        "palace|foreign ministry} during the {talks|visit}, and {a small group|dozens} of "
        "{protesters|activists} {gathered|rallied} {nearby|outside}.",
    ],
    "background": [
        "<person> has {served as|been} <ministry> minister since <year>, and {before that|"
        "previously} {led|ran} <Country>'s {state development bank|export credit agency} for "
        "<yrs2> years.",
        "<Country> has {stepped up|expanded} {lending|investment} {across|in} <area_region> "
        "{in recent years|over the past decade}, {competing|vying} with {larger|richer} "
        "{rivals|economies} for {ports, mines and power projects|influence and contracts}.",
    ],
    "update": [
        "<person> and <host_official> {signed|initialed} <purpose> {late on|on} <weekday> "
        "after talks ran {several hours|well} past schedule, {settling|resolving} a "
        "{dispute|disagreement} over {who would pay|financing} for <site>.",
        "The final {text|agreement} {raises|increases} <Country>'s {share|contribution} to "
        "<money2> million dollars and {gives|hands} <host> {control|oversight} of "
        "{hiring|procurement}, {officials|negotiators} said.",
    ],
}

KINDS["fire"] = {
    "headline": [
        "Fire at <country_adj> <facility> kills <deaths>",
        "<deaths> dead as {blaze|fire} {guts|sweeps through} <facility> in <city>",
        "{Blaze|Fire} at <compA> <facility> in <city> leaves <deaths> dead",
    ],
    "lead": [
        "A fire {tore|swept} through a <facility> {owned by|run by} <compA> in <city> "
        "{early|late} on <weekday>, killing <deaths> {workers|people} and {injuring|hurting} "
        "<injured> others, {fire officials|the fire department} said.",
        "At least <deaths> {workers|people} {died|were killed} on <weekday> when {flames|a "
        "blaze} {engulfed|spread through} a <facility> on the {outskirts|edge} of <city>, "
        "{trapping|cutting off} {workers|staff} on {the upper floors|a night shift}.",
    ],
    "body": [
        "{Firefighters|Fire crews} {needed|took} <hours> hours to {bring the fire under "
        "control|put out the blaze}, and <trucks> {fire engines|trucks} were {sent|deployed} "
        "from {across the city|<city> and nearby towns}.",
        "<official_title> <official> said the fire {appeared to have started|probably began} "
        "in a {storage area|loading bay|generator room} on the {ground|second} floor and "
        "{investigators|police} were {examining|looking into} {the wiring|a possible gas leak}.",
        '"The smoke {came|spread} so fast {that we could not see|we could not find} the '
        'stairs," said <witness>, a <job> who {escaped|got out} through a window. "{Some|'
        'Many} of my {colleagues|friends} were still inside."',
        '<compA> said in a statement that it was "{deeply saddened|devastated}" and '
        "{would pay|promised} {compensation|support} to the families of the {dead|victims}. "
        "It {said|added} it was cooperating with {investigators|the authorities}.",
        "{Labor unions|Worker groups} said the <facility> had {only one|too few} {working "
        "exits|fire exits} and {had been|was} {warned|fined} over {safety|fire safety} "
        "{violations|problems} in <year>.",
        "{Police|Prosecutors} {detained|questioned} <detained> {managers|people}, including "
        "the {plant|site} manager, {on suspicion of|over} {negligence|safety failures}, "
        "{local media|state television} reported.",
        "The <facility> {employed|had} about <staff> {workers|people}, most of them "
        "{women|young migrants} from {rural|poorer} {provinces|regions}, and {produced|made} "
        "<product> for {export|domestic and foreign buyers}.",
        "{Relatives|Families} {gathered|waited} {outside|at} the {city morgue|hospital} "
        "{through the night|into the morning}, {holding photos|waiting for news} of "
        "{missing|their} {workers|loved ones}.",
    ],
    "background": [
        "{Industrial|Factory} fires {are common|have been frequent} in <Country>, where "
        "{safety rules|building codes} are {often|widely} {ignored|poorly enforced}; a "
        "{blaze|fire} at a <product> plant in <city2> killed <pastdeaths> people in <year>.",
        "The government {promised|pledged} {a nationwide|an} {inspection drive|safety "
        "campaign} after {that disaster|the <year> fire}, but {labor groups|unions} say "
        "{fewer than|only about} <pct> percent of {factories|plants} have been {inspected|checked}.",
    ],
    "update": [
        "The death toll from <weekday>'s fire at the <compA> <facility> in <city> {rose|"
        "climbed} to <deaths2> after {rescuers|firefighters} {recovered|found} {more bodies|"
        "further bodies} on the {upper floors|roof}, {officials|fire officials} said.",
        "{Prosecutors|Police} {charged|arrested} the {owner|managing director} of <compA> "
        "with {negligent homicide|manslaughter} on <weekday2>, {saying|alleging} the "
        "{emergency exits|fire doors} had been {locked|blocked}.",
    ],
}

KINDS["court"] = {
    "headline": [
        "<country_adj> court {jails|sentences} former <ministry> minister <person_last>",
        "Trial of ex-minister <person_last> {opens|begins} in <city>",
        "<person_last> {found guilty|convicted} of {bribery|corruption}",
    ],
    "lead": [
        "A court in <city> on <weekday> {sentenced|jailed} former <ministry> Minister <person> "
        "to <years> years in prison for {taking bribes|accepting kickbacks} {worth|totaling} "
        "<money> million dollars from {contractors|companies} bidding for <site> contracts.",
        "The {corruption|bribery} trial of former <ministry> Minister <person> {opened|began} "
        "in <city> on <weekday>, with prosecutors {accusing|charging} him of {steering|"
        "rigging} <contracts> contracts for <site> to {friends|allied firms} in exchange for "
        "<money> million dollars.",
    ],
    "body": [
        "<person_last>, <age>, {denied|rejected} {the charges|all wrongdoing} and {told|"
        'said to} the court that he was the {victim|target} of a "{political|'
        'politically motivated} {campaign|vendetta}" by {his rivals|the government}.',
        "Prosecutor <official> {said|told the court} that {bank records|wiretaps|emails} "
        "showed payments {routed|sent} through <shells> {shell companies|front companies} "
        "{registered|set up} in <haven>.",
        "Judge <judge> {ordered|also ordered} <person_last> to {repay|return} <repay> million "
        "dollars and {barred|banned} him from {holding public office|public office} for "
        "<ban> years.",
        "{Dozens|Hundreds} of {supporters|protesters} {gathered|rallied} outside the "
        "{courthouse|court}, some {holding|waving} {banners|flags}, while police {kept|held} "
        "{them|the crowd} behind {barriers|metal fences}.",
        "<compA>, one of the {companies|firms} {named|cited} in the {case|indictment}, said "
        "it had {cooperated|worked} with {investigators|prosecutors} and {dismissed|fired} "
        "<fired> {managers|executives} {involved|linked to the payments}.",
        "{His lawyer|Defense lawyer} <lawyer> said {they would|the defense would} {appeal|"
        "challenge the ruling} and {argued|said} that {key evidence|the wiretaps} had been "
        "{obtained illegally|gathered without a warrant}.",
        "The {trial|hearing} {is expected|was scheduled} to {last|run} <weeks> weeks, with "
        "<witnesses> {witnesses|people} {due|expected} to {testify|give evidence}, including "
        "{two|three} former {deputy ministers|senior officials}.",
    ],
    "background": [
        "<person> {served as|was} <ministry> minister from <year> to <year2> and was "
        "{seen|regarded} as a {possible|likely} {presidential candidate|future party leader} "
        "before {the investigation|prosecutors} {began|opened} in <year3>.",
        "<site> was {meant|supposed} to {cost|be built for} <budget> million dollars but "
        "{ended up|finished} {costing|at} {more than|nearly} {double|twice} that, "
        "{according to|said} a <year3> {audit|report} by the {national audit office|"
        "comptroller}.",
    ],
    "update": [
        "{The court|Judges} {released|freed} <person_last> on {bail|bond} of <bail> "
        "thousand dollars on <weekday2> {pending|ahead of} his appeal, {ruling|saying} that "
        "he {posed no|did not pose a} flight risk.",
        "{Prosecutors|The prosecution} said they would also {appeal|seek a longer sentence}, "
        "{arguing|saying} that <years> years was {too lenient|not enough} for {the scale of|"
        "such} {the bribery|the crimes}.",
    ],
}

KINDS["rates"] = {
    "headline": [
        "<country_adj> central bank {raises|lifts} rates to <rate> percent",
        "<country_adj> central bank {holds|keeps} rates at <rate> percent",
        "<Country> {surprises|stuns} markets with rate {decision|move}",
    ],
    "lead": [
        "<Country>'s central bank {raised|lifted} its {benchmark|main} interest rate by "
        "<bp> basis points to <rate> percent on <weekday>, {its|the} <nth> {increase|hike} "
        "{this year|since <month2>}, {as|saying} inflation {stayed|remained} {well|stubbornly} "
        "above {its|the} target.",
        "<Country>'s central bank {kept|left} its {key|benchmark} interest rate {unchanged|"
        "on hold} at <rate> percent on <weekday>, {defying|against} {expectations|forecasts} "
        "of a {cut|reduction} as {food|fuel} prices {pushed|kept} inflation {higher|up}.",
    ],
    "body": [
        "Governor <person> said in a statement that {the bank|policymakers} {would|was "
        "ready to} {act again|move further} {if needed|should inflation stay high} and "
        "{expected|saw} inflation {falling|easing} to <infl2> percent by <month2>.",
        "Annual inflation {was|stood at} <infl> percent in <month>, {up from|compared with} "
        "<infl0> percent {a month earlier|in the previous month}, {driven by|led by} "
        "{food|energy|rent} costs, the statistics {office|agency} said last week.",
        "<analysts> of <polled> {economists|analysts} {polled|surveyed} by <Agency> had "
        "{expected|forecast} {the decision|a hold|a move of that size}.",
        "The <currency> {rose|gained|slipped} <fx> percent against the dollar {after|"
        "following} the {announcement|decision}, and {the main stock index|stocks} "
        "{fell|rose} <stk> percent in {afternoon|late} trading.",
        '"{The bank|They} {is signaling|has signaled} that {it is not done|more tightening is '
        'coming}," said <analyst>, {an economist|chief economist} at <compA> Bank. "{We '
        'now expect|I expect} {one more|another} {increase|move} before <month2>."',
        "{Business groups|Manufacturers} {warned|complained} that {higher|high} borrowing "
        "costs {were hurting|would hurt} {investment|small firms}, and {the finance "
        "ministry|the government} {said|has said} it {would|will} {review|expand} "
        "{subsidized|cheap} credit lines.",
        "The {next|following} {policy meeting|rate decision} is {scheduled|due} for "
        "<month2> <date2>.",
    ],
    "background": [
        "<person> {took over|became governor} in <year> {promising|pledging} to {bring|get} "
        "inflation back to the bank's <target> percent target, {a goal|an aim} it has "
        "{missed|not met} {for|in each of} the {last|past} <misses> {years|quarters}.",
        "<Country>'s economy {grew|expanded} <gdp> percent last year, {slower than|below} "
        "the government's {forecast|target}, {as|while} {exports|farm output} {fell|"
        "weakened} and {households|consumers} {cut back|reduced spending}.",
    ],
    "update": [
        "{In a news conference|Speaking to reporters} {after|following} the decision, "
        "<person> said {the board|policymakers} had {debated|considered} a {larger|bigger} "
        "{move|increase} of <bp2> basis points and {that|said} <votes> of <board> members "
        "had {voted|backed} it.",
    ],
}

KINDS["flood"] = {
    "headline": [
        "Floods {kill|leave} <deaths> {in|dead in} <country_adj> <region_area>",
        "{Heavy rain|Storms} {force|prompt} <displaced> to flee in <Country>",
        "{Rivers burst banks|Flooding hits} <town> as {rain|storms} {pound|lash} <Country>",
    ],
    "lead": [
        "{Floods|Flash floods} {triggered|caused} by {days of|torrential} rain {killed|have "
        "killed} at least <deaths> people in <region_area> of <Country> and {forced|driven} "
        "<displaced> {residents|people} from their homes, {officials|disaster officials} "
        "said on <weekday>.",
        "The <river> River {burst|overflowed} its banks {near|at} <town> on <weekday>, "
        "{submerging|flooding} <villages> villages in <region_area> of <Country> and "
        "{killing|drowning} at least <deaths> people, {according to|said} the {disaster "
        "agency|civil defense}.",
    ],
    "body": [
        "The {weather service|meteorological office} said <town> {received|recorded} "
        "<mm> millimeters of rain in <hours> hours, {more than|nearly} {it usually gets|"
        "the usual amount} in {a month|a whole month}.",
        "{Soldiers|Rescue teams} {in boats|using boats and helicopters} {rescued|evacuated} "
        "<rescued> people {stranded|trapped} on {rooftops|roofs and trees}, the {army|"
        "defense ministry} said.",
        "<official_title> <official> said <missing> people were {missing|unaccounted for}, "
        "{most of them|many} in {villages|hamlets} {cut off|isolated} by {landslides|"
        "collapsed bridges}.",
        '"The water {came up|rose} {to our chests|past the windows} in {less than|under} '
        'an hour," said <witness>, a <job> {sheltering|staying} at a school in <town>. '
        '"{We lost everything|Everything is gone}."',
        "{Farm groups|Farmers' associations} said {floodwater|the floods} {covered|"
        "damaged} <hectares> hectares of {rice|maize|crops} {weeks before|just before} "
        "{the harvest|harvest time}.",
        "The {government|cabinet} {released|approved} <money> million dollars in "
        "{emergency aid|relief funds} and {the prime minister|the president} {was due|"
        "planned} to {visit|tour} <town> on <weekday2>.",
        "{Forecasters|The weather service} {warned|said} that {more rain|further storms} "
        "{was|were} {expected|likely} {through|until} <weekday2>, and {ordered|urged} "
        "{people|residents} {near|along} the <river> to {leave|move to higher ground}.",
    ],
    "background": [
        "<region_area> of <Country> is {prone|vulnerable} to {flooding|floods} during the "
        "{rainy|monsoon} season, and floods {there|in the region} killed <pastdeaths> people "
        "in <year>, {the worst|the deadliest} in {decades|a generation}.",
        "{Scientists|Climate researchers} say {warming|climate change} is making {heavy|"
        "extreme} rain {more frequent|more common} in <Country>, while {deforestation|"
        "logging} {on hillsides|upstream} {worsens|adds to} {landslides|runoff}.",
    ],
    "update": [
        "The death toll from floods in <region_area> of <Country> {rose|climbed} to "
        "<deaths2> on <weekday2> as {waters|floodwaters} {began to recede|receded} and "
        "{rescuers|soldiers} {reached|got to} {villages|communities} cut off for days.",
        "{Health officials|Doctors} {warned|said} of {a risk|the danger} of {cholera|"
        "waterborne disease} in {crowded|packed} {shelters|relief camps}, where <displaced2> "
        "people {are staying|remain}.",
    ],
}

KINDS["recall"] = {
    "headline": [
        "<compA> <compB> {recalls|to recall} <units> <product_short>",
        "<compA> {recalls|pulls} <product_short> over <defect> risk",
        "<compA> <compB> {shares fall|slides} after {recall|product recall}",
    ],
    "lead": [
        "<compA> <compB> said on <weekday> it would recall <units> <product> {sold|made} "
        "{worldwide|in <Country> and abroad} because {a faulty part|a defect} {could|may} "
        "{cause|lead to} <defect>, {the latest|another} {blow|setback} for the {company|group}.",
        "<compA> <compB> is {recalling|pulling back} <units> <product> after {reports|"
        "complaints} of <defect>, the {company|firm} {said|announced} on <weekday>, "
        "{sending|pushing} its shares down <stk> percent.",
    ],
    "body": [
        "The {recall|problem} {affects|covers} {models|units} {made|built} between <month> "
        "<year> and <month2> <year2>, the company said, {adding|and added} that it {knew|was "
        "aware} of <incidents> {incidents|cases} {but|and} no {deaths|fatal injuries}.",
        "Chief Executive <person> {apologized|said he was sorry} {to customers|for the "
        "inconvenience} and said {repairs|replacements} would be {free|carried out at no "
        "cost} at {dealers|service centers} from <month2>.",
        "{Analysts|Industry analysts} {estimated|put} the {cost|bill} of the recall at "
        "{up to|about} <money> million dollars, {roughly|about} <pct> percent of <compA>'s "
        "{annual|yearly} {profit|operating profit}.",
        "<Country>'s {consumer safety|product safety} {agency|regulator} said it had {opened|"
        "started} {an investigation|a review} {into|of} whether <compA> {reported|disclosed} "
        "the {defect|problem} {quickly enough|in time}.",
        '"{We take|Safety is} {safety|our first priority} {very seriously|above all}," '
        '<person_last> told {reporters|analysts} on a call. "{We acted|We moved} as soon '
        'as {our engineers|we} {found|confirmed} the cause."',
        "The {faulty|defective} {part|component} was {made|supplied} by <compB2>, a "
        "{supplier|contractor} {based|headquartered} in <city>, which {declined to comment|"
        "did not respond to requests for comment}.",
        "<compA> {has|had} {recalled|pulled} <past_units> {units|products} {in <year>|"
        "last year} over a {separate|different} {issue|fault}.",
    ],
    "background": [
        "<compA> <compB>, {based|headquartered} in <city>, {employs|has} {about|some} "
        "<staff> {people|workers} and {sells|exports} {to|in} <markets> countries, "
        "{making|which makes} it one of <Country>'s {largest|biggest} {exporters|manufacturers}.",
        "The company {has been|was} {under pressure|criticized} {from|by} {investors|"
        "shareholders} {over|for} {falling|weak} {sales|margins} since <year>, when "
        "<person> {took over|became chief executive} {promising|and promised} a {turnaround|"
        "recovery}.",
    ],
    "update": [
        "<compA> <compB> {widened|expanded} the recall to <units2> <product> on "
        "<weekday2> after {finding|discovering} that {the same|the faulty} part was "
        "{used|fitted} in {two more|additional} {models|product lines}.",
        "{The company|<compA>} {also|now} {said|warned} it {would|expected to} {book|take} "
        "a charge of <money2> million dollars in the {current|third} quarter.",
    ],
}

KINDS["strike"] = {
    "headline": [
        "<workers> {strike|walk out} {across|in} <Country> over pay",
        "Strike {halts|disrupts} <service> in <city>",
        "<country_adj> <workers> {end|extend} strike",
    ],
    "lead": [
        "{Tens of thousands of|Thousands of} <workers> {walked off the job|went on strike} "
        "across <Country> on <weekday>, {halting|disrupting} <service> {in|across} <city> "
        "and other {cities|major cities} in a {dispute|row} over {pay|wages and pensions}.",
        "<workers> in <Country> {began|started} a <days>-day strike on <weekday>, "
        "{shutting|closing} <service> in <city> {after|as} talks with the government "
        "{broke down|collapsed} over a <pay> percent pay {offer|rise}.",
    ],
    "body": [
        "The <union> said <turnout> percent of its {members|workers} {joined|took part in} "
        "the {strike|walkout}, while the {government|labor ministry} {put|estimated} "
        "{the figure|turnout} at <turnout2> percent.",
        "Union leader <person> told a {rally|crowd} of {several thousand|thousands} in "
        '<city> that {members|workers} "{cannot|can no longer} {live|get by} on {wages|'
        'salaries} that {lose|have lost} value {every month|each year}."',
        '<official_title> <official> {called|said} the strike "{irresponsible|unjustified}" '
        "and {said|added} the government's offer of <pay> percent was {the most|as much as} "
        "{the budget could|it could} {afford|bear}.",
        "{Commuters|Travelers} {faced|endured} {long|hours-long} {queues|waits} {at|for} "
        "{bus stops|taxis}, and {schools|many businesses} {told|asked} {staff|students} to "
        "{stay home|work from home}.",
        "Inflation in <Country> {was|ran at} <infl> percent in <month>, {eroding|eating "
        "into} {wages|pay} that {unions|the union} say {have|had} {fallen|dropped} <drop> "
        "percent in real terms since <year>.",
        "{Talks|Negotiations} {are due|were set} to {resume|restart} on <weekday2>, the "
        "<union> said, {warning|and warned} of {longer|open-ended} strikes if {no deal|"
        "no agreement} {is reached|was reached}.",
    ],
    "background": [
        "The <union> {represents|has} {about|some} <members> thousand {members|workers} and "
        "{has|had} {staged|held} <strikes> {national|nationwide} strikes since <year>, "
        "{the longest|the biggest} of which lasted <longest> days.",
        "<Country>'s government {has|had} {frozen|capped} public sector pay {since|in} "
        "<year2> {under|as part of} a {budget|spending} {deal|agreement} with {lenders|"
        "international lenders}.",
    ],
    "update": [
        "The <union> {called off|suspended} the strike {late on|on} <weekday2> after the "
        "government {raised|improved} its offer to <pay2> percent and {agreed|promised} to "
        "{link|index} future {raises|increases} to inflation.",
    ],
}

KINDS["match"] = {
    "headline": [
        "<teamA> {beat|edge|defeat} <teamB> to win <sport> <cup>",
        "<teamA> {win|clinch} <cup> {title|crown} in <city>",
        "<player_last> {stars|shines} as <teamA> {beat|down} <teamB>",
    ],
    "lead": [
        "<teamA> {beat|defeated} <teamB> <scoreA>-<scoreB> in the <sport> <cup> final in "
        "<city> on <weekday>, {winning|clinching} the {title|trophy} for the <nth> time "
        "{behind|thanks to} <points> {points|scores} from <player>.",
        "<player> {scored|got} {the winning|a late} <scoreword> as <teamA> {edged|beat} "
        "<teamB> <scoreA>-<scoreB> {to win|and won} the <cup> in <city> on <weekday> "
        "before a {crowd|sellout crowd} of <crowd>.",
    ],
    "body": [
        "<teamB> {led|were ahead} {at halftime|after the first half} {and|but} {could not|"
        "failed to} {hold on|keep their lead} as <teamA> {took control|pulled ahead} in the "
        "{final|closing} <minutes> minutes.",
        '"{We believed|I always believed} {until the end|all the way}," <player_last> '
        'said. "{This group|This team} {never gives up|does not quit}."',
        "<teamA> coach <coach> {dedicated|devoted} the {win|title} to {the fans|the city} "
        "and {said|added} {several|three} players had played {through|with} {injuries|pain}.",
        "<teamB> {captain|coach} <captain> {blamed|pointed to} {missed chances|tired legs} "
        "and {said|added} {his side|the team} {would|will} {be back|return} {next season|"
        "stronger}.",
        "{Thousands of|Hundreds of} fans {celebrated|partied} in {the streets of|central} "
        "<city> {into|late into} the night, and {police|officers} {reported|made} <arrests> "
        "{arrests|minor arrests}.",
        "<player_last>, <age>, {finished|ended} the {tournament|competition} with <total> "
        "{points|goals} and was {named|voted} its {most valuable player|best player}.",
    ],
    "background": [
        "<teamA> and <teamB> have {met|played} in <finals> {finals|title games} since "
        "<year>, and their {rivalry|matches} {draws|attract} {some of|among} the {biggest|"
        "largest} {crowds|audiences} in <Country> <sport>.",
        "The <cup> {was founded|began} in <year2> and {is|has been} {played|held} in "
        "<city> {since|every year since} <year3>.",
    ],
    "update": [
        "<teamA> {will|are set to} {parade|hold a parade} through <city> on <weekday2>, the "
        "club said, {after|as} <player_last> {confirmed|said} he {would|will} {stay|remain} "
        "{for another season|next year}.",
    ],
}
