import django_filters
from django import forms
from django.db.models import Q

from .models import FulfillmentChannel, Order, OrderItem, OrderStatus

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class OrderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Order id, SKU or ASIN", method="filter_search")
    marketplace = django_filters.ModelChoiceFilter(queryset=None, empty_label="All marketplaces")
    status = django_filters.ChoiceFilter(choices=OrderStatus.choices, empty_label="All statuses")
    fulfillment_channel = django_filters.ChoiceFilter(
        label="Fulfilment", choices=FulfillmentChannel.choices, empty_label="FBA and FBM"
    )
    purchased_from = django_filters.DateFilter(
        label="Purchased from", field_name="purchase_date", lookup_expr="date__gte", widget=DATE_INPUT
    )
    purchased_to = django_filters.DateFilter(
        label="Purchased to", field_name="purchase_date", lookup_expr="date__lte", widget=DATE_INPUT
    )

    class Meta:
        model = Order
        fields = ["q", "marketplace", "status", "fulfillment_channel", "purchased_from", "purchased_to"]

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["marketplace"].queryset = account.marketplaces.all()

    def filter_search(self, queryset, name, value):
        term = value.strip()
        if not term:
            return queryset
        # Matches the functional indexes on UPPER(sku) and UPPER(asin).
        item_orders = OrderItem.objects.filter(Q(sku__iexact=term) | Q(asin__iexact=term)).values("order_id")
        return queryset.filter(Q(amazon_order_id__startswith=term) | Q(pk__in=item_orders))
