from django.urls import path

from . import views
from .inbox import mailbox_views
from .inbox import views as inbox_views

app_name = "messaging"
urlpatterns = [
    path("inbox/", inbox_views.inbox, name="inbox"),
    path("inbox/<int:thread_id>/", inbox_views.thread_detail, name="thread"),
    path("inbox/<int:thread_id>/reply/", inbox_views.thread_reply, name="thread_reply"),
    path("inbox/<int:thread_id>/no-reply/", inbox_views.thread_no_reply_view, name="thread_no_reply"),
    path("inbox/<int:thread_id>/presence/", inbox_views.thread_presence, name="thread_presence"),
    path("inbox/<int:thread_id>/messages/", inbox_views.thread_messages_view, name="thread_messages"),
    path("inbox/opt-outs/<int:proposal_id>/decide/", inbox_views.opt_out_decide, name="opt_out_decide"),
    path("inbox/replies/<int:reply_id>/decide/", inbox_views.reply_decide_view, name="reply_decide"),
    path("inbox/attachments/<int:attachment_id>/", inbox_views.attachment_download, name="inbox_attachment"),
    path("mailbox/", mailbox_views.mailbox_settings, name="mailbox_settings"),
    path("mailbox/test/", mailbox_views.mailbox_test, name="mailbox_test"),
    path("campaigns/", views.campaigns, name="campaigns"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path("campaigns/<int:campaign_id>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:campaign_id>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:campaign_id>/state/", views.campaign_state, name="campaign_state"),
    path("campaigns/<int:campaign_id>/test-send/", views.campaign_test_send_view, name="campaign_test_send"),
    path("sending/", views.sending_settings, name="sending_settings"),
    path("do-not-solicit/", views.do_not_solicit, name="do_not_solicit"),
    path("do-not-solicit/<int:entry_id>/remove/", views.do_not_solicit_remove_view, name="do_not_solicit_remove"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:request_id>/decide/", views.outbox_decide, name="outbox_decide"),
    path("templates/", views.templates, name="templates"),
    path("reply-templates/", views.reply_templates, name="reply_templates"),
    path("templates/new/", views.template_new, name="template_new"),
    path("templates/preview/", views.template_preview, name="template_preview"),
    path("templates/<int:template_id>/", views.template_edit, name="template_edit"),
    path("templates/<int:template_id>/history/", views.template_history, name="template_history"),
    path(
        "templates/<int:template_id>/history/<int:history_id>/restore/",
        views.template_restore,
        name="template_restore",
    ),
]
