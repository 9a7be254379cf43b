"""When a feedback request may be sent: Amazon's window and the seller's hours.

Pure functions over aware datetimes; calendar days are counted in the
marketplace's time zone (an order delivered "5 days ago" in Tokyo is not the
same instant as in Los Angeles), and every local time is turned back into an
aware instant with zoneinfo, so a daylight-saving change never shifts a day.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, time, timedelta

# Amazon "Request a Review": from 5 days after EarliestDeliveryDate to 30 days
# after LatestDeliveryDate. Custom emails keep the same outer limit (DOMAIN.md:
# never beyond 30 days after delivery).
OPENS_DAYS_AFTER_DELIVERY = 5
CLOSES_DAYS_AFTER_DELIVERY = 30


@dataclass(frozen=True)
class Window:
    opens_at: datetime
    closes_at: datetime

    def contains(self, moment):
        return self.opens_at <= moment < self.closes_at


def _zone(time_zone):
    return zoneinfo.ZoneInfo(time_zone)


def local_midnight(day, time_zone):
    """The instant a local calendar day starts (DST-safe)."""
    return datetime.combine(day, time.min, tzinfo=_zone(time_zone))


def local_day(moment, time_zone):
    return moment.astimezone(_zone(time_zone)).date()


def solicitation_window(*, earliest_delivery, latest_delivery, time_zone):
    """Amazon's window in the marketplace's calendar: it opens at the start of
    the 5th local day after the earliest delivery date and closes at the end of
    the 30th local day after the latest delivery date."""
    latest_delivery = latest_delivery or earliest_delivery
    opens_day = local_day(earliest_delivery, time_zone) + timedelta(days=OPENS_DAYS_AFTER_DELIVERY)
    closes_day = local_day(latest_delivery, time_zone) + timedelta(days=CLOSES_DAYS_AFTER_DELIVERY + 1)
    return Window(opens_at=local_midnight(opens_day, time_zone), closes_at=local_midnight(closes_day, time_zone))


def next_send_time(*, candidate, time_zone, weekdays, start_hour, end_hour, horizon_days=14):
    """The first instant at or after `candidate` inside the seller's send hours.

    weekdays: ISO weekday numbers allowed (1 = Monday … 7 = Sunday);
    start_hour / end_hour: local hours, end exclusive. None when no slot falls
    within horizon_days.
    """
    zone = _zone(time_zone)
    local = candidate.astimezone(zone)
    for offset in range(horizon_days + 1):
        day = local.date() + timedelta(days=offset)
        if day.isoweekday() not in weekdays:
            continue
        slot_start = datetime.combine(day, time(start_hour), tzinfo=zone)
        slot_end = (
            datetime.combine(day, time(end_hour), tzinfo=zone)
            if end_hour < 24
            else local_midnight(day + timedelta(days=1), time_zone)
        )
        moment = max(slot_start, candidate)
        if moment < slot_end:
            return moment
    return None
