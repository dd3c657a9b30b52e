"""Plan calculations: progress, baseline, milestones, cost, durations, calendar. Pure."""
