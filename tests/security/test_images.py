"""Images are served only through the checked views in cop/images.py.

- `/images/<id>/<filter spec>/`: allowed filter specs only; 404, exactly as for a missing
  image, to anyone who may not read the image's community.
- `MEDIA_URL + images/<rendition file>`: the addresses Wagtail's admin uses for previews,
  for admin users who may read the community; nothing else under MEDIA_URL is served.
"""

import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.template import Context, Template, TemplateSyntaxError
from PIL import Image as PILImage
from wagtail.images.models import Image, Rendition

from communities.models import MembershipRole
from communities.services.membership import membership_leave
from cop.images import IMAGE_FILTER_SPECS, image_url
from tests import factories
from tests.media import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def private(db):
    community = factories.make_community("Police data sharing", visibility="private")
    member = factories.UserFactory()
    factories.add_member(community, member)
    return {"community": community, "member": member, "image": make_image(community)}


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def not_found_like_a_missing_image(client, url, image):
    """The response for `url` is the 404 a missing image id gets, byte for byte (apart
    from the address itself)."""
    response = client.get(url)
    missing_url = url.replace(f"/images/{image.pk}/", "/images/987654321/")
    missing = client.get(missing_url)
    assert response.status_code == missing.status_code == 404
    assert response.content.replace(url.encode(), b"") == missing.content.replace(
        missing_url.encode(), b""
    )
    return True


