from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIXES = ("/admin/", "/django-admin/")

# A few of Wagtail's admin templates (inline panels, date widgets) carry inline scripts
# that cannot take a nonce. Only on admin pages served to signed-in users are inline
# scripts allowed; every public page, and the admin's own redirect to sign-in, keeps the
# strict policy from settings (see docs/security.md).
ADMIN_POLICY = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        user = getattr(request, "user", None)
        if request.path.startswith(ADMIN_PREFIXES) and user and user.is_authenticated:
            parts.replace = {**ADMIN_POLICY, **(parts.replace or {})}
            parts.nonce = None
        return parts
