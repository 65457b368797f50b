"""Discussion, comment and moderation pages. Routed from the community page and the case
study page (see their routes), so page serving has applied the privacy rule first. Routes
of a community page are also served to non-readers of a private or restricted community
(for its preview), so each view here checks `can_read_community` again: 404, the same as
for a discussion that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from communities.models import Membership, MembershipState
from communities.selectors import can_read_community, community_of_page
from cop.requestmemo import kept
from discussions import queue, selectors, services
from discussions.forms import (
    CommentForm,
    CommentReplyForm,
    DiscussionForm,
    EditForm,
    ModerateForm,
    ReplyForm,
    ReportForm,
)
from discussions.models import Discussion, ModerationAction, Post, PostStatus

DISCUSSIONS_PER_PAGE = 20
REPLIES_PER_PAGE = 50
QUEUE_LIMIT = 100


def _readable(request, community):
    if getattr(request, "community_preview_only", False) or not can_read_community(
        request.user, community
    ):
        raise Http404


def _signed_in_or_login(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _discussion(community, discussion_id, request, moderator):
    discussion = (
        Discussion.objects.filter(community=community, pk=discussion_id)
        .select_related("author", "answer")
        .first()
    )
    if discussion is None:
        raise Http404
    discussion.community = community
    opening = selectors.opening_post(discussion)
    if not selectors.can_see_discussion(opening, request.user, moderator=moderator):
        raise Http404
    return discussion, opening


def _decorate(posts, user, moderator):
    for post in posts:
        post.shown = selectors.post_visible_to(post, user, moderator=moderator)
        post.editable = services.can_edit(post, user)
        post.is_own = bool(user.is_authenticated and post.author_id == user.pk)
    return posts


def _refused(request, error):
    if isinstance(error, services.NotAllowed):
        raise PermissionDenied(str(error))


# -- discussions ------------------------------------------------------------------------


def discussion_list(request, community):
    _readable(request, community)
    moderator = selectors.can_moderate(request.user, community)
    discussions = Paginator(
        selectors.discussions_for(community, request.user, moderator=moderator),
        DISCUSSIONS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "discussions/list.html",
        {
            "page": community,
            "discussions": discussions,
            "can_take_part": selectors.can_take_part(request.user, community),
            "moderator": moderator,
        },
    )


def discussion_new(request, community):
    _readable(request, community)
    if (response := _signed_in_or_login(request)) is not None:
        return response
    if not selectors.can_take_part(request.user, community):
        raise PermissionDenied("Only members of this community can start a discussion.")
    form = DiscussionForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                discussion = services.discussion_start(
                    community=community,
                    user=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    is_question=form.cleaned_data["is_question"],
                )
            except services.DiscussionError as error:
                _refused(request, error)
                form.add_error(None, str(error))
                status = error.status
            else:
                if selectors.opening_post(discussion).status == PostStatus.HELD:
                    messages.success(
                        request,
                        "Your discussion is waiting for a facilitator's approval. "
                        "Only you and the facilitators can see it until then.",
                    )
                else:
                    messages.success(request, "Your discussion has started.")
                return redirect(discussion.get_url(community))
        else:
            status = 400
    return TemplateResponse(
        request, "discussions/new.html", {"page": community, "form": form}, status=status
    )


def discussion_context(request, community, discussion, opening, moderator, reply_form=None):
    replies = Paginator(
        selectors.replies_for(discussion, request.user, moderator=moderator), REPLIES_PER_PAGE
    ).get_page(request.GET.get("page"))
    replies.object_list = list(replies.object_list)
    for post in [opening, *replies.object_list]:
        post.discussion = discussion  # so per-post checks need no query of their own
    _decorate([opening, *replies.object_list], request.user, moderator)
    can_reply = (
        selectors.can_take_part(request.user, community)
        and not discussion.locked
        and opening.status == PostStatus.PUBLISHED
    )
    return {
        "page": community,
        "discussion": discussion,
        "opening": opening,
        "replies": replies,
        "moderator": moderator,
        "can_reply": can_reply,
        "can_mark_answer": discussion.is_question
        and (moderator or discussion.author_id == request.user.pk),
        "reply_form": reply_form or (ReplyForm() if can_reply else None),
        "signed_in": request.user.is_authenticated,
    }


def discussion_detail(request, community, discussion_id):
    _readable(request, community)
    moderator = selectors.can_moderate(request.user, community)
    discussion, opening = _discussion(community, discussion_id, request, moderator)
    return TemplateResponse(
        request,
        "discussions/thread.html",
        discussion_context(request, community, discussion, opening, moderator),
    )


def discussion_reply(request, community, discussion_id):
    _readable(request, community)
    if (response := _signed_in_or_login(request)) is not None:
        return response
    moderator = selectors.can_moderate(request.user, community)
    discussion, opening = _discussion(community, discussion_id, request, moderator)
    quote = None
    quote_id = request.POST.get("quote") or request.GET.get("quote")
    if quote_id:
        quote = Post.objects.filter(
            discussion=discussion, pk=quote_id if str(quote_id).isdigit() else 0
        ).first()
        if quote is None or quote.status != PostStatus.PUBLISHED:
            messages.error(request, "You can only quote a published post in this discussion.")
            return redirect(discussion.get_url(community))
    form = ReplyForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                post = services.post_reply(
                    discussion=discussion,
                    user=request.user,
                    body=form.cleaned_data["body"],
                    quote=quote,
                )
            except services.DiscussionError as error:
                _refused(request, error)
                form.add_error(None, str(error))
                status = error.status
            else:
                if post.status == PostStatus.HELD:
                    messages.success(request, "Your reply is waiting for a facilitator's approval.")
                else:
                    messages.success(request, "Your reply has been posted.")
                last = Paginator(
                    selectors.replies_for(discussion, request.user, moderator=moderator),
                    REPLIES_PER_PAGE,
                ).num_pages
                suffix = f"?page={last}" if last > 1 else ""
                return redirect(f"{discussion.get_url(community)}{suffix}#post-{post.pk}")
        else:
            status = 400
    elif discussion.locked or opening.status != PostStatus.PUBLISHED:
        messages.error(request, "This discussion is locked: nobody can reply to it.")
        return redirect(discussion.get_url(community))
    elif not selectors.can_take_part(request.user, community):
        raise PermissionDenied("Only members of this community can reply.")
    return TemplateResponse(
        request,
        "discussions/reply.html",
        {"page": community, "discussion": discussion, "quote": quote, "form": form},
        status=status,
    )


DISCUSSION_ACTIONS = {
    "lock": ("locked", True, "The discussion is locked: nobody can reply."),
    "unlock": ("locked", False, "The discussion is open for replies again."),
    "pin": ("pinned", True, "The discussion is pinned to the top of the list."),
    "unpin": ("pinned", False, "The discussion is no longer pinned."),
}


def discussion_action(request, community, discussion_id, action):
    _readable(request, community)
    if action not in DISCUSSION_ACTIONS:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if (response := _signed_in_or_login(request)) is not None:
        return response
    moderator = selectors.can_moderate(request.user, community)
    discussion, _opening = _discussion(community, discussion_id, request, moderator)
    field, value, message = DISCUSSION_ACTIONS[action]
    try:
        if field == "locked":
            services.discussion_lock(discussion=discussion, user=request.user, locked=value)
        else:
            services.discussion_pin(discussion=discussion, user=request.user, pinned=value)
    except services.DiscussionError as error:
        _refused(request, error)
        messages.error(request, str(error))
    else:
        messages.success(request, message)
    return redirect(discussion.get_url(community))


# -- posts (discussion posts and case study comments) -------------------------------------


def _post(request, community, post_id, moderator):
    post = selectors.post_in_community(community, post_id)
    if post is None:
        raise Http404
    post.community = community
    if post.discussion_id:
        post.discussion.community = community
        opening = post if post.is_opening else selectors.opening_post(post.discussion)
        if not selectors.can_see_discussion(opening, request.user, moderator=moderator):
            raise Http404
    if post.status == PostStatus.HELD and not (moderator or post.author_id == request.user.pk):
        raise Http404
    return post


def _back(post):
    return services.post_url(post)


def post_action(request, community, post_id, action):
    _readable(request, community)
    handler = {
        "edit": post_edit,
        "report": post_report,
        "answer": post_answer,
        "moderate": post_moderate,
    }.get(action)
    if handler is None:
        raise Http404
    if (response := _signed_in_or_login(request)) is not None:
        return response
    moderator = selectors.can_moderate(request.user, community)
    post = _post(request, community, post_id, moderator)
    return handler(request, community, post, moderator)


def post_edit(request, community, post, moderator):
    if post.author_id != request.user.pk:
        raise PermissionDenied("You can only edit your own posts.")
    with_title = post.is_opening
    initial = {"body": post.body}
    if with_title:
        initial["title"] = post.discussion.title
    form = EditForm(
        request.POST if request.method == "POST" else None, initial=initial, with_title=with_title
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.post_edit(
                    post=post,
                    user=request.user,
                    body=form.cleaned_data["body"],
                    title=form.cleaned_data.get("title"),
                )
            except services.DiscussionError as error:
                _refused(request, error)
                form.add_error(None, str(error))
                status = error.status
            else:
                messages.success(request, "Your changes have been saved.")
                return redirect(_back(post))
        else:
            status = 400
    elif not services.can_edit(post, request.user):
        messages.error(
            request,
            "This post can no longer be edited: posts can be edited in the first "
            f"{int(services.EDIT_WINDOW.total_seconds() // 60)} minutes, while the "
            "discussion is open. Reply instead to add or correct something.",
        )
        return redirect(_back(post))
    return TemplateResponse(
        request,
        "discussions/edit.html",
        {"page": community, "post": post, "form": form, "back": _back(post)},
        status=status,
    )


def post_report(request, community, post, moderator):
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.post_report(
                    post=post, user=request.user, reason=form.cleaned_data["reason"]
                )
            except services.DiscussionError as error:
                _refused(request, error)
                form.add_error(None, str(error))
                status = error.status
            else:
                messages.success(
                    request, "Thank you. The community's facilitators will look at the post."
                )
                return redirect(_back(post))
        else:
            status = 400
    post.shown = selectors.post_visible_to(post, request.user, moderator=moderator)
    return TemplateResponse(
        request,
        "discussions/report.html",
        {"page": community, "post": post, "form": form, "back": _back(post)},
        status=status,
    )


def post_answer(request, community, post, moderator):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if post.discussion_id is None:
        raise Http404
    try:
        answer = services.discussion_mark_answer(
            discussion=post.discussion, post=post, user=request.user
        )
    except services.DiscussionError as error:
        _refused(request, error)
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "Marked as the answer." if answer else "That reply is no longer marked as the answer.",
        )
    return redirect(_back(post))


def post_moderate(request, community, post, moderator):
    if not moderator:
        raise PermissionDenied("Only facilitators can moderate posts.")
    actions = services.moderation_actions_for(post)
    form = ModerateForm(request.POST if request.method == "POST" else None, actions=actions)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.post_moderate(
                    post=post,
                    user=request.user,
                    action=form.cleaned_data["action"],
                    reason=form.cleaned_data["reason"],
                )
            except services.DiscussionError as error:
                _refused(request, error)
                form.add_error(None, str(error))
                status = error.status
            else:
                messages.success(request, "Done. The author can see the reason you gave.")
                return redirect(f"{community.url}moderation/")
        else:
            status = 400
    post.shown = True
    return TemplateResponse(
        request,
        "discussions/moderate.html",
        {
            "page": community,
            "post": post,
            "form": form,
            "reports": list(post.reports.filter(resolved_at=None).select_related("reporter")),
            "back": _back(post),
        },
        status=status,
    )


def moderation(request, community):
    """The community's moderation queue: case studies waiting for review, requests to
    join, held posts and open reports, with the latest moderation."""
    _readable(request, community)
    if (response := _signed_in_or_login(request)) is not None:
        return response
    if not selectors.can_moderate(request.user, community):
        raise PermissionDenied("Only facilitators can see reports.")
    counts = queue.queue_counts([community])[community.pk]
    return TemplateResponse(
        request,
        "discussions/moderation.html",
        {
            "page": community,
            "counts": counts,
            "reviews": queue.pending_reviews(community, QUEUE_LIMIT),
            "requests": list(
                Membership.objects.filter(community=community, state=MembershipState.REQUESTED)
                .select_related("user", "user__organisation")
                .order_by("created_at", "pk")[:QUEUE_LIMIT]
            ),
            "held": list(selectors.held_posts(community)[:QUEUE_LIMIT]),
            "reports": list(selectors.open_reports(community)[:QUEUE_LIMIT]),
            "log": list(
                ModerationAction.objects.filter(community=community).select_related(
                    "actor", "author"
                )[:25]
            ),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def moderation_queue(request):
    """A facilitator's own queue: what waits in each community they facilitate. Anyone
    else signed in is refused (403), and no other community is ever named."""
    communities, counts, total = queue.waiting_for(request.user)
    if not communities and not request.user.is_superuser:
        raise PermissionDenied("Only facilitators have a moderation queue.")
    rows = [(community, counts[community.pk]) for community in communities]
    return TemplateResponse(
        request,
        "discussions/moderation_queue.html",
        {"rows": rows, "total": total},
    )


# -- comments on case studies ------------------------------------------------------------


def comments_context(request, case_study, community=None, form=None, reply_form=None):
    """What the case study page needs to show its comments and the comment form."""
    community = community or community_of_page(case_study)
    if community is None:
        return {}
    moderator = selectors.can_moderate(request.user, community)
    comments = list(selectors.comments_for(case_study, request.user, moderator=moderator))
    everything = [*comments, *(reply for c in comments for reply in c.shown_replies)]
    _decorate(everything, request.user, moderator)
    can_comment = selectors.can_comment(request.user, community)
    return {
        "comment_community": community,
        "comments": comments,
        "can_comment": can_comment,
        "comment_form": form or (empty_comment_form() if can_comment else None),
        "comment_moderator": moderator,
    }


def empty_comment_form():
    """The comment form with nothing entered, rendered: the same for every reader (no
    values, no errors; the page adds its own CSRF token beside it), so rendered once while
    the content stays the same (`cop.requestmemo.kept`) rather than on every view."""
    return kept(("empty-comment-form",), lambda: CommentForm().render())


def comment_add(request, case_study):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(case_study.url)
    community = community_of_page(case_study)
    if community is None:
        raise Http404
    parent = None
    if "parent" in request.POST:
        form = CommentReplyForm(request.POST)
        if form.is_valid():
            parent = Post.objects.filter(
                case_study=case_study, pk=form.cleaned_data["parent"]
            ).first()
            if parent is None:
                raise Http404
    else:
        form = CommentForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            post = services.comment_add(
                case_study=case_study,
                community=community,
                user=request.user,
                body=form.cleaned_data["body"],
                kind=form.cleaned_data.get("kind", ""),
                parent=parent,
            )
        except services.DiscussionError as error:
            _refused(request, error)
            form.add_error(None, str(error))
            status = error.status
        else:
            if post.status == PostStatus.HELD:
                messages.success(request, "Your comment is waiting for a facilitator's approval.")
            else:
                messages.success(
                    request, "Your comment has been posted and the authors have been told."
                )
            return redirect(f"{case_study.url}#comment-{post.pk}")
    return TemplateResponse(
        request,
        "discussions/comment_form.html",
        {"page": case_study, "form": form, "parent": parent},
        status=status,
    )
