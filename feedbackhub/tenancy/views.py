import logging
import re

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .access import SESSION_KEY, account_view, memberships_for
from .forms import AmazonConnectionForm, PasswordResetForm, SellerAccountSettingsForm
from .models import Membership
from .selectors import amazon_connection_for, amazon_report_requests
from .services import (
    amazon_connection_save,
    amazon_connection_sync_request,
    amazon_connection_test,
    password_reset_allowed,
    seller_account_update,
)

logger = logging.getLogger(__name__)

# A primary key as the switcher posts it; anything else ("abc", "1e3", a NUL) is refused before the query.
ACCOUNT_ID = re.compile(r"[0-9]{1,18}")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, throttled per address and per IP (the IP as
    django-axes reads it for the login lockout). Over the limit no mail
    leaves, and the answer is the same "check your email" page, so it tells
    nothing about whether the address exists."""

    form_class = PasswordResetForm

    def form_valid(self, form):
        if password_reset_allowed(email=form.cleaned_data["email"], ip_address=get_client_ip_address(self.request)):
            return super().form_valid(form)
        logger.warning("Password reset throttled; no mail sent.")
        return HttpResponseRedirect(self.get_success_url())


@require_POST
@login_required
def account_switch(request):
    account_id = request.POST.get("account_id", "")
    if not ACCOUNT_ID.fullmatch(account_id):
        messages.error(request, "Account switcher: that is not a seller account; you are still on the same one.")
        return redirect("home")
    membership = memberships_for(request.user).filter(account_id=int(account_id)).first()
    if membership is None:
        raise Http404("No such seller account among yours.")
    request.session[SESSION_KEY] = membership.account_id
    messages.info(request, f"Now working on {membership.account.name}.")
    return redirect("home")


@account_view("tenancy.manage_settings")
def account_settings(request, account):
    initial = {
        "name": account.name,
        "time_zone": account.time_zone,
        "marketplaces": account.marketplaces.all(),
    }
    form = SellerAccountSettingsForm(request.POST or None, initial=initial, account=account)
    if request.method == "POST" and form.is_valid():
        seller_account_update(account=account, **form.cleaned_data)
        messages.success(request, "Settings saved.")
        return redirect("tenancy:settings")
    can_manage_members = request.user.has_perm("tenancy.manage_members", account)
    context = {
        "form": form,
        "account": account,
        "can_manage_members": can_manage_members,
        "amazon_connection": amazon_connection_for(account=account),
    }
    return render(request, "tenancy/settings.html", context)


@account_view("tenancy.manage_settings")
def amazon_connection(request, account):
    """The SP-API connection: settings form, Test connection, Sync now (one
    URL; the button pressed is the POSTed "action")."""
    connection = amazon_connection_for(account=account)
    action = request.POST.get("action", "save") if request.method == "POST" else None
    if action in ("test", "sync"):
        if connection is None or not connection.has_refresh_token:
            messages.error(request, "Save a refresh token first.")
        elif action == "test":
            result = amazon_connection_test(connection=connection)
            (messages.success if result.ok else messages.error)(request, result.message)
        else:
            amazon_connection_sync_request(connection=connection)
            messages.info(request, "Sync queued: orders first, then the feedback and account health reports.")
        return redirect("tenancy:amazon")

    if connection:
        initial = {
            "region": connection.region,
            "marketplaces": connection.marketplaces.all(),
            "selling_partner_id": connection.selling_partner_id,
        }
    else:
        initial = {"region": account.marketplaces.values_list("region", flat=True).first()}
    form = AmazonConnectionForm(request.POST if action == "save" else None, initial=initial)
    if action == "save" and form.is_valid():
        new_token = bool(form.cleaned_data["refresh_token"])
        amazon_connection_save(account=account, actor=request.user, **form.cleaned_data)
        messages.success(
            request, "Amazon connection saved." + (" Test the connection to start syncing." if new_token else "")
        )
        return redirect("tenancy:amazon")
    context = {
        "form": form,
        "connection": connection,
        "marketplaces": list(connection.marketplaces.all()) if connection else [],
        "report_requests": amazon_report_requests(connection=connection) if connection else [],
        "app_configured": bool(settings.SP_API_LWA_APP_ID and settings.SP_API_LWA_CLIENT_SECRET),
    }
    return render(request, "tenancy/amazon.html", context)


@account_view("tenancy.manage_members")
def team(request, account):
    members = Membership.objects.filter(account=account).select_related("user").order_by("role", "user__username")
    return render(request, "tenancy/team.html", {"members": members})
