"""Case studies in the Channel shift community (open)."""

from datetime import date

COMMUNITY = "channel-shift"

CASE_STUDIES = [
    {
        "slug": "garden-waste-subscriptions-online",
        "title": "Garden waste subscriptions online in six weeks",
        "summary": "Aldbridge sold most garden waste subscriptions over the phone, which swamped "
        "the contact centre every February. We built an online subscription form with card "
        "payment and address lookup in six weeks; 91% of renewals now happen online and "
        "February call volumes fell by more than two thirds.",
        "lead": "aldbridge-district-council",
        "author": "jo.hartley@aldbridge.gov.uk",
        "themes": ["channel-shift", "customer-contact"],
        "service_areas": ["waste-and-recycling", "customer-services"],
        "objectives": ["efficiency-savings"],
        "tags": ["garden waste", "payments", "subscriptions", "forms"],
        "stage": "live",
        "start": date(2023, 1, 9),
        "end": date(2023, 4, 28),
        "cost": "10k_50k",
        "funding": "Invest-to-save reserve",
        "people": 21400,
        "review_in_days": -45,
        "background": "Garden waste collection is a paid, opt-in service at Aldbridge with "
        "about 21,000 subscribing households. Renewals opened each February by letter, and "
        "most people phoned to pay by card. Waiting times passed 25 minutes during renewal "
        "month, and everyone else who rang, including people reporting missed collections or "
        "asking about benefits, waited with them.\n\n"
        "Crews worked from printed round sheets corrected by hand, so new subscribers were "
        "sometimes missed for weeks.",
        "aims": [
            "take at least two thirds of renewals online in the first year",
            "cut February call volumes by half",
            "get new subscribers onto crew rounds within five working days",
        ],
        "did": "A small team (the web officer, a revenues officer and a waste supervisor, each "
        "for two days a week) built the form on the council's existing forms platform. It "
        "looks up the address in the local gazetteer, takes payment through the council's "
        "card payment provider and writes the subscription and property reference straight "
        "into the waste management system.\n\n"
        "- Weeks 1 and 2: mapped the renewal journey and tested a paper prototype with eight "
        "residents at the council offices.\n"
        "- Weeks 3 to 5: built and tested the form, payment and integration.\n"
        "- Week 6: soft launch to 500 households, then a short link on every renewal letter.",
        "outcomes": "In the first renewal season 91% of subscriptions were taken online, "
        "against 34% the year before, when only a basic email form existed. Calls in February "
        "fell from about 6,800 to 1,950, and the contact centre did without its usual agency "
        "staff for the month, saving around £9,000. New subscribers now appear on crew rounds "
        "the next working day.",
        "risks": "We worried that older residents would be pushed online against their will. "
        "The phone line stayed open throughout, staffed by the same team, and we checked the "
        "age profile of phone renewals each week. It hardly changed, which suggested that "
        "people who wanted to phone still could.",
        "next": "We are adding a 'pause my subscription' option for people who are away over "
        "the summer, and reusing the same pattern for bulky waste collections.",
        "measures": [
            ("Renewals taken online", "34%", "91%"),
            ("Contact centre calls in February", "6,800", "1,950"),
        ],
        "lessons": [
            (
                "went_well",
                "process",
                "Launching two weeks before the renewal letters went out gave us time to fix a "
                "payment reference bug while volumes were low. Next year we will soft-launch a "
                "month ahead.",
            ),
            (
                "went_wrong",
                "technology",
                "The payment provider's hosted page timed out after ten minutes, and residents "
                "who typed their card details slowly lost their basket. Ask your provider to "
                "raise the timeout before go-live; ours did it in a day once asked.",
            ),
            (
                "advice",
                "engagement",
                "Put a short, memorable web address on the paper letter rather than the full "
                "form address. The short link brought in 40% of all online renewals.",
            ),
            (
                "went_well",
                "data",
                "Matching addresses to the gazetteer's property reference (UPRN) at sign-up "
                "ended years of hand-corrected round sheets, and crews stopped missing new "
                "subscribers.",
            ),
        ],
    },
    {
        "slug": "council-tax-self-service-account",
        "title": "A self-service account for council tax and benefits",
        "summary": "Ironvale replaced phone and email contact for routine council tax changes "
        "with an online account where residents can see bills, set up direct debits, report a "
        "move and claim a discount. Eighteen months on, 118,000 households have an account, "
        "calls have fallen by a third and online direct debit take-up has more than doubled.",
        "lead": "ironvale-metropolitan-borough-council",
        "author": "aisha.begum@ironvale.gov.uk",
        "themes": ["channel-shift", "customer-contact"],
        "service_areas": ["council-tax", "revenues-and-benefits"],
        "objectives": ["efficiency-savings", "better-outcomes"],
        "tags": ["council tax", "direct debit", "self-service", "single sign-on"],
        "stage": "live",
        "start": date(2022, 4, 4),
        "end": date(2023, 9, 29),
        "cost": "250k_1m",
        "funding": "Capital programme (digital transformation)",
        "people": 118000,
        "review_in_days": 120,
        "background": "Council tax was Ironvale's busiest phone line: about 14,000 calls a "
        "month, more than half of them asking for a copy bill, a new payment date or a change "
        "of address. Emails went to a shared inbox whose backlog reached six weeks every "
        "spring, and each one was keyed into the revenues system by hand.",
        "aims": [
            "let residents do the ten most common council tax tasks online, at any time",
            "reduce council tax calls by a quarter",
            "move more people to direct debit, which costs far less to collect",
        ],
        "did": "We bought the account module offered by our revenues system supplier, so that "
        "changes would flow into the back office without re-keying. Two experienced revenues "
        "officers joined the project full time for a year. We ran usability testing every "
        "fortnight with residents recruited at the civic centre and through the tenants' "
        "forum, and released the account to 5,000 households before opening it to everyone.\n\n"
        "The shared inbox closed three months after launch, once online take-up passed 40%.",
        "outcomes": "Council tax calls fell from about 14,200 a month to 8,900, and the inbox "
        "backlog disappeared. Online sign-ups rose from 12% to 63% of all new direct debits. "
        "The revenues team moved four posts to recovery work, which collected an extra £1.1m "
        "of arrears the following year.",
        "risks": "Residents who cannot use the account were the main risk. The civic centre "
        "kept a staffed help point and the phone line kept every option; we simply stopped "
        "promoting it first.",
        "next": "The biggest complaint is that residents need a separate login for other "
        "council services. We are working on single sign-on, which has turned out to be much "
        "harder than the supplier suggested.",
        "measures": [
            ("Council tax calls per month", "14,200", "8,900"),
            ("New direct debits set up online", "12%", "63%"),
        ],
        "lessons": [
            (
                "went_wrong",
                "procurement",
                "We bought the revenues supplier's portal because it was 'already integrated'. "
                "It could not do single sign-on with anything else, so residents now have two "
                "council accounts. Test integration claims with a real end-to-end journey "
                "before you sign.",
            ),
            (
                "went_well",
                "people",
                "Moving two experienced revenues officers into the team full time halved the "
                "rework on letters and screens; they knew which questions the back office "
                "actually needed answered.",
            ),
            (
                "went_wrong",
                "engagement",
                "We announced the closure of the email inbox in the month of launch and "
                "complaints spiked. Close old channels only after online take-up passes a "
                "threshold you set in advance; ours became 40%.",
            ),
            (
                "advice",
                "governance",
                "Agree who owns the account once it is live. Ours sat between ICT and revenues "
                "for six months with nobody approving content changes, and a wrong discount "
                "rate stayed on screen for weeks.",
            ),
        ],
    },
    {
        "slug": "missed-bin-reports-in-cab",
        # Written and submitted, waiting for a facilitator to approve it.
        "awaiting_review": True,
        "title": "Missed bin reports that know whether the crew has been",
        "summary": "Ardglen and Lisnavar connected its online missed bin form to the tablets in "
        "its collection vehicles. Residents now see straight away whether the crew has been "
        "down their street and whether the bin was recorded as not put out, which removed a "
        "third of reports and halved the time to resolve the rest.",
        "lead": "ardglen-and-lisnavar-borough-council",
        "author": "liam.doherty@ardglenlisnavar.gov.uk",
        "themes": ["channel-shift", "mobile", "smart-places"],
        "service_areas": ["waste-and-recycling"],
        "objectives": ["efficiency-savings", "better-outcomes"],
        "tags": ["missed bins", "in-cab technology", "integration"],
        "stage": "live",
        "start": date(2024, 2, 5),
        "end": date(2024, 11, 29),
        "cost": "50k_250k",
        "funding": "Council capital budget",
        "people": 64000,
        "licence": "cc_by",
        "review_in_days": 200,
        "background": "Most missed bin reports came by phone, and around a third of them "
        "turned out to be bins that had not been put out in time. Call handlers had no way of "
        "knowing, so every report became a job for a supervisor, who rang the crew, and the "
        "answer reached the resident two or three days later.",
        "aims": [
            "tell residents, at the moment they report, whether the crew has visited",
            "move most missed bin reports online",
            "resolve genuine missed collections within two working days",
        ],
        "did": "The vehicles already had in-cab tablets that recorded each street as completed "
        "and let crews mark individual properties as 'not presented'. We built a small "
        "integration that the online form calls when someone enters their address. If the "
        "round is still running, the form says so; if the bin was marked not presented, it "
        "says that, with the time. Only genuine misses become jobs, and they go straight to "
        "the crew's tablet rather than to a supervisor.\n\n"
        "We spent a week riding with crews before designing anything, and tested the wording "
        "of the 'not presented' message with residents, because it is easy to sound "
        "accusatory.",
        "outcomes": "Phone reports fell from 71% to 22% of all reports. A third of would-be "
        "reports now end at the 'crew has not finished yet' or 'not presented' message. The "
        "average time to close a genuine missed collection fell from 3.2 days to 1.4.",
        "risks": "Telling residents their bin was not out could start arguments. They can "
        "dispute it with a photo, and supervisors review disputes weekly; fewer than 2% of "
        "'not presented' messages are disputed.",
        "measures": [
            ("Missed bin reports made by phone", "71%", "22%"),
            ("Average days to close a missed collection", "3.2", "1.4"),
        ],
        "lessons": [
            (
                "went_well",
                "technology",
                "Because crews already marked properties 'not presented' on their tablets, the "
                "form could answer most questions instantly. Find out what data your vehicles "
                "already collect before buying anything new.",
            ),
            (
                "went_wrong",
                "data",
                "The round data used different street names from the address gazetteer for "
                "about 600 properties, and those residents got a 'no collection due' error for "
                "the first month. Reconcile the two before launch, not after.",
            ),
            (
                "advice",
                "people",
                "Ride with the crews. The drivers told us about the 'not presented' button, "
                "which nobody in the office knew was used so consistently.",
            ),
        ],
    },
    {
        "slug": "housing-repairs-chatbot",
        "title": "A chatbot for housing repairs, and why we switched it off",
        "summary": "Riverholme launched a chatbot to take repair requests from its 11,000 "
        "tenants, hoping it would handle nearly half of them without an officer. It never "
        "got above 22%, misrouted some urgent repairs and cost more per repair than the phone "
        "line. We switched it off after 21 months and replaced it with a simple online "
        "repairs form with photos.",
        "lead": "riverholme-council",
        "author": "hannah.price@riverholme.gov.uk",
        "themes": ["automation-and-ai", "channel-shift", "customer-contact"],
        "service_areas": ["housing", "customer-services"],
        "objectives": ["efficiency-savings", "open-innovation"],
        "tags": ["chatbot", "repairs", "tenants", "exit criteria"],
        "stage": "retired",
        "start": date(2021, 5, 10),
        "end": date(2023, 2, 28),
        "cost": "50k_250k",
        "funding": "Government innovation grant with council match funding",
        "people": 9000,
        "review_in_days": -20,
        "background": "The repairs line took about 4,000 calls a month and tenants often "
        "waited more than 20 minutes. A government fund was offering grants to test "
        "conversational AI, and a chatbot that could diagnose a repair and book an "
        "appointment looked like a way to take pressure off the phones at any hour.",
        "aims": [
            "handle 45% of repair requests without an officer",
            "bring the average wait on the repairs line under five minutes",
            "give tenants a way to report repairs out of hours",
        ],
        "did": "We bought a chatbot platform through a framework and trained it on two years "
        "of repair records. It ran on the council website and in the tenant app. A housing "
        "officer reviewed conversations every week and added new phrases, and we promoted the "
        "bot on rent statements and in the tenants' newsletter.\n\n"
        "We set exit criteria at the start: if fewer than 30% of conversations ended in a "
        "booked repair for two quarters in a row, we would stop.",
        "outcomes": "At its best the bot completed 22% of repair requests without an officer. "
        "Tenants gave up when their problem did not fit its categories and then phoned "
        "anyway, often more frustrated. In the first three months it classed 18% of urgent "
        "repairs as routine, until we added a keyword safety net. We met the exit criteria in "
        "late 2022 and switched it off in February 2023.",
        "risks": "The risk we underestimated was safety: a tenant with no heating in winter or "
        "an electrical fault could be offered a routine appointment. After the first month, "
        "every conversation mentioning gas, electricity, water or heating went to a person.",
        "next": "The replacement repairs form, with photo upload and a short list of repair "
        "types, takes 31% of repairs with none of the misrouting. We would consider "
        "conversational tools again for simple questions, but not for diagnosis.",
        "measures": [
            ("Repair requests completed without an officer", "0%", "22% (target 45%)"),
        ],
        "lessons": [
            (
                "went_wrong",
                "technology",
                "The bot understood 'my boiler is broken' but not 'no hot water and the kids "
                "need a bath', which is how tenants actually describe emergencies. Train and "
                "test on tenants' own words, not on the job codes in the repairs system.",
            ),
            (
                "went_wrong",
                "procurement",
                "The licence was priced per conversation with a minimum commitment of 20,000 "
                "conversations a year. When use fell we kept paying for conversations nobody "
                "had. Avoid minimum volumes on anything unproven.",
            ),
            (
                "went_well",
                "governance",
                "Writing exit criteria into the business case made the decision to stop quick "
                "and uncontroversial; nobody had to defend a sunk cost.",
            ),
            (
                "advice",
                "engagement",
                "Tenants trusted a plain online form with photos more than a chat window. Test "
                "the simple option alongside the clever one before committing.",
            ),
            (
                "went_well",
                "data",
                "The weekly review of conversations was the best research we have ever done on "
                "how tenants describe repairs, and it shaped the replacement form's categories.",
            ),
        ],
    },
    {
        "slug": "blue-badge-application",
        "title": "A Blue Badge application that people can finish",
        "summary": "Almost two thirds of Blue Badge applicants in Northmoor gave up on the "
        "online form or sent it without the evidence needed. We rebuilt the application "
        "around what assessors actually use and let people upload evidence with a phone "
        "camera. In beta, online completion has risen to 61% and applications returned for "
        "missing evidence have more than halved.",
        "lead": "northmoor-county-council",
        "author": "sam.whitfield@northmoor.gov.uk",
        "themes": ["channel-shift", "user-centred-design"],
        "service_areas": ["adult-social-care", "customer-services"],
        "objectives": ["better-outcomes"],
        "tags": ["Blue Badge", "accessibility", "evidence upload", "forms"],
        "stage": "beta",
        "start": date(2025, 9, 1),
        "end": None,
        "cost": "10k_50k",
        "funding": "Adult social care service budget",
        "people": 14000,
        "review_in_days": 90,
        "background": "Northmoor handles about 14,000 Blue Badge applications a year. The "
        "online form was a copy of the paper one, with a long free-text section on medical "
        "conditions and an upload that accepted only PDF files. Many applicants gave up; "
        "others posted documents separately, which then had to be matched to applications by "
        "hand, adding weeks to decisions.",
        "aims": [
            "increase the share of applications completed online",
            "halve the number of applications returned for missing evidence",
            "bring the time to a decision under six weeks",
        ],
        "did": "We sat with the assessment team for two days and went through 60 recent "
        "decisions to see which answers they actually used. Then we tested a prototype with "
        "eight applicants, and their carers, at two libraries and a day centre. The new form "
        "asks only for what assessors need, explains in plain words what evidence counts, and "
        "accepts photos from a phone camera.\n\n"
        "The form is in public beta alongside the old one, with a third of applicants sent to "
        "the new version.",
        "outcomes": "In beta, 61% of applicants complete the application online, up from 38%, "
        "and applications returned for missing evidence have fallen from 29% to 12%. Decisions "
        "take seven weeks rather than eleven; assessors say most of the remaining delay is in "
        "booking mobility assessments.",
        "risks": "The data protection impact assessment found that the old form collected "
        "detailed health information nobody needed. Removing it reduced risk, but we had to "
        "show assessors that the shorter form would not make them miss anything, which is why "
        "we reviewed real decisions first.",
        "next": "We will switch over fully once a renewal season has run through the new form, "
        "and we are talking to the mobility assessment provider about online booking.",
        "measures": [
            ("Applications completed online", "38%", "61%"),
            ("Applications returned for missing evidence", "29%", "12%"),
            ("Average weeks to a decision", "11", "7"),
        ],
        "lessons": [
            (
                "went_well",
                "engagement",
                "Testing with eight applicants at two libraries showed that uploading proof of "
                "identity was where people gave up. Accepting a photo taken on a phone fixed "
                "most of it.",
            ),
            (
                "advice",
                "process",
                "Read the national eligibility guidance with the assessors before writing any "
                "questions. Half of our draft questions asked for evidence the assessors never "
                "used.",
            ),
            (
                "went_wrong",
                "data",
                "We carried over the paper form's free-text box for medical conditions, which "
                "collected sensitive health data nobody needed. The DPIA caught it late and "
                "changing it cost us a sprint.",
            ),
            (
                "went_well",
                "governance",
                "Running the new form alongside the old one, with a share of traffic, let the "
                "service manager approve the beta without a big-bang decision.",
            ),
        ],
    },
    {
        "slug": "recycling-centre-bookings",
        "title": "Keeping booked visits at recycling centres after the pandemic",
        "summary": "Millbeck introduced booking slots at its three household waste recycling "
        "centres when they reopened in May 2020. Queues that had stretched onto the ring road "
        "disappeared, so we kept booking permanently, added number plate recognition at the "
        "gates and used the booking data to design a separate service for small traders.",
        "lead": "millbeck-city-council",
        "author": "emma.lindqvist@millbeck.gov.uk",
        "themes": ["channel-shift", "smart-places"],
        "service_areas": ["waste-and-recycling"],
        "objectives": ["better-outcomes"],
        "tags": ["recycling centres", "bookings", "number plate recognition", "pandemic"],
        "stage": "live",
        "start": date(2020, 5, 18),
        "end": date(2021, 3, 31),
        "cost": "50k_250k",
        "funding": "Pandemic emergency funding, then the waste service budget",
        "people": 96000,
        "review_in_days": 150,
        "background": "Before 2020, Millbeck's recycling centres took no bookings. On bank "
        "holiday weekends queues backed onto main roads, and twice the police asked us to "
        "close a site. When the sites reopened after the first lockdown, bookings were "
        "brought in as a temporary measure to keep staff and residents safe.",
        "aims": [
            "keep queues off the public highway",
            "spread visits more evenly through the week",
            "find out who was really using the sites",
        ],
        "did": "We set up a booking form in a week using a hosted appointments product, with "
        "15-minute slots and a limit of two visits a week per vehicle. After the first summer "
        "we moved to a proper booking system with number plate recognition cameras at the "
        "gates, so staff no longer check printed lists. People who cannot book online can "
        "phone, and every site keeps a few walk-up slots.",
        "outcomes": "Peak queues fell from about 45 minutes to under five, visits are spread "
        "across the week and staff report far less abuse at the gate. The booking data showed "
        "that a large share of Saturday morning visits came from vans registered to small "
        "businesses, which gave us the evidence to launch a paid trade waste service at one "
        "site.",
        "risks": "Fly-tipping was the main fear. Reports for the two years before and after "
        "did not rise in a way we could link to booking; it was the question councillors "
        "asked most often.",
        "measures": [
            ("Average queue at peak times", "45 minutes", "under 5 minutes"),
        ],
        "lessons": [
            (
                "went_well",
                "data",
                "Booking data showed that vans registered to small businesses made up much of "
                "the Saturday morning peak, which gave us the evidence for a separate trade "
                "waste offer.",
            ),
            (
                "went_wrong",
                "engagement",
                "We made booking compulsory without telling people in neighbouring areas that "
                "our sites were for Millbeck residents only. Turned-away cars queued at the "
                "gate and the story made the local paper.",
            ),
            (
                "advice",
                "technology",
                "Number plate cameras at the gate let staff check bookings without leaving the "
                "kiosk. Budget for them from the start rather than checking printed lists.",
            ),
            (
                "advice",
                "governance",
                "Get councillors to agree the fly-tipping measures you will report before you "
                "make booking permanent; it turns an argument into a review of the numbers.",
            ),
        ],
    },
    {
        "slug": "shared-automated-payment-line-discovery",
        "title": "Discovery: one automated payment line for two district councils",
        "summary": "Aldbridge and Fenmarsh each pay for an automated telephone payment line, "
        "and both contracts end in 2027. In a six-week discovery we looked at who still pays "
        "by phone, and why, before deciding whether to buy one shared service or none at all.",
        "lead": "aldbridge-district-council",
        "partners": ["fenmarsh-district-council"],
        "author": "grace.whitaker@aldbridge.gov.uk",
        "contacts": ["grace.whitaker@aldbridge.gov.uk", "peter.quinn@fenmarsh.gov.uk"],
        "review_owner": "peter.quinn@fenmarsh.gov.uk",
        "themes": ["channel-shift", "customer-contact"],
        "service_areas": ["council-tax", "customer-services"],
        "objectives": ["collaboration", "efficiency-savings"],
        "tags": ["automated payments", "PCI DSS", "shared service"],
        "stage": "discovery",
        "start": date(2026, 6, 1),
        "end": None,
        "cost": "under_10k",
        "funding": "Shared services partnership budget",
        "people": None,
        "review_in_days": 60,
        "background": "Both councils offer an automated line for paying council tax, business "
        "rates and invoices by card, and between them take about 45,000 payments a year that "
        "way. The two contracts end within four months of each other, and the councils "
        "already share a customer services manager.",
        "aims": [
            "understand who pays by automated phone line, and why",
            "find out whether one shared line would work for both councils",
            "give both leadership teams a clear recommendation before procurement starts",
        ],
        "did": "A user researcher and a business analyst from the shared service worked on the "
        "discovery for six weeks. We analysed a year of call logs from both lines, listened "
        "to 120 recorded calls about payments, and interviewed 14 residents who had paid by "
        "phone in the last month, six of them at home.\n\n"
        "- Weeks 1 and 2: data analysis and call listening.\n"
        "- Weeks 3 to 5: interviews, and market sounding with four suppliers.\n"
        "- Week 6: options paper and a show and tell for both leadership teams.",
        "outcomes": "Around 30% of calls to the payment lines were people checking a balance, "
        "not paying. Most people who paid by phone did so because they did not trust paying "
        "online, not because they had no internet. A shared line is feasible, and suppliers "
        "indicated per-transaction prices that would save about a fifth on current costs.",
        "risks": "The biggest open risk is card security compliance (PCI DSS) in a shared "
        "service, which neither council's assessor has looked at before.",
        "next": "Both leadership teams decide in January whether to procure together. If they "
        "do, we will first run a short alpha of a balance-checking option.",
        "lessons": [
            (
                "advice",
                "data",
                "Pull a year of call logs before the discovery starts. A third of calls to our "
                "payment lines were people asking for their balance, which nobody had noticed.",
            ),
            (
                "went_well",
                "procurement",
                "Pooling call volumes across two councils put us above the point where "
                "suppliers offered a per-transaction price instead of a fixed annual licence.",
            ),
            (
                "went_wrong",
                "governance",
                "Each council had its own PCI DSS assessor and neither would sign off the "
                "other's controls. Agree one assessor for a shared service before you design it.",
            ),
            (
                "went_well",
                "engagement",
                "Interviewing residents at home rather than at the council offices got much "
                "franker answers about why they did not trust paying online.",
            ),
        ],
    },
    {
        "slug": "non-emergency-reporting-online",
        "title": "Moving non-emergency reports from 101 to online forms",
        "summary": "Callers to Kestrel Valley Police's 101 line waited up to 19 minutes at "
        "peak times. By routing the most common non-emergency reports through the national "
        "online reporting forms and training call handlers to triage them, we have cut peak "
        "waits to eight minutes and now take two in five non-emergency reports online.",
        "lead": "kestrel-valley-police",
        "author": "rob.singh@kestrelvalley.police.uk",
        "themes": ["channel-shift", "customer-contact"],
        "service_areas": ["community-safety"],
        "objectives": ["efficiency-savings", "better-outcomes"],
        "tags": ["101", "online crime reporting", "contact management"],
        "stage": "beta",
        "start": date(2025, 1, 13),
        "end": None,
        "cost": "50k_250k",
        "funding": "Force digital transformation budget",
        "people": 41000,
        "review_in_days": 30,
        "background": "The force's 101 line handles about 30,000 calls a month. Many are about "
        "lost property, minor collisions and low-level antisocial behaviour, which need "
        "recording but not an immediate response. Long waits meant people hung up, and some "
        "rang 999 instead, adding to the pressure on emergency call handlers.",
        "aims": [
            "take at least a third of non-emergency reports online",
            "bring the peak 101 wait under ten minutes",
            "reduce inappropriate 999 calls",
        ],
        "did": "We adopted the national online reporting forms used by many forces rather than "
        "building our own, and spent the effort on routing reports to the right team and on "
        "what callers hear while they wait. Call handlers were involved from the start: eight "
        "of them helped design the triage rules and now handle online reports alongside "
        "calls.",
        "outcomes": "Two in five non-emergency reports now arrive online, and peak waits have "
        "fallen from 19 minutes to eight. It is too early to say whether inappropriate 999 "
        "calls have fallen, because other changes in the control room happened at the same "
        "time.",
        "risks": "Online reports that need urgent action could sit in a queue. Every online "
        "report is screened for risk words within 30 minutes during the day and within two "
        "hours overnight.",
        "next": "We plan to add antisocial behaviour reports with a map, and to measure repeat "
        "callers more carefully before beta ends.",
        "measures": [
            ("Average 101 wait at peak", "19 minutes", "8 minutes"),
            ("Non-emergency reports made online", "9%", "40%"),
        ],
        "lessons": [
            (
                "went_wrong",
                "people",
                "Some call handlers saw online reporting as a threat to their jobs and told "
                "callers the website 'doesn't work'. Bringing them into the triage of online "
                "reports turned them into the service's best advocates.",
            ),
            (
                "went_well",
                "technology",
                "Using the national online forms rather than building our own saved months. "
                "The effort went into routing, which is where the difference is made.",
            ),
            (
                "advice",
                "data",
                "Agree mandatory fields with your crime recording team. Incomplete online "
                "reports cannot be recorded properly and end up back on the phone anyway.",
            ),
        ],
    },
    {
        "slug": "assisted-digital-help-points",
        "title": "Idea: staffed help points instead of a reception desk",
        "summary": "Ironvale wants to replace its civic centre reception desk with three "
        "staffed help points where residents use the online services themselves, with an "
        "officer beside them. Before asking for funding we would like to hear from councils "
        "that have tried something similar, whether it worked or not.",
        "lead": "ironvale-metropolitan-borough-council",
        "author": "aisha.begum@ironvale.gov.uk",
        "themes": ["channel-shift", "customer-contact", "digital-inclusion-and-broadband"],
        "service_areas": ["customer-services"],
        "objectives": ["better-outcomes", "knowledge-sharing"],
        "tags": ["assisted digital", "reception", "help points"],
        "stage": "idea",
        "start": date(2026, 10, 1),
        "end": None,
        "cost": "",
        "funding": "Not yet funded",
        "people": None,
        "review_in_days": 120,
        "background": "About 300 people a day come to the civic centre reception, mostly for "
        "things that can be done online: council tax, parking permits, housing applications. "
        "Receptionists do the task for them, so visitors learn nothing they can use next "
        "time, and queues build at lunchtime.",
        "aims": [
            "help visitors do things online for themselves when they come in",
            "keep a person on hand for anyone who needs one",
            "reduce repeat visits for the same task",
        ],
        "did": "So far we have counted visits for four weeks, asked 90 visitors why they came "
        "and whether they had tried online first, and visited two councils with self-service "
        "areas. Reception staff kept a tally of the tasks they did most.",
        "outcomes": "Two thirds of visitors had not tried online first; about half of those "
        "said they would, with help. Reception staff liked the idea of helping people rather "
        "than doing it for them, as long as they still had time for visitors who need more.",
        "risks": "The obvious risk is that people who need face-to-face help feel turned "
        "away. Any design will keep a private room and appointments for people in crisis or "
        "with complex needs.",
        "next": "We are looking for one or two councils to compare notes with before we write "
        "a business case in the spring. Please get in touch through the contact on this page.",
        "lessons": [
            (
                "advice",
                "engagement",
                "Ask visitors why they came before designing anything. We assumed people came "
                "because they had no internet; most came because they wanted someone to check "
                "they had got it right.",
            ),
            (
                "went_well",
                "people",
                "Reception staff kept the tally themselves and presented it to the leadership "
                "team, which made them co-owners of the idea rather than its victims.",
            ),
            (
                "advice",
                "process",
                "Visit a council that has done it. Both councils we visited said the hardest "
                "part was planning rotas for peaks, not the technology.",
            ),
        ],
    },
]
