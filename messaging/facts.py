"""Facts about orders that a higher app owns, registered with messaging.

Planning must know which orders already have feedback, which is negative and
which buyers rated low, but messaging may not import feedback (DESIGN: one
direction, feedback → messaging → orders). So the feedback app registers, in
its AppConfig.ready(), the SQL relation that answers it, the way
orders.imports.registry lets feedback register its report importers. Messaging
then knows the relation's columns, never feedback's tables.

The relation has one row per feedback linked to an order, with the columns
order_id, account_id, rating and feedback_date. Without a registration (an
install without the feedback app) it is empty: no order has feedback.
"""

ORDER_FEEDBACK_COLUMNS = ("order_id", "account_id", "rating", "feedback_date")
_NO_FEEDBACK = (
    "SELECT NULL::bigint AS order_id, NULL::bigint AS account_id, NULL::smallint AS rating, "
    "NULL::date AS feedback_date WHERE false"
)
_order_feedback = _NO_FEEDBACK


def order_feedback_register(sql: str) -> None:
    """Set the SQL of the order-feedback relation (columns: ORDER_FEEDBACK_COLUMNS)."""
    global _order_feedback
    _order_feedback = sql


def order_feedback_sql() -> str:
    """The order-feedback relation, as a parenthesised subquery to alias."""
    return f"({_order_feedback})"


# Pages of a higher app about an order (the resolution case of its negative
# feedback), linked from the inbox. Each registered function takes
# (account, order_ids) and returns {order_id: (label, url)}.
_order_links = []


def order_link_register(links_for) -> None:
    if links_for not in _order_links:
        _order_links.append(links_for)


def order_links(*, account, order_ids) -> dict:
    """{order_id: [(label, url), ...]} from every registered app."""
    found = {}
    for links_for in _order_links:
        for order_id, link in links_for(account, order_ids).items():
            found.setdefault(order_id, []).append(link)
    return found
