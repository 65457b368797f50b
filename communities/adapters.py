from allauth.account.adapter import DefaultAccountAdapter

from communities.services.members import member_link_organisation


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            member_link_organisation(user=user, email=user.email, verified=False)
        return user

    def confirm_email(self, request, email_address):
        result = super().confirm_email(request, email_address)
        if email_address.primary or email_address.user.email == email_address.email:
            member_link_organisation(
                user=email_address.user, email=email_address.email, verified=True
            )
        return result
