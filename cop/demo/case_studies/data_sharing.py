"""Case studies in the Multi-agency data sharing community (restricted)."""

from datetime import date

COMMUNITY = "multi-agency-data-sharing"

CASE_STUDIES = [
    {
        "slug": "fire-risk-data-sharing",
        "title": "Sharing council data to find homes at higher risk of fire",
        "summary": "Greystone Fire and Rescue and Brackenford Council agreed to share limited "
        "adult social care data so that prevention teams could visit the people most at risk "
        "of dying in a fire. In the first year 4,800 visits were targeted this way, and four "
        "in five found a risk the crew could reduce.",
        "lead": "greystone-fire-and-rescue-service",
        "partners": ["brackenford-council"],
        "author": "sarah.penrose@greystonefire.gov.uk",
        "themes": ["data-sharing"],
        "service_areas": ["community-safety", "adult-social-care"],
        "objectives": ["collaboration", "better-outcomes"],
        "tags": ["home fire safety", "risk targeting", "information sharing agreement"],
        "stage": "live",
        "start": date(2023, 6, 5),
        "end": date(2024, 5, 31),
        "cost": "10k_50k",
        "funding": "Fire prevention budget and council public health grant",
        "people": 4800,
        "review_in_days": 120,
        "background": "Most people who die in accidental house fires are older, live alone, "
        "smoke, have limited mobility or receive care, and many are known to council "
        "services. Home fire safety visits had been targeted by postcode and self-referral, "
        "so many went to people at relatively low risk.",
        "aims": [
            "target home fire safety visits at the people most at risk",
            "share only the data needed, lawfully and openly",
            "measure whether targeting finds more risk",
        ],
        "did": "Information governance leads from both organisations wrote an information "
        "sharing agreement and a joint data protection impact assessment. Each month the "
        "council sends a list of people receiving home care or telecare, with four yes/no "
        "risk flags and no care details. The fire service combines it with its own incident "
        "data to prioritise visits, and tells the council when crews find a risk that care "
        "staff should know about.",
        "outcomes": "In the first year, 4,800 targeted visits were made. In 81% of them crews "
        "found at least one risk they could reduce, against 46% for postcode-based visits. "
        "Referrals back to the council led to 310 changes to care plans, mostly about "
        "smoking and heaters.",
        "risks": "Adult social care data is sensitive. The agreement limits sharing to four "
        "flags, the list is deleted after each visit cycle and the council's privacy notice "
        "explains the sharing.",
        "measures": [("Visits finding at least one reducible risk", "46%", "81%")],
        "lessons": [
            (
                "went_well",
                "governance",
                "Writing the sharing agreement and DPIA together, in the same room, took six "
                "weeks; earlier attempts by email had stalled for a year.",
            ),
            (
                "advice",
                "data",
                "Share flags, not records. Four yes/no risk flags gave crews what they needed "
                "and made the DPIA far simpler.",
            ),
            (
                "went_wrong",
                "process",
                "For the first three months crews had no way to tell the council what they "
                "found, so risks were spotted and nothing changed. Design the return route at "
                "the same time as the outward one.",
            ),
        ],
    },
    {
        "slug": "early-help-sharing-agreement",
        "title": "An early help information sharing agreement people can read",
        "summary": "Ironvale's early help partnership had eleven separate information sharing "
        "agreements with schools, health, police and voluntary groups, 140 pages in all. We "
        "replaced them with one agreement in plain English and a two-page summary for "
        "practitioners. Signing up a new partner now takes days instead of months.",
        "lead": "ironvale-metropolitan-borough-council",
        "author": "yusuf.rahman@ironvale.gov.uk",
        "themes": ["data-sharing"],
        "service_areas": ["childrens-services"],
        "objectives": ["collaboration", "knowledge-sharing"],
        "tags": ["early help", "information sharing agreement", "plain English", "schools"],
        "stage": "live",
        "start": date(2024, 1, 8),
        "end": date(2024, 9, 27),
        "cost": "under_10k",
        "funding": "No additional funding",
        "people": None,
        "licence": "cc_by",
        "review_in_days": -75,
        "background": "Practitioners working with families were unsure what they could share, "
        "and often shared nothing for fear of breaking data protection law. Each partner had "
        "its own agreement with different terms, and new partners waited months for legal "
        "review.",
        "aims": [
            "one agreement for the whole early help partnership",
            "language that practitioners understand",
            "faster sign-up for new partners",
        ],
        "did": "The data protection officer worked with practitioners from five agencies to "
        "write a single agreement, following the structure of the regulator's data sharing "
        "code of practice. We tested the two-page summary with 20 practitioners by asking "
        "them to decide what to share in realistic scenarios.",
        "outcomes": "All eleven partners signed the new agreement. In the scenario test, "
        "correct decisions rose from 55% with the old agreements to 85% with the summary, and "
        "a new partner can now be signed up in about a week.",
        "risks": "A simpler agreement could be read as permission to share more than "
        "necessary. The summary opens with 'share what is necessary and proportionate' and "
        "includes examples of what not to share.",
        "measures": [
            ("Correct sharing decisions in scenario testing", "55%", "85%"),
            ("Time to sign up a new partner", "3 to 5 months", "about a week"),
        ],
        "lessons": [
            (
                "went_well",
                "people",
                "Writing the agreement with practitioners, not just lawyers, produced the "
                "language they actually use when deciding what to share.",
            ),
            (
                "advice",
                "engagement",
                "Test your summary with realistic scenarios. It showed us which sections people "
                "misread before anyone had to make a real decision.",
            ),
            (
                "went_wrong",
                "governance",
                "Two schools' governing bodies insisted on their own legal review, which took "
                "four months. Ask the service that advises schools on data protection to "
                "review once on behalf of all of them.",
            ),
        ],
    },
    {
        "slug": "hospital-discharge-shared-view",
        "title": "A shared view of hospital discharges for social care teams",
        "summary": "Patients ready to leave Harbourside's hospitals were waiting days for care "
        "packages, partly because social care teams heard about them by phone and email. In "
        "beta, social workers see a live list of patients likely to need care, with what they "
        "need to start planning. Delays for patients going home with care have fallen by a "
        "day and a half.",
        "lead": "harbourside-nhs-trust",
        "partners": ["brackenford-council"],
        "author": "james.adeyemi@harbourside.nhs.uk",
        "themes": ["data-sharing", "cloud"],
        "service_areas": ["adult-social-care", "public-health"],
        "objectives": ["collaboration", "better-outcomes", "efficiency-savings"],
        "tags": ["hospital discharge", "shared care record", "integration", "social care"],
        "stage": "beta",
        "start": date(2025, 10, 6),
        "end": None,
        "cost": "250k_1m",
        "funding": "Better Care Fund",
        "people": 3100,
        "review_in_days": 90,
        "background": "On an average day around 90 patients in Harbourside's hospitals were "
        "medically fit to leave but still waiting, a third of them for social care. Ward "
        "staff phoned or emailed referrals to the council's hospital social work team, who "
        "typed them into the social care record.",
        "aims": [
            "give social care teams earlier notice of patients who will need care",
            "stop re-keying of referrals",
            "reduce delays for patients going home with care",
        ],
        "did": "We built a shared list, drawn from the hospital's patient flow system, of "
        "patients with an expected discharge date who are likely to need care, with a short "
        "set of fields agreed with social workers. It appears in the council's care system "
        "through the shared care record, and only the hospital social work team can see it.",
        "outcomes": "Social workers now see patients 2.3 days on average before they are "
        "medically fit, compared with less than a day before. The average delay for patients "
        "going home with care has fallen from 4.1 days to 2.6, and re-keying has stopped for "
        "the 70% of referrals that come through the list.",
        "risks": "Patients may not expect their details to reach the council before they are "
        "referred. Ward staff explain it at admission, and the trust's privacy notice has "
        "been updated.",
        "measures": [
            ("Average delay for patients going home with care", "4.1 days", "2.6 days"),
            ("Days' notice before a patient is fit to leave", "under 1", "2.3"),
        ],
        "lessons": [
            (
                "went_well",
                "data",
                "Agreeing a short list of fields with social workers, rather than sharing the "
                "whole record, made the information governance case straightforward and the "
                "list quick to read.",
            ),
            (
                "went_wrong",
                "technology",
                "Expected discharge dates in the patient flow system were often blank or stale "
                "because wards did not update them. We had to work with ward managers on the "
                "habit before the data was useful.",
            ),
            (
                "advice",
                "procurement",
                "If your shared care record supplier charges per integration, negotiate the "
                "price of the second and third feeds at the same time as the first.",
            ),
            (
                "went_well",
                "people",
                "Placing a social worker on the two busiest wards for the first month showed "
                "each side how the other worked.",
            ),
        ],
    },
    {
        "slug": "children-missing-from-care-profiles",
        "title": "Alpha: sharing information quickly when children go missing from care",
        "summary": "When a child goes missing from a children's home in Northmoor, officers "
        "often spend the first hours gathering information the home and the council already "
        "hold. Kestrel Valley Police and Northmoor County Council are testing a shared "
        "profile, kept up to date by the home, that officers see as soon as a child is "
        "reported missing.",
        "lead": "kestrel-valley-police",
        "partners": ["northmoor-county-council"],
        "author": "rachel.hume@kestrelvalley.police.uk",
        "themes": ["data-sharing", "mobile"],
        "service_areas": ["childrens-services", "community-safety"],
        "objectives": ["collaboration", "better-outcomes"],
        "tags": ["missing children", "children's homes", "safeguarding"],
        "stage": "alpha",
        "start": date(2026, 3, 9),
        "end": None,
        "cost": "10k_50k",
        "funding": "Police and crime commissioner's fund",
        "people": 420,
        "review_in_days": 60,
        "background": "Children in care go missing more often than other children, and the "
        "first hours matter. National guidance encourages carers to record key information "
        "in advance, but in Northmoor it was kept on paper forms in each home.",
        "aims": [
            "get key information to officers within minutes of a report",
            "keep profiles current with little extra work for homes",
            "share only what is needed, involving the child wherever possible",
        ],
        "did": "With eight children's homes we are testing a digital profile (description, "
        "photo, places the child may go, people they may contact, health needs) held by the "
        "council and shared with the police control room only when a missing report is made. "
        "Residential staff update it after each key-worker session.",
        "outcomes": "In the first three months, profiles were available in 19 of 21 missing "
        "episodes from the pilot homes, and officers say they saved about 50 minutes of "
        "initial enquiries each time. Homes found an update took about five minutes.",
        "risks": "This is sensitive information about children. Police can see a profile only "
        "while a missing episode is open, every view is logged, and older children help "
        "write their own profiles.",
        "next": "If the alpha holds up, a beta will extend it to every home in Northmoor, "
        "including independent providers.",
        "measures": [
            ("Minutes of initial enquiries per missing episode", "about 70", "about 20"),
        ],
        "lessons": [
            (
                "went_well",
                "engagement",
                "Involving older children in writing their own profiles made the information "
                "better and the process less intrusive; several added places we would never "
                "have known about.",
            ),
            (
                "advice",
                "governance",
                "Limit police access to open missing episodes and log every view. That "
                "condition is what got both organisations' data protection officers to agree.",
            ),
            (
                "went_wrong",
                "technology",
                "Photos taken on staff phones could not be uploaded from the homes' locked-down "
                "devices. Test uploads on the real devices used in the homes.",
            ),
        ],
    },
    {
        "slug": "shared-address-data-control-rooms",
        "title": "Idea: one address feed for fire, police and ambulance control rooms",
        "summary": "Fire, police and ambulance control rooms in the south west each keep "
        "their own address data, and corrections made by one never reach the others. We want "
        "to explore a shared, council-maintained address feed based on property reference "
        "numbers, and are looking for partners.",
        "lead": "greystone-fire-and-rescue-service",
        "author": "sarah.penrose@greystonefire.gov.uk",
        "themes": ["data-sharing", "smart-places"],
        "service_areas": ["community-safety"],
        "objectives": ["collaboration", "knowledge-sharing"],
        "tags": ["addresses", "UPRN", "emergency services", "control rooms"],
        "stage": "idea",
        "start": date(2026, 10, 12),
        "end": None,
        "cost": "",
        "funding": "Not yet funded",
        "people": None,
        "review_in_days": 150,
        "background": "Control rooms regularly find new estates, renamed farms and converted "
        "barns missing from their address data. Each service fixes its own copy, and the "
        "councils that maintain the authoritative addresses rarely hear about the problem.",
        "aims": [
            "stop each control room correcting addresses separately",
            "get corrections back to councils' address custodians",
            "use the property reference (UPRN) as the common key",
        ],
        "did": "We logged every address problem our control room met for six months (212 "
        "incidents) and compared them with the councils' address data.",
        "outcomes": "Of the 212 problem addresses, 170 were already in council data at the "
        "time of the call. The problem is the flow of updates, not the data itself.",
        "risks": "Control room systems are safety-critical, so any change to address feeds "
        "needs careful testing and a fallback.",
        "next": "We are looking for a police force, an ambulance service and two councils to "
        "join a discovery.",
        "lessons": [
            (
                "went_well",
                "data",
                "Logging every address problem for six months gave us evidence: 170 of 212 "
                "'missing' addresses were already in council data.",
            ),
            (
                "advice",
                "engagement",
                "Talk to your councils' address custodians early. They were delighted to hear "
                "about errors and had no route for receiving them.",
            ),
            (
                "advice",
                "technology",
                "Treat any change to control room address feeds as a safety-critical change "
                "with a fallback; it will take longer than you think.",
            ),
        ],
    },
]
