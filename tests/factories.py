"""factory-boy factories for the core models. Names are obviously fake."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from feedback.models import Feedback
from feedbackhub.tenancy.marketplace_data import marketplaces_load
from feedbackhub.tenancy.models import (
    AmazonConnection,
    ConnectionStatus,
    Marketplace,
    Membership,
    Role,
    SellerAccount,
    SellerMarketplace,
)
from messaging.models import (
    BuyerMessage,
    BuyerThread,
    Campaign,
    CampaignState,
    CampaignVariant,
    Channel,
    MessageDirection,
    MessageSource,
    MessageTemplate,
    TemplateKind,
    ThreadState,
)
from orders.models import (
    Claim,
    ClaimKind,
    FulfillmentChannel,
    ImportJob,
    ImportRejection,
    Order,
    OrderItem,
    OrderStatus,
)


def marketplace(code="US"):
    """A marketplace by code. Live-server (transactional) tests flush every
    table, the migration's reference data included, so reload it if gone."""
    found = Marketplace.objects.filter(code=code).first()
    if found is None:
        marketplaces_load(Marketplace)
        found = Marketplace.objects.get(code=code)
    return found


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct-horse-battery")


class SellerAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SellerAccount
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Seller {n}")
    merchant_id = factory.Sequence(lambda n: f"ATEST{n:010d}")
    time_zone = "America/Los_Angeles"
    # New accounts require two-factor sign-in (the model's default); tests
    # that are not about it log in with force_login and no device.
    two_factor_required = False

    @factory.post_generation
    def marketplaces(account, create, codes, **kwargs):
        for code in codes or ["US"]:
            SellerMarketplace.objects.create(account=account, marketplace=marketplace(code))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    account = factory.SubFactory(SellerAccountFactory)
    role = Role.OWNER


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    account = factory.SubFactory(SellerAccountFactory)
    marketplace = factory.LazyFunction(lambda: marketplace("US"))
    amazon_order_id = factory.Sequence(lambda n: f"111-{n:07d}-{(n * 7919) % 10_000_000:07d}")
    purchase_date = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    last_updated = factory.LazyAttribute(lambda order: order.purchase_date + timedelta(days=1))
    status = OrderStatus.SHIPPED
    fulfillment_channel = FulfillmentChannel.AFN
    order_total = Decimal("24.99")
    currency = "USD"
    buyer_name = "Test Buyer"
    buyer_email = factory.Sequence(lambda n: f"test-buyer-{n}@marketplace.amazon.example")


class OrderItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrderItem

    order = factory.SubFactory(OrderFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n}")
    asin = factory.Sequence(lambda n: f"B0TEST{n:04d}")
    title = "Test product"
    quantity = 1
    item_price = Decimal("24.99")


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    order = factory.SubFactory(OrderFactory)
    account = factory.LazyAttribute(lambda fb: fb.order.account)
    marketplace = factory.LazyAttribute(lambda fb: fb.order.marketplace)
    amazon_order_id = factory.LazyAttribute(lambda fb: fb.order.amazon_order_id)
    rating = 5
    comment = "Fast delivery."
    feedback_date = factory.LazyFunction(lambda: timezone.now().date())


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    order = factory.SubFactory(OrderFactory)
    account = factory.LazyAttribute(lambda claim: claim.order.account)
    amazon_order_id = factory.LazyAttribute(lambda claim: claim.order.amazon_order_id)
    kind = ClaimKind.A_TO_Z
    opened_at = factory.LazyFunction(timezone.now)


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportJob
        skip_postgeneration_save = True

    account = factory.SubFactory(SellerAccountFactory)
    original_name = "All Orders report.txt"
    report_type = "all_orders"
    status = "succeeded"
    rows_total = 3
    created = 2
    rejected = 1
    started_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def with_rejection(job, create, extracted, **kwargs):
        ImportRejection.objects.create(job=job, line_no=3, column="quantity", value="-1", reason="not a whole number")


class AmazonConnectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AmazonConnection
        skip_postgeneration_save = True

    account = factory.SubFactory(SellerAccountFactory)
    region = "na"
    refresh_token = factory.Sequence(lambda n: f"Atzr|test-refresh-token-{n}")
    status = ConnectionStatus.OK

    @factory.post_generation
    def marketplaces(connection, create, codes, **kwargs):
        connection.marketplaces.set([marketplace(code) for code in (codes or ["US"])])


class MessageTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MessageTemplate

    account = factory.SubFactory(SellerAccountFactory)
    name = factory.Sequence(lambda n: f"Request {n}")
    kind = TemplateKind.FEEDBACK_REQUEST
    language = "en"
    subject = "Your order {{ order_id }}"
    body = (
        "Hello {{ buyer_first_name }},\n\nthank you for your order {{ order_id }} of {{ product_titles }}. "
        "If you have a moment, please share your experience with other buyers: {{ feedback_page_url }}\n\n"
        "{{ store_name }}"
    )
    compliance_blocked = False


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    account = factory.SubFactory(SellerAccountFactory)
    name = factory.Sequence(lambda n: f"Campaign {n}")
    channel = Channel.AMAZON
    state = CampaignState.LIVE
    send_start_hour = 0
    send_end_hour = 24

    @factory.post_generation
    def marketplaces(self, create, codes, **kwargs):
        if create:
            self.marketplaces.set([marketplace(code) for code in (codes or ["US"])])


class CampaignVariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignVariant

    campaign = factory.SubFactory(CampaignFactory, channel=Channel.EMAIL)
    label = factory.Sequence(lambda n: f"V{n}")
    template = factory.LazyAttribute(lambda variant: MessageTemplateFactory(account=variant.campaign.account))
    weight = 50


class BuyerThreadFactory(factory.django.DjangoModelFactory):
    """A thread about an order of the account, waiting for a reply since `last_message_at`."""

    class Meta:
        model = BuyerThread

    account = factory.SubFactory(SellerAccountFactory)
    order = factory.LazyAttribute(lambda thread: OrderFactory(account=thread.account))
    amazon_order_id = factory.LazyAttribute(lambda thread: thread.order.amazon_order_id if thread.order else "")
    marketplace = factory.LazyAttribute(lambda thread: thread.order.marketplace if thread.order else marketplace("US"))
    relay_address = factory.Sequence(lambda n: f"relay-{n}@marketplace.amazon.example")
    relay_key = factory.Sequence(lambda n: f"relay-key-{n}")
    language = "en"
    subject = factory.LazyAttribute(lambda thread: f"Question about order {thread.amazon_order_id}")
    state = ThreadState.NEEDS_REPLY
    last_message_at = factory.LazyFunction(timezone.now)
    reply_due_at = factory.LazyAttribute(
        lambda thread: thread.last_message_at + timedelta(hours=24) if thread.state == ThreadState.NEEDS_REPLY else None
    )


class BuyerMessageFactory(factory.django.DjangoModelFactory):
    """A buyer's message in a thread (inbound, unanswered)."""

    class Meta:
        model = BuyerMessage

    thread = factory.SubFactory(BuyerThreadFactory)
    account = factory.LazyAttribute(lambda message: message.thread.account)
    order = factory.LazyAttribute(lambda message: message.thread.order)
    amazon_order_id = factory.LazyAttribute(lambda message: message.thread.amazon_order_id)
    direction = MessageDirection.INBOUND
    source = MessageSource.IMAP
    message_id = factory.Sequence(lambda n: f"<buyer-{n}@marketplace.amazon.example>")
    from_address = factory.LazyAttribute(lambda message: message.thread.relay_address)
    subject = factory.LazyAttribute(lambda message: message.thread.subject)
    body_text = "Hello, where is my parcel? It has not arrived yet."
    language = "en"
    received_at = factory.LazyAttribute(lambda message: message.thread.last_message_at)
