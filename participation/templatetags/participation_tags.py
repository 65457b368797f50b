from django import template

from participation.services import follows

register = template.Library()


@register.inclusion_tag("participation/includes/follow_button.html", takes_context=True)
def follow_button(context, target, name=""):
    """A Follow / Stop following button (POST with CSRF) for a signed-in member who may
    follow `target`; nothing otherwise."""
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = bool(user and user.is_authenticated and follows.may_follow(user, target))
    return {
        "shown": shown,
        "following": shown and follows.is_following(user, target),
        "kind": follows.kind_for(target) if shown else "",
        "object_id": target.pk,
        "name": name or str(target),
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }
