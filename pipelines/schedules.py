"""A daily schedule (Europe/Paris): every morning, the previous day's partition; it starts stopped."""


from datetime import timedelta
from typing import Any

import dagster as dg


def build_daily_schedule(job: dg.JobDefinition | Any) -> dg.ScheduleDefinition:
    @dg.schedule(name="daily_events", job=job, cron_schedule="0 6 * * *", execution_timezone="Europe/Paris",
                 default_status=dg.DefaultScheduleStatus.STOPPED,
                 description="Every morning at 06:00 Paris time: code the articles published the day before.")
    def daily_events(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
        day = (context.scheduled_execution_time - timedelta(days=1)).date().isoformat()
        return dg.RunRequest(run_key=f"daily-{day}", partition_key=day)

    return daily_events
