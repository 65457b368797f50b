"""Case studies in the Digital engagement and social media community (open)."""

from datetime import date

COMMUNITY = "digital-engagement"

CASE_STUDIES = [
    {
        "slug": "winter-gritting-updates",
        "title": "Winter gritting updates people actually trusted",
        "summary": "Every cold snap brought Brackenford hundreds of calls and posts asking "
        "whether roads had been gritted. We set up an early-morning social media rota, a live "
        "map of gritting routes and a pinned explainer of which roads are treated and why. "
        "Calls about gritting on snow days fell by three quarters.",
        "lead": "brackenford-council",
        "author": "tom.prideaux@brackenford.gov.uk",
        "themes": ["social-media", "digital-engagement", "mobile"],
        "service_areas": ["highways-and-transport"],
        "objectives": ["engagement"],
        "tags": ["gritting", "winter", "rota", "live map"],
        "stage": "live",
        "start": date(2022, 10, 3),
        "end": date(2023, 4, 14),
        "cost": "under_10k",
        "funding": "Highways winter maintenance budget",
        "people": 150000,
        "review_in_days": 40,
        "background": "Brackenford grits about 40% of its road network, following the "
        "priority routes in its winter service plan. Residents in villages off those routes "
        "often thought they had been forgotten. The council's social media accounts were "
        "staffed in office hours only, so nothing was posted when the gritters left the depot "
        "at 5am.",
        "aims": [
            "tell residents when and where gritters are out, as it happens",
            "explain once, clearly, which roads are treated and why",
            "cut calls and complaints about gritting on snow days",
        ],
        "did": "Four officers from the communications team joined a paid winter standby "
        "rota, taking turns to post whenever the duty engineer called a gritting run. We "
        "published a live map fed by the gritters' vehicle trackers, and wrote one pinned "
        "post and web page answering 'why isn't my road gritted?', with a map of priority "
        "routes and how parishes can ask for grit bins.",
        "outcomes": "On snow days, calls about gritting fell from about 1,200 to 310. The 5am "
        "posts reached more people than any other council content that winter, and the "
        "pinned explainer was linked in replies more than 400 times.",
        "risks": "Live maps invite scrutiny: if the map is wrong, people assume the gritting "
        "is. We added a note explaining how the tracking works and what 'last treated' means.",
        "next": "We have asked the gritting contractor to include route completion times in "
        "the feed, so the map can show when each route was finished rather than where the "
        "vehicle is now.",
        "measures": [("Calls about gritting on a snow day", "1,200", "310")],
        "lessons": [
            (
                "went_well",
                "people",
                "A named, paid standby rota of four officers meant posts went out at 5am when "
                "the crews left the depot. Goodwill rotas collapse by January.",
            ),
            (
                "went_wrong",
                "technology",
                "The live map relied on the gritters' trackers, which lost signal in the "
                "valleys, and people accused us of not gritting roads we had treated. We "
                "replaced the moving dots with a 'last treated' time for each route.",
            ),
            (
                "advice",
                "engagement",
                "Answer 'why isn't my road gritted?' once, in a pinned post with a map of "
                "priority routes, and link to it every time the question comes up.",
            ),
        ],
    },
    {
        "slug": "closing-social-media-accounts",
        "title": "Closing two of our five Facebook pages",
        "summary": "Aldbridge had five Facebook pages and three X accounts, run by different "
        "teams with no shared rules. We audited every account, closed or merged the ones "
        "nobody read and put the rest under one simple policy. We now post less, reach more "
        "people and answer messages faster.",
        "lead": "aldbridge-district-council",
        "author": "jo.hartley@aldbridge.gov.uk",
        "themes": ["social-media", "content-strategy"],
        "service_areas": ["customer-services"],
        "objectives": ["efficiency-savings", "engagement"],
        "tags": ["social media accounts", "audit", "governance"],
        "stage": "live",
        "start": date(2024, 3, 4),
        "end": date(2024, 7, 31),
        "cost": "under_10k",
        "funding": "Communications team budget",
        "people": 38000,
        "review_in_days": 200,
        "background": "Over ten years, teams had set up their own accounts for leisure, waste, "
        "tourism, the museum and the council as a whole. Some had not posted for months but "
        "still received messages from residents, which went unanswered. Passwords were held "
        "by individuals, two of whom had left the council.",
        "aims": [
            "know exactly which accounts exist and who runs them",
            "close accounts that no longer serve residents",
            "answer every message within one working day",
        ],
        "did": "We listed every account we could find, including some that only the people "
        "who had set them up knew about, and looked at a year of reach and message data for "
        "each. We met each team to agree what to keep. Two Facebook pages and one X account "
        "were closed, each with a final post saying where to go instead. The remaining "
        "accounts moved to a shared management tool, with logins held by the web team.",
        "outcomes": "Total reach rose by about a fifth even though we post 30% less, because "
        "service pages now share posts from the main page instead of competing with it. The "
        "median time to answer a message fell from four days to five working hours.",
        "risks": "Teams feared losing their audience. We kept the accounts with loyal "
        "followings (leisure and the museum) and agreed each team a regular slot on the main "
        "page.",
        "measures": [
            ("Median time to answer a message", "4 days", "5 working hours"),
            ("Accounts with a named owner", "3 of 8", "5 of 5"),
        ],
        "lessons": [
            (
                "went_wrong",
                "engagement",
                "We announced that the leisure centre page would close without asking the "
                "leisure team, who were running paid class promotions through it. Talk to "
                "every account owner before announcing anything.",
            ),
            (
                "went_well",
                "data",
                "A year of reach and message data for each account settled arguments that "
                "opinions could not: one page with 4,000 followers reached fewer than 200 "
                "people a month.",
            ),
            (
                "advice",
                "governance",
                "Hold social media logins centrally and use a management tool with individual "
                "access. Two of our accounts could only be reached through people who had left.",
            ),
            (
                "advice",
                "process",
                "Pin a final post on any account you close, saying where to go instead. People "
                "keep finding old pages through search for years.",
            ),
        ],
    },
    {
        "slug": "local-plan-consultation-map",
        "title": "Local plan consultation on an interactive map",
        "summary": "Fenmarsh's last local plan consultation drew 412 responses, mostly from "
        "the same few groups. For the new plan we let people comment directly on sites on a "
        "map, from their phones. Responses rose sevenfold and the share from people under 35 "
        "quadrupled, though the way we bought the tool cost us later.",
        "lead": "fenmarsh-district-council",
        "author": "chloe.dunmore@fenmarsh.gov.uk",
        "contacts": ["chloe.dunmore@fenmarsh.gov.uk", "marcus.feld@fenmarsh.gov.uk"],
        "themes": ["digital-engagement", "mobile"],
        "service_areas": ["planning"],
        "objectives": ["participation", "engagement"],
        "tags": ["local plan", "consultation", "maps", "young people"],
        "stage": "live",
        "start": date(2023, 5, 8),
        "end": date(2023, 12, 15),
        "cost": "10k_50k",
        "funding": "Local plan budget",
        "people": 2960,
        "licence": "cc_by",
        "review_in_days": -200,
        "background": "Local plan consultations are statutory and important, but few "
        "residents take part. In 2017 Fenmarsh received 412 responses, most of them long "
        "objections to a handful of sites, and only 6% from people under 35. Officers spent "
        "weeks turning PDF and email responses into a schedule for the planning inspector.",
        "aims": [
            "get more, and more varied, people to respond",
            "make responses specific to sites and policies",
            "cut the time it takes to prepare responses for examination",
        ],
        "did": "We bought an online consultation platform with a map module and loaded every "
        "proposed site. People could drop a pin on a site and comment, or comment on each "
        "policy. We promoted it through school newsletters and social media adverts aimed at "
        "younger residents, and held drop-in sessions in three market towns where officers "
        "helped people respond on tablets.",
        "outcomes": "We received 2,960 responses, 24% of them from people under 35. About 70% "
        "of comments were about a specific site, which the planning policy team found far "
        "more useful than general objections. Preparing the schedule of responses took three "
        "weeks instead of ten.",
        "risks": "An online-only consultation would exclude people and invite legal challenge. "
        "Paper and email responses were accepted and entered by staff, and the drop-ins were "
        "spread across the district.",
        "next": "The next stage of the plan will use the same approach. We are retendering the "
        "platform on a contract that matches the length of the plan process.",
        "measures": [
            ("Responses to the consultation", "412", "2,960"),
            ("Respondents under 35", "6%", "24%"),
        ],
        "lessons": [
            (
                "went_wrong",
                "procurement",
                "We bought the platform on a one-year licence, but the plan process ran for 20 "
                "months. The renewal cost more than the first year because we had lost all our "
                "leverage. Match the contract to the statutory timetable.",
            ),
            (
                "went_well",
                "engagement",
                "Letting people drop a pin on a site and comment produced specific, usable "
                "responses; 70% of comments were about a particular site.",
            ),
            (
                "advice",
                "data",
                "Agree with the planning policy team how comments will be exported for the "
                "examination library before you choose a tool. The inspector needs a numbered, "
                "redacted schedule.",
            ),
            (
                "went_well",
                "people",
                "Officers at the market-town drop-ins helped people respond on tablets, and "
                "those sessions produced our most thoughtful responses from older residents.",
            ),
        ],
    },
    {
        "slug": "neighbourhood-alerts-migration",
        "title": "Replacing our neighbourhood alert system without losing the audience",
        "summary": "Kestrel Valley Police moved from an ageing community messaging system with "
        "87,000 subscribers to a new one. Only 38% of subscriber records had reliable "
        "consent, so we asked everyone to sign up again and lost 40% of the audience. We are "
        "rebuilding it through neighbourhood teams, and the new audience is far more engaged.",
        "lead": "kestrel-valley-police",
        "author": "rob.singh@kestrelvalley.police.uk",
        "themes": ["digital-engagement", "mobile"],
        "service_areas": ["community-safety"],
        "objectives": ["engagement", "participation"],
        "tags": ["neighbourhood alerts", "email", "consent", "migration"],
        "stage": "beta",
        "start": date(2025, 6, 2),
        "end": None,
        "cost": "50k_250k",
        "funding": "Police and crime commissioner's community fund",
        "people": 52000,
        "review_in_days": 100,
        "background": "The old alert system had run for eleven years and was no longer "
        "supported. Subscribers had been added in many ways, including paper forms at "
        "community meetings, and consent records were incomplete. The data protection officer "
        "advised that we could not simply transfer people without clear consent.",
        "aims": [
            "move to a supported messaging system with proper consent records",
            "keep as much of the audience as possible",
            "give neighbourhood teams an easy way to send local messages",
        ],
        "did": "For three months we sent messages on the old system asking people to "
        "re-subscribe, with a link that carried their area preferences across. Neighbourhood "
        "officers promoted sign-up at community meetings and on door-knocks, with a target "
        "for each area. The new system lets teams send messages by text, email and app "
        "notification, and ask short questions.",
        "outcomes": "We now have 52,000 subscribers, against 87,000 on the old system, but "
        "open rates have risen from 18% to 41% and short surveys regularly get more than 2,000 "
        "replies, which neighbourhood teams use to set their priorities.",
        "risks": "Losing part of the audience was the known cost of doing it lawfully. We "
        "chose it over the risk of a complaint to the regulator and of messaging people who "
        "no longer wanted to hear from us.",
        "next": "Beta ends when every neighbourhood area reaches its sign-up target; nine of "
        "fourteen have.",
        "measures": [
            ("Subscribers", "87,000", "52,000"),
            ("Average open rate", "18%", "41%"),
        ],
        "lessons": [
            (
                "went_wrong",
                "data",
                "Only 38% of subscribers on the old system had consent records we could rely "
                "on, so we had to ask everyone to sign up again. Check consent records years "
                "before you need to migrate, not months.",
            ),
            (
                "went_well",
                "engagement",
                "Neighbourhood officers signing people up in person rebuilt the audience faster "
                "than any online campaign, and those subscribers open more messages.",
            ),
            (
                "advice",
                "governance",
                "Bring your data protection officer into the migration plan in the first week. "
                "Their advice changed our whole approach, and it was better to hear it early.",
            ),
            (
                "went_well",
                "technology",
                "Short surveys built into the alerts gave neighbourhood teams evidence for "
                "their priorities that public meetings never did.",
            ),
        ],
    },
    {
        "slug": "fire-safety-messaging-channels",
        "title": "Alpha: fire safety messages on messaging apps in community languages",
        "summary": "Greystone Fire and Rescue is testing whether short fire safety messages in "
        "community languages, sent through messaging app channels and shared by community "
        "leaders, reach households that leaflets and social media miss. After four months, "
        "6,500 people follow the channels and requests for home visits have doubled in the "
        "pilot areas.",
        "lead": "greystone-fire-and-rescue-service",
        "author": "sarah.penrose@greystonefire.gov.uk",
        "themes": ["social-media", "mobile", "digital-engagement"],
        "service_areas": ["community-safety"],
        "objectives": ["engagement"],
        "tags": ["messaging apps", "fire safety", "community languages"],
        "stage": "alpha",
        "start": date(2026, 3, 2),
        "end": None,
        "cost": "under_10k",
        "funding": "Prevention team budget",
        "people": 6500,
        "review_in_days": 60,
        "background": "Analysis of accidental house fires showed higher rates in some "
        "neighbourhoods where many households speak Polish, Romanian, Bengali or Somali at "
        "home. Almost all our fire safety content is in English, on channels these residents "
        "told us they rarely use. They use messaging apps, often in groups run by faith and "
        "community leaders.",
        "aims": [
            "find out whether messaging app channels reach these households",
            "test which messages get shared and acted on",
            "learn how to run channels safely and within our policies",
        ],
        "did": "We set up four channels, one per language, with messages written with "
        "community volunteers rather than translated from English. Community leaders shared "
        "the channels in their own groups. We send one message a week, seasonal where it "
        "matters (cooking safety during Ramadan, heaters in the first cold week), and track "
        "follows, shares and requests for home fire safety visits.",
        "outcomes": "After four months, 6,500 people follow the four channels. Messages about "
        "cooking and electric heaters were shared most. Requests for home fire safety visits "
        "from the two pilot neighbourhoods have doubled, though the numbers are small.",
        "risks": "Channels are one-way, so we cannot answer questions in them; every message "
        "links to a number staffed by bilingual volunteers. Our social media policy did not "
        "cover messaging apps, so we wrote an addition with the information governance team "
        "before starting.",
        "next": "If results hold, we will propose a beta with two more languages and a way to "
        "book a visit directly.",
        "measures": [
            ("Home fire safety visit requests per month from the pilot areas", "14", "29"),
        ],
        "lessons": [
            (
                "went_well",
                "engagement",
                "Writing messages with community volunteers, rather than translating English "
                "content, produced messages people shared. The first translated message we "
                "tried was shared by nobody.",
            ),
            (
                "advice",
                "governance",
                "Our social media policy said nothing about messaging apps. We drafted an "
                "addition with information governance before the pilot; doing it afterwards "
                "would have meant pausing.",
            ),
            (
                "went_wrong",
                "process",
                "We launched all four languages in the same week and could not keep up with "
                "the volunteer checks. Start with one language and add others once the routine "
                "works.",
            ),
        ],
    },
    {
        "slug": "care-worker-recruitment-videos",
        "title": "Phone-filmed videos to recruit home care workers",
        "summary": "Northmoor struggled to fill home care vacancies in rural areas. We swapped "
        "an agency-made recruitment film for short phone videos made by our own care workers "
        "about a real day's work. Applications per vacancy rose from three to eleven, and new "
        "starters said the videos were why they applied.",
        "lead": "northmoor-county-council",
        "author": "sam.whitfield@northmoor.gov.uk",
        "themes": ["social-media", "digital-engagement", "content-strategy"],
        "service_areas": ["adult-social-care"],
        "objectives": ["engagement", "better-outcomes"],
        "tags": ["recruitment", "video", "care workers"],
        "stage": "live",
        "start": date(2024, 1, 8),
        "end": date(2024, 7, 26),
        "cost": "under_10k",
        "funding": "Adult social care workforce grant",
        "people": 240000,
        "licence": "cc_by",
        "review_in_days": 250,
        "background": "Northmoor's in-house home care service had a vacancy rate of 18%, worst "
        "in the rural west of the county, where unfilled rounds meant people waited in "
        "hospital for care at home. A campaign the year before, built around a professionally "
        "made film, had produced few applications.",
        "aims": [
            "increase applications for home care roles, especially in rural areas",
            "attract people who had not considered care work",
            "keep new starters beyond their first three months",
        ],
        "did": "We asked for volunteers among our care workers and eleven came forward. Each "
        "filmed short clips on their phone over a working day, after training from the "
        "communications team on light, sound and consent, and wrote their own captions. We "
        "posted the videos where local job seekers were most active, with small paid boosts "
        "aimed at the rural west.",
        "outcomes": "The videos were viewed about 240,000 times. Applications per vacancy rose "
        "from three to eleven, and the vacancy rate fell to 9% by the autumn. Two thirds of "
        "new starters mentioned the videos at interview. The agency film had cost £12,000; "
        "this campaign cost £3,400, mostly on boosts.",
        "risks": "Filming in people's homes would have put the privacy of people receiving "
        "care at risk. Care workers filmed only themselves, travelling and in the office, "
        "never clients or their homes.",
        "next": "We are repeating the approach for reablement and occupational therapy roles, "
        "and writing a short guide for other councils.",
        "measures": [
            ("Applications per home care vacancy", "3", "11"),
            ("Home care vacancy rate", "18%", "9%"),
        ],
        "lessons": [
            (
                "went_well",
                "people",
                "Care workers who wrote their own scripts made the most successful videos; the "
                "unscripted clips outperformed the scripted ones by about three to one.",
            ),
            (
                "went_wrong",
                "procurement",
                "We had paid an agency £12,000 for a polished film the year before. Phone "
                "footage from staff brought far more applications for a quarter of the cost.",
            ),
            (
                "advice",
                "governance",
                "Use consent forms that cover reuse for at least two years. We had to take down "
                "a popular video when the care worker in it left.",
            ),
        ],
    },
    {
        "slug": "bilingual-content-design",
        "title": "Writing Welsh and English web pages together",
        "summary": "Glanrhyd publishes everything on its website in Welsh and English. Pages "
        "were written in English and then sent for translation, which took up to nine days "
        "and left Welsh pages out of date. By pairing content designers with translators and "
        "writing both versions side by side, we now publish in three days and the two "
        "versions match.",
        "lead": "glanrhyd-county-borough-council",
        "author": "rhys.bowen@glanrhyd.gov.wales",
        "themes": ["content-strategy", "user-centred-design"],
        "service_areas": ["customer-services"],
        "objectives": ["better-outcomes", "efficiency-savings"],
        "tags": ["Welsh language", "bilingual", "content design", "CMS"],
        "stage": "live",
        "start": date(2023, 2, 6),
        "end": date(2023, 10, 27),
        "cost": "10k_50k",
        "funding": "Web team budget",
        "people": None,
        "review_in_days": 300,
        "background": "Under the Welsh language standards the council must treat Welsh no "
        "less favourably than English online. In practice, English pages were published first "
        "and Welsh pages followed when the translation came back, often after the English had "
        "changed again. An audit found that 23% of Welsh pages did not match their English "
        "versions.",
        "aims": [
            "publish Welsh and English at the same time",
            "keep both versions consistent when content changes",
            "write content that works well in both languages, not only in English",
        ],
        "did": "Two translators joined the web team's weekly planning and now work with "
        "content designers while pages are drafted. We changed our content templates so that "
        "short sentences and plain terms work in both languages, and added a check to the CMS "
        "that blocks publishing an English change unless the Welsh page is updated too.",
        "outcomes": "Time from draft to publication fell from nine working days to three, and "
        "mismatched pages fell from 23% to under 2%. Welsh speakers in usability testing said "
        "the Welsh pages now read as if they were written in Welsh.",
        "risks": "Blocking English publication until the Welsh is ready could delay urgent "
        "messages. Two named managers can publish emergency content, with the translation "
        "following within two hours.",
        "measures": [
            ("Working days from draft to publication", "9", "3"),
            ("Welsh pages that did not match the English", "23%", "under 2%"),
        ],
        "lessons": [
            (
                "went_well",
                "process",
                "Writing Welsh and English side by side, rather than translating finished "
                "English pages, cut publishing time from nine days to three and improved both "
                "versions.",
            ),
            (
                "went_wrong",
                "technology",
                "The CMS language switcher sent people to the Welsh home page instead of the "
                "matching page. Fixing it took a supplier change request and two months; test "
                "the switcher on deep pages before going live.",
            ),
            (
                "advice",
                "people",
                "Treat translators as part of the content team, in the same planning meetings, "
                "not as a service at the end of the process.",
            ),
        ],
    },
]
