"""What the monitor gives its readers: feeds, the report, charts, alerts and notifications."""
