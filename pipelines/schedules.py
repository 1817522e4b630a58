"""A daily schedule (Europe/Paris) over the whole graph; it starts stopped."""


from typing import Any

import dagster as dg


def build_daily_schedule(job: dg.JobDefinition | Any) -> dg.ScheduleDefinition:
    return dg.ScheduleDefinition(
        name="daily_events",
        job=job,
        cron_schedule="0 6 * * *",
        execution_timezone="Europe/Paris",
        default_status=dg.DefaultScheduleStatus.STOPPED,
        description="Every morning at 06:00 Paris time: code what arrived in the inbox.",
    )
