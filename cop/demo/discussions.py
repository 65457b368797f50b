"""Demo discussions and comments: a pinned welcome, a question with its answer marked, a
reply reported for a facilitator to look at, a first post held for approval (the open data
community holds first posts), and questions and notes on case studies."""

DISCUSSIONS_BY_COMMUNITY = {
    "channel-shift": [
        {
            "title": "Welcome: how we use discussions here",
            "author": "sam.whitfield@northmoor.gov.uk",
            "days_ago": 40,
            "pinned": True,
            "body": "Use discussions to ask the community before you start a project, or to "
            "compare notes while it is running.\n\n"
            "- Say which council you are from and what stage you are at.\n"
            "- Link to the case study you are asking about, if there is one.\n"
            "- Mark the best answer when you ask a question, so the next person finds it.",
        },
        {
            "title": "Housing repairs chatbot: did it reduce calls?",
            "author": "jo.hartley@aldbridge.gov.uk",
            "days_ago": 9,
            "question": True,
            "body": "We are writing the business case for a repairs chatbot. Did anyone see "
            "**fewer calls**, or did people phone anyway to check the bot had understood?",
            "replies": [
                (
                    "aisha.begum@ironvale.gov.uk",
                    "Calls about new repairs fell by about a fifth, but calls chasing repairs "
                    "did not move until we sent text updates as well.\n\n"
                    "Our write-up is in the library: search for the housing repairs chatbot.",
                    {"answer": True},
                ),
                (
                    "liam.doherty@ardglenlisnavar.gov.uk",
                    "Same here. The bot only paid off once it could book the appointment, not "
                    "just log the repair.",
                ),
                (
                    "rob.singh@kestrelvalley.police.uk",
                    "Our supplier does this out of the box, message me for a discount code: "
                    "https://example.com/chatbots",
                    {
                        "reported_by": "grace.whitaker@aldbridge.gov.uk",
                        "reason": "Reads like advertising, not experience.",
                    },
                ),
            ],
        },
        {
            "title": "Payment line on the website: card or open banking?",
            "author": "emma.lindqvist@millbeck.gov.uk",
            "days_ago": 3,
            "body": "Is anyone taking council tax payments by open banking yet? Our payments "
            "team worries about refunds.",
            "replies": [
                (
                    "hannah.price@riverholme.gov.uk",
                    "We piloted it for parking permits. Refunds were fine; reconciliation took "
                    "longer to agree with finance than the build did.",
                ),
            ],
        },
    ],
    "open-data": [
        {
            "title": "Publishing spending data weekly instead of monthly",
            "author": "owen.marsh@northmoor.gov.uk",
            "days_ago": 12,
            "body": "We automated our spending data and could now publish weekly. Is there any "
            "reason not to? Suppliers have asked for it.",
            "replies": [
                (
                    "gareth.llewellyn@glanrhyd.gov.wales",
                    "Check redactions first: a weekly file makes small payments to individuals "
                    "easier to spot.",
                ),
                (
                    "priya.nair@millbeck.gov.uk",
                    "We would like to do the same. Could you share your redaction rules?",
                    {"held": True},
                ),
            ],
        },
    ],
}

COMMENTS_BY_CASE_STUDY = {
    "garden-waste-subscriptions-online": [
        {
            "author": "emma.lindqvist@millbeck.gov.uk",
            "kind": "question",
            "days_ago": 6,
            "body": "How did you handle residents who paid by phone after the online form "
            "opened? Did you keep the phone line?",
            "replies": [
                (
                    "jo.hartley@aldbridge.gov.uk",
                    "We kept it for the first year with a shorter message pointing to the form. "
                    "By the second year phone payments were under 10%.",
                ),
            ],
        },
    ],
    "automated-spending-data": [
        {
            "author": "alex.morgan@dcls.gov.uk",
            "kind": "note",
            "days_ago": 2,
            "body": "The transparency code guidance was updated last month; the schema you "
            "used is still the recommended one.",
        },
    ],
}
