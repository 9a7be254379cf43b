"""The two-factor pages: the code asked after the password, setting up an
authenticator app, and the user's own two-factor settings."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .access import account_view
from .two_factor import (
    TwoFactorRefused,
    recovery_codes_left,
    recovery_codes_regenerate,
    safe_next,
    two_factor_confirm,
    two_factor_disable,
    two_factor_enabled,
    two_factor_enrolment,
    two_factor_require_set,
    two_factor_required_for,
    two_factor_verify,
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "text"}),
    )


@never_cache
@login_required
def two_factor_verify_view(request):
    if request.user.is_verified() or not two_factor_enabled(request.user):
        return redirect(safe_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor_verify(request=request, token=form.cleaned_data["code"])
        except TwoFactorRefused as refused:
            form.add_error("code", str(refused))
        else:
            return redirect(safe_next(request))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": safe_next(request)})


@never_cache
@login_required
def two_factor_setup(request):
    # Someone with only the password must not enrol a device of their own.
    if two_factor_enabled(request.user) and not request.user.is_verified():
        return redirect("two_factor_verify")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor_confirm(request=request, token=form.cleaned_data["code"])
        except TwoFactorRefused as refused:
            form.add_error("code", str(refused))
        else:
            context = {"codes": codes, "next": safe_next(request, default="two_factor_manage")}
            return render(request, "registration/two_factor_recovery_codes.html", context)
    context = {
        "form": form,
        "enrolment": two_factor_enrolment(user=request.user),
        "required_by": two_factor_required_for(request.user),
        "replacing": two_factor_enabled(request.user),
        "next": safe_next(request),
    }
    return render(request, "registration/two_factor_setup.html", context)


@never_cache
@login_required
def two_factor_manage(request):
    context = {
        "enabled": two_factor_enabled(request.user),
        "codes_left": recovery_codes_left(request.user),
        "required_by": two_factor_required_for(request.user),
    }
    return render(request, "registration/two_factor_manage.html", context)


@never_cache
@require_POST
@login_required
def recovery_codes_new(request):
    if not two_factor_enabled(request.user):
        messages.error(request, "Set up two-factor sign-in first: recovery codes come with it.")
        return redirect("two_factor_manage")
    codes = recovery_codes_regenerate(user=request.user)
    return render(request, "registration/two_factor_recovery_codes.html", {"codes": codes, "next": "/"})


@require_POST
@login_required
def two_factor_disable_view(request):
    try:
        two_factor_disable(user=request.user)
    except TwoFactorRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Two-factor sign-in is off: only your password protects this login now.")
    return redirect("two_factor_manage")


@account_view("tenancy.manage_members")
@require_POST
def two_factor_requirement(request, account):
    required = request.POST.get("two_factor_required") == "on"
    two_factor_require_set(account=account, required=required, actor=request.user)
    if required:
        messages.success(request, f"{account.name}: owners and admins must now use two-factor sign-in.")
    else:
        messages.warning(request, f"{account.name}: two-factor sign-in is no longer required of owners and admins.")
    return redirect("tenancy:settings")
