"""Demo members and their memberships. Every address is on a fictional organisation domain."""

PASSWORD = "demo-password-2026"  # noqa: S105 - shared by every demo account and printed on load

MEMBERS = [
    {
        "email": "helen.okafor@dcls.gov.uk",
        "first_name": "Helen",
        "last_name": "Okafor",
        "job_title": "Service owner, Practice Exchange",
        "bio": "Runs Practice Exchange for the department: organisations, email domains, "
        "sign-in and search. Before that, fifteen years in council customer services.",
        "contactable": True,
        "site_admin": True,
    },
    {
        "email": "sam.whitfield@northmoor.gov.uk",
        "first_name": "Sam",
        "last_name": "Whitfield",
        "job_title": "Head of Customer Experience",
        "bio": "Leads Northmoor's contact centre, web team and customer access strategy. "
        "Interested in channel shift that does not simply move the queue somewhere else.",
        "contactable": True,
    },
    {
        "email": "aisha.begum@ironvale.gov.uk",
        "first_name": "Aisha",
        "last_name": "Begum",
        "job_title": "Customer Services Transformation Lead",
        "bio": "Ran the council tax self-service programme at Ironvale. Former revenues "
        "officer, so happy to talk about the back office as much as the website.",
        "contactable": True,
    },
    {
        "email": "tom.prideaux@brackenford.gov.uk",
        "first_name": "Tom",
        "last_name": "Prideaux",
        "job_title": "Digital Communications Manager",
        "bio": "Looks after Brackenford's social media, emergency communications and email "
        "bulletins. Ex-local newspaper reporter.",
        "contactable": True,
    },
    {
        "email": "gareth.llewellyn@glanrhyd.gov.wales",
        "first_name": "Gareth",
        "last_name": "Llewellyn",
        "job_title": "Open Data and Insight Lead",
        "bio": "Publishes Glanrhyd's open data in Welsh and English and chairs a regional "
        "group of data officers.",
        "contactable": True,
    },
    {
        "email": "moira.campbell@lochmorven.gov.uk",
        "first_name": "Moira",
        "last_name": "Campbell",
        "job_title": "Digital Inclusion Coordinator",
        "bio": "Runs device lending and digital champions across Lochmorven's libraries and "
        "community centres, including on three islands.",
        "contactable": True,
    },
    {
        "email": "daniel.osei@ravensbury.gov.uk",
        "first_name": "Daniel",
        "last_name": "Osei",
        "job_title": "Head of Digital Delivery",
        "bio": "Built Ravensbury's in-house multidisciplinary teams. Keen on small, "
        "frequent releases and honest show and tells.",
        "contactable": True,
    },
    {
        "email": "rachel.hume@kestrelvalley.police.uk",
        "first_name": "Rachel",
        "last_name": "Hume",
        "job_title": "Head of Information Sharing and Partnerships",
        "bio": "Responsible for the force's information sharing agreements with councils, "
        "health and the fire service.",
        "contactable": False,
    },
    {
        "email": "mark.entwistle@millbeck.gov.uk",
        "first_name": "Mark",
        "last_name": "Entwistle",
        "job_title": "Chief Digital Officer",
        "bio": "Responsible for digital, data and technology at Millbeck, including the "
        "replacement of the council's finance and HR system.",
        "contactable": False,
    },
    {
        "email": "fiona.grant@riverholme.gov.uk",
        "first_name": "Fiona",
        "last_name": "Grant",
        "job_title": "Head of Information Security",
        "bio": "Led Riverholme's recovery from a ransomware attack in 2024 and now helps other "
        "councils prepare for one.",
        "contactable": False,
    },
    {
        "email": "jo.hartley@aldbridge.gov.uk",
        "first_name": "Jo",
        "last_name": "Hartley",
        "job_title": "Web and Digital Officer",
        "bio": "A team of one and a half looking after Aldbridge's website, forms and social "
        "media accounts.",
        "contactable": True,
    },
    {
        "email": "grace.whitaker@aldbridge.gov.uk",
        "first_name": "Grace",
        "last_name": "Whitaker",
        "job_title": "Assistant Director, Digital and Customer",
        "bio": "Leads digital, ICT and customer services for Aldbridge and, through a shared "
        "service, for Fenmarsh.",
        "contactable": True,
    },
    {
        "email": "ben.carter@fenmarsh.gov.uk",
        "first_name": "Ben",
        "last_name": "Carter",
        "job_title": "ICT Infrastructure Manager",
        "bio": "Looks after Fenmarsh's hosting, network and backups. Moved the council out of "
        "its server room in 2023.",
        "contactable": False,
    },
    {
        "email": "chloe.dunmore@fenmarsh.gov.uk",
        "first_name": "Chloe",
        "last_name": "Dunmore",
        "job_title": "Consultation and Engagement Officer",
        "bio": "Runs Fenmarsh's consultations, from the local plan to play park designs.",
        "contactable": True,
    },
    {
        "email": "marcus.feld@fenmarsh.gov.uk",
        "first_name": "Marcus",
        "last_name": "Feld",
        "job_title": "GIS and Data Officer",
        "bio": "Maps, gazetteer and the brownfield register. Will happily explain UPRNs to "
        "anyone who asks.",
        "contactable": True,
    },
    {
        "email": "peter.quinn@fenmarsh.gov.uk",
        "first_name": "Peter",
        "last_name": "Quinn",
        "job_title": "Revenues and Benefits Manager",
        "bio": "Manages council tax, business rates and benefits at Fenmarsh.",
        "contactable": False,
    },
    {
        # Signed up from outside the public-sector allow-list: waits for approval.
        "email": "dana.kowalski@brightpath-consulting.example.com",
        "first_name": "Dana",
        "last_name": "Kowalski",
        "job_title": "Digital Transformation Consultant",
        "bio": "Works with district councils on service redesign.",
        "contactable": True,
        "approved": False,
    },
    {
        "email": "liam.doherty@ardglenlisnavar.gov.uk",
        "first_name": "Liam",
        "last_name": "Doherty",
        "job_title": "Digital Services Officer",
        "bio": "Builds online forms and integrations for Ardglen and Lisnavar, mostly for "
        "waste, leisure and building control.",
        "contactable": True,
    },
    {
        "email": "sarah.penrose@greystonefire.gov.uk",
        "first_name": "Sarah",
        "last_name": "Penrose",
        "job_title": "Community Risk Data Analyst",
        "bio": "Uses incident and partner data to decide where Greystone's prevention teams "
        "knock on doors.",
        "contactable": True,
    },
    {
        "email": "james.adeyemi@harbourside.nhs.uk",
        "first_name": "James",
        "last_name": "Adeyemi",
        "job_title": "Digital Health Inclusion Lead",
        "bio": "Makes sure patients who struggle online can still use the trust's app, "
        "online appointments and video consultations.",
        "contactable": True,
    },
    {
        "email": "kate.mortimer@brackenfordcva.org.uk",
        "first_name": "Kate",
        "last_name": "Mortimer",
        "job_title": "Digital Champions Coordinator",
        "bio": "Coordinates more than a hundred volunteer digital champions in community "
        "groups across Brackenford.",
        "contactable": True,
    },
    {
        "email": "rob.singh@kestrelvalley.police.uk",
        "first_name": "Rob",
        "last_name": "Singh",
        "job_title": "Digital Engagement Officer",
        "bio": "Runs the force's neighbourhood alerts and online reporting, and trains "
        "neighbourhood teams to use social media well.",
        "contactable": True,
    },
    {
        "email": "emma.lindqvist@millbeck.gov.uk",
        "first_name": "Emma",
        "last_name": "Lindqvist",
        "job_title": "Product Manager",
        "bio": "Product manager for Millbeck's resident-facing services, currently school "
        "admissions and recycling centre bookings.",
        "contactable": True,
    },
    {
        "email": "priya.nair@millbeck.gov.uk",
        "first_name": "Priya",
        "last_name": "Nair",
        "job_title": "Smart City Programme Manager",
        "bio": "Runs Millbeck's sensor network and the open data that comes out of it.",
        "contactable": True,
    },
    {
        "email": "hannah.price@riverholme.gov.uk",
        "first_name": "Hannah",
        "last_name": "Price",
        "job_title": "Lead Service Designer",
        "bio": "Service designer working across housing and adult social care at Riverholme.",
        "contactable": True,
    },
    {
        "email": "owen.marsh@northmoor.gov.uk",
        "first_name": "Owen",
        "last_name": "Marsh",
        "job_title": "Information and Transparency Officer",
        "bio": "Publishes Northmoor's transparency data and handles the trickier freedom of "
        "information requests.",
        "contactable": False,
    },
    {
        "email": "ruth.ellison@northmoor.gov.uk",
        "first_name": "Ruth",
        "last_name": "Ellison",
        "job_title": "Broadband Programme Manager",
        "bio": "Works with suppliers and parish councils to get gigabit broadband to "
        "Northmoor's rural villages.",
        "contactable": True,
    },
    {
        "email": "nia.roberts@glanrhyd.llyw.cymru",
        "first_name": "Nia",
        "last_name": "Roberts",
        "job_title": "Community Hubs Manager",
        "bio": "Manages Glanrhyd's five community hubs, where residents get help with "
        "benefits, housing and getting online.",
        "contactable": True,
    },
    {
        "email": "rhys.bowen@glanrhyd.gov.wales",
        "first_name": "Rhys",
        "last_name": "Bowen",
        "job_title": "Content Designer",
        "bio": "Writes and edits Glanrhyd's website in Welsh and English.",
        "contactable": True,
    },
    {
        "email": "yusuf.rahman@ironvale.gov.uk",
        "first_name": "Yusuf",
        "last_name": "Rahman",
        "job_title": "Data Protection Officer",
        "bio": "Ironvale's data protection officer. Writes information sharing agreements "
        "that people can actually read.",
        "contactable": False,
    },
    {
        "email": "alex.morgan@dcls.gov.uk",
        "first_name": "Alex",
        "last_name": "Morgan",
        "job_title": "Local Digital Adviser",
        "bio": "Works with councils on shared digital components and funds collaborative "
        "projects through the department's local digital programme.",
        "contactable": True,
    },
    {
        "email": "colin.baxter@brackenford.gov.uk",
        "first_name": "Colin",
        "last_name": "Baxter",
        "job_title": "IT Security Manager",
        "bio": "Responsible for Brackenford's security operations and PSN compliance.",
        "contactable": False,
    },
]

