"""Case studies in the Open data community (open)."""

from datetime import date

COMMUNITY = "open-data"

CASE_STUDIES = [
    {
        "slug": "automated-spending-data",
        "title": "Automating the monthly spending-over-£500 publication",
        "summary": "Publishing Northmoor's monthly list of payments over £500 took two "
        "officers two days of copying and redacting by hand. We automated the export from the "
        "finance system into a fixed schema with redaction rules. It now takes twenty minutes "
        "of checks, though the first automated month taught us a hard lesson about redaction.",
        "lead": "northmoor-county-council",
        "author": "owen.marsh@northmoor.gov.uk",
        "themes": ["open-data"],
        "service_areas": ["corporate-ict"],
        "objectives": ["efficiency-savings", "knowledge-sharing"],
        "tags": ["transparency code", "spending data", "redaction", "automation"],
        "stage": "live",
        "start": date(2022, 9, 5),
        "end": date(2023, 1, 31),
        "cost": "under_10k",
        "funding": "Finance and ICT budgets",
        "people": None,
        "review_in_days": -90,
        "background": "The Local Government Transparency Code requires councils in England to "
        "publish details of spending over £500. Northmoor's file was built every month from a "
        "finance report, pasted into a spreadsheet and checked line by line to remove "
        "payments that could identify individuals, such as foster carers or people with "
        "personal budgets.",
        "aims": [
            "publish on time every month",
            "cut the manual work to under an hour",
            "apply redaction consistently",
        ],
        "did": "An ICT developer and the transparency officer wrote a scheduled export from "
        "the finance system that produces a CSV file in the published schema, with supplier "
        "names and expense types mapped to the categories other councils use. At first, "
        "redaction was based on a list of supplier types to remove.",
        "outcomes": "The monthly job went from two days to about twenty minutes of checks, and "
        "the file has been published on time every month since. In the first automated "
        "month, however, a payment to a foster carer was published because it had been coded "
        "to an unusual supplier type. It was removed within hours and reported to the data "
        "protection officer, who judged it not reportable. Everything paid to an individual "
        "is now redacted unless explicitly allowed.",
        "risks": "Publishing personal data by mistake was the main risk, and it happened once. "
        "Redaction by default and a monthly sample check are the controls now.",
        "measures": [("Officer time per monthly publication", "2 days", "20 minutes")],
        "lessons": [
            (
                "went_wrong",
                "data",
                "Redacting by supplier type let a payment to a foster carer through in the "
                "first automated month. Redact anything paid to an individual by default and "
                "publish by exception.",
            ),
            (
                "went_well",
                "technology",
                "A scheduled export from the finance system into a fixed CSV schema turned a "
                "two-day monthly job into twenty minutes of checks.",
            ),
            (
                "advice",
                "governance",
                "Have the data protection officer sign off the redaction rules themselves, not "
                "just the process around them.",
            ),
        ],
    },
    {
        "slug": "public-toilets-open-data",
        "title": "Open data on public toilets, checked by the people who use them",
        "summary": "Glanrhyd published open data on every public toilet in the county "
        "borough, including community toilet scheme partners and Changing Places facilities. "
        "Disability groups audited it over a weekend and found 23 errors in our own records. "
        "Keeping the data accurate has proved harder than publishing it.",
        "lead": "glanrhyd-county-borough-council",
        "author": "gareth.llewellyn@glanrhyd.gov.wales",
        "themes": ["open-data", "smart-places"],
        "service_areas": ["public-health"],
        "objectives": ["crowdsourcing", "participation", "better-outcomes"],
        "tags": ["public toilets", "Changing Places", "accessibility", "schema"],
        "stage": "live",
        "start": date(2023, 4, 3),
        "end": date(2024, 3, 28),
        "cost": "10k_50k",
        "funding": "Public health grant",
        "people": None,
        "licence": "cc_by",
        "review_in_days": 180,
        "background": "Councils in Wales must publish a local toilets strategy. Our "
        "information about toilets was scattered: a list on the website, a spreadsheet in "
        "property services and paper agreements with cafés in the community toilet scheme. "
        "Disabled residents and carers told us that unreliable information about accessible "
        "toilets stopped them going out.",
        "aims": [
            "publish one accurate, open dataset of toilets the public can use",
            "include the accessibility details that matter to disabled people and carers",
            "make the data easy for map and app developers to reuse",
        ],
        "did": "We built the dataset to a schema already used by other councils and publish "
        "it monthly as CSV and on a map. Before launch we invited two local disability groups "
        "to a 'toilet audit' weekend: 30 volunteers visited 94 toilets and checked opening "
        "times, access and facilities.",
        "outcomes": "Volunteers found 23 errors, including two 'accessible' toilets with "
        "steps. Three app developers added our data within two months. A year later, though, "
        "15% of entries were wrong again, mostly because cafés had left the community toilet "
        "scheme and nobody had updated the data.",
        "risks": "Wrong accessibility information could leave someone stranded. Each entry "
        "shows when it was last checked, and the map links to a form for reporting problems.",
        "next": "Community toilet scheme agreements will now require partners to tell us about "
        "changes, and the disability groups have agreed to repeat the audit each spring.",
        "measures": [
            ("Toilets with an error found by volunteers", "", "23 of 94"),
            ("Apps and maps using the data", "0", "3"),
        ],
        "lessons": [
            (
                "went_well",
                "engagement",
                "Disability groups checked opening times and access during an audit weekend "
                "and found 23 errors in our records. Ask the people who rely on the data to "
                "check it.",
            ),
            (
                "went_wrong",
                "process",
                "Nobody owned updating the data when a café left the community toilet scheme, "
                "and within a year 15% of entries were wrong. Give every dataset a named owner "
                "and a trigger for updates.",
            ),
            (
                "advice",
                "data",
                "Publish to the schema other councils already use. App developers added us with "
                "no extra work because our data looked like data they already had.",
            ),
        ],
    },
    {
        "slug": "car-park-occupancy-feed",
        "title": "Real-time car park occupancy as an open data feed",
        "summary": "Millbeck publishes the number of free spaces in its eleven city-centre car "
        "parks every five minutes as open data. Sat-nav and travel app developers picked up "
        "the feed within a month. Our first attempt, with ground sensors, failed on the lower "
        "decks, and barrier counts proved more reliable.",
        "lead": "millbeck-city-council",
        "author": "priya.nair@millbeck.gov.uk",
        "themes": ["open-data", "smart-places"],
        "service_areas": ["parking", "highways-and-transport"],
        "objectives": ["open-innovation", "better-outcomes"],
        "tags": ["car parks", "real-time data", "sensors", "API"],
        "stage": "beta",
        "start": date(2025, 4, 7),
        "end": None,
        "cost": "50k_250k",
        "funding": "Transport innovation grant and parking income",
        "people": None,
        "review_in_days": 150,
        "background": "Traffic surveys suggested that up to a third of city-centre traffic on "
        "Saturday afternoons was drivers looking for somewhere to park. Variable message signs "
        "showed free spaces, but only on three approach roads, and the data behind them was "
        "not available to anyone else.",
        "aims": [
            "publish live occupancy for every council car park",
            "get the data into the apps drivers already use",
            "reduce circling traffic at busy times",
        ],
        "did": "We first fitted ground sensors to every bay in two car parks, but they lost "
        "signal on the lower decks of the multi-storeys. We switched to counts from the entry "
        "and exit barriers, which are less precise but never go offline. The parking "
        "operator's contract now requires it to publish occupancy every five minutes to our "
        "open data API at no extra cost, and we contacted app developers before launch.",
        "outcomes": "Two sat-nav providers and a local travel app integrated the feed within a "
        "month. Early traffic counts suggest circling in the centre has fallen by about 12% "
        "on Saturday afternoons, but we want a full year of data before claiming it.",
        "risks": "A feed that goes quiet is worse than none, because apps show stale numbers. "
        "Every count carries a timestamp, and the API reports 'no data' explicitly if a car "
        "park stops reporting.",
        "next": "Two private car park owners have agreed to join, and we are adding the "
        "availability of electric vehicle chargers.",
        "measures": [("Car parks with live occupancy data", "3", "11")],
        "lessons": [
            (
                "went_wrong",
                "technology",
                "Ground sensors in individual bays lost signal on the lower decks of "
                "multi-storey car parks. Barrier counts are less precise but never go offline.",
            ),
            (
                "went_well",
                "procurement",
                "An open data clause in the parking management contract requires the operator "
                "to publish occupancy every five minutes at no extra cost. Write it in at "
                "retender; adding it later is expensive.",
            ),
            (
                "advice",
                "engagement",
                "Talk to sat-nav and app developers before launch. Two integrated our feed "
                "within a month because we had asked them what format they wanted.",
            ),
            (
                "advice",
                "data",
                "Publish a timestamp with every reading and an explicit 'no data' value; a "
                "silent feed leaves apps showing stale figures.",
            ),
        ],
    },
    {
        "slug": "road-safety-data-speedwatch",
        "title": "Alpha: road safety data for community speedwatch groups",
        "summary": "Kestrel Valley Police and Northmoor County Council are testing an open "
        "dataset that joins collision records, speed surveys and community speedwatch "
        "sessions, so village groups can see where speeding is really a problem and where "
        "their time would do most good.",
        "lead": "kestrel-valley-police",
        "partners": ["northmoor-county-council"],
        "author": "rachel.hume@kestrelvalley.police.uk",
        "contacts": ["rachel.hume@kestrelvalley.police.uk", "owen.marsh@northmoor.gov.uk"],
        "themes": ["open-data", "data-sharing"],
        "service_areas": ["highways-and-transport", "community-safety"],
        "objectives": ["participation", "collaboration", "crowdsourcing"],
        "tags": ["road safety", "community speedwatch", "collision data", "speed surveys"],
        "stage": "alpha",
        "start": date(2026, 2, 2),
        "end": None,
        "cost": "under_10k",
        "funding": "Road safety partnership budget",
        "people": 340,
        "review_in_days": 90,
        "background": "There are 46 community speedwatch groups in Northmoor. Groups choose "
        "their own sites, often where speeding feels worst rather than where collisions "
        "happen. Collision data is published nationally but is hard to use, and the council's "
        "speed surveys and the police's speedwatch records were never published at all.",
        "aims": [
            "give speedwatch groups one place to see collisions, speeds and past sessions",
            "help groups choose sites where they can make a difference",
            "see whether open data changes where groups go",
        ],
        "did": "Analysts from both organisations joined three years of collision records to "
        "220 automatic speed surveys and 1,900 speedwatch sessions, road section by road "
        "section. Counts below five for any section in any year are suppressed, so that "
        "nobody involved in a collision can be identified. Six speedwatch coordinators are "
        "testing a prototype map and a CSV download.",
        "outcomes": "Coordinators found the map useful but wanted speeds by time of day, which "
        "the surveys have but we had averaged away. Two groups have already moved a session "
        "to a road with a worse collision record than their usual site.",
        "risks": "Publishing speeds by road could be read as a guide to where to speed; the "
        "prototype shows averages over months, not live readings. Small-number suppression "
        "protects people involved in collisions.",
        "next": "The alpha ends in December, when the road safety partnership will decide "
        "whether to publish the data openly in beta.",
        "lessons": [
            (
                "went_well",
                "data",
                "The value was not in republishing collision data, which is already public, "
                "but in joining it to speed surveys and speedwatch records by road section.",
            ),
            (
                "advice",
                "governance",
                "Agree small-number suppression rules with both organisations' data protection "
                "officers before any analysis. Ours took three weeks; starting without them "
                "would have meant redoing the work.",
            ),
            (
                "went_wrong",
                "engagement",
                "We averaged speeds by day to keep the prototype simple, and the volunteers' "
                "first question was about speeds at school run times. Ask users what they need "
                "before you aggregate.",
            ),
            (
                "went_well",
                "people",
                "Working as one small team across the police and the council, in the same room "
                "every Tuesday, made this quicker than any of our previous data projects.",
            ),
        ],
    },
    {
        "slug": "brownfield-register-as-data",
        "title": "A brownfield land register that developers actually use",
        "summary": "Fenmarsh's brownfield land register was a PDF updated once a year. We now "
        "publish it as a maintained dataset with site boundaries, linked from the planning "
        "map. Enquiries from small builders have risen and the planning policy team spends "
        "less time answering the same questions.",
        "lead": "fenmarsh-district-council",
        "author": "marcus.feld@fenmarsh.gov.uk",
        "themes": ["open-data"],
        "service_areas": ["planning"],
        "objectives": ["open-innovation", "efficiency-savings"],
        "tags": ["brownfield land", "planning data", "GIS"],
        "stage": "live",
        "start": date(2022, 6, 6),
        "end": date(2022, 12, 16),
        "cost": "under_10k",
        "funding": "Planning policy budget",
        "people": None,
        "review_in_days": 75,
        "background": "Councils in England must keep a register of previously developed land "
        "suitable for housing. Ours met the legal requirement and no more: an annual PDF with "
        "grid references and no boundaries. Developers and landowners emailed the planning "
        "team for shapefiles, which were sent out one at a time.",
        "aims": [
            "publish the register as data, with site boundaries",
            "keep it current as sites are built out",
            "reduce repeat requests to the planning team",
        ],
        "did": "The GIS officer redrew 64 site boundaries from planning records and published "
        "the register to the national data specification, as CSV and as a map layer. Updates "
        "are now part of the monthly planning monitoring routine rather than an annual job.",
        "outcomes": "Requests for shapefiles have stopped. Pre-application enquiries on "
        "register sites from small and medium builders rose from four to eleven a year, "
        "though other factors may have contributed.",
        "risks": "Boundaries drawn from old records might be wrong. Each site links to its "
        "source, and the planning team checks the boundary whenever a site gets a "
        "pre-application enquiry.",
        "measures": [("Pre-application enquiries on register sites per year", "4", "11")],
        "lessons": [
            (
                "went_well",
                "process",
                "Making the register part of the monthly planning monitoring routine, rather "
                "than an annual job, is what keeps it current.",
            ),
            (
                "went_wrong",
                "data",
                "Nine boundaries redrawn from old paper plans were wrong, and one developer paid "
                "for a site survey before we noticed. Mark boundaries taken from paper as "
                "approximate.",
            ),
            (
                "advice",
                "technology",
                "Use the national data specification even if it looks over-engineered; it is "
                "what aggregators and developers' tools expect.",
            ),
        ],
    },
    {
        "slug": "closing-open-data-portal",
        "title": "Closing our own open data portal",
        "summary": "Ardglen and Lisnavar ran its own open data portal for five years. It cost "
        "£18,000 a year and most downloads came from our own staff. We closed it, moved 42 "
        "datasets to the regional open data portal and plain pages on our website, and "
        "redirected every old link. Use of the data has gone up.",
        "lead": "ardglen-and-lisnavar-borough-council",
        "author": "liam.doherty@ardglenlisnavar.gov.uk",
        "themes": ["open-data", "cloud"],
        "service_areas": ["corporate-ict"],
        "objectives": ["efficiency-savings", "knowledge-sharing"],
        "tags": ["open data portal", "decommissioning", "redirects"],
        "stage": "retired",
        "start": date(2019, 9, 2),
        "end": date(2024, 6, 28),
        "cost": "10k_50k",
        "funding": "ICT budget",
        "people": None,
        "review_in_days": -400,
        "background": "The portal was bought in 2019 to show the council's commitment to "
        "openness. It needed its own logins, updates were manual and its search was poor. By "
        "2023 analytics showed about 60 downloads a month, most of them from council "
        "computers.",
        "aims": [
            "stop paying for a portal few people used",
            "keep every useful dataset available at a stable address",
            "make the data easier to find",
        ],
        "did": "We listed every dataset with its owner and download figures, retired eleven "
        "that were out of date or duplicated elsewhere, and moved the other 42 to the regional "
        "open data portal, which is free to public bodies. Each dataset also has a plain page "
        "on our website. We kept the old domain for a year with a redirect for every dataset "
        "address.",
        "outcomes": "Downloads of our datasets have roughly tripled, mostly through the "
        "regional portal's search, and the £18,000 annual licence is saved.",
        "risks": "Broken links would have damaged trust with the few regular users. The "
        "redirects and a year's notice meant we received only two complaints.",
        "next": "No further work is planned; we keep this write-up for others considering the "
        "same move.",
        "measures": [
            ("Annual portal licence", "£18,000", "£0"),
            ("Dataset downloads per month", "60", "about 180"),
        ],
        "lessons": [
            (
                "went_wrong",
                "procurement",
                "We bought a portal to make a statement rather than to meet a need, and paid "
                "£18,000 a year for 60 downloads a month, mostly by our own staff.",
            ),
            (
                "went_well",
                "data",
                "Listing every dataset with an owner and download figures made the decisions "
                "easy: eleven datasets were out of date and nobody noticed when they went.",
            ),
            (
                "advice",
                "technology",
                "Keep the old domain and redirect every dataset address for at least a year. "
                "Other people's scripts and bookmarks depend on them.",
            ),
        ],
    },
    {
        "slug": "shared-land-register-standard",
        "title": "Idea: a shared standard for public land and building registers",
        "summary": "Every council publishes a list of the land and buildings it owns, but in "
        "different formats, so nobody can see the public estate of an area in one place. We "
        "are exploring a light shared standard based on property reference numbers and are "
        "looking for councils and partners willing to try publishing to it.",
        "lead": "department-for-communities-and-local-services",
        "author": "alex.morgan@dcls.gov.uk",
        "themes": ["open-data", "data-sharing"],
        "service_areas": ["planning", "corporate-ict"],
        "objectives": ["collaboration", "open-innovation"],
        "tags": ["land and property", "asset register", "UPRN", "standards"],
        "stage": "idea",
        "start": date(2026, 9, 14),
        "end": None,
        "cost": "",
        "funding": "Not yet funded",
        "people": None,
        "review_in_days": 180,
        "background": "Councils in England publish their land and building assets under the "
        "transparency code, but the format is loose. Health bodies, police and fire services "
        "keep their own lists. Partners trying to share buildings, or community groups "
        "looking for space, cannot easily see what public land exists in an area.",
        "aims": [
            "agree a small set of fields every public body can publish",
            "link assets by property reference (UPRN) so lists can be joined",
            "test it with a handful of councils and partners in one area",
        ],
        "did": "So far we have compared the published asset lists of twelve councils and "
        "found 31 different column layouts. We have drafted eight core fields and shared them "
        "with four councils and a police force for comment.",
        "outcomes": "Early feedback is that councils would publish to a standard if their "
        "asset management system could export it directly; nobody wants another spreadsheet "
        "to maintain.",
        "risks": "A standard that nobody's systems can export would add work without benefit. "
        "We will talk to the main asset management suppliers before going further.",
        "next": "We would like two or three councils and a partner in the same area to "
        "volunteer for a discovery early next year.",
        "lessons": [
            (
                "advice",
                "technology",
                "Talk to the suppliers of asset management systems early. Councils told us "
                "they would only publish to a standard their system could export.",
            ),
            (
                "went_well",
                "data",
                "Putting twelve councils' published lists side by side showed the problem more "
                "convincingly than any argument: 31 layouts for the same kind of data.",
            ),
            (
                "advice",
                "engagement",
                "Involve partners outside local government (police, fire, the NHS) from the "
                "start; in most places they hold half of the public estate.",
            ),
        ],
    },
]
