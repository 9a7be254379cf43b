from django.conf import settings
from django.db import models


class SinkMessage(models.Model):
    """An email caught by the local mail sink (embedded run only).

    Who may read it is decided when it is caught (feedbackhub.mailsink):
    `readers` when it was addressed to users (a password reset, an owner's
    notification), else the members of `account` (mail to that account's
    buyers), else superusers only."""

    from_email = models.CharField(max_length=254)
    to = models.TextField()
    subject = models.CharField(max_length=998)
    body = models.TextField()
    raw = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)
    account = models.ForeignKey(
        "tenancy.SellerAccount", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    readers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return self.subject
