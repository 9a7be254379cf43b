from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from feedbackhub.tenancy.access import account_view

from .selectors import order_filter, order_get

ORDERS_PER_PAGE = 50


@account_view("orders.view_orders")
def order_list(request, account):
    filterset = order_filter(account=account, params=request.GET)
    page = Paginator(filterset.qs, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode()}
    template = "orders/_order_table.html" if request.htmx else "orders/list.html"
    return render(request, template, context)


@account_view("orders.view_orders")
def order_detail(request, account, order_id):
    order = order_get(account=account, order_id=order_id)
    if order is None:
        raise Http404("No such order in this seller account.")
    return render(request, "orders/detail.html", {"order": order})
