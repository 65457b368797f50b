"""Case studies in the Digital inclusion community (open)."""

from datetime import date

COMMUNITY = "digital-inclusion"

CASE_STUDIES = [
    {
        "slug": "library-tablet-lending",
        "title": "Lending tablets with data through libraries",
        "summary": "Lochmorven lends data-enabled tablets through its 14 libraries, including "
        "on three islands, with a library worker to help each borrower get started. Over two "
        "years 1,450 people borrowed a tablet, and two thirds said they could use online "
        "services on their own by the time they gave it back.",
        "lead": "lochmorven-council",
        "author": "moira.campbell@lochmorven.gov.uk",
        "themes": ["digital-inclusion-and-broadband", "staff-skills-and-digital-mentors"],
        "service_areas": ["libraries"],
        "objectives": ["better-outcomes", "engagement"],
        "tags": ["device lending", "libraries", "data SIMs", "islands"],
        "stage": "live",
        "start": date(2022, 1, 10),
        "end": date(2024, 3, 29),
        "cost": "50k_250k",
        "funding": "National connectivity grant with council match funding",
        "people": 1450,
        "review_in_days": 100,
        "background": "A survey in 2021 found that about one in eight Lochmorven households "
        "had no internet at home, rising to one in five on the islands. Many were older "
        "residents or people on low incomes who had been cut off from services and family "
        "during the pandemic.",
        "aims": [
            "give people without internet a device and data for long enough to learn",
            "build the confidence to use online services independently",
            "reach island and rural residents, not just those near the main town",
        ],
        "did": "We bought 300 tablets with 12-month data SIMs and trained 40 library staff as "
        "digital champions. Borrowers keep a tablet for three months, renewable, with a "
        "one-to-one setup session and a weekly drop-in. Returned tablets are wiped and reset "
        "by the library ICT team before the next loan.",
        "outcomes": "Over two years, 1,450 people borrowed a tablet. Of those who completed the "
        "exit survey, 64% said they could now use online services without help and 38% went "
        "on to get their own device or connection. Island libraries had waiting lists "
        "throughout.",
        "risks": "Devices could be lost or used to reach harmful content. Fewer than 3% were "
        "lost, and tablets use a managed profile with safe search, which borrowers can ask to "
        "have removed.",
        "next": "Funding for data ends next year. We are talking to mobile networks about "
        "donated data and pooling tablets with the community centres.",
        "measures": [
            ("Borrowers confident to use online services alone when returning", "", "64%"),
            ("Borrowers who went on to get their own device or connection", "", "38%"),
        ],
        "lessons": [
            (
                "went_wrong",
                "procurement",
                "The tablets came with data SIMs on a contract that renewed automatically at a "
                "higher rate. Nobody was watching the renewal date and we paid an extra £7,000 "
                "before we noticed.",
            ),
            (
                "went_well",
                "people",
                "Library staff trained as digital champions could set up a tablet with a "
                "borrower in 20 minutes, and borrowers came back to the same person for help.",
            ),
            (
                "advice",
                "process",
                "Agree a wipe-and-reset routine with your ICT team before the first loan. Our "
                "first returned tablets sat in a cupboard for a month while we worked out who "
                "was responsible.",
            ),
            (
                "went_well",
                "engagement",
                "Island libraries spread the word through community councils and ferry notice "
                "boards, and had waiting lists within a week.",
            ),
        ],
    },
    {
        "slug": "digital-champions-community-groups",
        "title": "A network of digital champions in community groups",
        "summary": "Brackenford Community Action and Brackenford Council trained 112 "
        "volunteers in lunch clubs, food banks, faith groups and tenants' associations to "
        "help people get online in places they already go. In two years champions helped "
        "more than 3,200 people, most of whom would never have come to a council-run class.",
        "lead": "brackenford-community-action",
        "partners": ["brackenford-council"],
        "author": "kate.mortimer@brackenfordcva.org.uk",
        "contacts": ["kate.mortimer@brackenfordcva.org.uk", "tom.prideaux@brackenford.gov.uk"],
        "themes": ["digital-inclusion-and-broadband", "staff-skills-and-digital-mentors"],
        "service_areas": ["customer-services", "adult-social-care"],
        "objectives": ["collaboration", "better-outcomes"],
        "tags": ["digital champions", "volunteers", "voluntary sector"],
        "stage": "live",
        "start": date(2022, 9, 1),
        "end": date(2024, 8, 30),
        "cost": "50k_250k",
        "funding": "Council grant and National Lottery funding",
        "people": 3200,
        "licence": "cc_by",
        "review_in_days": 200,
        "background": "The council's free computer classes in libraries were well reviewed but "
        "mostly attended by people who were already fairly confident. The people least online "
        "were often isolated, older or in crisis, and more likely to trust the volunteers at "
        "their lunch club or food bank than a council class.",
        "aims": [
            "reach people who would not come to a class",
            "train volunteers in the groups they already belong to",
            "connect people to the council's online services through a trusted helper",
        ],
        "did": "Brackenford Community Action recruited volunteers and trained them in a "
        "half-day course, with a refresher each quarter and a group chat for questions. The "
        "council funded the coordinator post, lent devices and gave champions a direct line "
        "to the contact centre for problems with council accounts. Champions recorded "
        "sessions on a five-question paper slip.",
        "outcomes": "112 champions in 47 groups helped more than 3,200 people over two years. "
        "The most common tasks were setting up the NHS App, Universal Credit journals, council "
        "tax accounts and video calls with family. People came back for help with new tasks, "
        "which suggests growing confidence.",
        "risks": "Volunteers could end up handling people's passwords and personal details. "
        "Training covered what not to do, and champions hand out cards explaining how to keep "
        "passwords private.",
        "next": "Funding runs to 2027. We are agreeing a shared outcomes framework with the NHS "
        "trust so that health funding can support the network.",
        "measures": [
            ("People helped by champions", "0", "3,200+"),
            ("Community groups with a trained champion", "0", "47"),
        ],
        "lessons": [
            (
                "went_well",
                "people",
                "Training volunteers in groups they already belonged to reached people no class "
                "could. Trust in the helper mattered more than the helper's skills.",
            ),
            (
                "went_wrong",
                "process",
                "At first we asked champions to record every session on a long online form, "
                "and few did. A five-question paper slip worked better and gave us most of "
                "what we needed.",
            ),
            (
                "advice",
                "governance",
                "Agree clear rules on passwords and personal details before volunteers start, "
                "and give people something in writing; several champions were asked to 'just "
                "keep' someone's login.",
            ),
            (
                "went_well",
                "engagement",
                "A direct line from champions to the council's contact centre turned "
                "frustrating problems into quick fixes and made champions feel backed up.",
            ),
        ],
    },
    {
        "slug": "community-hubs-online-claims",
        "title": "Help with online benefit claims in community hubs",
        "summary": "People in Glanrhyd who needed help with online Universal Credit claims "
        "were travelling to the jobcentre or going without. We trained community hub staff to "
        "support claims, in Welsh or English, and set up referral routes with the jobcentre "
        "and the council's own teams. In the first year, 2,100 people were helped.",
        "lead": "glanrhyd-county-borough-council",
        "author": "nia.roberts@glanrhyd.llyw.cymru",
        "themes": ["digital-inclusion-and-broadband", "channel-shift"],
        "service_areas": ["revenues-and-benefits", "housing"],
        "objectives": ["better-outcomes", "collaboration"],
        "tags": ["Universal Credit", "community hubs", "assisted digital", "Welsh language"],
        "stage": "live",
        "start": date(2023, 5, 2),
        "end": date(2024, 4, 26),
        "cost": "10k_50k",
        "funding": "Council core budget and Shared Prosperity Fund",
        "people": 2100,
        "review_in_days": 20,
        "background": "Glanrhyd's five community hubs, in former libraries and offices, give "
        "residents one place to get help. Staff found that many visitors were struggling with "
        "Universal Credit claims and journals, but they had not been trained to help and were "
        "worried about getting it wrong.",
        "aims": [
            "give hub staff the skills and confidence to help with online claims",
            "make sure people get help in the language of their choice",
            "join up help with benefits, housing and council tax",
        ],
        "did": "Hub staff were trained with the local jobcentre, and a jobcentre work coach "
        "now spends one morning a week at each hub. A simple referral form lets hub staff "
        "pass people, with their consent, to the housing and council tax reduction teams.",
        "outcomes": "Hubs supported 2,100 people with claims and journals in the first year. "
        "About a quarter were also referred for council tax reduction, and take-up of council "
        "tax reduction in the hub areas rose by 6%.",
        "risks": "Staff worried about giving wrong advice. Training set out the line between "
        "helping someone use the service and advising them on entitlement, which is for "
        "welfare rights officers.",
        "measures": [("People helped with online claims per year", "not recorded", "2,100")],
        "lessons": [
            (
                "went_well",
                "people",
                "A jobcentre work coach in each hub one morning a week gave staff someone to "
                "ask, and their confidence grew quickly.",
            ),
            (
                "advice",
                "process",
                "Be clear about the line between helping someone use an online service and "
                "advising them on what they are entitled to. It protected staff and residents "
                "alike.",
            ),
            (
                "went_wrong",
                "data",
                "Our referral form first went to a shared inbox that nobody checked on Fridays. "
                "Route referrals into the receiving team's case system, not email.",
            ),
        ],
    },
    {
        "slug": "rural-gigabit-voucher-projects",
        "title": "Gigabit broadband for rural villages through voucher projects",
        "summary": "Northmoor helped 31 rural villages pool national gigabit vouchers and a "
        "county top-up to bring full-fibre broadband to 8,700 homes and businesses that "
        "commercial roll-out had skipped. Parish councils led the projects, but out-of-date "
        "premises lists and confusing pledge forms caused delays we could have avoided.",
        "lead": "northmoor-county-council",
        "author": "ruth.ellison@northmoor.gov.uk",
        "themes": ["digital-inclusion-and-broadband", "smart-places"],
        "service_areas": [],
        "objectives": ["collaboration", "better-outcomes"],
        "tags": ["gigabit", "rural broadband", "vouchers", "parish councils"],
        "stage": "live",
        "start": date(2023, 4, 3),
        "end": date(2025, 12, 19),
        "cost": "over_1m",
        "funding": "National gigabit voucher scheme and county council top-up",
        "people": 8700,
        "review_in_days": 180,
        "background": "About 12% of premises in rural Northmoor could not get a decent "
        "broadband connection, and many were in no supplier's commercial plans. National "
        "vouchers were available, but each village needed enough residents to pledge their "
        "vouchers before a supplier would commit.",
        "aims": [
            "bring gigabit-capable broadband to villages outside commercial plans",
            "support parish councils to organise voucher projects",
            "reach 8,000 premises within three years",
        ],
        "did": "The county's broadband team ran a village champion programme: parish "
        "councillors and volunteers got a toolkit, a named contact at the county and a top-up "
        "to the national voucher. We grouped villages six at a time so that suppliers would "
        "bid, and held evening drop-ins in village halls.",
        "outcomes": "31 villages completed projects and 8,700 premises can now get gigabit "
        "broadband. Take-up is 41% after a year, above the national average for new rural "
        "builds.",
        "risks": "Residents could pledge vouchers and then wait years to be connected. Each "
        "project's status is published on the county website and updated monthly.",
        "measures": [
            ("Rural premises without a decent broadband connection", "12%", "4%"),
            ("Premises connected through voucher projects", "0", "8,700"),
        ],
        "lessons": [
            (
                "went_well",
                "procurement",
                "Grouping six villages into each supplier bid made projects commercially "
                "attractive; single villages on their own had received no bids at all.",
            ),
            (
                "went_wrong",
                "data",
                "The national premises list we started from was two years out of date, so new "
                "homes were left out of pledges and added later at extra cost. Check the list "
                "against your own address gazetteer first.",
            ),
            (
                "went_wrong",
                "engagement",
                "Residents signed pledge forms without realising they were committing to a "
                "contract, and some withdrew angrily. We rewrote the forms in plain English "
                "after the first ten villages.",
            ),
            (
                "advice",
                "people",
                "Parish councillors make excellent champions, but give each a named contact at "
                "the county. Projects with a regular call moved twice as fast.",
            ),
        ],
    },
    {
        "slug": "outpatient-app-digital-helpers",
        "title": "Helping outpatients use the hospital's patient app",
        "summary": "Harbourside NHS Trust found that patients from the most deprived areas "
        "were far less likely to use its patient app, so they missed appointment changes. "
        "With Brackenford Community Action we placed volunteer digital helpers in outpatient "
        "waiting areas. In beta, 1,900 patients have been helped and missed appointments "
        "among them have fallen.",
        "lead": "harbourside-nhs-trust",
        "partners": ["brackenford-community-action"],
        "author": "james.adeyemi@harbourside.nhs.uk",
        "contacts": ["james.adeyemi@harbourside.nhs.uk", "kate.mortimer@brackenfordcva.org.uk"],
        "themes": ["digital-inclusion-and-broadband", "mobile"],
        "service_areas": ["public-health", "adult-social-care"],
        "objectives": ["better-outcomes", "collaboration"],
        "tags": ["patient app", "outpatients", "health inequalities", "volunteers"],
        "stage": "beta",
        "start": date(2025, 5, 6),
        "end": None,
        "cost": "10k_50k",
        "funding": "Trust digital inclusion budget",
        "people": 1900,
        "review_in_days": 45,
        "background": "The trust's patient app lets people see and change appointments and "
        "read their letters. In the least deprived fifth of postcodes, 58% of patients used "
        "it; in the most deprived fifth, 19% did. Patients without the app missed changes "
        "sent through it and were more likely not to attend.",
        "aims": [
            "narrow the gap in app use between the most and least deprived areas",
            "reduce missed outpatient appointments",
            "build a model that can be funded for the long term",
        ],
        "did": "Brackenford Community Action recruited and trained volunteers who sit in three "
        "outpatient waiting areas with tablets. They help patients install and set up the app "
        "on their own phones, or sign up for text reminders instead. Clinic receptionists "
        "refer patients who seem lost or mention a missed letter.",
        "outcomes": "1,900 patients have been helped in six months. Among them, missed "
        "appointments fell from 11% to 7% over the following three months, with no change in "
        "a matched comparison group. The gap in app use has narrowed slightly, to 58% against "
        "24%.",
        "risks": "Volunteers handling patients' phones and identity checks raised information "
        "governance questions. Volunteers never handle passwords; they guide patients, who "
        "type their own details.",
        "next": "We are writing up the evaluation to bid for recurrent funding from the "
        "integrated care board.",
        "measures": [
            ("App use in the most deprived fifth of postcodes", "19%", "24%"),
            ("Missed appointments among patients helped", "11%", "7%"),
        ],
        "lessons": [
            (
                "went_well",
                "people",
                "Volunteers from a local charity, wearing their own lanyards, were trusted more "
                "than hospital staff. Patients told them things they would not tell a "
                "receptionist.",
            ),
            (
                "advice",
                "governance",
                "Settle the identity check process with your information governance team before "
                "volunteers start. We lost our first two weeks to it.",
            ),
            (
                "went_wrong",
                "technology",
                "The app's identity check failed for many older passports and expired driving "
                "licences, and volunteers had no workaround. Offer a fallback, such as text "
                "reminders, rather than sending people away.",
            ),
            (
                "advice",
                "data",
                "Set up a matched comparison group from the start; it is the only reason we "
                "can say the help reduced missed appointments.",
            ),
        ],
    },
    {
        "slug": "sheltered-housing-wifi-discovery",
        "title": "Discovery: Wi-Fi in sheltered housing schemes",
        "summary": "Ironvale has 14 sheltered housing schemes with about 900 older tenants "
        "and no shared Wi-Fi. Telecare is moving from analogue to digital lines and tenants "
        "want video calls with family. In discovery we are finding out what tenants actually "
        "need before buying a network.",
        "lead": "ironvale-metropolitan-borough-council",
        "author": "aisha.begum@ironvale.gov.uk",
        "themes": ["digital-inclusion-and-broadband"],
        "service_areas": ["housing", "adult-social-care"],
        "objectives": ["better-outcomes"],
        "tags": ["sheltered housing", "Wi-Fi", "older people", "telecare"],
        "stage": "discovery",
        "start": date(2026, 7, 6),
        "end": None,
        "cost": "under_10k",
        "funding": "Housing revenue account",
        "people": 900,
        "review_in_days": 90,
        "background": "Sheltered schemes have communal lounges and scheme managers, but only a "
        "few tenants have their own broadband. The national switch from analogue to digital "
        "phone lines means telecare alarms need a reliable connection, and some families have "
        "asked why their relatives cannot make video calls in the lounge.",
        "aims": [
            "understand how tenants want to use the internet, if at all",
            "find out what telecare needs from a connection",
            "estimate costs and choose between the options",
        ],
        "did": "A service designer and a housing officer have visited six schemes, run coffee "
        "mornings and interviewed 38 tenants and 11 relatives. With the telecare provider we "
        "have mapped the equipment in every scheme.",
        "outcomes": "Early findings: most tenants want help to use the internet as much as a "
        "connection; Wi-Fi in the communal lounge matters more to many than Wi-Fi in flats; "
        "and telecare needs a connection with battery back-up, which changes the options.",
        "risks": "Adding Wi-Fi to service charges would be resented. Every option will be "
        "costed both as council-funded and as tenant-funded.",
        "next": "Discovery ends in December with a recommendation to the housing board.",
        "lessons": [
            (
                "went_well",
                "engagement",
                "Coffee mornings in scheme lounges got far more tenants talking than booked "
                "appointments did, and relatives joined when we held them on Sunday afternoons.",
            ),
            (
                "advice",
                "technology",
                "Map telecare equipment with your provider before designing a network. Battery "
                "back-up requirements ruled out the cheapest option.",
            ),
            (
                "went_wrong",
                "process",
                "We booked our first visits without telling the scheme managers, who felt "
                "bypassed. They are the route to tenants; start with them.",
            ),
        ],
    },
    {
        "slug": "food-bank-data-sim-alpha",
        "title": "Alpha: free mobile data through the food bank",
        "summary": "Lochmorven is testing whether free SIM cards with six months of data, "
        "offered alongside food parcels, help people in data poverty stay in touch with "
        "services. In four months 260 people took a SIM. They used the data most for job "
        "searching and school messages, not for council services.",
        "lead": "lochmorven-council",
        "author": "moira.campbell@lochmorven.gov.uk",
        "themes": ["digital-inclusion-and-broadband"],
        "service_areas": ["public-health", "revenues-and-benefits"],
        "objectives": ["better-outcomes", "collaboration"],
        "tags": ["data poverty", "SIM cards", "food bank"],
        "stage": "alpha",
        "start": date(2026, 4, 6),
        "end": None,
        "cost": "under_10k",
        "funding": "Council anti-poverty fund",
        "people": 260,
        "review_in_days": -15,
        "background": "Food bank volunteers told us that many clients had phones but no data, "
        "so they missed texts from services, could not check their Universal Credit journal "
        "and could not read messages from school. Several had fallen behind with claims as a "
        "result.",
        "aims": [
            "test whether free data makes a practical difference to people in data poverty",
            "learn how to offer SIMs without stigma",
            "understand what people use the data for",
        ],
        "did": "We obtained 400 SIM cards with six months of free data through a national data "
        "donation scheme and offered them at two food banks. Volunteers offer a SIM to every "
        "client, with a card explaining how to top up afterwards, and we phone a sample of "
        "recipients after one and three months.",
        "outcomes": "260 SIMs were taken in four months. Most people used the data for job "
        "searching, school messages and family; contact with council services was less common "
        "than we expected. Two people said it helped them avoid a benefit sanction.",
        "risks": "People could be left without data when the six months end. Volunteers "
        "explain this at the start and help people find social tariffs before it runs out.",
        "lessons": [
            (
                "went_well",
                "engagement",
                "Offering a SIM to every food bank client, rather than asking who needed one, "
                "removed the stigma and doubled take-up.",
            ),
            (
                "went_wrong",
                "data",
                "We did not ask for consent to follow-up calls at the start, so we could only "
                "phone people who happened to leave a number later. Build evaluation consent "
                "into the first conversation.",
            ),
            (
                "advice",
                "people",
                "Food bank volunteers are busy. Keep the SIM offer to one card and one "
                "sentence, and let a separate volunteer help with setting up.",
            ),
        ],
    },
]
