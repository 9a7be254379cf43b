from django.db import models


class SinkMessage(models.Model):
    """An email caught by the local mail sink (embedded run only)."""

    from_email = models.CharField(max_length=254)
    to = models.TextField()
    subject = models.CharField(max_length=998)
    body = models.TextField()
    raw = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return self.subject
