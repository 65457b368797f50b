"""Demo communities: five open topic communities and one of each closed visibility.

`rules` uses the same light markup as case study sections (see `builders.to_html`):
paragraphs separated by blank lines, and lines starting with "- " as a bulleted list.
"""

COMMUNITIES = [
    {
        "slug": "channel-shift",
        "title": "Channel shift",
        "visibility": "open",
        "owner": "sam.whitfield@northmoor.gov.uk",
        "purpose": "For councils and partners moving routine transactions online without "
        "leaving anyone behind: what shifted, what it saved and what it cost residents.",
        "themes": ["channel-shift", "customer-contact", "user-centred-design", "automation-and-ai"],
        "rules": "Share numbers where you can, including the disappointing ones.\n\n"
        "- Say what a change cost residents as well as what it saved the organisation.\n"
        "- Name suppliers only in facts, not in complaints.\n"
        "- Ask before reusing another council's screenshots or forms.",
    },
    {
        "slug": "digital-engagement",
        "title": "Digital engagement and social media",
        "visibility": "open",
        "owner": "tom.prideaux@brackenford.gov.uk",
        "purpose": "Consultation, social media, messaging and content: how public bodies talk "
        "with residents online, and what happens when it goes wrong.",
        "themes": ["digital-engagement", "social-media", "content-strategy", "mobile"],
        "rules": "- Remove residents' names and handles from screenshots before posting.\n"
        "- No political campaigning; this community is for officers.\n"
        "- Be kind about other councils' bad days on social media; it will be yours next.",
    },
    {
        "slug": "open-data",
        "title": "Open data",
        "visibility": "open",
        "hold_first_posts": True,
        "owner": "gareth.llewellyn@glanrhyd.gov.wales",
        "purpose": "Publishing data that people can find, trust and reuse: transparency data, "
        "place data, real-time feeds and the schemas that make them comparable.",
        "themes": ["open-data", "data-sharing", "smart-places"],
        "rules": "- Link to the dataset, not just the portal.\n"
        "- Say which schema or standard you used, and where you departed from it.\n"
        "- Never post personal data, even as an example of what went wrong.",
    },
    {
        "slug": "digital-inclusion",
        "title": "Digital inclusion",
        "visibility": "open",
        "owner": "moira.campbell@lochmorven.gov.uk",
        "purpose": "Skills, devices, data and connectivity: helping residents, patients and "
        "staff who are not online, or not confidently online, to use digital services.",
        "themes": ["digital-inclusion-and-broadband", "staff-skills-and-digital-mentors"],
        "rules": "- Describe the people you helped in ways they would recognise and accept.\n"
        "- Voluntary and community sector colleagues are full members here.\n"
        "- Share training materials under an open licence where you can.",
    },
    {
        "slug": "agile-delivery",
        "title": "Agile delivery",
        "visibility": "open",
        "owner": "daniel.osei@ravensbury.gov.uk",
        "purpose": "Running discoveries, alphas and betas in the public sector: teams, "
        "governance, contracts, hosting and the culture that has to change around them.",
        "themes": [
            "agile-project-management",
            "user-centred-design",
            "cloud",
            "staff-skills-and-digital-mentors",
        ],
        "rules": "- Show the work: link to prototypes, backlogs and show and tell recordings.\n"
        "- Write up projects you stopped as well as ones you shipped.\n"
        "- No recruitment or sales posts.",
    },
    {
        "slug": "multi-agency-data-sharing",
        "title": "Multi-agency data sharing",
        "visibility": "restricted",
        "owner": "rachel.hume@kestrelvalley.police.uk",
        "purpose": "Councils, police, fire and health sharing personal data lawfully to "
        "protect people: agreements, data protection impact assessments and what worked.",
        "themes": ["data-sharing", "cyber-security"],
        "rules": "Only signed-in public-sector members can read this community.\n\n"
        "- Share templates and agreements with personal details removed.\n"
        "- Do not describe individual cases, even anonymised.\n"
        "- Check with your data protection officer before posting a DPIA.",
    },
    {
        "slug": "digital-leaders",
        "title": "Digital leaders' network",
        "visibility": "private",
        "owner": "mark.entwistle@millbeck.gov.uk",
        "purpose": "A confidential space for heads of digital, ICT and customer services to "
        "compare notes on budgets, big contracts and organisational change.",
        "themes": ["cloud", "staff-skills-and-digital-mentors", "agile-project-management"],
        "rules": "Membership is for heads of service and above; facilitators approve requests.\n\n"
        "- What is said here stays here: do not quote members outside the network.\n"
        "- Commercial figures may be shared; treat them as OFFICIAL-SENSITIVE.",
    },
    {
        "slug": "cyber-resilience",
        "title": "Cyber incident response group",
        "visibility": "hidden",
        "owner": "fiona.grant@riverholme.gov.uk",
        "purpose": "Security leads from organisations that have been through, or are preparing "
        "for, a serious cyber incident. By invitation only.",
        "themes": ["cyber-security", "cloud"],
        "rules": "- Do not share indicators of compromise here; use the regional warning "
        "point.\n"
        "- Do not name attackers or ransom amounts.\n"
        "- Members are invited by a facilitator; do not forward invitations.",
    },
]
