import pytest

from feedbackhub.celery import QUEUE_NAMES, app
from feedbackhub.health import worker_heartbeat_age


@pytest.mark.parametrize(
    ("task_name", "queue"),
    [
        ("orders.import.run", "imports"),
        ("orders.sync.orders", "sync"),
        ("feedback.sync.reports", "sync"),
        ("messaging.dispatch.tick", "dispatch"),
        ("feedbackhub.heartbeat", "default"),
    ],
)
def test_tasks_are_routed_to_queues_named_by_job(task_name, queue):
    route = app.amqp.router.route({}, task_name)
    assert route["queue"].name == queue


def test_every_queue_is_declared():
    assert {queue.name for queue in app.conf.task_queues} == set(QUEUE_NAMES)


def test_beat_schedule_lives_in_one_place_and_names_real_tasks():
    app.loader.import_default_modules()
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in app.tasks


@pytest.mark.django_db
def test_heartbeat_task_writes_to_the_real_redis():
    from feedbackhub.tasks import heartbeat

    heartbeat.apply()
    assert worker_heartbeat_age() < 5
