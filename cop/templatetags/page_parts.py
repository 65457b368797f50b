"""`{% pagepart "name" key ... %}...{% endpagepart %}`: a part of a page that every reader of
the page sees alike, rendered once and kept in the page cache (cop/pagecache.py) under its
current generation, so any write that could change it invalidates it as it does whole pages.

Signed-in readers are never served whole pages from the cache; with parts, the costly
reader-independent middle of a page (a case study's sections, lessons, images, partners)
is rendered once for all of them, and for anonymous readers whose page has expired.

What may go inside: only what depends on the keys given and on nothing else; no reader
(`request.user`), no forms or CSRF tokens, no messages, and nothing time-dependent, since a
part lives up to `PAGE_PART_SECONDS`. Previews (a draft shown in the editor) are never
stored or served from here.
"""

from django import template

from cop import pagecache

register = template.Library()


class PagePartNode(template.Node):
    def __init__(self, nodelist, name, keys):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys

    def render(self, context):
        request = context.get("request")
        if request is not None and getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        keys = [key.resolve(context, ignore_failures=True) for key in self.keys]
        if any(key is None or key == "" for key in keys):
            # A key the context lacks would make a part shared more widely than meant.
            return self.nodelist.render(context)
        return pagecache.remember(
            f"part:{name}:" + ":".join(str(key) for key in keys),
            lambda: self.nodelist.render(context),
            seconds=pagecache.part_timeout(),
        )


@register.tag
def pagepart(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            '{% pagepart "name" key ... %} needs a name and at least one key'
        )
    nodelist = parser.parse(("endpagepart",))
    parser.delete_first_token()
    return PagePartNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
