from django.apps import AppConfig


class FeedbackHubConfig(AppConfig):
    name = "feedbackhub"
    label = "feedbackhub"
    verbose_name = "FeedbackHub"
