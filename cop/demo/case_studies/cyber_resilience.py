"""Case studies in the Cyber incident response group (hidden)."""

from datetime import date

COMMUNITY = "cyber-resilience"

CASE_STUDIES = [
    {
        "slug": "ransomware-recovery",
        "title": "Recovering from ransomware: the first 30 days and the next six months",
        "summary": "A ransomware attack in March 2024 took most of Riverholme's systems "
        "offline. Nobody was harmed and no ransom was paid, but it took six months to restore "
        "every service. These are the things we wish we had prepared, shared with peers who "
        "may face the same.",
        "lead": "riverholme-council",
        "author": "fiona.grant@riverholme.gov.uk",
        "themes": ["cyber-security", "cloud"],
        "service_areas": ["corporate-ict"],
        "objectives": ["knowledge-sharing"],
        "tags": ["ransomware", "incident response", "business continuity", "recovery"],
        "stage": "live",
        "start": date(2024, 3, 11),
        "end": date(2024, 9, 27),
        "cost": "over_1m",
        "funding": "Council reserves and insurance",
        "people": 150000,
        "review_in_days": 100,
        "background": "Attackers got in through a remote access account without multi-factor "
        "authentication and encrypted most servers over a weekend. Backups were partly "
        "affected. Email, the website and the housing and revenues systems were unavailable "
        "for between one and twelve weeks.",
        "aims": [
            "keep critical services running for vulnerable people",
            "restore systems safely, without reinfection",
            "learn and share what would have reduced the impact",
        ],
        "did": "We invoked the incident plan on the Sunday morning, brought in the national "
        "cyber security agency and an incident response firm through our insurer, and set up "
        "a recovery cell that met twice a day. Services fell back to paper. Systems were "
        "rebuilt in the cloud rather than restored onto the old infrastructure.",
        "outcomes": "Critical adult and children's social care kept going on paper and through "
        "the NHS shared record. Email returned after 9 days, payments after 3 weeks and "
        "housing after 12 weeks. Recovery cost £2.6m, of which insurance covered £1.1m.",
        "risks": "Reinfection was the main risk during restoration. Every rebuilt system was "
        "scanned and checked before reconnecting, which slowed recovery but avoided a second "
        "incident.",
        "measures": [
            ("Days to restore email", "", "9"),
            ("Weeks to restore the housing system", "", "12"),
        ],
        "lessons": [
            (
                "went_wrong",
                "technology",
                "The attackers came in through one remote access account without multi-factor "
                "authentication. Check every remote access route for MFA, including suppliers' "
                "accounts.",
            ),
            (
                "went_well",
                "process",
                "Paper fallback forms that social care had printed and practised in an "
                "exercise the year before kept the most critical work going from Monday "
                "morning.",
            ),
            (
                "advice",
                "people",
                "Keep printed contact lists for key staff and suppliers at home. With email "
                "and chat down, we spent the first day finding phone numbers.",
            ),
            (
                "went_wrong",
                "data",
                "Backups were on the same network and partly encrypted. Keep at least one copy "
                "offline or immutable, and test restoring from it.",
            ),
            (
                "advice",
                "governance",
                "Agree in advance who decides about ransom demands and public statements; the "
                "leader and chief executive needed it settled before Monday's press calls.",
            ),
        ],
    },
    {
        "slug": "immutable-backups-restore-test",
        "title": "Immutable backups and a full restore test after a near miss",
        "summary": "After attackers were found inside a neighbouring council's network, "
        "Fenmarsh realised its own backups could be deleted by an administrator account. We "
        "moved to immutable cloud backups and ran our first full restore test, which took 40 "
        "hours instead of the eight we had assumed.",
        "lead": "fenmarsh-district-council",
        "author": "ben.carter@fenmarsh.gov.uk",
        "themes": ["cyber-security", "cloud"],
        "service_areas": ["corporate-ict"],
        "objectives": ["better-outcomes", "knowledge-sharing"],
        "tags": ["backups", "immutable storage", "restore testing"],
        "stage": "live",
        "start": date(2024, 6, 3),
        "end": date(2024, 11, 29),
        "cost": "50k_250k",
        "funding": "ICT capital budget",
        "people": None,
        "review_in_days": 180,
        "background": "Our backups were written to a storage appliance in the same server "
        "room and managed with the same domain administrator accounts as everything else. A "
        "review after the neighbouring incident showed that an attacker with those accounts "
        "could delete every backup.",
        "aims": [
            "keep backups that an attacker with administrator access could not delete",
            "prove we could restore critical systems within our target time",
            "update the recovery plan with real timings",
        ],
        "did": "We moved to immutable backups in cloud storage with separate credentials and a "
        "30-day retention lock. Then, over a weekend, we restored the revenues system, the "
        "email archive and the file shares into an isolated environment, timing each step.",
        "outcomes": "The restore worked but took 40 hours, not eight: download speeds from "
        "cloud storage and the order in which systems depend on each other were the main "
        "delays. We changed the recovery plan and bought faster restore options for the three "
        "most critical systems, bringing the tested time down to 14 hours.",
        "risks": "Immutable storage means mistakes cannot be undone for 30 days, including an "
        "accidental backup of a huge data set. We set quotas and alerts.",
        "measures": [
            ("Time to restore critical systems in testing", "8 hours assumed", "40, then 14"),
        ],
        "lessons": [
            (
                "went_well",
                "technology",
                "Immutable cloud backups with separate credentials and a retention lock took "
                "two weeks to set up and removed the worst-case scenario.",
            ),
            (
                "went_wrong",
                "process",
                "Our recovery plan assumed an eight-hour restore that nobody had ever tested; "
                "the real one took 40 hours. Test a full restore before you need one.",
            ),
            (
                "advice",
                "data",
                "Map which systems depend on which before a restore. Sign-in and file shares "
                "had to come back before anything else would work.",
            ),
        ],
    },
    {
        "slug": "cyber-exercise-councillors",
        "title": "A cyber attack exercise with councillors and the leadership team",
        "summary": "Millbeck ran a half-day exercise, based on a realistic ransomware "
        "scenario, with the leader, cabinet members and the corporate leadership team. It "
        "exposed gaps in who decides what, in how we would reach residents without email or "
        "the website, and in the payroll fallback.",
        "lead": "millbeck-city-council",
        "author": "mark.entwistle@millbeck.gov.uk",
        "themes": ["cyber-security"],
        "service_areas": ["corporate-ict"],
        "objectives": ["knowledge-sharing", "better-outcomes"],
        "tags": ["cyber exercise", "councillors", "business continuity", "tabletop"],
        "stage": "live",
        "start": date(2025, 9, 15),
        "end": date(2025, 11, 28),
        "cost": "under_10k",
        "funding": "Resilience budget",
        "people": None,
        "review_in_days": 250,
        "background": "Our cyber incident plan had been tested by the ICT team but never with "
        "senior leaders and councillors, who would face the hardest decisions: whether to "
        "pay, what to tell residents and which services to stop.",
        "aims": [
            "test the incident plan with the people who would make the decisions",
            "find gaps in communications and business continuity",
            "build councillors' understanding of cyber risk",
        ],
        "did": "The regional cyber resilience centre helped us design a four-hour exercise in "
        "three phases: discovering the attack, a ransom demand with a threat to leak data, "
        "and day ten of recovery. Injects included a call from a journalist and a payroll "
        "deadline.",
        "outcomes": "The exercise produced 17 actions, including the lack of an agreed "
        "decision-maker on ransom demands, no way to update residents if the website was "
        "down, and a payroll fallback that depended on a system the attack had encrypted. "
        "Fourteen actions are complete.",
        "risks": "Exercises can feel like a test of individuals. We framed it as a test of the "
        "plan, not of people, and the chief executive said so at the start.",
        "measures": [("Incident plan actions identified", "", "17 (14 complete)")],
        "lessons": [
            (
                "went_well",
                "engagement",
                "A journalist's phone call as an inject made the communications gaps real for "
                "councillors in a way no briefing had.",
            ),
            (
                "went_wrong",
                "process",
                "Our payroll fallback relied on a system that would have been encrypted in the "
                "scenario. Check that every fallback works without the systems an attack would "
                "take out.",
            ),
            (
                "advice",
                "governance",
                "Agree before any incident who decides on a ransom demand and how councillors "
                "are involved; it was the most heated part of the exercise.",
            ),
        ],
    },
]
