"""Post text: plain text with a little formatting; never markup from the member."""

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from discussions.markup import ALLOWED_TAGS, clean_text, excerpt, render


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value) for name, value in attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(html):
    parser = Tags()
    parser.feed(html)
    return parser


def test_paragraphs_line_breaks_lists_and_quotes():
    html = render("First line\nsecond line\n\n- one\n- two\n\n> quoted\n\nLast")
    assert html == (
        '<p class="govuk-body">First line<br>second line</p>'
        '<ul class="govuk-list govuk-list--bullet"><li>one</li><li>two</li></ul>'
        '<blockquote class="app-quote"><p class="govuk-body">quoted</p></blockquote>'
        '<p class="govuk-body">Last</p>'
    )


def test_bold_italic_and_links():
    html = render("**Do** read _this_: https://example.org/guide?a=1&b=2.")
    assert "<strong>Do</strong>" in html and "<em>this</em>" in html
    assert (
        '<a class="govuk-link" href="https://example.org/guide?a=1&amp;b=2" '
        'rel="nofollow ugc noopener">https://example.org/guide?a=1&amp;b=2</a>.'
    ) in html


def test_markup_from_members_is_escaped_and_other_schemes_are_not_links():
    html = render('<script>alert(1)</script> <a href="javascript:alert(1)">x</a> javascript:x')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert parse(html).tags == ["p"]


def test_clean_text_drops_control_characters_and_normalises_line_endings():
    assert clean_text("  a\r\nb\x00c\u202ed\x07 \n") == "a\nbcd"


def test_excerpt_is_one_line_and_bounded():
    assert excerpt("a\n\nb") == "a b"
    assert len(excerpt("word " * 100, 50)) == 50


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_only_allowed_tags_and_keeps_its_words(text):
    text = clean_text(text)
    parsed = parse(render(text))
    assert set(parsed.tags) <= ALLOWED_TAGS
    for tag, name, value in parsed.attrs:
        assert name in ("class", "href", "rel"), (tag, name)
        if name == "href":
            assert value.lower().startswith(("http://", "https://"))
    rendered_text = "".join(parsed.text)
    for word in text.replace("*", " ").replace("_", " ").replace(">", " ").split():
        assert word.lstrip("-") in rendered_text or not word.lstrip("-")


@given(st.sampled_from(["<", ">", "&", '"', "'", "`"]), st.text(max_size=50))
def test_special_characters_never_open_a_tag(char, text):
    html = render(f"{char}{text}{char}img src=x onerror=alert(1){char}")
    assert set(parse(html).tags) <= ALLOWED_TAGS
    assert "onerror" not in {name for _tag, name, _value in parse(html).attrs}
