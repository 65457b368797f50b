"""Case studies in the Digital leaders' network (private)."""

from datetime import date

COMMUNITY = "digital-leaders"

CASE_STUDIES = [
    {
        "slug": "erp-replacement-business-case",
        "title": "Replacing our finance and HR system: the business case we wish we had written",
        "summary": "Millbeck replaced its 20-year-old finance, HR and payroll system with a "
        "cloud ERP product. It went live eleven months late and 38% over budget. Payroll has "
        "been stable, but finance reporting was unreliable for six months. This is the honest "
        "version of the lessons we gave our audit committee.",
        "lead": "millbeck-city-council",
        "author": "mark.entwistle@millbeck.gov.uk",
        "themes": ["cloud", "agile-project-management"],
        "service_areas": ["corporate-ict"],
        "objectives": ["efficiency-savings"],
        "tags": ["ERP", "finance system", "HR and payroll", "business case"],
        "stage": "live",
        "start": date(2022, 11, 1),
        "end": date(2025, 4, 30),
        "cost": "over_1m",
        "funding": "Capital programme",
        "people": 7200,
        "review_in_days": 90,
        "background": "The old system was out of support and held together by hundreds of "
        "customisations and spreadsheets. The business case promised £2.1m a year of savings "
        "from self-service and automation, and assumed the council would adopt the product's "
        "standard processes.",
        "aims": [
            "replace an unsupported system before it failed",
            "adopt standard processes instead of customising",
            "give managers and staff self-service",
        ],
        "did": "We bought a cloud ERP product through a national framework, with an "
        "implementation partner. The programme had a board, a design authority and 14 "
        "workstreams. The implementation partner ran data migration and testing, with "
        "council staff seconded part time.",
        "outcomes": "Payroll went live on time and has been stable. Finance went live eleven "
        "months late, and month-end reporting was unreliable for six months because cost "
        "centres had been restructured without involving budget holders. The programme cost "
        "38% more than the original budget, and savings so far are about £700,000 a year, a "
        "third of the business case.",
        "risks": "The two biggest risks both happened: poor data quality, and the "
        "organisation's reluctance to adopt standard processes. A recovery plan with an "
        "independent assurance review brought the programme back under control in month 20.",
        "measures": [
            ("Programme cost against original budget", "100%", "138%"),
            ("Annual savings", "£2.1m planned", "£0.7m so far"),
        ],
        "lessons": [
            (
                "went_wrong",
                "governance",
                "The business case assumed we would adopt standard processes, but nobody had "
                "the authority to refuse services that wanted their old ones. Give the design "
                "authority real power, backed by the chief executive, before you start.",
            ),
            (
                "went_wrong",
                "data",
                "We restructured cost centres without involving budget holders, and month-end "
                "reports were unreliable for six months. Data structures are business "
                "decisions, not technical ones.",
            ),
            (
                "advice",
                "procurement",
                "Keep data migration and testing in-house or with a separate supplier; our "
                "implementation partner was marking its own homework.",
            ),
            (
                "went_well",
                "people",
                "Seconding payroll staff full time to the programme is why payroll went live "
                "cleanly, the one part that did.",
            ),
            (
                "advice",
                "process",
                "Budget for a year of stabilisation after go-live. We planned for three months "
                "and needed twelve.",
            ),
        ],
    },
    {
        "slug": "digital-mentors-frontline-staff",
        "title": "Digital mentors for 3,000 frontline staff",
        "summary": "Many of Northmoor's frontline staff in care, highways and libraries "
        "struggled with everyday digital tools and avoided new systems. We trained 140 "
        "volunteer digital mentors from the same teams to help colleagues on the job. "
        "Confidence rose, and calls to the IT service desk about basic tasks fell by 40%.",
        "lead": "northmoor-county-council",
        "author": "sam.whitfield@northmoor.gov.uk",
        "themes": ["staff-skills-and-digital-mentors"],
        "service_areas": ["corporate-ict", "adult-social-care"],
        "objectives": ["knowledge-sharing", "better-outcomes"],
        "tags": ["digital skills", "digital mentors", "frontline staff"],
        "stage": "live",
        "start": date(2023, 9, 4),
        "end": date(2025, 7, 31),
        "cost": "50k_250k",
        "funding": "Workforce development budget",
        "people": 3000,
        "review_in_days": -30,
        "background": "A staff survey found that 38% of frontline staff were not confident "
        "using email, online training and the staff app. Classroom IT training was poorly "
        "attended because frontline staff could not easily be released.",
        "aims": [
            "raise digital confidence among frontline staff",
            "help people learn on the job, from colleagues",
            "reduce calls to IT about basic tasks",
        ],
        "did": "We recruited mentors from frontline teams, gave them two days of training and "
        "an hour a week of protected time, and set up a mentors' network with monthly "
        "meet-ups. Managers were asked to build mentoring into team meetings and shift "
        "handovers.",
        "outcomes": "The share of frontline staff confident with everyday digital tools rose "
        "from 62% to 81%, and IT calls about passwords, email and the staff app fell by 40%. "
        "Mentors said the role improved their own job satisfaction.",
        "risks": "Service pressures could squeeze out mentors' protected time. Heads of "
        "service signed a commitment, and mentoring hours were reported each quarter.",
        "measures": [
            ("Frontline staff confident with everyday digital tools", "62%", "81%"),
            ("IT calls about basic tasks per month", "1,150", "690"),
        ],
        "lessons": [
            (
                "went_well",
                "people",
                "Mentors from the same teams were trusted in a way IT trainers never were; they "
                "knew the shift patterns and the real problems.",
            ),
            (
                "went_wrong",
                "governance",
                "In the first six months a third of mentors lost their protected hour to "
                "service pressures. A signed commitment from heads of service and quarterly "
                "reporting fixed most of it.",
            ),
            (
                "advice",
                "process",
                "Tie mentoring to moments when people must use something new, such as the "
                "launch of the staff app; general 'digital skills' sessions drew few people.",
            ),
        ],
    },
    {
        "slug": "data-centre-exit",
        "title": "Leaving our data centre before the lease ran out",
        "summary": "Ravensbury's data centre lease ended in March 2025. In two years we moved "
        "340 servers and 61 applications to cloud hosting and software as a service, and "
        "handed back the keys with a week to spare. Energy costs and floor space fell "
        "sharply, but the last ten applications took as long as the first 51.",
        "lead": "london-borough-of-ravensbury",
        "author": "daniel.osei@ravensbury.gov.uk",
        "themes": ["cloud"],
        "service_areas": ["corporate-ict"],
        "objectives": ["efficiency-savings"],
        "tags": ["data centre", "cloud migration", "contract exit", "energy"],
        "stage": "live",
        "start": date(2023, 4, 3),
        "end": date(2025, 3, 28),
        "cost": "250k_1m",
        "funding": "ICT capital programme",
        "people": None,
        "review_in_days": 200,
        "background": "The council's data centre was in a leased building whose lease ended "
        "in 2025, with a heavy cost to extend. The equipment was reaching the end of its life "
        "and energy costs had doubled since 2021.",
        "aims": [
            "leave the data centre before the lease ended",
            "replace on-premises applications with software as a service where possible",
            "reduce the energy use and carbon emissions of ICT",
        ],
        "did": "We classified every application as retire, replace with software as a "
        "service, rehost in the cloud or keep on premises, and worked through them in waves. "
        "An exit board met weekly and tracked every application on a single board visible to "
        "all staff. Twelve applications were retired outright.",
        "outcomes": "All 61 applications were moved or retired, and the data centre was handed "
        "back a week before the deadline. ICT energy costs fell by about £210,000 a year. The "
        "last ten applications, mostly old line-of-business systems from single suppliers, "
        "took eleven months.",
        "risks": "Missing the deadline would have meant a costly extension, so we kept a "
        "fallback option with a co-location provider until the final month.",
        "measures": [
            ("Servers in the council's own data centre", "340", "0"),
            ("Annual ICT energy costs", "£390,000", "£180,000"),
        ],
        "lessons": [
            (
                "went_wrong",
                "procurement",
                "The last ten applications were old systems whose suppliers had no cloud offer "
                "and no reason to hurry. Start with the hardest suppliers, not the easiest.",
            ),
            (
                "went_well",
                "governance",
                "A weekly exit board tracking every application on one board kept directors "
                "focused; no application could quietly slip.",
            ),
            (
                "advice",
                "technology",
                "Classify every application as retire, replace, rehost or keep before you "
                "start. Retiring twelve saved more than any technical choice.",
            ),
        ],
    },
    {
        "slug": "ai-case-notes-social-work-alpha",
        "title": "Alpha: AI-assisted case notes in adult social work",
        "summary": "Social workers in Northmoor spend up to a third of their time writing case "
        "notes. In a cautious alpha with 24 social workers we tested an AI tool that drafts "
        "notes from recorded assessments for the social worker to check and edit. Time spent "
        "on notes halved, but we found errors that would matter if nobody checked.",
        "lead": "northmoor-county-council",
        "author": "sam.whitfield@northmoor.gov.uk",
        "themes": ["automation-and-ai"],
        "service_areas": ["adult-social-care"],
        "objectives": ["efficiency-savings", "better-outcomes"],
        "tags": ["generative AI", "social work", "case notes", "DPIA"],
        "stage": "alpha",
        "start": date(2026, 2, 2),
        "end": None,
        "cost": "10k_50k",
        "funding": "Adult social care transformation budget",
        "people": 24,
        "review_in_days": 45,
        "background": "Adult social care has a backlog of assessments, and social workers say "
        "recording is the part of the job that keeps them late. Several suppliers offer AI "
        "note-taking tools, and two neighbouring councils had started using them.",
        "aims": [
            "find out whether AI drafting saves social workers meaningful time",
            "find out what errors it makes, and how often",
            "decide what safeguards wider use would need",
        ],
        "did": "After a data protection impact assessment and approval by the Caldicott "
        "guardian, 24 social workers used the tool for three months, with each person's "
        "consent to recording. Every draft was checked and edited by the social worker, and "
        "we reviewed a sample of 200 drafts against the recordings.",
        "outcomes": "Time spent on notes fell by about half. In the sample, 14% of drafts "
        "contained an error of fact, most often attributing something said to the wrong "
        "person, and 3% left out something relevant to risk. Social workers caught most of "
        "these, but not all.",
        "risks": "Errors in case notes can affect decisions about people's care. The alpha "
        "required a human review of every draft, and we will not extend use without a "
        "quality check process.",
        "next": "We are designing a beta with mandatory review prompts and a monthly quality "
        "sample, and sharing our error review method with the neighbouring councils.",
        "measures": [("Hours a week spent writing case notes", "11", "5.5")],
        "lessons": [
            (
                "went_wrong",
                "technology",
                "14% of drafts contained errors of fact, most often attributing a statement to "
                "the wrong person. The tool sounds confident, so errors are easy to miss; "
                "review a sample against recordings before trusting it.",
            ),
            (
                "went_well",
                "governance",
                "Completing the DPIA and getting the Caldicott guardian's approval before the "
                "first recording made people willing to consent and staff willing to try it.",
            ),
            (
                "advice",
                "people",
                "Ask social workers how they will check drafts. Those who edited line by line "
                "caught far more errors than those who skimmed.",
            ),
            (
                "went_well",
                "engagement",
                "Asking each person's consent in plain words, at the start of the visit, meant "
                "only 6% refused.",
            ),
        ],
    },
]
