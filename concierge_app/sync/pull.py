"""Pull: the delta of the facility's orders into the local cache.

Pages come by `updated_since` (inclusive) and an opaque cursor. The cursor is
saved after each page, so an interrupted pull resumes where it stopped; the
high-water mark moves only once the whole delta is in, and an order seen
twice is simply written twice. The public keys for signed labels come
first, whole, on every pull: they are few, and a withdrawn key must stop
verifying labels as soon as the desk can learn of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from concierge_app.api.client import PartnerClient
from concierge_app.api.errors import NotFound, ProtocolError
from concierge_app.api.wire import format_time
from concierge_app.store import Store
from concierge_app.sync.events import ReceiptsChanged

logger = logging.getLogger(__name__)

SINCE = "orders.updated_since"
CURSOR = "orders.cursor"
PAGE_SIZE = 500


@dataclass(frozen=True, slots=True)
class PullResult:
    """How much one pull brought in."""

    pages: int
    orders: int
    packages: int
    label_keys: int | None = None


async def pull(
    client: PartnerClient,
    store: Store,
    *,
    page_size: int = PAGE_SIZE,
    on_progress: Callable[[], None] = lambda: None,
    on_changed: Callable[[ReceiptsChanged], None] = lambda _change: None,
) -> PullResult:
    """Bring the cache up to date with every order changed since the last pull."""
    keys = await pull_label_keys(client, store)

    since = store.get_cursor(SINCE) or None
    cursor = store.get_cursor(CURSOR) or None
    high_water = since
    pages = orders = packages = 0

    while True:
        page = await client.list_orders(
            updated_since=since, cursor=cursor, limit=page_size
        )
        store.upsert_orders(page.orders)
        on_progress()
        on_changed(
            ReceiptsChanged(order_ids=frozenset(o.order_id for o in page.orders))
        )

        pages += 1
        orders += len(page.orders)
        packages += sum(len(f.packages) for o in page.orders for f in o.fulfillments)
        for order in page.orders:
            stamp = format_time(order.updated_at)
            if high_water is None or stamp > high_water:
                high_water = stamp
        if not page.next_cursor:
            break
        cursor = page.next_cursor
        store.set_cursor(CURSOR, cursor)

    store.set_cursor(CURSOR, "")
    if high_water:
        store.set_cursor(SINCE, high_water)
    logger.info("pull: %d orders, %d packages in %d pages", orders, packages, pages)
    return PullResult(pages, orders, packages, keys)


async def pull_label_keys(client: PartnerClient, store: Store) -> int | None:
    """Replace the cached label keys with the platform's; how many it lists.

    A platform without the endpoint (404) keeps the desk's keys as they are
    and answers None: signed labels then verify against what was cached.
    """
    try:
        keys = await client.label_keys()
    except NotFound:
        logger.info("the platform publishes no label keys; keeping the cached ones")
        return None
    except ProtocolError as error:
        # The orders matter more than the keys: the pull goes on without them.
        logger.warning("label keys answer off the contract: %s", error)
        return None
    store.replace_label_keys(keys)
    return len(keys)
