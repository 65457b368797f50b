"""Case studies in the Agile delivery community (open)."""

from datetime import date

COMMUNITY = "agile-delivery"

CASE_STUDIES = [
    {
        "slug": "temporary-accommodation-discovery",
        "title": "Our first discovery: families in temporary accommodation",
        "summary": "Ravensbury has 1,400 households in temporary accommodation, many placed "
        "outside the borough. Instead of buying a new case management system straight away, "
        "we ran a ten-week discovery with families and housing officers. It found that the "
        "biggest problems were information and communication, not the system.",
        "lead": "london-borough-of-ravensbury",
        "author": "daniel.osei@ravensbury.gov.uk",
        "themes": ["user-centred-design", "agile-project-management"],
        "service_areas": ["housing"],
        "objectives": ["better-outcomes"],
        "tags": ["temporary accommodation", "homelessness", "user research", "discovery"],
        "stage": "discovery",
        "start": date(2026, 5, 11),
        "end": None,
        "cost": "10k_50k",
        "funding": "Homelessness prevention grant",
        "people": 1400,
        "review_in_days": 60,
        "background": "Temporary accommodation costs the council more than £30m a year, and "
        "families often spend years in it. The housing team had asked for a new case "
        "management system, and a supplier had already demonstrated one.",
        "aims": [
            "understand what temporary accommodation is like for families",
            "understand how housing officers work and what slows them down",
            "decide what, if anything, to build or buy",
        ],
        "did": "A user researcher, a service designer, a business analyst and a housing "
        "officer seconded full time ran the discovery. We interviewed 22 families, including "
        "some placed 40 miles away, shadowed officers for a week, and mapped every letter and "
        "message a family receives from first contact to settled housing.",
        "outcomes": "Families' main problems were not knowing where they stood on the list, "
        "getting letters that contradicted each other and not knowing who their officer was. "
        "Officers spent about a third of their time answering 'any news?' calls. A new system "
        "on its own would fix none of this.",
        "risks": "The findings could have been ignored in favour of the system already "
        "demonstrated. The director and the lead member came to the final show and tell, "
        "where we played recordings of families, with their consent.",
        "next": "An alpha in the new year will test a simple status page and text updates for "
        "families, and rewrite the ten most common letters.",
        "lessons": [
            (
                "went_well",
                "people",
                "Seconding a housing officer to the team full time gave us credibility with "
                "colleagues and access to families we would never otherwise have reached.",
            ),
            (
                "went_wrong",
                "process",
                "We planned six weeks and needed ten, mainly because arranging interviews with "
                "families placed out of borough took far longer than expected. Allow extra "
                "time for users who are hard to reach.",
            ),
            (
                "advice",
                "governance",
                "Get the decision-makers to the show and tell in person. Hearing families' own "
                "words changed the director's mind about buying a system first.",
            ),
            (
                "went_well",
                "engagement",
                "Paying families for their time with shopping vouchers, and meeting them where "
                "they lived, made people willing to talk honestly.",
            ),
        ],
    },
    {
        "slug": "school-admissions-alpha",
        "title": "Alpha: a school admissions form parents can finish on a phone",
        "summary": "Millbeck's school admissions form is used by 9,800 families a year and "
        "generates more than 4,000 calls. In a 12-week alpha we tested three prototypes with "
        "parents, including many who speak another language at home. The preferred design "
        "halves the number of questions and explains catchment before people apply.",
        "lead": "millbeck-city-council",
        "author": "emma.lindqvist@millbeck.gov.uk",
        "themes": ["user-centred-design", "agile-project-management"],
        "service_areas": ["childrens-services"],
        "objectives": ["better-outcomes", "efficiency-savings"],
        "tags": ["school admissions", "prototyping", "accessibility", "alpha"],
        "stage": "alpha",
        "start": date(2026, 1, 12),
        "end": None,
        "cost": "50k_250k",
        "funding": "Children's services transformation budget",
        "people": 9800,
        "review_in_days": 120,
        "background": "Most parents apply on their phones, often late at night in the weeks "
        "before the deadline. The current form, supplied with the admissions system, is hard "
        "to use on a phone, and the question about siblings causes so much confusion that a "
        "fifth of applications need correcting by hand.",
        "aims": [
            "test whether a simpler, phone-friendly form cuts errors and calls",
            "find a way of explaining catchment and sibling rules that parents understand",
            "check that a new form can feed the admissions system",
        ],
        "did": "A multidisciplinary team tested three prototypes with 31 parents over six "
        "rounds of research, including parents who speak Urdu, Polish and Arabic at home and "
        "two who use screen readers. We used real postcodes, so parents saw the catchment "
        "schools they would actually get.",
        "outcomes": "The preferred prototype cut the questions from 46 to 22, and parents "
        "finished it in eight minutes on average, against 21 on the current form. In testing, "
        "errors on the sibling question fell from one in five applications to one in 25.",
        "risks": "The admissions system might not accept data from a new form. We sent a test "
        "submission into the supplier's test environment in week 10; it worked with two field "
        "changes.",
        "next": "We are asking for funding for a beta in time for the next admissions round in "
        "September.",
        "measures": [
            ("Questions on the form", "46", "22"),
            ("Average time to complete in testing", "21 minutes", "8 minutes"),
        ],
        "lessons": [
            (
                "went_well",
                "engagement",
                "Testing with real postcodes, so parents saw the schools they would actually be "
                "offered, produced far more honest reactions than made-up examples.",
            ),
            (
                "advice",
                "technology",
                "Test a real submission into the supplier's system during alpha, not beta. "
                "Getting a test environment took two weeks, and finding the two field changes "
                "early saved a painful surprise.",
            ),
            (
                "went_wrong",
                "people",
                "Our interaction designer left in week 4 and the agency replacement took three "
                "weeks to arrive. Have a named backup for every critical role in a short alpha.",
            ),
            (
                "went_well",
                "data",
                "Counting which questions had needed hand corrections last year pointed us "
                "straight at the sibling question before research started.",
            ),
        ],
    },
    {
        "slug": "in-house-digital-team",
        "title": "Building an in-house digital team instead of relying on contractors",
        "summary": "Riverholme spent £1.4m a year on digital contractors, who took the "
        "knowledge with them when each project ended. Over three years we built a permanent "
        "team of 18, including four apprentices, using the government's digital job "
        "families. The team costs less, stays longer and now does most of our digital work.",
        "lead": "riverholme-council",
        "author": "hannah.price@riverholme.gov.uk",
        "themes": [
            "agile-project-management",
            "staff-skills-and-digital-mentors",
            "user-centred-design",
        ],
        "service_areas": ["corporate-ict", "customer-services"],
        "objectives": ["efficiency-savings", "knowledge-sharing"],
        "tags": ["in-house team", "recruitment", "apprentices", "contractors"],
        "stage": "live",
        "start": date(2022, 1, 4),
        "end": date(2024, 12, 20),
        "cost": "250k_1m",
        "funding": "Council transformation reserve",
        "people": None,
        "licence": "cc_by",
        "review_in_days": 200,
        "background": "In 2021 almost all of the council's digital work was done by "
        "contractors or agencies. Projects were slow to start, knowledge left with the "
        "contractors, and pay for permanent digital roles was so far below the market that "
        "nobody applied.",
        "aims": [
            "build a permanent multidisciplinary team",
            "reduce spending on contractors",
            "grow local talent through apprenticeships",
        ],
        "did": "We created roles based on the government's digital, data and technology job "
        "families, with a market pay supplement agreed with HR and the unions. We recruited "
        "in three waves, paired each new starter with an outgoing contractor for handover, "
        "and took on four digital apprentices with a local college.",
        "outcomes": "The team now has 18 permanent staff, and contractor spending fell from "
        "£1.4m to £260,000 a year. Average tenure is 2.6 years, and two apprentices have been "
        "promoted into junior developer and researcher roles.",
        "risks": "A market pay supplement could lead to equal pay challenges. HR evaluated "
        "every digital role, and the supplement is reviewed each year against published "
        "salary data.",
        "measures": [
            ("Annual spend on digital contractors", "£1.4m", "£260,000"),
            ("Permanent digital staff", "3", "18"),
        ],
        "lessons": [
            (
                "went_well",
                "people",
                "Pairing each new permanent starter with an outgoing contractor for four weeks "
                "kept the knowledge in the building.",
            ),
            (
                "went_wrong",
                "governance",
                "The market pay supplement took nine months to agree with HR and the unions, "
                "and we lost two strong candidates while we waited. Start that conversation "
                "before you advertise.",
            ),
            (
                "advice",
                "procurement",
                "For work you still buy in, move from open-ended day rates to capped, "
                "outcome-based contracts; it stops endless extensions.",
            ),
            (
                "went_well",
                "process",
                "Recruiting in three waves let the first wave shape the role descriptions and "
                "interview tasks for the next.",
            ),
        ],
    },
    {
        "slug": "website-hosting-to-cloud",
        "title": "Moving our website and forms out of the server room",
        "summary": "Fenmarsh hosted its website, online forms and intranet on ageing servers "
        "in a basement room that flooded in 2022. We moved them to a managed cloud platform "
        "in eight months. Outages have almost stopped, but running costs came in above the "
        "business case because we moved the servers as they were.",
        "lead": "fenmarsh-district-council",
        "author": "ben.carter@fenmarsh.gov.uk",
        "themes": ["cloud"],
        "service_areas": ["corporate-ict"],
        "objectives": ["efficiency-savings"],
        "tags": ["cloud hosting", "server room", "migration"],
        "stage": "live",
        "start": date(2023, 1, 16),
        "end": date(2023, 8, 31),
        "cost": "50k_250k",
        "funding": "ICT capital budget",
        "people": None,
        "review_in_days": 160,
        "background": "The server room had no back-up power beyond a small battery and was "
        "below the water table. After a flood took the website offline for two days during "
        "council tax billing, councillors asked for a plan to move out.",
        "aims": [
            "get public-facing services out of the server room",
            "improve availability to 99.9%",
            "remove the risk of another multi-day outage",
        ],
        "did": "We moved 23 virtual servers to a managed cloud platform as they were ('lift "
        "and shift'), because the deadline was the next billing period. A supplier did the "
        "migration with two of our infrastructure team, moving one service a fortnight, least "
        "important first.",
        "outcomes": "Availability has been 99.95% since the move, and the server room now "
        "holds only network equipment. But monthly running costs are about 30% higher than "
        "the business case, because servers sized for the old hardware were moved without "
        "resizing.",
        "risks": "Migrating during billing season could have caused exactly the outage we were "
        "trying to avoid. We froze changes for the two weeks around billing and moved the "
        "website last.",
        "next": "We are now resizing servers and moving the forms platform to a hosted "
        "product, which should bring costs back in line with the business case.",
        "measures": [("Service availability", "98.7%", "99.95%")],
        "lessons": [
            (
                "went_wrong",
                "technology",
                "Lifting and shifting servers sized for the old hardware made the cloud bill "
                "30% higher than the business case. Resize before, or straight after, you move.",
            ),
            (
                "went_well",
                "process",
                "Moving one service a fortnight, least important first, meant every migration "
                "taught us something before the website moved.",
            ),
            (
                "advice",
                "procurement",
                "Put resizing in the migration supplier's scope. Ours stopped at 'servers "
                "running in the cloud'.",
            ),
        ],
    },
    {
        "slug": "shared-form-components",
        "title": "A shared library of accessible form components for councils",
        "summary": "The department, Ravensbury and Millbeck are building an open-source "
        "library of form components (address lookup, date of birth, evidence upload, "
        "payment) that any council can use in its own forms platform. Fourteen councils now "
        "use at least one, and each component is audited for accessibility once rather than "
        "in every council.",
        "lead": "department-for-communities-and-local-services",
        "partners": ["london-borough-of-ravensbury", "millbeck-city-council"],
        "author": "alex.morgan@dcls.gov.uk",
        "contacts": [
            "alex.morgan@dcls.gov.uk",
            "daniel.osei@ravensbury.gov.uk",
            "emma.lindqvist@millbeck.gov.uk",
        ],
        "review_owner": "daniel.osei@ravensbury.gov.uk",
        "themes": ["user-centred-design", "agile-project-management"],
        "service_areas": ["customer-services", "corporate-ict"],
        "objectives": ["collaboration", "knowledge-sharing", "efficiency-savings"],
        "tags": ["design system", "components", "accessibility", "open source"],
        "stage": "beta",
        "start": date(2025, 2, 3),
        "end": None,
        "cost": "250k_1m",
        "funding": "Department local digital fund",
        "people": None,
        "licence": "cc_by",
        "review_in_days": 150,
        "background": "Every council builds the same form patterns, and many fail "
        "accessibility audits on the same ones: address lookup, date inputs and file upload. "
        "Since the 2018 accessibility regulations this is a legal problem as well as a "
        "practical one.",
        "aims": [
            "build the ten most common form components once, to a high standard",
            "make them work in the forms platforms councils already use",
            "share the cost of accessibility testing",
        ],
        "did": "A joint team of six, with developers from both councils and a delivery manager "
        "from the department, works in two-week sprints with a public backlog. Each component "
        "is researched with residents in both boroughs, audited by an accessibility "
        "specialist and released with code and guidance. A monthly call brings together the "
        "councils using the components.",
        "outcomes": "Seven components have been released. Fourteen councils use at least one, "
        "and three forms platform suppliers offer them as options. No accessibility defects "
        "have been reported in eight months of use.",
        "risks": "Shared components need an owner once the funding ends. A governance group of "
        "the councils using them is working on a small annual subscription.",
        "next": "Three more components are planned, and the governance group will settle the "
        "long-term funding model by March.",
        "measures": [("Councils using at least one component", "2", "14")],
        "lessons": [
            (
                "went_well",
                "process",
                "Publishing the backlog openly meant councils could see what was coming and "
                "stopped building their own versions.",
            ),
            (
                "went_wrong",
                "governance",
                "We left the question of who owns the components after the grant until the "
                "second year. Decide the long-term ownership model before you release anything.",
            ),
            (
                "advice",
                "technology",
                "Build for the forms platforms councils already use rather than asking them to "
                "adopt a new one; take-up only started when we released plug-ins for the three "
                "most common.",
            ),
            (
                "went_well",
                "engagement",
                "The monthly call for councils using the components produced more bug reports "
                "and ideas than our feedback form ever did.",
            ),
        ],
    },
    {
        "slug": "show-and-tells-not-project-boards",
        "title": "Replacing monthly project boards with fortnightly show and tells",
        "summary": "Ravensbury's digital projects reported to monthly boards through "
        "traffic-light highlight reports that nobody believed. We replaced them with "
        "fortnightly show and tells open to anyone, councillors included, and a one-page "
        "decision log. Decisions now take days rather than months, and internal audit found "
        "assurance stronger, not weaker.",
        "lead": "london-borough-of-ravensbury",
        "author": "daniel.osei@ravensbury.gov.uk",
        "themes": ["agile-project-management"],
        "service_areas": ["corporate-ict"],
        "objectives": ["knowledge-sharing", "participation"],
        "tags": ["governance", "show and tell", "councillors", "assurance"],
        "stage": "live",
        "start": date(2024, 4, 1),
        "end": date(2025, 3, 31),
        "cost": "under_10k",
        "funding": "No additional funding",
        "people": None,
        "review_in_days": 30,
        "background": "Every digital project had a board of senior officers that met monthly "
        "and received a highlight report. Reports were almost always amber, decisions were "
        "often deferred to the next meeting, and teams spent a day a month writing reports.",
        "aims": [
            "make decisions faster",
            "give senior people a true picture of progress",
            "spend less time on reporting",
        ],
        "did": "Each team now shows its working software every fortnight in a 30-minute open "
        "session, recorded for anyone who cannot attend. Decisions that need a senior officer "
        "are raised in the session and recorded in a one-page decision log. A quarterly "
        "review with the director looks at outcomes and spending across all projects.",
        "outcomes": "The median time to a decision fell from 31 days to six, and teams "
        "estimate they each save a day a month on reporting. Internal audit reviewed the "
        "approach and found decisions better evidenced than before.",
        "risks": "Without formal boards, senior officers might feel they had lost control. The "
        "decision log and quarterly review give them a clear record, and directors attend "
        "show and tells regularly.",
        "measures": [("Median days to a project decision", "31", "6")],
        "lessons": [
            (
                "went_well",
                "governance",
                "Internal audit found that the decision log and recorded show and tells gave "
                "better evidence of decisions than the old board minutes.",
            ),
            (
                "went_wrong",
                "engagement",
                "Our first show and tells were full of jargon and slides. Councillors stopped "
                "coming until we banned slides and showed only working software.",
            ),
            (
                "advice",
                "people",
                "Invite councillors, but brief them first on what a show and tell is for; one "
                "early session turned into a scrutiny meeting.",
            ),
        ],
    },
    {
        "slug": "leaving-low-code-platform",
        "title": "Moving away from a low-code platform after five years",
        "summary": "Fenmarsh built 60 online forms and workflows on a low-code platform from "
        "2020. It let us move fast during the pandemic, but licence costs tripled and only "
        "one officer could maintain the forms. We moved to a simpler forms product shared "
        "with Aldbridge and a separate integration layer, and switched the platform off.",
        "lead": "fenmarsh-district-council",
        "author": "ben.carter@fenmarsh.gov.uk",
        "themes": ["cloud", "agile-project-management"],
        "service_areas": ["corporate-ict", "customer-services"],
        "objectives": ["efficiency-savings"],
        "tags": ["low-code", "vendor lock-in", "exit", "forms platform"],
        "stage": "retired",
        "start": date(2020, 2, 3),
        "end": date(2025, 1, 31),
        "cost": "50k_250k",
        "funding": "ICT revenue budget",
        "people": None,
        "review_in_days": 30,
        "background": "In 2020 we needed dozens of forms quickly, for business grants, support "
        "payments and changes to services. A low-code platform let a small team build them in "
        "days.",
        "aims": [
            "build forms and workflows quickly without a development team",
            "connect forms to back-office systems",
            "later, reduce the cost of the platform and our dependence on it",
        ],
        "did": "Between 2020 and 2024 one officer, trained by the supplier, built 60 forms and "
        "22 workflows. When the supplier moved to per-user licences, we reviewed every form, "
        "retired 19 and moved the rest to a forms product shared with Aldbridge, with "
        "connections to back-office systems through a separate, documented integration layer.",
        "outcomes": "Annual costs fell from £94,000 to £31,000, and forms are now maintained "
        "by three people across two councils. The migration took 14 months, twice what we "
        "planned, mainly because the workflows had undocumented logic buried in them.",
        "risks": "Losing the one officer who understood the platform was the biggest risk. "
        "They led the migration and documented each workflow as it moved.",
        "measures": [
            ("Annual platform costs", "£94,000", "£31,000"),
            ("Staff able to maintain forms", "1", "3"),
        ],
        "lessons": [
            (
                "went_wrong",
                "procurement",
                "At renewal the supplier moved from a flat fee to per-user licences, tripling "
                "the cost. Check what a contract lets the supplier change at renewal, and cap "
                "it.",
            ),
            (
                "went_wrong",
                "people",
                "Only one officer could maintain 60 forms and 22 workflows. Never let a "
                "platform depend on a single person, however quick it makes things.",
            ),
            (
                "went_well",
                "process",
                "Reviewing every form before migrating let us retire 19 that nobody used, "
                "cutting the migration work by almost a third.",
            ),
            (
                "advice",
                "technology",
                "Keep integrations with back-office systems in a separate, documented layer, "
                "so the forms tool can be replaced without rebuilding them.",
            ),
        ],
    },
]
