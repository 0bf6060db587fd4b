"""Story texts for the cleaning evaluation set, written for the project.

Each story is what an agency would move: a headline, a standfirst, the dateline place as the
agency writes it, and the paragraphs (the lead without its dateline first). Several stories
use words that chrome also uses (subscribers, donations, newsletter, support, "you") in a news
sense, so a cleaner that goes by words alone loses story text on them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    key: str
    headline: str
    standfirst: str
    place: str  # as the dateline prints it: "NAIROBI, Kenya"
    paragraphs: tuple[str, ...]
    people: tuple[str, ...] = ()


STORIES: tuple[Story, ...] = (
    Story(
        "ferry",
        "Ferry operator suspends island route after second engine fault in a month",
        "Hundreds of commuters face a four-hour detour while inspectors examine the vessel",
        "HALIFAX, Nova Scotia",
        (
            "A ferry operator suspended its only crossing to Grand Manan Island on Monday after "
            "the vessel's port engine failed for the second time in four weeks, leaving about "
            "900 daily passengers without a direct link to the mainland.",
            "Inspectors from the federal transport agency boarded the ship at its berth and "
            "ordered it to stay in port until the engine mounts had been replaced.",
            "\u201cWe cannot put passengers on a boat we are not sure about,\u201d said Colette "
            "Brennan, the operator's chief executive. \u201cThe repair will take at least ten "
            "days, and we will not cut corners.\u201d",
            "Islanders said the timing could hardly be worse. The fishing season opens next "
            "week, and lobster buyers on the mainland rely on the morning sailing.",
            "No one was hurt in either breakdown.",
            "The province has promised to charter a replacement vessel, but the nearest "
            "suitable ship is in dry dock in Maine and would need a week to arrive.",
            "Local officials have asked for an emergency meeting with the transport minister.",
        ),
        ("Colette Brennan",),
    ),
    Story(
        "quake",
        "Strong earthquake shakes southern Peru, damaging churches and roads",
        "The magnitude 6.4 tremor was felt as far away as the capital, Lima",
        "AREQUIPA, Peru",
        (
            "A magnitude 6.4 earthquake struck southern Peru early on Wednesday, cracking the "
            "walls of colonial churches, cutting two mountain highways and sending thousands of "
            "residents into the streets before dawn.",
            "The national geophysics institute said the quake was centred 38 kilometres north of "
            "Arequipa at a depth of 95 kilometres.",
            "At least 14 people were treated for injuries, most of them from falling masonry, "
            "according to the regional health office.",
            "\u201cEverything on the shelves came down at once,\u201d said Rosa Quispe, who runs "
            "a bakery near the main square. \u201cMy children were crying and we ran outside in "
            "our pyjamas.\u201d",
            "Landslides blocked the road between Arequipa and the Colca Canyon, a popular tourist "
            "route, and engineers were clearing rocks with bulldozers by mid-morning.",
            "Peru sits on the Pacific Ring of Fire and records hundreds of tremors each year, "
            "though few cause serious damage.",
        ),
        ("Rosa Quispe",),
    ),
    Story(
        "rates",
        "Central bank holds rates steady but signals cut before summer",
        "Policymakers said inflation was falling faster than they had expected in the autumn",
        "WELLINGTON, New Zealand",
        (
            "New Zealand's central bank kept its benchmark interest rate at 4.75% on Wednesday "
            "but said it expected to lower borrowing costs by the middle of the year as price "
            "pressures eased.",
            "Annual inflation slowed to 2.9% in the final quarter, inside the bank's target range "
            "for the first time in three years.",
            "Governor Marcus Tane told reporters the committee had discussed a cut but preferred "
            "to see another month of data on wages.",
            "\u201cThe direction of travel is clear, but the pace is not,\u201d Tane said.",
            "The New Zealand dollar fell half a cent against the U.S. currency after the "
            "announcement, and two-year government bond yields dropped to their lowest level "
            "since 2022.",
            "Economists at two of the country's largest banks said they now expected the first "
            "cut in May.",
            "Mortgage holders have borne the brunt of the tightening cycle, with about half of "
            "all home loans due to be refixed at higher rates this year.",
        ),
        ("Marcus Tane",),
    ),
    Story(
        "strike",
        "Dock workers walk out at three ports, stranding container ships",
        "The union says talks over automation and night-shift pay have broken down",
        "ROTTERDAM, Netherlands",
        (
            "Dock workers at three of Europe's busiest container terminals walked off the job on "
            "Thursday, leaving more than 40 ships waiting at anchor and threatening delays to "
            "deliveries across the continent.",
            "The strike, called by the FNV transport union, is the first full stoppage at the "
            "ports in more than two decades.",
            "Union negotiator Pieter van Dam said employers had refused to guarantee jobs as "
            "terminals install automated cranes over the next five years.",
            "\u201cWe support modernisation, but not at the price of a thousand families,\u201d "
            "van Dam told a rally outside the port offices.",
            "The employers' association said its offer included a 6% pay rise over two years and "
            "retraining for every worker whose job changed.",
            "Shipping lines began diverting some vessels to Antwerp and Hamburg.",
            "Retailers warned that shortages of some imported goods could appear within a week "
            "if the stoppage continued.",
        ),
        ("Pieter van Dam",),
    ),
    Story(
        "library",
        "City libraries see record sign-ups after scrapping late fees",
        "Membership rose by a fifth in a year, the library service said",
        "MANCHESTER, England",
        (
            "Public libraries in Manchester registered a record 61,000 new members last year "
            "after the city council abolished overdue fines, according to figures published on "
            "Tuesday.",
            "The library service said subscribers to its e-book lending app also doubled, to "
            "about 48,000.",
            "Councillor Amina Shah, who led the change, said the fines had kept the poorest "
            "families away. \u201cA child who owed three pounds would never come back,\u201d "
            "she said.",
            "Returns of overdue books rose rather than fell after the fees were dropped, the "
            "figures showed.",
            "Several other English cities, including Leeds and Bristol, are consulting on similar "
            "plans.",
            "Library campaigners said the numbers should persuade ministers to restore funding "
            "cut over the past decade.",
        ),
        ("Amina Shah",),
    ),
    Story(
        "wildfire",
        "Thousands evacuated as wildfire spreads through Greek pine forests",
        "Strong winds pushed the blaze towards villages north of Athens overnight",
        "ATHENS, Greece",
        (
            "Greek authorities ordered the evacuation of nine villages north of Athens on "
            "Saturday as a wildfire fanned by gale-force winds tore through pine forests for a "
            "second day.",
            "More than 500 firefighters, backed by 14 water-dropping aircraft, were battling the "
            "flames on three fronts, the fire service said.",
            "\u201cIf you are told to leave, you must leave immediately,\u201d the civil "
            "protection minister, Eleni Markou, said in a televised address. \u201cDo not wait "
            "to save your belongings.\u201d",
            "Residents fled along coastal roads with cars packed with pets and documents. Some "
            "were taken off beaches by coast guard boats.",
            "Two volunteer firefighters were treated for burns.",
            "Greece has endured increasingly severe fire seasons, which scientists link to "
            "hotter, drier summers.",
            "Cyprus and Italy sent aircraft to help under a European civil protection scheme.",
        ),
        ("Eleni Markou",),
    ),
    Story(
        "vaccine",
        "Health agency approves first malaria vaccine made in Africa",
        "The shot will be produced in Senegal and rolled out to five countries next year",
        "DAKAR, Senegal",
        (
            "A malaria vaccine manufactured in Senegal won regulatory approval on Monday, the "
            "first shot against the disease to be produced on the African continent.",
            "The Institut Pasteur de Dakar said it could make 20 million doses a year by 2028, "
            "enough to protect about five million children.",
            "Malaria killed more than 600,000 people in 2024, most of them children under five "
            "in sub-Saharan Africa, according to the World Health Organization.",
            "\u201cFor decades we have waited for medicines made somewhere else,\u201d said Dr. "
            "Awa Ndiaye, who directs the institute's production unit. "
            "\u201cToday that changes.\u201d",
            "The vaccine, licensed from a European developer, requires four doses and is given "
            "from the age of five months.",
            "Donations from philanthropic foundations paid for most of the new factory, which "
            "cost about $220 million.",
        ),
        ("Awa Ndiaye",),
    ),
    Story(
        "election",
        "Ruling party loses majority in Mongolian parliamentary vote",
        "Preliminary results show the opposition doubling its seats",
        "ULAANBAATAR, Mongolia",
        (
            "Mongolia's ruling party lost its parliamentary majority in Sunday's election, "
            "preliminary results showed on Monday, setting up weeks of coalition talks.",
            "The governing party won 58 of the 126 seats in the State Great Khural, down from "
            "62, while the main opposition party took 42, more than double its previous tally.",
            "Turnout was about 69%, the election commission said.",
            "Opposition leader Batbayar Ganzorig told supporters in the capital's central square "
            "that voters had rejected \u201ca decade of promises about coal money that never "
            "reached ordinary families\u201d.",
            "Prime Minister Tsend Oyun conceded that the result was a warning and said she would "
            "talk to every party that won seats.",
            "Mongolia, a landlocked democracy of 3.5 million people between Russia and China, "
            "depends heavily on mining exports.",
        ),
        ("Batbayar Ganzorig", "Tsend Oyun"),
    ),
    Story(
        "satellite",
        "Space agency loses contact with weather satellite weeks after launch",
        "Engineers are trying to restore communications with the $400 million spacecraft",
        "DARMSTADT, Germany",
        (
            "Europe's weather satellite agency said on Friday that it had lost contact with its "
            "newest spacecraft, launched six weeks ago to improve storm forecasts over the "
            "Atlantic.",
            "Ground stations last received a signal from the satellite on Wednesday evening, "
            "shortly after a planned firing of its thrusters.",
            "Flight director Henrik Solberg said the team had sent commands every 90 minutes "
            "since then, without a response.",
            "\u201cWe have recovered spacecraft from worse situations,\u201d Solberg said. "
            "\u201cBut every day without a signal makes it harder.\u201d",
            "The satellite was insured, the agency said, but a replacement would take at least "
            "four years to build.",
            "Forecasters said the loss would not affect current weather services, which still "
            "rely on older satellites.",
        ),
        ("Henrik Solberg",),
    ),
    Story(
        "drought",
        "Panama Canal limits transits as drought lowers lake levels",
        "Shipping companies face longer waits and higher fees",
        "PANAMA CITY",
        (
            "The Panama Canal will cut the number of daily ship crossings from 36 to 27 starting "
            "next month because of a drought that has left the lake feeding its locks at its "
            "lowest level in seven decades.",
            "The canal authority said the restriction would stay in place until the rainy "
            "season replenished Gatun Lake.",
            "Each ship passing through the locks uses about 200 million litres of fresh water.",
            "Canal administrator Ricardo Vasquez said the authority was studying a new reservoir "
            "on the Indio River to secure supplies for the next 50 years.",
            "Shipping analysts said container lines would pass the cost of longer waits on to "
            "customers, and some liquefied gas carriers had already switched to routes around "
            "Cape Horn.",
            "About 5% of world seaborne trade passes through the canal.",
        ),
        ("Ricardo Vasquez",),
    ),
    Story(
        "museum",
        "Stolen medieval manuscript returned to Italian abbey after 40 years",
        "Police traced the illuminated psalter to an auction house catalogue",
        "ROME",
        (
            "An illuminated psalter stolen from a Benedictine abbey in central Italy in 1985 was "
            "handed back to the monks on Thursday after police spotted it in an auction "
            "catalogue.",
            "The 13th-century manuscript, with gold-leaf initials and 160 vellum pages, had "
            "passed through at least three private collections, investigators said.",
            "General Franco Bellini of the Carabinieri art squad said the last owner had bought "
            "it in good faith and agreed to return it without a court case.",
            "\u201cIt is like a member of the family coming home,\u201d said the abbot, Father "
            "Anselmo Ricci.",
            "The abbey plans to display the book in a climate-controlled case from next spring.",
        ),
        ("Franco Bellini", "Anselmo Ricci"),
    ),
    Story(
        "airline",
        "Budget airline cancels 400 flights as pilots call in sick",
        "Passengers were stranded at airports across Scandinavia on the first day of school "
        "holidays",
        "OSLO, Norway",
        (
            "A Scandinavian budget airline cancelled about 400 flights on Friday after an "
            "unusually large number of pilots reported sick, stranding tens of thousands of "
            "passengers at the start of the school holidays.",
            "The airline said it was \u201cdeeply sorry\u201d and would rebook travellers free of "
            "charge, but warned that disruption could last through the weekend.",
            "The pilots' union denied organising a protest, but its members have been in a "
            "dispute with management over rosters since the spring.",
            "\u201cYou cannot fly a full summer schedule with a winter crew,\u201d union chair "
            "Ingrid Halvorsen said in an interview with public broadcaster NRK.",
            "Under European rules, passengers on cancelled flights may be entitled to "
            "compensation of up to 600 euros.",
            "Shares in the airline fell 8% in Oslo trading.",
        ),
        ("Ingrid Halvorsen",),
    ),
    Story(
        "mine",
        "Rescuers reach trapped miners after three days underground",
        "All 11 workers were alive and were brought to the surface one by one",
        "JOHANNESBURG",
        (
            "Rescuers reached 11 miners who had been trapped for three days by a rockfall at a "
            "platinum mine northwest of Johannesburg and brought all of them to the surface "
            "alive on Tuesday night.",
            "The men had survived in a ventilated refuge chamber about 900 metres underground, "
            "with food and water for four days, the mine's owner said.",
            "Families who had kept vigil at the shaft head cheered as each miner emerged on a "
            "stretcher, wrapped in foil blankets.",
            "\u201cI prayed every hour,\u201d said Nomvula Dlamini, whose son was among the "
            "trapped workers.",
            "The mineral resources minister ordered an inquiry into the cause of the collapse.",
            "South Africa's mines have become safer over the past two decades, but dozens of "
            "workers still die underground each year.",
        ),
        ("Nomvula Dlamini",),
    ),
    Story(
        "heatwave",
        "India's capital records hottest day as power demand hits a high",
        "Temperatures in New Delhi climbed above 47 degrees Celsius",
        "NEW DELHI",
        (
            "New Delhi recorded its hottest day on record on Tuesday as the temperature at one "
            "weather station reached 47.8 degrees Celsius, and electricity demand in the capital "
            "climbed to an all-time high.",
            "The India Meteorological Department issued a red alert for the city and "
            "neighbouring states, warning of heatstroke among outdoor workers and the elderly.",
            "Hospitals set up cooling wards, and schools, already closed for the summer, will "
            "stay shut for another week.",
            "Construction sites were ordered to stop work between noon and 4 p.m.",
            "\u201cThe nights are the worst. The walls give back all the heat of the day,\u201d "
            "said Suresh Kumar, a rickshaw driver who sleeps on the roof of his building.",
            "Scientists say heat waves in South Asia have become longer and more frequent.",
        ),
        ("Suresh Kumar",),
    ),
    Story(
        "charity",
        "Food banks report sharp fall in donations as costs bite",
        "Network says supermarket collection points brought in a third less than last winter",
        "BIRMINGHAM, England",
        (
            "Food banks in England collected a third less in donations this winter than a year "
            "earlier, while demand for emergency parcels rose by 12%, a national network said "
            "on Wednesday.",
            "The network's chief executive, Helen Okafor, said many people who used to give had "
            "become users themselves.",
            "\u201cPeople who dropped a bag of pasta in the collection box last year are now "
            "standing in our queue,\u201d Okafor said.",
            "The charity urged supporters who could still afford it to give regularly rather "
            "than only at Christmas.",
            "Some supermarkets have begun matching customer donations, and two chains said they "
            "would extend the scheme through the spring.",
            "The government said it had increased funding for local welfare schemes.",
        ),
        ("Helen Okafor",),
    ),
    Story(
        "rail",
        "High-speed rail line opens, cutting journey between two capitals to four hours",
        "The link between Vienna and Prague took nine years to build",
        "VIENNA",
        (
            "The first passenger trains ran on a new high-speed line between Vienna and Prague "
            "on Sunday, cutting the journey time between the two capitals from six and a half "
            "hours to just under four.",
            "The route includes 27 kilometres of tunnels under the Bohemian-Moravian Highlands "
            "and cost about 7.4 billion euros, shared by both governments and the European Union.",
            "Trains will run every two hours at first, rising to hourly from December.",
            "Austrian Transport Minister Lena Gruber, who rode the first train, called it "
            "\u201ca new artery for central Europe\u201d.",
            "Tickets start at 19 euros if booked a month in advance.",
            "Environmental groups welcomed the line but said cheap short-haul flights between the "
            "cities should now be phased out.",
        ),
        ("Lena Gruber",),
    ),
    Story(
        "streaming",
        "Streaming service gains 9 million subscribers after price cut",
        "The company's shares jumped 11% in after-hours trading",
        "LOS ANGELES",
        (
            "A video streaming service added 9 million subscribers in the third quarter, far "
            "more than analysts had expected, after it cut the price of its advertising-supported "
            "plan.",
            "The company now has 212 million paying members worldwide, it said in a letter to "
            "shareholders on Tuesday.",
            "Revenue rose 14% to $9.8 billion.",
            "Chief executive Dana Whitfield said the cheaper plan had drawn younger viewers in "
            "India, Brazil and Indonesia.",
            "\u201cWe priced it so a student could afford it, and students came,\u201d Whitfield "
            "said on a call with analysts.",
            "The company said it would raise prices on its premium tier in the United States and "
            "Canada from next month.",
        ),
        ("Dana Whitfield",),
    ),
    Story(
        "glacier",
        "Alpine glacier lost a tenth of its volume in one summer, scientists say",
        "Researchers blame a hot August and little winter snow",
        "ZURICH, Switzerland",
        (
            "The largest glacier in the eastern Alps lost about 10% of its remaining ice in a "
            "single summer, Swiss researchers said on Thursday, the fastest melt since "
            "measurements began more than a century ago.",
            "The team measured the glacier's thickness with ground-penetrating radar at 300 "
            "points in September.",
            "Glaciologist Matthias Keller said a winter with little snow had left the ice "
            "exposed to the sun from early June.",
            "\u201cWhat we used to see in a decade now happens in three or four years,\u201d "
            "Keller said.",
            "Meltwater from the glacier feeds hydroelectric dams that supply about a sixth of "
            "the canton's electricity.",
            "Switzerland has lost roughly a third of its glacier ice since 2000.",
        ),
        ("Matthias Keller",),
    ),
    Story(
        "court",
        "Supreme court blocks extradition of journalist to home country",
        "Judges said the reporter faced a real risk of an unfair trial",
        "TBILISI, Georgia",
        (
            "Georgia's Supreme Court on Friday blocked the extradition of an Azerbaijani "
            "journalist wanted at home on charges of smuggling, ruling that he would not "
            "receive a fair trial.",
            "Rauf Aliyev, who ran an investigative news website, has lived in Tbilisi since 2023.",
            "His lawyer, Nino Beridze, said the ruling was final and could not be appealed.",
            "\u201cThe court looked at the evidence and saw a case built on nothing,\u201d "
            "Beridze said outside the court building.",
            "Azerbaijan's prosecutor general's office did not respond to a request for comment.",
            "Press freedom groups have documented the arrest of more than 20 journalists in "
            "Azerbaijan over the past two years.",
        ),
        ("Rauf Aliyev", "Nino Beridze"),
    ),
    Story(
        "football",
        "Underdogs reach cup final with stoppage-time winner",
        "The second-tier club will play for a major trophy for the first time in its history",
        "GLASGOW, Scotland",
        (
            "A stoppage-time header from substitute Callum Reid sent second-tier Inverness into "
            "the Scottish Cup final on Sunday with a 2-1 win over one of the country's richest "
            "clubs.",
            "Reid, 19, met a corner at the far post in the 93rd minute, three minutes after "
            "coming on for his first senior appearance of the season.",
            "The club's 6,000 travelling fans stayed in the stadium for half an hour after the "
            "final whistle.",
            "\u201cI don't even remember jumping,\u201d Reid said. \u201cI just saw the ball in "
            "the net and everyone on top of me.\u201d",
            "Inverness will meet the winner of Saturday's other semi-final at Hampden Park in May.",
            "The club was nearly wound up three years ago and was rescued by a supporters' trust.",
        ),
        ("Callum Reid",),
    ),
    Story(
        "bridge",
        "Cargo ship strikes bridge pillar, closing river crossing",
        "Engineers are checking the structure for damage",
        "NEW ORLEANS",
        (
            "A bulk carrier struck a pillar of a highway bridge over the Mississippi River early "
            "on Thursday, forcing the authorities to close the crossing to traffic while "
            "engineers inspected it.",
            "The ship, loaded with grain, lost steering shortly after leaving a terminal "
            "upriver, the Coast Guard said.",
            "No one was injured, and the bridge showed no visible signs of structural damage, "
            "according to the state transportation department.",
            "About 80,000 vehicles use the bridge on a typical weekday.",
            "\u201cUntil we know it is safe, it stays shut,\u201d said Governor Maria Delacroix. "
            "\u201cI would rather have angry drivers than a tragedy.\u201d",
            "River traffic near the bridge was halted for several hours.",
        ),
        ("Maria Delacroix",),
    ),
    Story(
        "robot",
        "Hospital's surgical robots idle after software update fails",
        "Dozens of operations were postponed while the manufacturer sent engineers",
        "COPENHAGEN, Denmark",
        (
            "Danish hospitals postponed 70 planned operations this week after a faulty software "
            "update left their surgical robots unable to start, health officials said on "
            "Wednesday.",
            "The update, pushed remotely by the manufacturer over the weekend, caused the "
            "machines to fail a safety check every time they were switched on.",
            "Engineers restored most of the robots by Tuesday evening, the Capital Region said.",
            "\u201cPatients had prepared for these operations for weeks, and we had to send them "
            "home,\u201d said chief physician Karen Holm.",
            "The manufacturer apologised and said it would change how it tests updates.",
            "Denmark has one of the highest numbers of surgical robots per person in Europe.",
        ),
        ("Karen Holm",),
    ),
    Story(
        "locust",
        "Locust swarms threaten harvests across the Horn of Africa",
        "The U.N. food agency warns of the worst outbreak in five years",
        "ADDIS ABABA, Ethiopia",
        (
            "Desert locust swarms are spreading across eastern Ethiopia and northern Somalia and "
            "could destroy crops that feed millions of people, the U.N. Food and Agriculture "
            "Organization warned on Monday.",
            "A single swarm of one square kilometre can eat as much food in a day as 35,000 "
            "people, the agency said.",
            "Heavy rains in the autumn created ideal breeding conditions in the deserts of the "
            "region.",
            "Ethiopia has deployed four spraying aircraft and hundreds of ground teams.",
            "\u201cWe are racing the calendar,\u201d said Tesfaye Alemu, who coordinates the "
            "government's response. \u201cIf they breed again before the harvest, we lose "
            "it.\u201d",
            "The agency appealed for $40 million to fund control operations through the spring.",
        ),
        ("Tesfaye Alemu",),
    ),
    Story(
        "volcano",
        "Volcano erupts in Iceland, sending lava towards fishing town",
        "Residents of Grindavik were evacuated hours before the fissure opened",
        "REYKJAVIK, Iceland",
        (
            "A volcanic fissure opened on Iceland's Reykjanes Peninsula on Sunday, sending "
            "fountains of lava into the night sky and towards the fishing town of Grindavik, "
            "which had been evacuated hours earlier.",
            "The Icelandic Meteorological Office said the fissure was about three kilometres long.",
            "Flights at Keflavik International Airport were operating normally.",
            "Police closed roads into the area and asked sightseers to stay away.",
            "\u201cWe knew it was coming, but you never get used to it,\u201d said Sigrun "
            "Jonsdottir, who left her home in Grindavik with two suitcases.",
            "It is the region's ninth eruption since 2021.",
        ),
        ("Sigrun Jonsdottir",),
    ),
)
