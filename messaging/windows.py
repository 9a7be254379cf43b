"""When a feedback request may be sent: Amazon's window and the seller's hours.

The Python form of what messaging.planning computes in SQL (the rules
themselves live in feedbackhub.rules); tests/messaging/test_planning.py holds
the two to each other. Pure functions over aware datetimes; calendar days are counted in the
marketplace's time zone (an order delivered "5 days ago" in Tokyo is not the
same instant as in Los Angeles), and every local time is turned back into an
aware instant with zoneinfo, so a daylight-saving change never shifts a day.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from feedbackhub.rules import local_midnight, request_window, zone


@dataclass(frozen=True)
class Window:
    opens_at: datetime
    closes_at: datetime

    def contains(self, moment):
        return self.opens_at <= moment < self.closes_at


def solicitation_window(*, earliest_delivery, latest_delivery, time_zone) -> Window:
    """Amazon's window (feedbackhub.rules.request_window) as a Window."""
    opens_at, closes_at = request_window(
        earliest_delivery=earliest_delivery, latest_delivery=latest_delivery, time_zone=time_zone
    )
    return Window(opens_at=opens_at, closes_at=closes_at)


def next_send_time(*, candidate, time_zone, weekdays, start_hour, end_hour, horizon_days=14):
    """The first instant at or after `candidate` inside the seller's send hours.

    weekdays: ISO weekday numbers allowed (1 = Monday … 7 = Sunday);
    start_hour / end_hour: local hours, end exclusive. None when no slot falls
    within horizon_days.
    """
    local_zone = zone(time_zone)
    local = candidate.astimezone(local_zone)
    for offset in range(horizon_days + 1):
        day = local.date() + timedelta(days=offset)
        if day.isoweekday() not in weekdays:
            continue
        slot_start = datetime.combine(day, time(start_hour), tzinfo=local_zone)
        slot_end = (
            datetime.combine(day, time(end_hour), tzinfo=local_zone)
            if end_hour < 24
            else local_midnight(day + timedelta(days=1), time_zone)
        )
        moment = max(slot_start, candidate)
        if moment < slot_end:
            return moment
    return None