# (email, community slug, role, state, message)
MEMBERSHIPS = [
    # Channel shift: two facilitators.
    ("sam.whitfield@northmoor.gov.uk", "channel-shift", "facilitator", "active", ""),
    ("aisha.begum@ironvale.gov.uk", "channel-shift", "facilitator", "active", ""),
    ("jo.hartley@aldbridge.gov.uk", "channel-shift", "member", "active", ""),
    ("grace.whitaker@aldbridge.gov.uk", "channel-shift", "member", "active", ""),
    ("liam.doherty@ardglenlisnavar.gov.uk", "channel-shift", "member", "active", ""),
    ("rob.singh@kestrelvalley.police.uk", "channel-shift", "member", "active", ""),
    ("emma.lindqvist@millbeck.gov.uk", "channel-shift", "member", "active", ""),
    ("hannah.price@riverholme.gov.uk", "channel-shift", "member", "active", ""),
    # Digital engagement and social media.
    ("tom.prideaux@brackenford.gov.uk", "digital-engagement", "facilitator", "active", ""),
    ("sam.whitfield@northmoor.gov.uk", "digital-engagement", "member", "active", ""),
    ("jo.hartley@aldbridge.gov.uk", "digital-engagement", "member", "active", ""),
    ("chloe.dunmore@fenmarsh.gov.uk", "digital-engagement", "member", "active", ""),
    ("rob.singh@kestrelvalley.police.uk", "digital-engagement", "member", "active", ""),
    ("sarah.penrose@greystonefire.gov.uk", "digital-engagement", "member", "active", ""),
    ("rhys.bowen@glanrhyd.gov.wales", "digital-engagement", "member", "active", ""),
    # Open data.
    ("gareth.llewellyn@glanrhyd.gov.wales", "open-data", "facilitator", "active", ""),
    ("owen.marsh@northmoor.gov.uk", "open-data", "member", "active", ""),
    ("marcus.feld@fenmarsh.gov.uk", "open-data", "member", "active", ""),
    ("liam.doherty@ardglenlisnavar.gov.uk", "open-data", "member", "active", ""),
    ("priya.nair@millbeck.gov.uk", "open-data", "member", "active", ""),
    ("rachel.hume@kestrelvalley.police.uk", "open-data", "member", "active", ""),
    ("alex.morgan@dcls.gov.uk", "open-data", "member", "active", ""),
    # Digital inclusion.
    ("moira.campbell@lochmorven.gov.uk", "digital-inclusion", "facilitator", "active", ""),
    ("aisha.begum@ironvale.gov.uk", "digital-inclusion", "member", "active", ""),
    ("kate.mortimer@brackenfordcva.org.uk", "digital-inclusion", "member", "active", ""),
    ("james.adeyemi@harbourside.nhs.uk", "digital-inclusion", "member", "active", ""),
    ("ruth.ellison@northmoor.gov.uk", "digital-inclusion", "member", "active", ""),
    ("nia.roberts@glanrhyd.llyw.cymru", "digital-inclusion", "member", "active", ""),
    # Agile delivery.
    ("daniel.osei@ravensbury.gov.uk", "agile-delivery", "facilitator", "active", ""),
    ("ben.carter@fenmarsh.gov.uk", "agile-delivery", "member", "active", ""),
    ("emma.lindqvist@millbeck.gov.uk", "agile-delivery", "member", "active", ""),
    ("hannah.price@riverholme.gov.uk", "agile-delivery", "member", "active", ""),
    ("alex.morgan@dcls.gov.uk", "agile-delivery", "member", "active", ""),
    # Multi-agency data sharing (restricted).
    (
        "rachel.hume@kestrelvalley.police.uk",
        "multi-agency-data-sharing",
        "facilitator",
        "active",
        "",
    ),
    ("sarah.penrose@greystonefire.gov.uk", "multi-agency-data-sharing", "member", "active", ""),
    ("james.adeyemi@harbourside.nhs.uk", "multi-agency-data-sharing", "member", "active", ""),
    ("yusuf.rahman@ironvale.gov.uk", "multi-agency-data-sharing", "member", "active", ""),
    # Digital leaders (private), with one request waiting for a facilitator.
    ("mark.entwistle@millbeck.gov.uk", "digital-leaders", "facilitator", "active", ""),
    ("sam.whitfield@northmoor.gov.uk", "digital-leaders", "member", "active", ""),
    ("daniel.osei@ravensbury.gov.uk", "digital-leaders", "member", "active", ""),
    ("fiona.grant@riverholme.gov.uk", "digital-leaders", "member", "active", ""),
    ("alex.morgan@dcls.gov.uk", "digital-leaders", "member", "active", ""),
    (
        "grace.whitaker@aldbridge.gov.uk",
        "digital-leaders",
        "member",
        "requested",
        "I lead digital, ICT and customer services for Aldbridge and Fenmarsh. We are about "
        "to replace our finance system and I would value comparing notes with others who "
        "have been through an ERP replacement.",
    ),
    # Cyber resilience (hidden), with one invitation not yet accepted.
    ("fiona.grant@riverholme.gov.uk", "cyber-resilience", "facilitator", "active", ""),
    ("ben.carter@fenmarsh.gov.uk", "cyber-resilience", "member", "active", ""),
    ("mark.entwistle@millbeck.gov.uk", "cyber-resilience", "member", "active", ""),
    (
        "colin.baxter@brackenford.gov.uk",
        "cyber-resilience",
        "member",
        "invited",
        "",
    ),
]
