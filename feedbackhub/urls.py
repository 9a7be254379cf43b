from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from feedbackhub import views
from feedbackhub.tenancy import two_factor_views
from feedbackhub.tenancy.forms import LoginForm
from feedbackhub.tenancy.views import PasswordResetView


def _superuser_only(request):
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superuser_only
admin.site.site_header = "FeedbackHub administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", include("feedback.dashboard_urls")),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(
            extra_context={"mail_sink_url": "/dev/mail/" if settings.MAIL_SINK_VIEW else None}
        ),
        name="password_reset_done",
    ),
    path("accounts/two-factor/", two_factor_views.two_factor_verify_view, name="two_factor_verify"),
    path("accounts/two-factor/setup/", two_factor_views.two_factor_setup, name="two_factor_setup"),
    path("accounts/security/", two_factor_views.two_factor_manage, name="two_factor_manage"),
    path("accounts/security/recovery-codes/", two_factor_views.recovery_codes_new, name="recovery_codes_new"),
    path("accounts/security/disable/", two_factor_views.two_factor_disable_view, name="two_factor_disable"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/audit/", include("feedbackhub.audit.urls")),
    path("account/", include("feedbackhub.tenancy.urls")),
    path("orders/", include("orders.urls")),
    path("feedback/", include("feedback.urls")),
    path("messaging/", include("messaging.urls")),
    # Mail providers' webhooks (inbound buyer mail: messaging.inbox.webhook).
    path("anymail/", include("anymail.urls")),
    path("django-admin/", admin.site.urls),
]

if settings.MAIL_SINK_VIEW:
    urlpatterns += [
        path("dev/mail/", views.mail_sink_list, name="mail_sink_list"),
        path("dev/mail/<int:message_id>/", views.mail_sink_detail, name="mail_sink_detail"),
    ]