def test_an_open_image_is_served_to_anyone_with_a_public_cache_lifetime(client, open_community):
    image = make_image(open_community, size=(1200, 600))
    response = client.get(image_url(image, "width-800"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert PILImage.open(BytesIO(body(response))).size == (800, 400)


def test_a_private_image_is_served_to_members_and_kept_out_of_shared_caches(client, private):
    client.force_login(private["member"])
    response = client.get(image_url(private["image"], "fill-400x300"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert PILImage.open(BytesIO(body(response))).size == (400, 300)


@pytest.mark.parametrize("who", ["anonymous", "non-member", "pending member"])
def test_a_private_image_answers_404_like_a_missing_one(client, private, who):
    if who == "non-member":
        client.force_login(factories.UserFactory())
    elif who == "pending member":
        user = factories.UserFactory()
        factories.add_member(private["community"], user, state="requested")
        client.force_login(user)
    url = image_url(private["image"], "width-800")
    assert not_found_like_a_missing_image(client, url, private["image"])


def test_removing_a_member_takes_the_image_away_at_once(client, private):
    client.force_login(private["member"])
    url = image_url(private["image"], "width-800")
    assert client.get(url).status_code == 200
    membership_leave(user=private["member"], community=private["community"])
    assert client.get(url).status_code == 404


def test_a_restricted_image_needs_a_signed_in_approved_member(client):
    community = factories.make_community(visibility="restricted")
    image = make_image(community)
    url = image_url(image, "width-800")
    assert client.get(url).status_code == 404
    client.force_login(factories.UserFactory(approved=False))
    assert client.get(url).status_code == 404
    client.force_login(factories.UserFactory(approved=True))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "spec",
    [
        "original",
        "width-801",
        "fill-10000x10000",
        "max-1200x1200|format-gif",
        "width-800.png",
        "..",
        "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e%2fsettings",
        "width-800%00",
    ],
)
def test_filter_specs_outside_the_allow_list_are_not_found_and_make_nothing(
    client, open_community, spec
):
    image = make_image(open_community)
    before = Rendition.objects.count()
    response = client.get(f"/images/{image.pk}/{spec}/")
    assert response.status_code == 404
    assert Rendition.objects.count() == before


@pytest.mark.parametrize(
    "path",
    [
        "/images/{pk}/width-800/../../../etc/passwd",
        "/images/{pk}/../../media/original_images/x.png",
        "/images/{pk}/width-800/extra/",
        "/images/-1/width-800/",
        "/images/{pk}/",
    ],
)
def test_other_image_addresses_are_not_found(client, open_community, path):
    image = make_image(open_community)
    assert client.get(path.format(pk=image.pk)).status_code == 404


def test_only_reading_is_allowed(client, open_community):
    image = make_image(open_community)
    assert client.post(image_url(image, "width-800")).status_code == 405


def test_an_image_whose_file_is_gone_is_not_found(client, open_community):
    image = make_image(open_community)
    image.file.storage.delete(image.file.name)
    assert client.get(image_url(image, "width-800")).status_code == 404


def test_a_file_that_is_not_an_image_is_not_served(client, open_community):
    """Even if something that is not an image got stored as one, it is never served."""
    image = make_image(open_community)
    name = image.file.name
    image.file.storage.delete(name)
    image.file.storage.save(name, ContentFile(b"<html><script>alert(1)</script></html>"))
    response = client.get(image_url(image, "width-800"))
    assert response.status_code == 404
    assert b"<script>" not in response.content


def test_files_kept_outside_every_community_are_open(client):
    image = make_image(title="Logo")
    assert client.get(image_url(image, "width-800")).status_code == 200


def test_an_image_in_a_collection_inside_a_private_community_stays_private(client, private):
    child = private["image"].collection.add_child(name="Workshop photos")
    image = make_image(title="Workshop", collection=child)
    url = image_url(image, "width-800")
    assert client.get(url).status_code == 404
    client.force_login(private["member"])
    assert client.get(url).status_code == 200


# The template tag ------------------------------------------------------------------------


def render(template, **context):
    return Template("{% load community_images %}" + template).render(Context(context))


def test_the_tag_renders_an_img_through_the_checked_view_with_its_real_size(client, open_community):
    image = make_image(open_community, size=(1000, 700))
    html = render('{% community_image image "width-800" alt="A bar chart" %}', image=image)
    assert f'src="/images/{image.pk}/width-800/"' in html
    assert 'width="800"' in html and 'height="560"' in html and 'alt="A bar chart"' in html
    served = PILImage.open(BytesIO(body(client.get(image_url(image, "width-800")))))
    assert served.size == (800, 560)


def test_the_tag_gives_decorative_images_an_empty_alt(open_community):
    image = make_image(open_community)
    assert 'alt=""' in render('{% community_image image "fill-400x300" %}', image=image)


def test_the_tag_escapes_its_attributes(open_community):
    image = make_image(open_community)
    html = render('{% community_image image "width-800" alt=alt %}', image=image, alt='"><script>x')
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html


def test_the_tag_refuses_filter_specs_outside_the_allow_list(open_community):
    image = make_image(open_community)
    with pytest.raises(TemplateSyntaxError):
        render('{% community_image image "width-2000" %}', image=image)


def test_every_allowed_spec_has_a_working_address(client, open_community):
    image = make_image(open_community)
    for spec in IMAGE_FILTER_SPECS:
        assert client.get(image_url(image, spec)).status_code == 200, spec


def test_site_templates_never_link_to_media_files():
    """Wagtail's {% image %} tag gives the rendition file's own address: not for the site."""
    from django.conf import settings

    offenders = [
        str(path)
        for path in (settings.BASE_DIR / "templates").rglob("*.html")
        if re.search(r"{%\s*(load\s+[^%]*wagtailimages_tags|image\s)", path.read_text())
    ]
    assert not offenders, offenders


# Admin previews --------------------------------------------------------------------------


def admin_preview_urls(client, image):
    """The rendition addresses in the admin's edit page for `image`."""
    response = client.get(f"/admin/images/{image.pk}/")
    assert response.status_code == 200
    urls = set(re.findall(r'(/media/images/[^"\s]+)', response.content.decode()))
    assert urls, "the admin shows no preview"
    return urls


@pytest.fixture
def facilitator(private):
    user = factories.UserFactory()
    factories.add_member(private["community"], user, role=MembershipRole.FACILITATOR)
    return user


def test_the_admin_shows_previews_to_editors_who_may_read_the_community(
    client, private, facilitator
):
    client.force_login(facilitator)
    for url in admin_preview_urls(client, private["image"]):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert "private" in response["Cache-Control"]
        PILImage.open(BytesIO(body(response))).verify()


def test_admin_preview_files_are_for_admin_users_who_may_read_the_community(
    client, private, facilitator
):
    client.force_login(facilitator)
    urls = admin_preview_urls(client, private["image"])

    def answers(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return {client.get(url).status_code for url in urls}

    # A plain member has admin access (through the community's members group).
    assert answers(private["member"]) == {200}
    # Not signed in, or signed in without admin access: not found.
    assert answers(None) == {404}
    assert answers(factories.UserFactory()) == {404}
    # A facilitator of another community has admin access but may not read this one.
    other = factories.make_community(visibility="open")
    outsider = factories.UserFactory()
    factories.add_member(other, outsider, role=MembershipRole.FACILITATOR)
    assert answers(outsider) == {404}
    # Leaving the community takes the previews away at once.
    membership_leave(user=private["member"], community=private["community"])
    assert answers(private["member"]) == {404}


def test_admin_preview_files_of_a_restricted_community_need_admin_access(client):
    """Any approved member of the site reads a restricted community, but the admin's
    addresses are only for those with admin access."""
    community = factories.make_community(visibility="restricted")
    image = make_image(community)
    url = image.get_rendition("max-165x165").url
    client.force_login(factories.UserFactory())
    assert client.get(url).status_code == 404
    insider = factories.UserFactory()
    factories.add_member(community, insider)
    client.force_login(insider)
    assert client.get(url).status_code == 200


def test_originals_and_other_media_files_are_never_served(client, private):
    site_admin = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(site_admin)
    image = private["image"]
    rendition = image.get_rendition("width-800")
    assert client.get(rendition.url).status_code == 200  # the admin's way in works
    for path in (
        f"/media/{image.file.name}",
        "/media/original_images/",
        "/media/documents/report.txt",
        "/media/images/../original_images/" + image.file.name.split("/")[-1],
        "/media/images/" + image.file.name.split("/")[-1],  # an original's name
    ):
        assert client.get(path).status_code == 404, path
    assert Image.objects.filter(pk=image.pk).exists()
