"""Demo wiki pages: each a list of versions (author, change note, text), oldest first, so
the history, comparison and revert views have something real to show."""

WIKI_PAGES_BY_COMMUNITY = {
    "channel-shift": [
        {
            "slug": "where-to-start",
            "title": "Where to start with channel shift",
            "versions": [
                (
                    "sam.whitfield@northmoor.gov.uk",
                    "First notes",
                    "Start with your contact centre data: which calls are about status "
                    '("where is my bin?") rather than a request. Those are the ones a good '
                    "online service removes.\n\n"
                    "Read the case studies from Northmoor and Ironvale before you buy anything.",
                ),
                (
                    "aisha.begum@ironvale.gov.uk",
                    "Added the call-coding tip",
                    "Start with your contact centre data: which calls are about status "
                    '("where is my bin?") rather than a request. Those are the ones a good '
                    "online service removes.\n\n"
                    "Ask your contact centre to code calls for two weeks before you start; "
                    "the reasons on the telephony system are rarely precise enough.\n\n"
                    "Read the case studies from Northmoor and Ironvale before you buy anything.",
                ),
                (
                    "jo.hartley@aldbridge.gov.uk",
                    "Named the accessibility audit",
                    "Start with your contact centre data: which calls are about status "
                    '("where is my bin?") rather than a request. Those are the ones a good '
                    "online service removes.\n\n"
                    "Ask your contact centre to code calls for two weeks before you start; "
                    "the reasons on the telephony system are rarely precise enough.\n\n"
                    "Book an accessibility audit before go-live, not after: fixing forms late "
                    "cost us a month.\n\n"
                    "Read the case studies from Northmoor, Ironvale and Aldbridge before you "
                    "buy anything.",
                ),
            ],
        },
        {
            "slug": "useful-contacts",
            "title": "Useful contacts and groups",
            "versions": [
                (
                    "grace.whitaker@aldbridge.gov.uk",
                    "Started the list",
                    "Regional digital officers' network: meets quarterly, ask a facilitator "
                    "for an invitation.\n\n"
                    "The GOV.UK Design System community backlog is the place to check "
                    "patterns before inventing one.",
                ),
                (
                    "liam.doherty@ardglenlisnavar.gov.uk",
                    "Added the Northern Ireland group",
                    "Regional digital officers' network: meets quarterly, ask a facilitator "
                    "for an invitation.\n\n"
                    "Northern Ireland councils run a shared channel-shift group; Ardglen and "
                    "Lisnavar can introduce you.\n\n"
                    "The GOV.UK Design System community backlog is the place to check "
                    "patterns before inventing one.",
                ),
            ],
        },
    ],
    "open-data": [
        {
            "slug": "publishing-checklist",
            "title": "Publishing checklist",
            "versions": [
                (
                    "gareth.llewellyn@glanrhyd.gov.wales",
                    "First version",
                    "Before you publish a dataset: check it for personal data, add a "
                    "licence, say how often it is updated, and name a contact.",
                ),
                (
                    "owen.marsh@northmoor.gov.uk",
                    "Split into steps and added small-number suppression",
                    "Check the dataset for personal data, including small numbers that "
                    "identify people when combined (suppress counts under 5).\n\n"
                    "Add a licence: the Open Government Licence unless there is a reason not "
                    "to.\n\n"
                    "Say how often it is updated, and keep to it.\n\n"
                    "Name a contact, preferably a team mailbox.",
                ),
            ],
        },
    ],
    "digital-leaders": [
        {
            "slug": "board-papers",
            "title": "Board papers we have shared",
            "versions": [
                (
                    "mark.entwistle@millbeck.gov.uk",
                    "First version",
                    "Members share board papers here before they are public. Please do not "
                    "forward them outside the community.",
                ),
            ],
        },
    ],
}
