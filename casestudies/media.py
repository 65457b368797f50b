"""A case study's images and attachments come from its community's collection.

Files in a community's collection follow the community's privacy (docs/privacy.md). An
image or document from elsewhere shown on a case study would carry its title, size or
picture to the case study's readers, who may not be allowed to read where it came from.
So the editor's form accepts only files kept in the community's collection (or a
collection inside it), and the page shows only those (a case study moved to another
community keeps its old choices in the editor, to be replaced, but does not show them).
"""

from casestudies.forms import CaseStudyForm, community_of

# Child relation on CaseStudyPage -> the field naming the file.
MEDIA_FIELDS = {"images": "image", "attachments": "document"}
OUTSIDE_MESSAGES = {
    "image": "Choose an image from this community's collection. Images kept elsewhere "
    "cannot be shown on this case study.",
    "document": "Choose a document from this community's collection. Documents kept "
    "elsewhere cannot be attached to this case study.",
}


def kept_in(collection, root) -> bool:
    """Whether `collection` is `root` or a collection inside it."""
    return bool(root is not None and collection is not None) and collection.path.startswith(
        root.path
    )


def case_study_media(page, community) -> tuple[list, list]:
    """The page's images and attachments that are kept in the community's collection, in
    their order, with their files (and collections) loaded in one query each."""
    root = community.collection if community is not None else None
    images = [
        item
        for item in page.images.select_related("image__collection")
        if kept_in(item.image.collection, root)
    ]
    attachments = [
        item
        for item in page.attachments.select_related("document__collection")
        if kept_in(item.document.collection, root)
    ]
    return images, attachments


class CaseStudyMediaForm(CaseStudyForm):
    """The case study editor's form, with images and attachments limited to the files kept
    in the community's collection (what Wagtail's choosers offer is only a convenience: a
    crafted request could name any image or document)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        community = community_of(self.instance, getattr(self, "parent_page", None))
        root = community.collection if community is not None else None
        for relation, field_name in MEDIA_FIELDS.items():
            formset = self.formsets.get(relation)
            if formset is None:
                continue
            for form in formset.forms:
                field = form.fields.get(field_name)
                if field is None:
                    continue
                if root is None:
                    field.queryset = field.queryset.none()
                else:
                    field.queryset = field.queryset.filter(collection__path__startswith=root.path)
                field.error_messages["invalid_choice"] = OUTSIDE_MESSAGES[field_name]
