from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .access import SESSION_KEY, account_view, memberships_for
from .forms import SellerAccountSettingsForm
from .models import Membership
from .services import seller_account_update


@require_POST
@login_required
def account_switch(request):
    membership = memberships_for(request.user).filter(account_id=request.POST.get("account_id") or 0).first()
    if membership is None:
        raise Http404("No such seller account among yours.")
    request.session[SESSION_KEY] = membership.account_id
    messages.info(request, f"Now working on {membership.account.name}.")
    return redirect("home")


@account_view("tenancy.manage_settings")
def account_settings(request, account):
    initial = {
        "name": account.name,
        "merchant_id": account.merchant_id or "",
        "time_zone": account.time_zone,
        "marketplaces": account.marketplaces.all(),
    }
    form = SellerAccountSettingsForm(request.POST or None, initial=initial, account=account)
    if request.method == "POST" and form.is_valid():
        seller_account_update(account=account, **form.cleaned_data)
        messages.success(request, "Settings saved.")
        return redirect("tenancy:settings")
    can_manage_members = request.user.has_perm("tenancy.manage_members", account)
    return render(request, "tenancy/settings.html", {"form": form, "can_manage_members": can_manage_members})


@account_view("tenancy.manage_members")
def team(request, account):
    members = Membership.objects.filter(account=account).select_related("user").order_by("role", "user__username")
    return render(request, "tenancy/team.html", {"members": members})
